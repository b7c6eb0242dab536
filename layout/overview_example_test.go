package layout_test

import (
	"fmt"

	"nianbao/fonts"
	"nianbao/layout"
)

func ExampleTypesetOverview() {
	faces, _ := fonts.Embedded()
	ov := &layout.Overview{
		Title:   [2]string{"平罗县汇总（2 个单位）", "2024年政府信息公开工作年度报告汇总表"},
		Columns: []string{"序号", "单位", "新收"},
		Numeric: []bool{true, false, true},
		Rows:    [][]string{{"1", "平罗县公安局", "3"}, {"2", "平罗县教育局", "4"}},
		Total:   []string{"", "合计", "7"},
		After:   []layout.List{{Heading: "未提交（1 个）", Items: []string{"平罗县民政局"}}},
	}
	doc, _ := layout.TypesetOverview(ov, faces)
	fmt.Println(len(doc.Pages), "page, landscape:", doc.Pages[0].Landscape)
	fmt.Print(doc.PlainText()[0])
	// Output:
	// 1 page, landscape: false
	// 平罗县汇总（2个单位）
	// 2024年政府信息公开工作年度报告汇总表
	// 序号
	// 单位
	// 新收
	// 1
	// 平罗县公安局
	// 3
	// 2
	// 平罗县教育局
	// 4
	// 合计
	// 7
	// 未提交（1个）
	// 平罗县民政局
	// — 1 —
}

func ExampleJoin() {
	faces, _ := fonts.Embedded()
	part := func(title string) *layout.Document {
		d, _ := layout.TypesetOverview(&layout.Overview{Title: [2]string{title, "汇总表"}, Columns: []string{"单位"}, Numeric: []bool{false}}, faces)
		return d
	}
	doc := layout.Join(part("甲"), part("乙"))
	for _, p := range doc.Pages {
		fmt.Println(p.Number, len(p.Items) > 0)
	}
	// Output:
	// 1 true
	// 2 false
	// 3 true
}
