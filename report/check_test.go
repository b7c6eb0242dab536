package report_test

import (
	"fmt"
	"strings"
	"testing"

	"nianbao/internal/sample"
	"nianbao/report"
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
			want: []want{{"R6", report.Warning, "", []string{"收到的申请 17 件", "表三 J6（总计·一、本年新收）是 9"}}},
		},
		{
			name: "R6 no appeals said, one in the table",
			change: func(r *report.Report) {
				r.Appeals[report.AppealReview][0] = 1
				r.Appeals[report.AppealReview][report.AppealTotal] = 1
			},
			want: []want{{"R6", report.Warning, "", []string{"（没有行政复议）", "表四 E6（行政复议·总计）是 1"}}},
		},
		{
			name: "R6 all closed said, some carried over",
			change: func(r *report.Report) {
				req(r, report.ReqFirstResult, 0, 5)
				req(r, report.ReqTotal, 0, 8)
				req(r, report.ReqCarriedOut, 0, 1)
			},
			want: []want{{"R6", report.Warning, "", []string{"办结率 100%", "是 1，有申请尚未办完"}}},
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
			r := sample.Example()
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

// expectProblems checks problems against 「rule part」 lines, in order: each
// problem has the rule and its message holds the part.
func expectProblems(t *testing.T, got []report.Problem, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), list(got))
	}
	for i, w := range want {
		rule, part, _ := strings.Cut(w, " ")
		if got[i].Rule != rule || !strings.Contains(got[i].String(), part) {
			t.Errorf("problem %d is %q, want %s with %q", i, got[i].String(), rule, part)
		}
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
	r := sample.Example()
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

// TestTraps holds the readings that real reports use and that once gave
// false warnings, each beside a case where the rule rightly fires.
func TestTraps(t *testing.T) {
	// para sets the text of 「（二）依申请公开。」 (paragraph 3 of the example).
	para := func(text string) func(r *report.Report) {
		return func(r *report.Report) { r.Paragraphs[3].Text = text }
	}
	withAppeals := func(kept, corrected int64, text string) func(r *report.Report) {
		return func(r *report.Report) {
			r.Appeals[report.AppealReview] = [5]int64{kept, corrected, 0, 0, kept + corrected}
			r.Appeals[report.AppealDirect] = [5]int64{2, 0, 0, 0, 2}
			r.Paragraphs[3].Text = text
		}
	}
	fee := func(text string) func(r *report.Report) {
		return func(r *report.Report) {
			r.Paragraphs = append(r.Paragraphs[:len(r.Paragraphs)-2:len(r.Paragraphs)-2], report.ParseParagraph(text))
		}
	}
	rules := func(agency string) func(r *report.Report) {
		return func(r *report.Report) { r.Agency = agency; r.Active[report.ActiveRules] = [3]int64{2, 0, 2} }
	}
	carried := func(text string) func(r *report.Report) {
		return func(r *report.Report) {
			req(r, report.ReqCarriedIn, 0, 2)
			req(r, report.ReqFirstResult, 0, 8)
			req(r, report.ReqTotal, 0, 11)
			r.Paragraphs[3].Text = text
		}
	}
	tests := []struct {
		name   string
		change func(r *report.Report)
		want   []string // rule and a part of the message; nil: no problem
	}{
		{"outcome sentence with cases and none corrected", withAppeals(3, 0, "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。"), nil},
		{"outcome sentence with one corrected", withAppeals(3, 1, "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。"),
			[]string{"R6 表四 B6（行政复议·结果纠正）是 1"}},
		{"未被纠错 after a count", withAppeals(1, 0, "本年有1件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。"), nil},
		{"a count of 行政复议", withAppeals(3, 0, "本年发生行政复议4件。"), []string{"R6 （行政复议件数 4 件），但表四 E6（行政复议·总计）是 3"}},
		{"no cases said, cases in the table", withAppeals(3, 0, "没有因政府信息公开引发的行政复议和行政诉讼。"),
			[]string{"R6 （没有行政复议）", "R6 （没有行政诉讼），但表四 行政诉讼·总计（J6+O6）是 2"}},
		{"备案 cases differ on purpose", withAppeals(3, 0, "全年备案审查行政复议案件5件。"), nil},
		{"受理 means 一+二", carried("本年受理政府信息公开申请11件，办结11件（含上年结转2件）。"), nil},
		{"受理 means 一", carried("本年受理政府信息公开申请9件，上年结转2件。"), nil},
		{"受理 neither", carried("本年受理政府信息公开申请12件。"), []string{"R6 一+二（J6+J7）是 11"}},
		{"办理事项 is no verb", carried("全年共收到依申请公开办理事项9件。"), nil},
		{"收办 and 办理", carried("全年共收办依申请公开11件，共办理11件。"), nil},
		{"applicant qualifier", carried("共受理政府信息公开申请11件，其中自然人申请11件。"), nil},
		{"网络问政 is not an application", para("全年受理网络问政182件，依申请公开9件。"), nil},
		{"行政许可申请 is not one", para("全年未收到行政许可申请；本年新收到依申请政府信息公开9件。"), nil},
		{"未接到 yet 9 new", para("全年未接到信息公开申请。"), []string{"R6 （没有收到申请），但表三 J6（总计·一、本年新收）是 9"}},
		{"handled by another body", para("本年新收申请9件，委托县自然资源局办理自然资源类政府信息公开申请25件。"), nil},
		{"an inquiry assisted for another body", para("本年新收申请9件，共办理9件。办理省政府办公厅协助调查2件。"), nil},
		{"转下年度办理 is carried over", carried("本年共收到政府信息公开申请9件，上年结转2件，公开答复11件，转下年度办理0件。"), nil},
		{"转下年度办理 wrong", carried("本年共收到政府信息公开申请9件，上年结转2件，公开答复9件，转下年度办理2件。"),
			[]string{"R6 （结转下年度申请 2 件），但表三 J30（总计·四、结转下年度）是 0"}},
		{"政务服务事项 in the same sentence", para("本年新收申请9件，共办理9件。窗口共受理政务服务事项2190件，不予受理484件，许可办结送达1628件。"), nil},
		{"结转到 next year", carried("全年共收到依申请公开件9件，上年度结转办理件2件，共办结11件，结转到下一年办理0件。"), nil},
		{"上年度结转办理 is read", carried("全年共收到依申请公开件9件，上年度结转办理件3件。"), []string{"R6 （上年结转申请 3 件），但表三 J7（总计·二、上年结转）是 2"}},
		{"结转上年度 is last year's (大冶市 2025, 武汉市公安局 2024)", carried("本年新收政府信息公开申请9件，结转上年度依申请公开2件，办理答复11件，结转下年度办理0件。"), nil},
		{"结转上年度 is read", carried("本年新收政府信息公开申请9件，结转上年度依申请公开3件。"), []string{"R6 （上年结转申请 3 件），但表三 J7（总计·二、上年结转）是 2"}},
		{"通过网站 counts one channel", para("本年新收申请9件。通过政府门户网站共办理并答复信息公开申请3件、纸质申请6件。"), nil},
		{"a channel is part of the new ones", para("全年依申请公开共收到群众网上申请5件，快递4件，合计9件。"), nil},
		{"a claim on a total found wrong waits for the table", func(r *report.Report) {
			r.Requests[report.ReqFirstResult][report.RequestTotal] = 0 // 予以公开 总计 left blank: R2
			r.Paragraphs[3].Text = "本年新收申请9件，予以公开6件（66.67%）。"
		}, []string{"R2 J8"}},
		{"部分予以公开 is 部分公开", para("本年新收申请9件，予以公开6件；部分予以公开0件；无法提供3件。"), nil},
		{"an office states the whole county", func(r *report.Report) {
			r.Agency = "攸县人民政府办公室"
			para("2023年，全县共受理依申请公开62件（其中上年结转3件）。")(r)
		}, nil},
		{"健全市场 is not the whole city", func(r *report.Report) {
			r.Agency = "某市市场监督管理局"
			para("为健全市场秩序，本年新收政府信息公开申请12件。")(r)
		}, []string{"R6 （本年新收申请 12 件）"}},
		{"a government states the whole county", func(r *report.Report) {
			r.Agency = "沭阳县人民政府"
			para("全县全年共受理政府信息公开申请12件。")(r)
		}, []string{"R6 （收到的申请 12 件）"}},
		{"无…申请结转 is about carried-over ones", para("本年新收政府信息公开申请9件，办结9件。全年无政府信息公开申请结转办理情况。"), nil},
		{"未收到依申请公开行政复议 is about cases", para("本年共收到依申请公开办理事项9件。2024年度，未收到依申请公开行政复议、行政诉讼案件。"), nil},
		{"12345 热线 办理", para("共办理政府12345热线47件，依申请公开9件。"), nil},
		{"share right", para("本年新收申请9件，予以公开6件（66.67%），无法提供3件（33.3%）。"), nil},
		{"share wrong", para("本年新收申请9件，予以公开6件（60%）。"), []string{"R6 6 ÷ 表三 J29（总计·（七）总计）9 = 67%"}},
		{"result count wrong", para("本年新收申请9件，不予公开2件。"), []string{"R6 （不予公开 2 件），但表三 （三）不予公开"}},
		{"fee: 未收取…处理费", fee("本年度未收取信息公开处理费。"), nil},
		{"fee: 未发生收费事项", fee("2024年，本局未发生政府信息公开收费事项。"), nil},
		{"fee: 未发生收费情况", fee("2023年度，本局政府信息公开未发生收费情况。"), nil},
		{"fee: 收取 0 元", fee("本年度收取信息处理费0元。"), nil},
		{"fee: own sub-heading", func(r *report.Report) {
			fee("（一）信息处理费收取情况。")(r)
			r.Paragraphs = append(r.Paragraphs, report.ParseParagraph("本年度未发生。"))
		}, nil},
		{"fee: nothing said", fee("无。"), []string{"R14 信息处理费"}},
		{"R9 直辖市办公厅", rules("上海市人民政府办公厅"), nil},
		{"R9 设区的市", rules("湛江市人民政府"), nil},
		{"R9 自治州", rules("恩施土家族苗族自治州人民政府"), nil},
		{"R9 国务院部门", rules("国家税务总局"), nil},
		{"R9 a district", rules("南京市鼓楼区人民政府"), []string{"R9 规章制定权"}},
		{"R9 a city bureau", rules("上海市科学技术委员会"), []string{"R9 规章制定权"}},
		{"own numbering", func(r *report.Report) {
			p := report.ParseParagraph("二、工作机制保障")
			p.Cell = "A4"
			r.Paragraphs = append(r.Paragraphs[:2:2], append([]report.Paragraph{p}, r.Paragraphs[2:]...)...)
		}, []string{"R14 A4：「二、工作机制保障」不是国家格式的第二部分：国家格式的第二部分是「二、主动公开政府信息情况」"}},
		{"heading variant", func(r *report.Report) {
			r.Paragraphs[7] = report.ParseParagraph("五、存在的主要问题及整改措施")
		}, nil},
		{"misnumbered 其他", func(r *report.Report) {
			p := report.ParseParagraph("五、其他需要报告的事项")
			p.Cell = "A20"
			r.Paragraphs[10] = p
		}, []string{"R14 A20：「五、其他需要报告的事项」的编号与国家格式不符：这一部分在国家格式里是「六、其他需要报告的事项」"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sample.Example()
			tt.change(r)
			expectProblems(t, report.Check(r), tt.want)
		})
	}
}
