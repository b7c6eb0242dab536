package report_test

import (
	"fmt"
	"testing"

	"nianbao/report"
)

func TestParseParagraph(t *testing.T) {
	tests := []struct {
		in   string
		want report.Paragraph
	}{
		{"一、总体情况", report.Paragraph{Level: 1, Head: "一、总体情况"}},
		{"十二、其他", report.Paragraph{Level: 1, Head: "十二、其他"}},
		{"（一）主动公开。县自然资源局重点围绕", report.Paragraph{Level: 2, Head: "（一）主动公开。", Text: "县自然资源局重点围绕"}},
		{"(二)依申请公开。本年新收", report.Paragraph{Level: 2, Head: "(二)依申请公开。", Text: "本年新收"}},
		{"（一）2024年政务公开工作要点落实情况。", report.Paragraph{Level: 2, Head: "（一）2024年政务公开工作要点落实情况。"}},
		{"1.加大重点领域信息公开力度。结合", report.Paragraph{Level: 3, Head: "1.加大重点领域信息公开力度。", Text: "结合"}},
		{"2．加大力度", report.Paragraph{Level: 3, Head: "2．加大力度"}},
		{"（1）细项", report.Paragraph{Level: 4, Head: "（1）细项"}},
		{"二是根据本单位职责", report.Paragraph{Text: "二是根据本单位职责"}},
		{"3.5万元用于", report.Paragraph{Text: "3.5万元用于"}},
		{"2024年，平罗县", report.Paragraph{Text: "2024年，平罗县"}},
		{"（一二）混乱", report.Paragraph{Level: 2, Head: "（一二）混乱"}},
		{"（a）不是标题", report.Paragraph{Text: "（a）不是标题"}},
		{"  一、总体情况 ", report.Paragraph{Level: 1, Head: "一、总体情况"}},
		// A numbered sentence whose first 「。」 comes late is body text.
		{"（三）" + repeat("很长的句子", 10) + "。后文", report.Paragraph{Level: 2, Text: "（三）" + repeat("很长的句子", 10) + "。后文"}},
	}
	for _, tt := range tests {
		if got := report.ParseParagraph(tt.in); got != tt.want {
			t.Errorf("ParseParagraph(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func repeat(s string, n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += s
	}
	return out
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"1721.5492", "1721.5492", nil},
		{"1721.5492000000001", "1721.5492", nil},
		{"0", "0", nil},
		{"000120", "120", nil},
		{"12.50", "12.5", nil},
		{"-3", "-3", nil},
		{"1.5E+3", "1500", nil},
		{"2.5e-2", "0.025", nil},
		{".5", "0.5", nil},
		{"3985758", "3985758", nil},
		{"0.30000000000000004", "0.3", nil},
		{"", "", report.ErrNotNumber},
		{".", "", report.ErrNotNumber},
		{"12a", "", report.ErrNotNumber},
		{"1e99", "", report.ErrTooLarge},
	}
	for _, tt := range tests {
		d, err := report.ParseDecimal(tt.in)
		if err != tt.err {
			t.Errorf("ParseDecimal(%q) error %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err == nil && d.String() != tt.want {
			t.Errorf("ParseDecimal(%q) = %s, want %s", tt.in, d, tt.want)
		}
	}
}

func TestA1AndTemplateCell(t *testing.T) {
	tests := []struct {
		f    report.Field
		want string
	}{
		{report.Field{Table: report.TableRequests, Row: report.ReqNew, Col: 0}, "D6"},
		{report.Field{Table: report.TableRequests, Row: report.ReqTotal, Col: report.RequestTotal}, "J29"},
		{report.Field{Table: report.TableRequests, Row: report.ReqCarriedOut, Col: 0}, "D30"},
		{report.Field{Table: report.TableActive, Row: report.ActiveRules, Col: 2}, "D5"},
		{report.Field{Table: report.TableActive, Row: report.ActiveFee, Col: 0}, "B16"},
		{report.Field{Table: report.TableAppeals, Row: report.AppealAfterReview, Col: report.AppealTotal}, "O6"},
	}
	for _, tt := range tests {
		if got := report.TemplateCell(tt.f); got != tt.want {
			t.Errorf("TemplateCell(%+v) = %s, want %s", tt.f, got, tt.want)
		}
	}
	if got := report.A1(1, 27); got != "AA1" {
		t.Errorf("A1(1, 27) = %s", got)
	}
}

// TestFormatShape pins the shape of the three tables of the 2021 format.
func TestFormatShape(t *testing.T) {
	want := map[report.TableID]struct{ rows, cols, inputs, totals int }{
		report.TableActive:   {14, 4, 10, 0},
		report.TableRequests: {28, 10, 24 * 6, 25 + 6},
		report.TableAppeals:  {4, 15, 12, 3},
	}
	for _, tb := range report.Tables() {
		w := want[tb.ID]
		inputs, totals := 0, 0
		covered := map[[2]int]bool{}
		for _, c := range tb.Cells {
			switch c.Kind {
			case report.Input:
				inputs++
			case report.Total:
				totals++
			}
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				for k := c.Col; k < c.Col+c.ColSpan; k++ {
					if covered[[2]int{r, k}] {
						t.Errorf("%s: grid cell (%d,%d) covered twice", tb.Sheet, r, k)
					}
					covered[[2]int{r, k}] = true
				}
			}
		}
		if tb.Rows != w.rows || tb.Cols != w.cols || inputs != w.inputs || totals != w.totals {
			t.Errorf("%s: %d×%d grid, %d inputs, %d totals; want %d×%d, %d, %d", tb.Sheet, tb.Rows, tb.Cols, inputs, totals, w.rows, w.cols, w.inputs, w.totals)
		}
		if len(covered) != tb.Rows*tb.Cols {
			t.Errorf("%s: %d of %d grid cells covered", tb.Sheet, len(covered), tb.Rows*tb.Cols)
		}
		if len(tb.Widths) != tb.Cols {
			t.Errorf("%s: %d widths for %d columns", tb.Sheet, len(tb.Widths), tb.Cols)
		}
	}
	if got := report.RequestRowLabel(6); got != "3.危及“三安全一稳定”" {
		t.Errorf("row 6 of table 三 is %q", got)
	}
}

func ExampleParseParagraph() {
	p := report.ParseParagraph("（一）主动公开。县自然资源局重点围绕日常工作动态发布政务新媒体信息。")
	fmt.Printf("level %d, head %q, text %q\n", p.Level, p.Head, p.Text)
	// Output: level 2, head "（一）主动公开。", text "县自然资源局重点围绕日常工作动态发布政务新媒体信息。"
}

func ExampleDecimal() {
	d, _ := report.ParseDecimal("1721.54920")
	fmt.Println(d, d.Units, d.Scale)
	// Output: 1721.5492 17215492 4
}
