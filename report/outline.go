package report

import (
	"strings"
	"unicode"
)

// Block is one item of a report in reading order: a paragraph, or one of
// the three tables.
type Block struct {
	Paragraph Paragraph
	Table     *Table // the table standing here; nil for a paragraph
}

// Outline returns the report in reading order, as the format orders it:
// the opening paragraph, the sections — each table in its section's place,
// after the heading staff typed for it (with what they wrote under it after
// the table), else under its own heading before the next section — and the
// closing paragraph. Layout sets these blocks one after the other.
func (r *Report) Outline() []Block {
	var out []Block
	para := func(p Paragraph) { out = append(out, Block{Paragraph: p}) }
	for _, p := range r.Intro() {
		para(p)
	}
	done := map[TableID]bool{}
	table := func(t *Table, heading bool) {
		if heading {
			para(Paragraph{Level: 1, Head: t.Heading})
		}
		out = append(out, Block{Table: t})
		done[t.ID] = true
	}
	before := func(n int) {
		for _, t := range Tables() {
			if !done[t.ID] && int(t.ID) < n {
				table(t, true)
			}
		}
	}
	for _, p := range r.Body() {
		if p.Level != 1 {
			para(p)
			continue
		}
		n := SectionNumber(p.Head)
		before(n)
		para(p)
		if t := TableByID(TableID(n)); t != nil && !done[t.ID] && HeadsTable(p.Head, t) {
			table(t, false)
		}
	}
	before(len(Sections) + 1)
	for _, p := range r.Closing() {
		para(p)
	}
	return out
}

// HeadsTable reports whether a typed 一、 heading is the heading of a
// table: it has the table's number and, apart from its numbering, shares at
// least 60% of its characters with the table's own heading (a wording such
// as 「四、因政府信息公开工作被申请行政复议、提起行政诉讼情况」 does; a city's own
// 「四、政府信息公开申请情况」 does not).
func HeadsTable(head string, t *Table) bool {
	if SectionNumber(head) != int(t.ID) {
		return false
	}
	chars := func(s string) map[rune]bool {
		m := map[rune]bool{}
		_, rest, _ := strings.Cut(s, "、")
		for _, r := range rest {
			if unicode.Is(unicode.Han, r) {
				m[r] = true
			}
		}
		return m
	}
	a, b := chars(head), chars(t.Heading)
	both := 0
	for r := range a {
		if b[r] {
			both++
		}
	}
	return both > 0 && float64(both) >= 0.6*float64(len(a)+len(b)-both)
}
