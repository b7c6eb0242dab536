package layout_test

import (
	"fmt"
	"strings"
	"testing"

	"nianbao/layout"
)

// overview returns an overview of n units.
func overview(n int, fee string) *layout.Overview {
	ov := &layout.Overview{
		Title:   [2]string{"平罗县汇总（N 个单位）", "2024年政府信息公开工作年度报告汇总表"},
		Lead:    []string{"2024 年，共收到工作簿若干个。"},
		Columns: []string{"序号", "单位", "状态", "新收", "办结", "收费（万元）"},
		Numeric: []bool{true, false, false, true, true, true},
		Total:   []string{"", "合计", "", "1", "2", fee},
		After:   []layout.List{{Heading: "未提交（1 个）", Items: []string{"平罗县民政局"}}, {Heading: "空（0 个）"}},
	}
	for i := 1; i <= n; i++ {
		ov.Rows = append(ov.Rows, []string{fmt.Sprint(i), fmt.Sprintf("平罗县第%d个单位", i), "已汇总", fmt.Sprint(i * 7), fmt.Sprint(i * 5), "1.5"})
	}
	return ov
}

func TestOverviewRunsOverPages(t *testing.T) {
	ov := overview(120, "180")
	doc, probs := layout.TypesetOverview(ov, faces(t))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if len(doc.Pages) < 3 {
		t.Fatalf("%d pages for 120 rows", len(doc.Pages))
	}
	texts := doc.PlainText()
	next := 1
	for i, p := range doc.Pages {
		if p.Landscape {
			t.Errorf("page %d is landscape", i+1)
		}
		if !strings.Contains(texts[i], fmt.Sprintf("— %d —", i+1)) {
			t.Errorf("page %d has no folio", i+1)
		}
		// Every page of the table starts with its header row.
		if next <= 120 && !strings.Contains(texts[i], "序号\n单位\n状态\n新收\n办结\n收费") {
			t.Errorf("page %d does not repeat the header row:\n%s", i+1, texts[i])
		}
		for next <= 120 && strings.Contains(texts[i], fmt.Sprintf("\n平罗县第%d个单位\n", next)) {
			next++
		}
		for _, it := range p.Items {
			if it.Kind == layout.Rule && (it.Y > layout.TextTop+layout.TextHeight+0.01 || it.Y2 > layout.TextTop+layout.TextHeight+0.01) {
				t.Errorf("page %d: a rule below the 版心 at %.1f", i+1, max(it.Y, it.Y2))
			}
		}
	}
	if next != 121 {
		t.Errorf("rows found in order up to %d of 120", next-1)
	}
	all := strings.Join(texts, "")
	last := texts[len(texts)-1]
	if !strings.Contains(all, "合计") || !strings.Contains(last, "平罗县民政局") || strings.Contains(all, "空（0 个）") {
		t.Errorf("the totals or the lists are wrong:\n%s", last)
	}
	if strings.Index(all, "平罗县第120个单位") > strings.Index(all, "合计") {
		t.Error("the totals are not the last row")
	}
}

func TestOverviewLandscapeWhenWide(t *testing.T) {
	ov := overview(3, "1")
	for i := range 5 {
		ov.Columns = append(ov.Columns, fmt.Sprintf("数%d", i))
		ov.Numeric = append(ov.Numeric, true)
	}
	for i := range ov.Rows {
		for range ov.Columns[6:] {
			ov.Rows[i] = append(ov.Rows[i], "12345678901234")
		}
	}
	ov.Total = nil
	doc, probs := layout.TypesetOverview(ov, faces(t))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for i, p := range doc.Pages {
		if !p.Landscape {
			t.Errorf("page %d is portrait", i+1)
		}
		for _, it := range p.Items {
			if it.Kind == layout.Rule && max(it.X, it.X2) > layout.PageHeight-layout.Mm(35)+0.01 {
				t.Errorf("page %d: a rule right of the 版心 at %.1f", i+1, max(it.X, it.X2))
			}
		}
	}
	if doc, _ := layout.TypesetOverview(overview(3, "1"), faces(t)); doc.Pages[0].Landscape {
		t.Error("a narrow table is set landscape")
	}
	for i := range ov.Rows {
		ov.Rows[i] = append(ov.Rows[i], "12345678901234", "12345678901234", "12345678901234")
	}
	ov.Columns = append(ov.Columns, "甲", "乙", "丙")
	ov.Numeric = append(ov.Numeric, true, true, true)
	if _, probs := layout.TypesetOverview(ov, faces(t)); len(probs) != 1 || !strings.Contains(probs[0].Message, "汇总表太宽") {
		t.Errorf("too wide even landscape: %v", probs)
	}
}

func TestOverviewCoverage(t *testing.T) {
	ov := overview(2, "1")
	ov.Rows[1][1] = "平罗县\U00020000局"
	if _, probs := layout.TypesetOverview(ov, faces(t)); len(probs) != 1 || !strings.Contains(probs[0].Message, "平罗县\U00020000局") {
		t.Errorf("problems %v", probs)
	}
}

func TestJoinAndStamp(t *testing.T) {
	first, _ := layout.TypesetOverview(overview(3, "1"), faces(t)) // one page
	second := typeset(t, big(), layout.Style{})
	layout.Stamp(first, "含未通过校验的单位")
	layout.Stamp(second, "含未通过校验的单位")
	doc := layout.Join(first, second)
	if want := 1 + 1 + len(second.Pages); len(doc.Pages) != want {
		t.Fatalf("%d pages, want %d (a blank page after the one-page overview)", len(doc.Pages), want)
	}
	if len(doc.Pages[1].Items) != 0 {
		t.Error("the page after an odd part is not blank")
	}
	texts := doc.PlainText()
	for i, p := range doc.Pages {
		if p.Number != i+1 {
			t.Errorf("page %d numbered %d", i+1, p.Number)
		}
		if i != 1 && !strings.Contains(texts[i], "含未通过校验的单位") {
			t.Errorf("page %d is not stamped", i+1)
		}
	}
	// The second part keeps its own folios and its outline points at its pages.
	if !strings.Contains(texts[2], "— 1 —") {
		t.Errorf("the second part's first page:\n%s", texts[2])
	}
	for _, m := range doc.Outline[1:] {
		if m.Page < 3 {
			t.Errorf("outline entry %q on page %d", m.Title, m.Page)
		}
	}
}
