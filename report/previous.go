package report

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/lazyre"
)

// Previous is last year's report of the same agency, as a second witness
// for this year's: where it was read from, for messages.
type Previous struct {
	Report *Report
	File   string // the workbook's name, as messages show it
}

// CheckPrevious runs the rules that compare a report with last year's: R7
// (this year's 二、上年结转 is last year's 四、结转下年度继续办理, per
// column), R8 (现行有效件数 = last year's + 本年制发 − 本年废止) and R16 (the
// narrative repeats last year's by more than half). file is this year's
// workbook name.
func CheckPrevious(r *Report, file string, prev Previous) []Problem {
	var ps []Problem
	ps = append(ps, checkCarriedOver(r, file, prev)...)
	ps = append(ps, checkInForce(r, file, prev)...)
	ps = append(ps, checkRepeated(r, prev)...)
	return ps
}

// checkCarriedOver is R7.
func checkCarriedOver(r *Report, file string, prev Previous) []Problem {
	var ps []Problem
	for c := 0; c < RequestCols; c++ {
		if c == RequestTotal && len(ps) > 0 {
			break // the 总计 column differs because a column above does
		}
		in := Field{TableRequests, ReqCarriedIn, c}
		out := Field{TableRequests, ReqCarriedOut, c}
		got, want := r.Count(in), prev.Report.Count(out)
		if got == want {
			continue
		}
		ps = append(ps, r.problem("R7", Warning, in,
			"本年的二、上年结转（「%s」表三 %s）是 %d，但上年报告的四、结转下年度继续办理（「%s」表三 %s）是 %d；两者应相等，请核对本年的上年结转或上年报告。",
			file, r.CellOf(in), got, prev.File, prev.Report.CellOf(out), want))
	}
	return ps
}

// checkInForce is R8, for 规章 and 行政规范性文件.
func checkInForce(r *Report, file string, prev Previous) []Problem {
	var ps []Problem
	for _, row := range []int{ActiveRules, ActiveNormative} {
		made, repealed, now := r.Active[row][0], r.Active[row][1], r.Active[row][2]
		before := prev.Report.Active[row][2]
		if now == before+made-repealed {
			continue
		}
		f := Field{TableActive, row, 2}
		ps = append(ps, r.problem("R8", Warning, f,
			"现行有效件数是 %d，但上年的现行有效件数（「%s」表二 %s）%d + 本年制发 %d − 本年废止 %d = %d；请核对（修订、自然失效的文件可能使两者不等，如属这种情况可在核对说明里写明）。",
			now, prev.File, prev.Report.CellOf(f), before, made, repealed, before+made-repealed))
	}
	return ps
}

// repeatLimit is the share of the narrative that may repeat last year's
// before R16 warns: assessments deduct points above half.
const repeatLimit = 0.5

// repeatRun is the shortest run of characters counted as repeated: a
// shorter one is a common phrase, not copied text.
const repeatRun = 12

// figuresRe matches what R16 masks before comparing: numbers (years among
// them) with their decimal points and percent signs.
var figuresRe = lazyre.New(`[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?`)

// maskedText is a paragraph's text with figures masked, and the byte
// offsets of each rune in the original text.
type maskedText struct {
	p     Paragraph
	runes []rune
	from  []int // byte offset in p.Text of each rune
}

func mask(p Paragraph) maskedText {
	m := maskedText{p: p}
	text := p.Text
	spans := figuresRe().FindAllStringIndex(text, -1)
	for i := 0; i < len(text); {
		if len(spans) > 0 && i == spans[0][0] {
			m.runes = append(m.runes, '#')
			m.from = append(m.from, i)
			i = spans[0][1]
			spans = spans[1:]
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			m.runes = append(m.runes, r)
			m.from = append(m.from, i)
		}
		i += w
	}
	return m
}

// repeatedText is a passage of this year's narrative found in last year's.
type repeatedText struct {
	Cell string // the 正文 cell
	Text string // as typed this year
}

// repetition measures how much of a report's narrative repeats another's:
// the share of its characters (figures and years masked, headings left out)
// that lie in a run of at least repeatRun characters found in the other,
// and the repeated passages, longest first.
func repetition(r, prev *Report) (share float64, passages []repeatedText) {
	seen := map[string]bool{}
	for _, p := range prev.Paragraphs {
		m := mask(p)
		for i := 0; i+repeatRun <= len(m.runes); i++ {
			seen[string(m.runes[i:i+repeatRun])] = true
		}
	}
	total, repeated := 0, 0
	type run struct {
		p          Paragraph
		start, end int // byte offsets in p.Text
		n          int // runes
	}
	var runs []run
	for _, p := range r.Paragraphs {
		m := mask(p)
		total += len(m.runes)
		covered := make([]bool, len(m.runes))
		for i := 0; i+repeatRun <= len(m.runes); i++ {
			if seen[string(m.runes[i:i+repeatRun])] {
				for k := i; k < i+repeatRun; k++ {
					covered[k] = true
				}
			}
		}
		for i := 0; i < len(covered); {
			if !covered[i] {
				i++
				continue
			}
			j := i
			for j < len(covered) && covered[j] {
				j++
			}
			repeated += j - i
			end := len(p.Text)
			if j < len(m.from) {
				end = m.from[j]
			}
			runs = append(runs, run{p, m.from[i], end, j - i})
			i = j
		}
	}
	if total == 0 {
		return 0, nil
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].n > runs[j].n })
	for _, rn := range runs {
		passages = append(passages, repeatedText{Cell: rn.p.Cell, Text: rn.p.Text[rn.start:rn.end]})
	}
	return float64(repeated) / float64(total), passages
}

// checkRepeated is R16.
func checkRepeated(r *Report, prev Previous) []Problem {
	share, passages := repetition(r, prev.Report)
	if share <= repeatLimit {
		return nil
	}
	var quotes []string
	for i, p := range passages {
		if i == 3 {
			break
		}
		where := SheetText
		if p.Cell != "" {
			where += " " + p.Cell
		}
		quotes = append(quotes, fmt.Sprintf("%s「%s」", where, clip(p.Text)))
	}
	return []Problem{{Rule: "R16", Severity: Warning, Sheet: SheetText,
		Message: fmt.Sprintf("正文有 %.0f%% 与上年报告（「%s」）相同（数字和年份不计），超过一半；考核评估对内容雷同会扣分，请按本年度的工作改写。重复最长的几段：%s。",
			share*100, prev.File, strings.Join(quotes, "；"))}}
}

// NextYear returns next year's report started from this one, as
// 「nianbao template --from」 writes it: the year after, the same 基本信息,
// 二、上年结转 per column from this year's 四、结转下年度继续办理, the
// 现行有效件数 of 规章 and 行政规范性文件 carried, the narrative kept for
// editing, and every other figure 0. Carried lists the figures that were
// carried; the others are for staff to fill.
func NextYear(r *Report) (next *Report, carried []Field) {
	next = &Report{
		Agency:   r.Agency,
		Year:     r.Year + 1,
		SiteName: r.SiteName,
		SiteURL:  r.SiteURL,
		Contact:  r.Contact,
		Phone:    r.Phone,
		Fonts:    r.Fonts,
	}
	for _, p := range r.Paragraphs {
		p.Cell = ""
		next.Paragraphs = append(next.Paragraphs, p)
	}
	for c := 0; c < RequestCols; c++ {
		f := Field{TableRequests, ReqCarriedIn, c}
		next.SetCount(f, r.Requests[ReqCarriedOut][c])
		carried = append(carried, f)
	}
	for _, row := range []int{ActiveRules, ActiveNormative} {
		f := Field{TableActive, row, 2}
		next.SetCount(f, r.Active[row][2])
		carried = append(carried, f)
	}
	return next, carried
}
