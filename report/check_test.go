package report_test

import (
	"fmt"
	"strings"
	"testing"

	"nianbao/report"
	"nianbao/templates"
)

// req sets one figure of table 三 and keeps its row total (R2) in step.
func req(r *report.Report, row, col int, v int64) {
	r.Requests[row][col] = v
	var sum int64
	for c := 0; c < report.RequestTotal; c++ {
		sum += r.Requests[row][c]
	}
	r.Requests[row][report.RequestTotal] = sum
}

func TestCheck(t *testing.T) {
	type want struct {
		rule     string
		severity report.Severity
		cell     string
		contains []string
	}
	tests := []struct {
		name   string
		change func(r *report.Report)
		want   []want // nil: no problems at all
	}{
		{name: "example is clean", change: func(*report.Report) {}},
		{
			name: "R1 自然人 9 new, 10 handled",
			change: func(r *report.Report) {
				req(r, report.ReqFirstResult, 0, 7)
				r.Requests[report.ReqTotal][0] = 10
				r.Requests[report.ReqTotal][report.RequestTotal] = 10
			},
			want: []want{
				{"R1", report.Error, "D6", []string{"一+二（D6+D7）= 9+0 = 9", "（七）总计+四（D29+D30）= 10+0 = 10"}},
				{"R1", report.Error, "J6", []string{"= 9+0 = 9", "= 10+0 = 10"}},
			},
		},
		{
			name: "R1 carried over balances",
			change: func(r *report.Report) {
				req(r, report.ReqCarriedIn, 0, 2)
				req(r, report.ReqCarriedOut, 0, 2)
				r.Paragraphs[3].Text = "本年新收到依申请政府信息公开9件，上年结转2件，结转下年度2件。"
			},
		},
		{
			name:   "R2 typed row total differs",
			change: func(r *report.Report) { r.Requests[report.ReqFirstResult][report.RequestTotal] = 7 },
			want: []want{
				{"R2", report.Error, "J8", []string{"六类申请人之和 = 6+0+0+0+0+0 = 6", "此格填的是 7", "请改为 6"}},
			},
		},
		{
			name: "R3 （七）总计 short",
			change: func(r *report.Report) {
				req(r, report.ReqTotal, 0, 8)
				req(r, report.ReqCarriedOut, 0, 1)
			},
			want: []want{
				{"R3", report.Error, "D29", []string{"= 9（非零的有：D8 6，D18 3）", "此格填的是 8"}},
				{"R3", report.Error, "J29", []string{"非零的有：J8 6，J18 3"}},
				{"R6", report.Warning, "", []string{"办结率 100%"}},
			},
		},
		{
			name: "R4 review total left at 0 (洪泽区 2023)",
			change: func(r *report.Report) {
				r.Appeals[report.AppealReview][0] = 10
				r.Appeals[report.AppealReview][1] = 1
				r.Paragraphs[3].Text = strings.Replace(r.Paragraphs[3].Text, "没有因政府信息公开引发的行政复议和行政诉讼。", "", 1)
			},
			want: []want{{"R4", report.Error, "E6", []string{"结果维持+结果纠正+其他结果+尚未审结 = 10+1+0+0 = 11", "此格填的是 0"}}},
		},
		{
			name: "R4 lawsuits after review",
			change: func(r *report.Report) {
				r.Appeals[report.AppealAfterReview][3] = 2
				r.Paragraphs[3].Text = strings.Replace(r.Paragraphs[3].Text, "没有因政府信息公开引发的行政复议和行政诉讼。", "", 1)
			},
			want: []want{{"R4", report.Error, "O6", []string{"= 0+0+0+2 = 2"}}},
		},
		{
			name:   "R5 negative count",
			change: func(r *report.Report) { r.Active[report.ActivePenalty][0] = -1 },
			want:   []want{{"R5", report.Error, "B12", []string{"数量是 -1"}}},
		},
		{
			name:   "R5 negative fee",
			change: func(r *report.Report) { r.Fee = report.Decimal{Units: -5, Scale: 1} },
			want:   []want{{"R5", report.Error, "B16", []string{"-0.5"}}},
		},
		{
			name:   "R9 a county bureau reports 规章",
			change: func(r *report.Report) { r.Active[report.ActiveRules][0] = 2; r.Active[report.ActiveRules][2] = 2 },
			want:   []want{{"R9", report.Warning, "B5", []string{"规章制定权"}}},
		},
		{
			name: "R9 a provincial government may",
			change: func(r *report.Report) {
				r.Agency = "宁夏回族自治区人民政府"
				r.Active[report.ActiveRules][0] = 2
			},
		},
		{
			name:   "R14 section 五 missing",
			change: func(r *report.Report) { r.Paragraphs = append(r.Paragraphs[:7:7], r.Paragraphs[10:]...) },
			want:   []want{{"R14", report.Warning, "", []string{"缺少「五、存在的主要问题及改进情况」"}}},
		},
		{
			name: "R14 a table's section typed in the narrative is fine",
			change: func(r *report.Report) {
				p := report.ParseParagraph("二、主动公开政府信息情况")
				p.Cell = "A9"
				r.Paragraphs = append(r.Paragraphs[:7:7], append([]report.Paragraph{p}, r.Paragraphs[7:]...)...)
			},
		},
		{
			name: "R14 sections out of order",
			change: func(r *report.Report) {
				p := report.ParseParagraph("四、政府信息公开行政复议、行政诉讼情况")
				p.Cell = "A30"
				r.Paragraphs = append(r.Paragraphs, p)
			},
			want: []want{{"R14", report.Warning, "A30", []string{"排在第六部分之后"}}},
		},
		{
			name:   "R14 no word on the 信息处理费",
			change: func(r *report.Report) { r.Paragraphs = r.Paragraphs[:len(r.Paragraphs)-2] },
			want:   []want{{"R14", report.Warning, "", []string{"信息处理费"}}},
		},
		{
			name:   "R15 text written for another year",
			change: func(r *report.Report) { r.Year = 2025 },
			want:   []want{{"R15", report.Warning, "", []string{"正文提到 2024 年 6 次、2025 年 0 次", "报告年度是 2025 年"}}},
		},
		{
			name: "R6 受理17件 against 95 new (洪泽区 2024)",
			change: func(r *report.Report) {
				r.Paragraphs[3].Text = "本年受理17件，全部办结。"
			},
			want: []want{{"R6", report.Warning, "", []string{"本年新收申请 17 件", "表三 J6（总计·一、本年新收）是 9"}}},
		},
		{
			name: "R6 no appeals said, one in the table",
			change: func(r *report.Report) {
				r.Appeals[report.AppealReview][0] = 1
				r.Appeals[report.AppealReview][report.AppealTotal] = 1
			},
			want: []want{{"R6", report.Warning, "", []string{"正文说没有行政复议", "表四 E6（行政复议·总计）是 1"}}},
		},
		{
			name: "R6 all closed said, some carried over",
			change: func(r *report.Report) {
				req(r, report.ReqFirstResult, 0, 5)
				req(r, report.ReqTotal, 0, 8)
				req(r, report.ReqCarriedOut, 0, 1)
			},
			want: []want{{"R6", report.Warning, "", []string{"办结率 100%", "是 1 件尚未办完"}}},
		},
		{
			name: "all zero",
			change: func(r *report.Report) {
				r.Active = [report.ActiveRows][3]int64{}
				r.Fee = report.Decimal{}
				r.Requests = [report.RequestRows][report.RequestCols]int64{}
				r.Paragraphs[3].Text = "本年无申请。"
				r.Paragraphs[15].Text = "全年办理流程规范。"
			},
			want: []want{{"全零", report.Warning, "", []string{"所有数字都是 0"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := templates.Example()
			tt.change(r)
			got := report.Check(r)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), list(got))
			}
			for i, w := range tt.want {
				p := got[i]
				if p.Rule != w.rule || p.Severity != w.severity || w.cell != "" && p.Cell != w.cell {
					t.Errorf("problem %d is %s %s %s, want %s %s %s", i, p.Rule, p.Severity, p.Cell, w.rule, w.severity, w.cell)
				}
				for _, s := range w.contains {
					if !strings.Contains(p.String(), s) {
						t.Errorf("problem %d %q lacks %q", i, p.String(), s)
					}
				}
			}
		})
	}
}

func list(ps []report.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %s %s %s\n", p.Severity, p.Rule, p)
	}
	return b.String()
}

func ExampleCheck() {
	r := templates.Example()
	// 自然人: 9 new, 0 carried in; 7 published and 3 not held, so （七）总计 is 10.
	r.Requests[report.ReqFirstResult][0], r.Requests[report.ReqFirstResult][report.RequestTotal] = 7, 7
	r.Requests[report.ReqTotal][0], r.Requests[report.ReqTotal][report.RequestTotal] = 10, 10
	for _, p := range report.Check(r) {
		fmt.Println(p.Severity, p.Rule, p)
	}
	// Output:
	// 错误 R1 表三 D6（自然人·一、本年新收）：一+二（D6+D7）= 9+0 = 9，但（七）总计+四（D29+D30）= 10+0 = 10；本列两者应相等，请核对第三项各行及第一、二、四项。
	// 错误 R1 表三 J6（总计·一、本年新收）：一+二（J6+J7）= 9+0 = 9，但（七）总计+四（J29+J30）= 10+0 = 10；本列两者应相等，请核对第三项各行及第一、二、四项。
}
