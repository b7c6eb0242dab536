// Package report holds the model of a 政府信息公开工作年度报告, the 2021
// national format as data, and the consistency checks. It does no I/O.
package report

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Report is one year's annual report of one agency.
type Report struct {
	Agency    string // 机关名称
	Year      int    // 报告年度
	Published Date   // 发布日期; zero when not given
	SiteName  string // 网站名称, where the electronic copy is published
	SiteURL   string // 网址
	Contact   string // 联系部门
	Phone     string // 联系电话
	Fonts     string // 字体: a folder of licensed fonts, or empty

	// Paragraphs are the narrative in reading order: sections 一、五、六 with
	// their sub-heads, and any lines before 一 (an own introduction).
	Paragraphs []Paragraph

	Active   [ActiveRows][3]int64 // 表二; single-figure rows use column 0; ActiveFee is unused here
	Fee      Decimal              // 表二 行政事业性收费, 万元
	Requests [RequestRows][RequestCols]int64
	Appeals  [AppealGroups][AppealCols]int64

	// Cells maps figures and 基本信息 items to the workbook cell they came
	// from (an A1 address), so that problems can name it. Optional.
	Cells map[Field]string
	// InfoCells maps the lines of 基本信息 to the cell of their value.
	InfoCells map[InfoKey]string
	// SignOffs are the warnings staff have checked (sheet 核对说明).
	SignOffs []SignOff
}

// Count returns a count figure of the report; for the fee it returns 0.
func (r *Report) Count(f Field) int64 {
	switch f.Table {
	case TableActive:
		if f.Row == ActiveFee {
			return 0
		}
		return r.Active[f.Row][f.Col]
	case TableRequests:
		return r.Requests[f.Row][f.Col]
	case TableAppeals:
		return r.Appeals[f.Row][f.Col]
	}
	return 0
}

// SetCount sets a count figure; it ignores the fee.
func (r *Report) SetCount(f Field, v int64) {
	switch f.Table {
	case TableActive:
		if f.Row != ActiveFee {
			r.Active[f.Row][f.Col] = v
		}
	case TableRequests:
		r.Requests[f.Row][f.Col] = v
	case TableAppeals:
		r.Appeals[f.Row][f.Col] = v
	}
}

// Figure returns a figure as printed: the count, or the fee in 万元.
func (r *Report) Figure(f Field) string {
	if f.IsFee() {
		return r.Fee.String()
	}
	return fmt.Sprint(r.Count(f))
}

// CellOf returns the workbook cell a figure came from, or where the
// template puts it when the report was not read from a workbook.
func (r *Report) CellOf(f Field) string {
	if a, ok := r.Cells[f]; ok {
		return a
	}
	return TemplateCell(f)
}

// Title returns the two title lines: the agency and 「YYYY年政府信息公开工作年度报告」.
func (r *Report) Title() [2]string {
	return [2]string{r.Agency, fmt.Sprintf("%d年政府信息公开工作年度报告", r.Year)}
}

// Intro returns the opening paragraph: the paragraphs typed before 一 when
// there are any, otherwise the customary wording with the statistics period.
func (r *Report) Intro() []Paragraph {
	var own []Paragraph
	for _, p := range r.Paragraphs {
		if p.Level == 1 {
			break
		}
		own = append(own, p)
	}
	if len(own) > 0 {
		return own
	}
	return []Paragraph{{Text: fmt.Sprintf("根据《中华人民共和国政府信息公开条例》规定和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现发布《%s%d年政府信息公开工作年度报告》，本报告统计数据从%d年1月1日至12月31日。", r.Agency, r.Year, r.Year)}}
}

// Body returns the paragraphs from section 一 on.
func (r *Report) Body() []Paragraph {
	for i, p := range r.Paragraphs {
		if p.Level == 1 {
			return r.Paragraphs[i:]
		}
	}
	return nil
}

// Closing returns the closing paragraph built from 网站 and 联系 items, or
// nothing when none is given.
func (r *Report) Closing() []Paragraph {
	var b strings.Builder
	if r.SiteName != "" {
		fmt.Fprintf(&b, "本报告电子版可在%s获取。", r.SiteName)
	}
	if r.SiteURL != "" {
		fmt.Fprintf(&b, "更多政府信息可登录 %s 查阅。", r.SiteURL)
	}
	switch {
	case r.Contact != "" && r.Phone != "":
		fmt.Fprintf(&b, "如对本报告有疑问或建议，请与%s联系（电话：%s）。", r.Contact, r.Phone)
	case r.Contact != "":
		fmt.Fprintf(&b, "如对本报告有疑问或建议，请与%s联系。", r.Contact)
	case r.Phone != "":
		fmt.Fprintf(&b, "如对本报告有疑问或建议，请来电咨询（电话：%s）。", r.Phone)
	}
	if b.Len() == 0 {
		return nil
	}
	return []Paragraph{{Text: b.String()}}
}

// Date is a calendar date; the zero Date means "not given".
type Date struct{ Year, Month, Day int }

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as official documents do: 2025年1月20日.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// Valid reports whether the date exists in the calendar.
func (d Date) Valid() bool {
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Year < 1900 || d.Year > 9999 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if d.Year%4 == 0 && (d.Year%100 != 0 || d.Year%400 == 0) {
		days[2] = 29
	}
	return d.Day <= days[d.Month]
}

// Paragraph is one paragraph of the narrative.
type Paragraph struct {
	// Level is 0 for body text, 1 for 一、 headings, 2 for （一）, 3 for
	// 1. and 4 for （1）.
	Level int
	// Head is the heading: the whole paragraph for a heading on its own
	// line, the words up to and including the first 「。」 for a run-in head.
	Head string
	// Text is the body text: everything for Level 0, what follows a run-in
	// head otherwise.
	Text string
	// Cell is the workbook cell it came from (an A1 address of sheet 正文).
	Cell string
}

// String returns the paragraph as typed.
func (p Paragraph) String() string { return p.Head + p.Text }

// maxRunInHead is the longest run-in head, in characters, counted up to its
// 「。」; a longer one is a numbered paragraph of body text.
const maxRunInHead = 40

// ParseParagraph recognises a heading by its numbering (一、 （一） 1. （1）)
// and splits a run-in head 「（一）主动公开。……」 from the text after it.
func ParseParagraph(s string) Paragraph {
	s = strings.TrimSpace(s)
	level, n := numbering(s)
	if level == 0 {
		return Paragraph{Text: s}
	}
	rest := s[n:]
	if i := strings.Index(rest, "。"); i >= 0 {
		head := s[:n+i+len("。")]
		if utf8.RuneCountInString(head) <= maxRunInHead {
			return Paragraph{Level: level, Head: head, Text: s[len(head):]}
		}
		if level == 1 {
			return Paragraph{Level: level, Head: s}
		}
		return Paragraph{Level: level, Text: s}
	}
	if level > 1 && utf8.RuneCountInString(s) > maxRunInHead {
		return Paragraph{Level: level, Text: s}
	}
	return Paragraph{Level: level, Head: s}
}

const hanNumerals = "一二三四五六七八九十"

// numbering returns the heading level of s by its leading numbering and the
// byte length of that numbering.
func numbering(s string) (level, n int) {
	// 一、 … 十二、
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(hanNumerals, r) {
			break
		}
		i += w
	}
	if i > 0 && strings.HasPrefix(s[i:], "、") {
		return 1, i + len("、")
	}
	// （一） （1）, full- or half-width parentheses
	for _, open := range []string{"（", "("} {
		if !strings.HasPrefix(s, open) {
			continue
		}
		j := len(open)
		k := j
		han, digit := false, false
		for k < len(s) {
			r, w := utf8.DecodeRuneInString(s[k:])
			switch {
			case strings.ContainsRune(hanNumerals, r):
				han = true
			case r >= '0' && r <= '9' || r >= '０' && r <= '９':
				digit = true
			default:
				goto closed
			}
			k += w
		}
	closed:
		if k == j || han == digit {
			return 0, 0
		}
		for _, cl := range []string{"）", ")"} {
			if strings.HasPrefix(s[k:], cl) {
				if han {
					return 2, k + len(cl)
				}
				return 4, k + len(cl)
			}
		}
		return 0, 0
	}
	// 1. 1． 1、
	k := 0
	for k < len(s) {
		r, w := utf8.DecodeRuneInString(s[k:])
		if !(r >= '0' && r <= '9' || r >= '０' && r <= '９') {
			break
		}
		k += w
	}
	if k > 0 && k <= 6 {
		for _, sep := range []string{".", "．", "、"} {
			if strings.HasPrefix(s[k:], sep) && len(s) > k+len(sep) {
				next, _ := utf8.DecodeRuneInString(s[k+len(sep):])
				if next >= '0' && next <= '9' {
					return 0, 0 // a decimal number such as 3.5
				}
				return 3, k + len(sep)
			}
		}
	}
	return 0, 0
}
