package xlsx_test

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
	"nianbao/xlsx"
)

func ExampleWriteRollup() {
	r := &report.Report{Agency: "平罗县汇总（2 个单位）", Year: 2024, Fee: report.Decimal{Units: 31, Scale: 1}}
	var b bytes.Buffer
	err := xlsx.WriteRollup(&b, r, xlsx.UnitList{
		Heading: "平罗县汇总（2 个单位） 2024年 汇总单位",
		Columns: []string{"单位", "状态", "收费（万元）"},
		Numeric: []bool{false, false, true},
		Rows:    [][]string{{"平罗县公安局", "已汇总", "1.5"}, {"平罗县教育局", "已汇总", "1.6"}},
		Total:   []string{"合计", "", "3.1"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	back, _, _ := xlsx.ReadBytes("汇总-2024.xlsx", b.Bytes())
	fmt.Println(back.Agency, back.Year, back.Fee)
	f, _ := excelize.OpenReader(&b)
	rows, _ := f.GetRows(xlsx.SheetUnits)
	fmt.Println(rows[len(rows)-1])
	// Output:
	// 平罗县汇总（2 个单位） 2024 3.1
	// [合计  3.1]
}
