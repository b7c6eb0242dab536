package report_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/sample"
	"nianbao/report"
)

// corpusPair returns a published report and a last year's report made from
// it with NextYear's carry-overs, the narrative rewritten.
func corpusPair(t *testing.T, name string) (cur *report.Report, prev report.Previous) {
	t.Helper()
	c, err := readCorpus(filepath.Join("testdata", "corpus", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return c.report, report.Previous{Report: c.report, File: name + ".xlsx"}
}

func TestCheckPrevious(t *testing.T) {
	// last is the 2025 report of 沭阳县人民政府; this is next year's,
	// started with NextYear and then filled.
	last, prev := corpusPair(t, "shuyang-county-2025")
	fresh := func() *report.Report {
		next, _ := report.NextYear(last)
		for i := range next.Paragraphs {
			next.Paragraphs[i].Cell = report.A1(i+2, 1)
		}
		return next
	}
	rewritten := func(r *report.Report) {
		for i := range r.Paragraphs {
			if r.Paragraphs[i].Text != "" {
				r.Paragraphs[i].Text = fmt.Sprintf("第%s段改写后的内容，讲本年度的新做法和新成效。", strings.Repeat("新", i%7+1))
			}
		}
	}
	tests := []struct {
		name   string
		change func(r *report.Report)
		want   []string // rule and a part of the message
	}{
		{"carried over as last year left it, text rewritten", rewritten, nil},
		{"one carried-over figure changed", func(r *report.Report) {
			rewritten(r)
			r.Requests[report.ReqCarriedIn][0] = 30
			r.Requests[report.ReqCarriedIn][report.RequestTotal] = 30
		}, []string{"R7 本年的二、上年结转（「本年.xlsx」表三 D7）是 30，但上年报告的四、结转下年度继续办理（「shuyang-county-2025.xlsx」表三 D30）是 31"}},
		{"规范性文件 in force adds up", func(r *report.Report) {
			rewritten(r)
			r.Active[report.ActiveNormative] = [3]int64{5, 2, 35}
		}, nil},
		{"规范性文件 in force does not", func(r *report.Report) {
			rewritten(r)
			r.Active[report.ActiveNormative] = [3]int64{5, 2, 40}
		}, []string{"R8 上年的现行有效件数（「shuyang-county-2025.xlsx」表二 D6）32 + 本年制发 5 − 本年废止 2 = 35"}},
		{"text copied from last year, figures changed", func(r *report.Report) {
			for i := range r.Paragraphs {
				r.Paragraphs[i].Text = strings.ReplaceAll(r.Paragraphs[i].Text, "2025", "2026")
			}
		}, []string{"R16 正文有 100% 与上年报告（「shuyang-county-2025.xlsx」）相同（数字和年份不计），超过一半；考核评估对内容雷同会扣分，请按本年度的工作改写。重复最长的几段：正文 A7「一是拓宽主动公开渠道。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fresh()
			tt.change(r)
			expectProblems(t, report.CheckPrevious(r, "本年.xlsx", prev), tt.want)
		})
	}
}

// TestRepeatedShare: half of the narrative copied is not yet a warning,
// more is.
func TestRepeatedShare(t *testing.T) {
	prev := sample.Example()
	for _, tt := range []struct {
		name string
		keep int // paragraphs kept from last year, of the example's 19
		warn bool
	}{
		{"all rewritten", 0, false},
		{"the first paragraph kept", 2, false},
		{"all kept", 19, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := sample.Example()
			r.Year = 2025
			for i := tt.keep; i < len(r.Paragraphs); i++ {
				if r.Paragraphs[i].Text != "" {
					r.Paragraphs[i].Text = strings.Repeat("今年", i+1) + "另写的一段，内容全然不同。"
				}
			}
			got := report.CheckPrevious(r, "本年.xlsx", report.Previous{Report: prev, File: "上年.xlsx"})
			if (len(got) > 0) != tt.warn {
				t.Errorf("got %s, want a warning: %v", list(got), tt.warn)
			}
		})
	}
}

func ExampleCheckPrevious() {
	last := sample.Example() // 2024: 9 new, none carried to 2025
	r := sample.Example()
	r.Year = 2025
	r.Requests[report.ReqCarriedIn][0], r.Requests[report.ReqCarriedIn][report.RequestTotal] = 1, 1
	r.Requests[report.ReqTotal][0], r.Requests[report.ReqTotal][report.RequestTotal] = 10, 10
	r.Requests[report.ReqFirstResult][0], r.Requests[report.ReqFirstResult][report.RequestTotal] = 7, 7
	for _, p := range report.CheckPrevious(r, "2025.xlsx", report.Previous{Report: last, File: "2024.xlsx"}) {
		fmt.Println(p.Rule, p.Cell)
	}
	// Output:
	// R7 D7
	// R16
}

func ExampleNextYear() {
	last := sample.Example()
	last.Requests[report.ReqCarriedOut][0], last.Requests[report.ReqCarriedOut][report.RequestTotal] = 2, 2
	next, carried := report.NextYear(last)
	fmt.Println(next.Year, next.Agency, next.Requests[report.ReqCarriedIn][report.RequestTotal], len(carried))
	// Output: 2025 平罗县自然资源局 2 9
}
