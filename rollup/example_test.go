package rollup_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"nianbao/report"
	"nianbao/rollup"
	"nianbao/xlsx"
)

func ExampleSum() {
	dir, _ := os.MkdirTemp("", "units")
	defer os.RemoveAll(dir)
	var inputs []string
	for i, name := range []string{"平罗县教育体育局", "平罗县公安局"} {
		r := &report.Report{Agency: name, Year: 2024, Fee: report.Decimal{Units: 15 + int64(i), Scale: 1}}
		r.Requests[report.ReqNew][0], r.Requests[report.ReqNew][report.RequestTotal] = 3, 3
		r.Requests[report.ReqFirstResult][0], r.Requests[report.ReqFirstResult][report.RequestTotal] = 3, 3
		r.Requests[report.ReqTotal][0], r.Requests[report.ReqTotal][report.RequestTotal] = 3, 3
		var b bytes.Buffer
		xlsx.WriteTemplate(&b, r)
		p := filepath.Join(dir, name+".xlsx")
		os.WriteFile(p, b.Bytes(), 0o644)
		inputs = append(inputs, p)
	}
	ro, err := rollup.Sum(inputs, rollup.Options{Units: []string{"平罗县教育局", "平罗县公安局", "平罗县民政局"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ro.Report.Agency)
	fmt.Println("新收", ro.Report.Requests[report.ReqNew][report.RequestTotal], "收费", ro.Report.Fee, "万元")
	fmt.Println(ro.Summary())
	for _, u := range ro.Units {
		fmt.Println(strings.TrimSpace(u.Name + " " + u.Status.String() + " " + u.Listed))
	}
	// Output:
	// 平罗县汇总（2 个单位）
	// 新收 6 收费 3.1 万元
	// 2024 年，共 2 个工作簿：已汇总 2 个；单位名单 3 个单位，未提交 1 个，名称不一致 1 个。
	// 平罗县教育体育局 已汇总 平罗县教育局
	// 平罗县公安局 已汇总
	// 平罗县民政局 未提交
}

func ExampleParseList() {
	// Notepad's UTF-8, with a byte order mark, CRLF and a blank line.
	fmt.Printf("%q\n", rollup.ParseList([]byte("\uFEFF平罗县教育局\r\n\r\n平罗县 公安局\r\n")))
	// Output: ["平罗县教育局" "平罗县 公安局"]
}

func ExampleNearMiss() {
	fmt.Println(rollup.NearMiss("平罗县教育局", "平罗县教育体育局"))
	fmt.Println(rollup.NearMiss("平罗县审计局", "平罗县统计局"))
	// Output:
	// true
	// false
}

func ExampleCommonParent() {
	fmt.Println(rollup.CommonParent([]string{"石嘴山市平罗县教育局", "石嘴山市平罗县公安局"}))
	// Output: 石嘴山市平罗县
}
