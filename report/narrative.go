package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A claim is a figure the narrative quotes, and where the tables hold it.
type claim struct {
	re   *regexp.Regexp
	what string                  // the figure in words
	want func(r *Report) int64   // the table's figure
	cite func(r *Report) string  // the table cell(s) it comes from
	alt  func(r *Report) []int64 // other values that are also right
}

func reqTotal(row int) func(*Report) int64 {
	return func(r *Report) int64 { return r.Requests[row][RequestTotal] }
}

func reqCite(row int) func(*Report) string {
	return func(r *Report) string {
		f := Field{TableRequests, row, RequestTotal}
		return fmt.Sprintf("表三 %s（%s）", r.CellOf(f), FieldLabel(f))
	}
}

func appealTotal(groups ...int) func(*Report) int64 {
	return func(r *Report) int64 {
		var n int64
		for _, g := range groups {
			n += r.Appeals[g][AppealTotal]
		}
		return n
	}
}

func appealCite(groups ...int) func(*Report) string {
	return func(r *Report) string {
		var s []string
		for _, g := range groups {
			f := Field{TableAppeals, g, AppealTotal}
			s = append(s, fmt.Sprintf("%s（%s）", r.CellOf(f), FieldLabel(f)))
		}
		return "表四 " + strings.Join(s, "+")
	}
}

// The numbers are matched after spaces are removed (「9 件」 is 「9件」).
var claims = []claim{
	{re: regexp.MustCompile(`(?:新收|收到|受理|接收)[^。；，,]{0,16}?申请[^。；，,]{0,6}?(\d+)件`), what: "本年新收申请", want: reqTotal(ReqNew), cite: reqCite(ReqNew),
		alt: func(r *Report) []int64 {
			return []int64{r.Requests[ReqNew][RequestTotal] + r.Requests[ReqCarriedIn][RequestTotal]}
		}},
	{re: regexp.MustCompile(`(?:新收|收到|受理)[^。；，,申]{0,16}?(\d+)件`), what: "本年新收申请", want: reqTotal(ReqNew), cite: reqCite(ReqNew),
		alt: func(r *Report) []int64 {
			return []int64{r.Requests[ReqNew][RequestTotal] + r.Requests[ReqCarriedIn][RequestTotal]}
		}},
	{re: regexp.MustCompile(`(\d+)件依申请`), what: "依申请公开件数", want: reqTotal(ReqNew), cite: reqCite(ReqNew),
		alt: func(r *Report) []int64 {
			return []int64{r.Requests[ReqNew][RequestTotal] + r.Requests[ReqCarriedIn][RequestTotal]}
		}},
	{re: regexp.MustCompile(`办结[^。；，,率]{0,10}?(\d+)件`), what: "办结件数", want: reqTotal(ReqTotal), cite: reqCite(ReqTotal)},
	{re: regexp.MustCompile(`上年(?:度)?结转[^。；，,]{0,10}?(\d+)件`), what: "上年结转件数", want: reqTotal(ReqCarriedIn), cite: reqCite(ReqCarriedIn)},
	{re: regexp.MustCompile(`结转(?:至|到)?下(?:一)?年(?:度)?[^。；，,]{0,10}?(\d+)件`), what: "结转下年度件数", want: reqTotal(ReqCarriedOut), cite: reqCite(ReqCarriedOut)},
	{re: regexp.MustCompile(`行政复议(?:案件)?(\d+)件`), what: "行政复议件数", want: appealTotal(AppealReview), cite: appealCite(AppealReview)},
	{re: regexp.MustCompile(`(\d+)件行政复议`), what: "行政复议件数", want: appealTotal(AppealReview), cite: appealCite(AppealReview)},
	{re: regexp.MustCompile(`行政诉讼(?:案件)?(\d+)件`), what: "行政诉讼件数", want: appealTotal(AppealDirect, AppealAfterReview), cite: appealCite(AppealDirect, AppealAfterReview)},
	{re: regexp.MustCompile(`(\d+)件行政诉讼`), what: "行政诉讼件数", want: appealTotal(AppealDirect, AppealAfterReview), cite: appealCite(AppealDirect, AppealAfterReview)},
	{re: regexp.MustCompile(`(?:制发|印发|出台|制定)[^。；，,]{0,8}?规章(\d+)件`), what: "本年制发规章件数",
		want: func(r *Report) int64 { return r.Active[ActiveRules][0] }, cite: activeCite(ActiveRules)},
	{re: regexp.MustCompile(`(?:制发|印发|出台|制定)[^。；，,]{0,8}?规范性文件(\d+)件`), what: "本年制发规范性文件件数",
		want: func(r *Report) int64 { return r.Active[ActiveNormative][0] }, cite: activeCite(ActiveNormative)},
}

func activeCite(row int) func(*Report) string {
	return func(r *Report) string {
		f := Field{TableActive, row, 0}
		return fmt.Sprintf("表二 %s（%s）", r.CellOf(f), FieldLabel(f))
	}
}

var (
	noAppealRe   = regexp.MustCompile(`(?:没有|未发生|未出现|无)[^。；]{0,24}?行政复议`)
	noLawsuitRe  = regexp.MustCompile(`(?:没有|未发生|未出现|无)[^。；]{0,24}?行政诉讼`)
	allClosedRe  = regexp.MustCompile(`办结率(?:达到?|为)?100%`)
	spaceRemover = strings.NewReplacer(" ", "", "\u3000", "", "\u00a0", "", "\t", "")
)

// checkNarrative is R6: the figures the narrative quotes equal the tables.
func checkNarrative(r *Report) []Problem {
	var ps []Problem
	warn := func(p Paragraph, msg string, args ...any) {
		ps = append(ps, Problem{Rule: "R6", Severity: Warning, Sheet: "正文", Cell: p.Cell, Message: fmt.Sprintf(msg, args...)})
	}
	for _, p := range r.Paragraphs {
		text := spaceRemover.Replace(p.String())
		for _, sentence := range strings.FieldsFunc(text, func(c rune) bool { return c == '。' || c == '；' }) {
			done := map[string]bool{}
			for _, c := range claims {
				if done[c.what] {
					continue
				}
				m := c.re.FindStringSubmatch(sentence)
				if m == nil {
					continue
				}
				done[c.what] = true
				n, err := strconv.ParseInt(m[1], 10, 64)
				if err != nil {
					continue
				}
				want := c.want(r)
				ok := n == want
				if c.alt != nil {
					for _, a := range c.alt(r) {
						ok = ok || n == a
					}
				}
				if !ok {
					warn(p, "正文说「%s」（%s %d 件），但%s是 %d；请核对正文或表格。", m[0], c.what, n, c.cite(r), want)
				}
			}
			if noAppealRe.MatchString(sentence) && !done["行政复议件数"] {
				if n := appealTotal(AppealReview)(r); n != 0 {
					warn(p, "正文说没有行政复议，但%s是 %d；请核对正文或表四。", appealCite(AppealReview)(r), n)
				}
			}
			if noLawsuitRe.MatchString(sentence) && !done["行政诉讼件数"] {
				if n := appealTotal(AppealDirect, AppealAfterReview)(r); n != 0 {
					warn(p, "正文说没有行政诉讼，但%s是 %d；请核对正文或表四。", appealCite(AppealDirect, AppealAfterReview)(r), n)
				}
			}
			if allClosedRe.MatchString(sentence) {
				if n := r.Requests[ReqCarriedOut][RequestTotal]; n != 0 {
					warn(p, "正文说办结率 100%%，但%s是 %d 件尚未办完；请核对正文或表三。", reqCite(ReqCarriedOut)(r), n)
				}
			}
		}
	}
	return ps
}
