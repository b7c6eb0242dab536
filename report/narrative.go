package report

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"nianbao/internal/lazyre"
)

// R6 reads the narrative as a list of claims. A claim is a subject (what is
// counted), optional qualifiers (an applicant type, a share) and a number or
// a negation. Only claims whose reading is unambiguous are checked; every
// reading real reports use is accepted (「受理 N 件」 is 一 or 一+二).

// A reading is one table figure a claim may mean: its value and the cells it
// is made of.
type reading struct {
	name   string
	value  int64
	fields []Field
}

// A subject is what a number in the narrative counts.
type subject struct {
	key      string // the words that name it
	what     string // the figure in words, for messages
	specific bool   // names one figure; a generic verb (受理, 办理) needs an application context
	// readings returns the figures the claim may mean, over the given
	// columns of table 三 (nil: the 总计 column).
	readings func(r *Report, cols []int) []reading
	// needs is a condition on the clause: the subject only counts when it holds.
	needs func(c *clauseCtx) bool
}

type clauseCtx struct {
	clause    string // the clause, spaces removed
	prefix    string // the clause up to the number
	sentence  string // the sentence
	appDomain bool   // the sentence (so far) is about applications for disclosure
	paraApp   bool   // the paragraph (so far) is about applications for disclosure
	// wrong are the totals R2–R4 found wrong: a claim on them is not judged,
	// the table is mended first
	wrong map[Field]bool
	// elsewhere: an earlier clause of the sentence is about another matter
	// (政务服务事项, 行政许可, 热线…), so the clauses after it are too unless
	// they name applications for disclosure themselves
	elsewhere bool
}

// reqRows is a reading of the sum of rows of table 三 over columns.
func reqRows(name string, r *Report, cols []int, rows ...int) reading {
	if cols == nil {
		cols = []int{RequestTotal}
	}
	rd := reading{name: name}
	for _, row := range rows {
		for _, c := range cols {
			rd.value += r.Requests[row][c]
			rd.fields = append(rd.fields, Field{TableRequests, row, c})
		}
	}
	return rd
}

// Rows of table 三 by result, as RequestRowLabel lists them.
var (
	rowsWithheld  = GroupRows(GroupWithheld)
	rowsNotHeld   = GroupRows(GroupNotHeld)
	rowsNotDealt  = GroupRows(GroupNotDealt)
	rowsOtherwise = GroupRows(GroupOther)
)

func oneReading(name string, rows ...int) func(*Report, []int) []reading {
	return func(r *Report, cols []int) []reading { return []reading{reqRows(name, r, cols, rows...)} }
}

func appealReading(name string, col int, groups ...int) func(*Report, []int) []reading {
	return func(r *Report, _ []int) []reading {
		rd := reading{name: name}
		for _, g := range groups {
			rd.value += r.Appeals[g][col]
			rd.fields = append(rd.fields, Field{TableAppeals, g, col})
		}
		return []reading{rd}
	}
}

func activeReading(name string, row int) func(*Report, []int) []reading {
	return func(r *Report, _ []int) []reading {
		return []reading{{name: name, value: r.Active[row][0], fields: []Field{{TableActive, row, 0}}}}
	}
}

var (
	otherDomainRe = lazyre.New(`案件|热线|问政|留言|来信|建议|提案|咨询|诉求|许可|审批|政务服务`)
	madeRe        = lazyre.New(`制发|印发|出台|制定`)
)

func intake(r *Report, cols []int) []reading {
	return []reading{
		reqRows("一、本年新收", r, cols, ReqNew),
		reqRows("一+二", r, cols, ReqNew, ReqCarriedIn),
	}
}

func appOnly(c *clauseCtx) bool {
	return strings.Contains(c.clause, "申请") || c.appDomain || c.paraApp
}

// subjects, the specific ones first among equals: where several end at the
// same place the longer name wins.
var subjects = []subject{
	{key: "予以公开及部分公开", what: "予以公开及部分公开", specific: true, readings: oneReading("（一）+（二）", ReqOpened, ReqPartly)},
	{key: "予以公开和部分公开", what: "予以公开及部分公开", specific: true, readings: oneReading("（一）+（二）", ReqOpened, ReqPartly)},
	{key: "予以公开", what: "予以公开", specific: true, readings: oneReading("（一）予以公开", ReqOpened)},
	{key: "同意公开", what: "予以公开", specific: true, readings: oneReading("（一）予以公开", ReqOpened)},
	{key: "部分公开", what: "部分公开", specific: true, readings: oneReading("（二）部分公开", ReqPartly)},
	{key: "部分予以公开", what: "部分公开", specific: true, readings: oneReading("（二）部分公开", ReqPartly)},
	{key: "不予公开", what: "不予公开", specific: true, readings: oneReading("（三）不予公开", rowsWithheld...)},
	{key: "无法提供", what: "无法提供", specific: true, readings: oneReading("（四）无法提供", rowsNotHeld...)},
	{key: "不予处理", what: "不予处理", specific: true, readings: oneReading("（五）不予处理", rowsNotDealt...)},
	{key: "其他处理", what: "其他处理", specific: true, readings: oneReading("（六）其他处理", rowsOtherwise...)},
	{key: "上年结转", what: "上年结转申请", specific: true, readings: oneReading("二、上年结转", ReqCarriedIn)},
	{key: "上年度结转", what: "上年结转申请", specific: true, readings: oneReading("二、上年结转", ReqCarriedIn)},
	{key: "结转上年", what: "上年结转申请", specific: true, readings: oneReading("二、上年结转", ReqCarriedIn)},
	{key: "结转下", what: "结转下年度申请", specific: true, readings: oneReading("四、结转下年度继续办理", ReqCarriedOut)},
	{key: "结转至下", what: "结转下年度申请", specific: true, readings: oneReading("四、结转下年度继续办理", ReqCarriedOut)},
	{key: "转下一年", what: "结转下年度申请", specific: true, readings: oneReading("四、结转下年度继续办理", ReqCarriedOut)},
	{key: "转下年度", what: "结转下年度申请", specific: true, readings: oneReading("四、结转下年度继续办理", ReqCarriedOut)},
	{key: "结转到", what: "结转下年度申请", specific: true, readings: oneReading("四、结转下年度继续办理", ReqCarriedOut),
		needs: func(c *clauseCtx) bool {
			return !strings.Contains(c.prefix, "上年") && !strings.Contains(c.prefix, "本年")
		}},
	{key: "新收", what: "本年新收申请", specific: true, readings: oneReading("一、本年新收", ReqNew), needs: appOnly},
	{key: "行政复议", what: "行政复议件数", specific: true, readings: appealReading("行政复议·总计", AppealTotal, AppealReview)},
	{key: "行政诉讼", what: "行政诉讼件数", specific: true, readings: appealReading("行政诉讼·总计", AppealTotal, AppealDirect, AppealAfterReview)},
	{key: "诉讼", what: "行政诉讼件数", specific: true, readings: appealReading("行政诉讼·总计", AppealTotal, AppealDirect, AppealAfterReview)},
	{key: "规章", what: "本年制发规章", specific: true, readings: activeReading("本年制发件数", ActiveRules),
		needs: func(c *clauseCtx) bool { return madeRe().MatchString(c.prefix) }},
	{key: "规范性文件", what: "本年制发行政规范性文件", specific: true, readings: activeReading("本年制发件数", ActiveNormative),
		needs: func(c *clauseCtx) bool { return madeRe().MatchString(c.prefix) }},
	{key: "受理", what: "收到的申请", readings: intake},
	{key: "收到", what: "收到的申请", readings: intake},
	{key: "接收", what: "收到的申请", readings: intake},
	{key: "收办", what: "收到的申请", readings: intake},
	{key: "接到", what: "收到的申请", readings: intake},
	{key: "办结", what: "办结申请", readings: oneReading("（七）总计", ReqTotal)},
	{key: "办理", what: "办理申请", readings: func(r *Report, cols []int) []reading {
		return []reading{reqRows("（七）总计", r, cols, ReqTotal), reqRows("一+二", r, cols, ReqNew, ReqCarriedIn)}
	}},
}

func subjectByKey(key string) *subject {
	for i := range subjects {
		if subjects[i].key == key {
			return &subjects[i]
		}
	}
	return nil
}

// An outcome word makes a claim about 行政复议 or 行政诉讼 one about the
// 结果纠正 column.
var outcomeRe = lazyre.New(`纠错|纠正|败诉|撤销|确认违法`)

var (
	countRe     = lazyre.New(`(\d+)(?:件|例)`)
	suffixRe    = lazyre.New(`^[^\d，；]{0,16}?(依申请|行政复议|行政诉讼)`)
	percentRe   = lazyre.New(`^（(\d+(?:\.\d+)?)%`)
	skipRe      = lazyre.New(`同比|较去年|较上年|比上年|增长|减少|下降|上升|增加|备案|其中.{0,4}(?:修订|修改)|委托|转交|(?:^|[^结])转办|协助|协查|协办|代为|(?:网上|网络|信函|当面|在线|邮寄|快递)申请|通过[^，；]{0,10}?(?:网站|网上|网络|平台|信函|邮寄|快递|当面)`)
	appDomainRe = lazyre.New(`信息公开申请|依申请|公开申请|申请公开|政府信息公开`)
	noOutcomeRe = lazyre.New(`(?:未发生|未出现|没有|无|未被|不存在)[^。]{0,30}?(?:纠错|纠正|败诉|被撤销|确认违法)`)
	noCaseRe    = lazyre.New(`(?:没有|未发生|未出现|无|未有)[^。；]{0,24}?(?:行政复议|行政诉讼)`)
	noRequestRe = lazyre.New(`(?:未收到|未接到|没有收到|未受理|无)[^。；，]{0,12}?(?:信息公开申请|依申请|公开申请)`)
	allClosedRe = lazyre.New(`办结率(?:达到?|为)?100%`)
	// notNoneRe after 「无…信息公开申请」 or 「未收到依申请…」 makes it about
	// something else: 「无…申请结转」 (none carried over), 「未收到依申请公开
	// 行政复议、行政诉讼案件」 (no cases), not 「no applications」
	notNoneRe    = lazyre.New(`^.{0,6}(?:结转|复议|诉讼)`)
	wholeAreaRe  = lazyre.New(`(?:^|[^健安完齐周保])全(?:省|自治区|市|州|盟|县|旗|区|镇|乡)`) // not 健全市场, 安全区
	spaceRemover = strings.NewReplacer(" ", "", "\u3000", "", "\u00a0", "", "\t", "")
)

// columnsOf returns the columns of table 三 an applicant qualifier names.
func columnsOf(prefix string) []int {
	switch {
	case strings.Contains(prefix, "自然人"):
		return []int{0}
	case strings.Contains(prefix, "法人"):
		return []int{1, 2, 3, 4, 5}
	}
	return nil
}

// findSubject returns the subject a number's prefix names: the specific
// subject that ends last, else the generic verb that ends last.
func findSubject(c *clauseCtx) *subject {
	// 「收到…办理事项 N 件」: 办理事项 names the applications, it is no verb
	prefix := strings.ReplaceAll(c.prefix, "办理事项", "事项")
	best, bestEnd := -1, -1
	for _, specific := range []bool{true, false} {
		for i := range subjects {
			s := &subjects[i]
			if s.specific != specific {
				continue
			}
			end := strings.LastIndex(prefix, s.key)
			if end < 0 {
				continue
			}
			end += len(s.key)
			if end > bestEnd || end == bestEnd && len(s.key) > len(subjects[best].key) {
				best, bestEnd = i, end
			}
		}
		if best >= 0 {
			return &subjects[best]
		}
	}
	return nil
}

// checkNarrative is R6: the figures the narrative quotes equal the tables.
// A claim on a total that R2–R4 found wrong (wrong) is not judged: the table
// is mended first, and its figure is no witness until then.
func checkNarrative(r *Report, wrong map[Field]bool) []Problem {
	var ps []Problem
	warn := func(p Paragraph, msg string, args ...any) {
		ps = append(ps, Problem{Rule: "R6", Severity: Warning, Sheet: SheetText, Cell: p.Cell, Message: fmt.Sprintf(msg, args...)})
	}
	for _, p := range r.Paragraphs {
		text := spaceRemover.Replace(p.String())
		paraApp := false
		for _, sentence := range strings.FieldsFunc(text, func(c rune) bool { return c == '。' || c == '！' || c == '？' }) {
			claimed := map[string]bool{}
			appDomain, elsewhere := false, false
			for _, clause := range strings.FieldsFunc(sentence, func(c rune) bool { return c == '，' || c == ',' || c == '；' || c == ';' }) {
				ownDomain := appDomainRe().MatchString(clause)
				if ownDomain {
					appDomain, paraApp = true, true
				}
				ctx := clauseCtx{clause: clause, sentence: sentence, appDomain: appDomain, paraApp: paraApp, wrong: wrong, elsewhere: elsewhere && !ownDomain}
				if otherDomainRe().MatchString(clause) && !ownDomain {
					elsewhere = true
				}
				for _, w := range r.clauseClaims(ctx) {
					claimed[w.subject] = true
					if w.msg != "" {
						warn(p, "%s", w.msg)
					}
				}
			}
			for _, msg := range r.negations(sentence, claimed, wrong) {
				warn(p, "%s", msg)
			}
		}
	}
	return ps
}

// onWrong reports whether a reading is made of a total found wrong.
func onWrong(wrong map[Field]bool, rds ...reading) bool {
	for _, rd := range rds {
		for _, f := range rd.fields {
			if wrong[f] {
				return true
			}
		}
	}
	return false
}

type claimResult struct {
	subject string // 行政复议件数 and so on: a negation in the same sentence is then not read
	msg     string // the warning, or empty when the claim holds
}

// clauseClaims reads the numbers of one clause.
func (r *Report) clauseClaims(cc clauseCtx) []claimResult {
	clause, sentence := cc.clause, cc.sentence
	var out []claimResult
	if wholeAreaRe().MatchString(sentence) && !strings.HasSuffix(strings.TrimSpace(r.Agency), "人民政府") {
		// 「全县共受理…」 in the report of an office or a department counts
		// every body of the area, not the tables of the one reporting.
		return nil
	}
	last := 0
	var prev *subject
	for _, m := range countRe().FindAllStringSubmatchIndex(clause, -1) {
		c := cc
		c.prefix = clause[last:m[0]]
		last = m[1]
		n, err := strconv.ParseInt(clause[m[2]:m[3]], 10, 64)
		if err != nil || skipRe().MatchString(c.prefix) {
			prev = nil
			continue
		}
		s := findSubject(&c)
		if s == nil {
			if sm := suffixRe().FindStringSubmatch(clause[m[1]:]); sm != nil {
				key := sm[1]
				if key == "依申请" {
					key = "受理" // 「N 件依申请公开」: new, or new and carried over
					c.appDomain = true
				}
				s = subjectByKey(key)
			} else if prev != nil && columnsOf(c.prefix) != nil {
				s = prev // 「其中自然人申请 N 件」 narrows the claim before it
			}
		}
		if s == nil || s.needs != nil && !s.needs(&c) {
			prev = nil
			continue
		}
		isAppeal := s.key == "行政复议" || s.key == "行政诉讼" || s.key == "诉讼"
		aboutOther := c.elsewhere || otherDomainRe().MatchString(clause) && !appDomainRe().MatchString(clause)
		if !s.specific || s.key == "新收" {
			if otherDomainRe().MatchString(clause) || c.elsewhere || !appOnly(&c) {
				prev = nil
				continue
			}
		} else if !isAppeal && !strings.HasPrefix(s.key, "规") && aboutOther {
			prev = nil
			continue
		} else if !isAppeal && !strings.HasPrefix(s.key, "规") && !c.paraApp {
			continue
		}
		prev = s
		rds := s.readings(r, columnsOf(c.prefix))
		what := s.what
		if cols := columnsOf(c.prefix); cols != nil {
			what = RequestColumns[cols[0]] + what
			if len(cols) > 1 {
				what = "法人或其他组织" + s.what
			}
		}
		if isAppeal && outcomeRe().MatchString(c.prefix) {
			groups := []int{AppealReview}
			name := "行政复议·结果纠正"
			if s.key != "行政复议" {
				groups, name = []int{AppealDirect, AppealAfterReview}, "行政诉讼·结果纠正"
			}
			rds = appealReading(name, 1, groups...)(r, nil)
			what = strings.TrimSuffix(s.what, "件数") + "纠错件数"
		}
		res := claimResult{subject: s.what}
		if onWrong(c.wrong, rds...) {
			out = append(out, res)
			continue
		}
		ok := false
		for _, rd := range rds {
			ok = ok || rd.value == n
		}
		if !ok {
			res.msg = fmt.Sprintf("正文说「%s」（%s %d 件），但%s；请核对正文或表格。", clause, what, n, r.describe(rds))
		} else if pm := percentRe().FindStringSubmatch(clause[m[1]:]); pm != nil && s.specific && !isAppeal && !onWrong(c.wrong, reqRows("", r, nil, ReqTotal)) {
			res.msg = r.checkShare(clause, what, n, pm[1])
		}
		out = append(out, res)
	}
	return out
}

// describe names the readings of a claim: 「表三 J6（总计·一、本年新收）是 9，一+二（J6+J7）是 9」.
func (r *Report) describe(rds []reading) string {
	var parts []string
	for i, rd := range rds {
		var cells []string
		for _, f := range rd.fields {
			cells = append(cells, r.CellOf(f))
		}
		sheet := TableByID(rd.fields[0].Table).Sheet
		if len(rd.fields) == 1 {
			f := rd.fields[0]
			if i == 0 {
				parts = append(parts, fmt.Sprintf("%s %s（%s）是 %d", sheet, cells[0], FieldLabel(f), rd.value))
			} else {
				parts = append(parts, fmt.Sprintf("%s（%s）是 %d", rd.name, cells[0], rd.value))
			}
			continue
		}
		prefix := ""
		if i == 0 {
			prefix = sheet + " "
		}
		parts = append(parts, fmt.Sprintf("%s%s（%s）是 %d", prefix, rd.name, strings.Join(cells, "+"), rd.value))
	}
	return strings.Join(parts, "，")
}

// checkShare checks 「N 件（x%）」 against （七）总计; a share of 一 or 一+二
// is also accepted.
func (r *Report) checkShare(clause, what string, n int64, stated string) string {
	x, ok := new(big.Rat).SetString(stated)
	if !ok {
		return ""
	}
	decimals := 0
	if i := strings.IndexByte(stated, '.'); i >= 0 {
		decimals = len(stated) - i - 1
	}
	half := new(big.Rat).SetFrac64(1, 2)
	for i := 0; i < decimals; i++ {
		half.Quo(half, big.NewRat(10, 1))
	}
	total := r.Requests[ReqTotal][RequestTotal]
	for _, d := range []int64{total, r.Requests[ReqNew][RequestTotal], r.Requests[ReqNew][RequestTotal] + r.Requests[ReqCarriedIn][RequestTotal]} {
		if d == 0 {
			continue
		}
		share := new(big.Rat).SetFrac64(n*100, d)
		diff := new(big.Rat).Sub(share, x)
		if diff.Abs(diff).Cmp(half) <= 0 {
			return ""
		}
	}
	if total == 0 {
		return ""
	}
	share := new(big.Rat).SetFrac64(n*100, total)
	f := reqRows("", r, nil, ReqTotal).fields[0]
	return fmt.Sprintf("正文说「%s」（%s %d 件占 %s%%），但 %d ÷ 表三 %s（%s）%d = %s%%；请核对百分比。",
		clause, what, n, stated, n, r.CellOf(f), FieldLabel(f), total, share.FloatString(decimals))
}

// negations reads 「未发生…行政复议纠错」, 「没有…行政复议和行政诉讼」,
// 「未收到…信息公开申请」 and 「办结率 100%」.
func (r *Report) negations(sentence string, claimed map[string]bool, wrong map[Field]bool) []string {
	var out []string
	cite := func(rd reading) string { return r.describe([]reading{rd}) }
	differs := func(rd reading) bool { return rd.value != 0 && !onWrong(wrong, rd) }
	if m := noOutcomeRe().FindString(sentence); m != "" {
		if strings.Contains(m, "复议") {
			if rd := appealReading("行政复议·结果纠正", 1, AppealReview)(r, nil)[0]; differs(rd) {
				out = append(out, fmt.Sprintf("正文说「%s」（行政复议没有被纠错），但%s；请核对正文或表四。", clip(m), cite(rd)))
			}
		}
		if strings.Contains(m, "诉讼") || strings.Contains(m, "败诉") {
			if rd := appealReading("行政诉讼·结果纠正", 1, AppealDirect, AppealAfterReview)(r, nil)[0]; differs(rd) {
				out = append(out, fmt.Sprintf("正文说「%s」（行政诉讼没有败诉），但%s；请核对正文或表四。", clip(m), cite(rd)))
			}
		}
	} else if m := noCaseRe().FindString(sentence); m != "" {
		rest := sentence[strings.Index(sentence, m):]
		if end := strings.IndexAny(rest, "；;"); end >= 0 {
			rest = rest[:end]
		}
		if strings.Contains(rest, "行政复议") && !claimed["行政复议件数"] {
			if rd := appealReading("行政复议·总计", AppealTotal, AppealReview)(r, nil)[0]; differs(rd) {
				out = append(out, fmt.Sprintf("正文说「%s」（没有行政复议），但%s；请核对正文或表四。", clip(rest), cite(rd)))
			}
		}
		if strings.Contains(rest, "行政诉讼") && !claimed["行政诉讼件数"] {
			if rd := appealReading("行政诉讼·总计", AppealTotal, AppealDirect, AppealAfterReview)(r, nil)[0]; differs(rd) {
				out = append(out, fmt.Sprintf("正文说「%s」（没有行政诉讼），但%s；请核对正文或表四。", clip(rest), cite(rd)))
			}
		}
	}
	if loc := noRequestRe().FindStringIndex(sentence); loc != nil && !notNoneRe().MatchString(sentence[loc[1]:]) && !claimed["收到的申请"] && !claimed["本年新收申请"] {
		m := sentence[loc[0]:loc[1]]
		if rd := reqRows("一、本年新收", r, nil, ReqNew); differs(rd) {
			out = append(out, fmt.Sprintf("正文说「%s」（没有收到申请），但%s；请核对正文或表三。", clip(m), cite(rd)))
		}
	}
	if allClosedRe().MatchString(sentence) {
		if rd := reqRows("四、结转下年度继续办理", r, nil, ReqCarriedOut); differs(rd) {
			out = append(out, fmt.Sprintf("正文说办结率 100%%，但%s，有申请尚未办完；请核对正文或表三。", cite(rd)))
		}
	}
	return out
}

// clip shortens a quotation to at most 40 characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "……"
}
