package layout

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"nianbao/fonts"
	"nianbao/report"
)

// Table geometry.
const (
	padX         Pt = 3    // padding left and right inside every cell
	padY         Pt = 1    // padding above and below
	figureRoom   Pt = 1.5  // see tableWidths
	maxDigits       = 7    // counts in the millions
	tableLeading    = 1.25 // line height / font size inside cells
	gridLine     Pt = 0.5  // the grid's rules
)

// Table sizes: one size for every cell of every table, lowered together
// only when something does not fit.
const (
	DefaultTableSize Pt = 10.5
	MinTableSize     Pt = 9
)

// tableBox is a table laid out at the origin: items relative to its top-left.
type tableBox struct {
	items  []Item
	height Pt
}

// cellText returns what a grid cell shows.
func cellText(r *report.Report, c report.Cell) string {
	if c.Kind == report.Input || c.Kind == report.Total {
		return r.Figure(c.Field)
	}
	return c.Text
}

// tableWidths scales a table's relative widths to the 版心, then widens
// every column narrower than what it must hold whole: a word of a header,
// an upright character, and as many digits (up to maxDigits) as its share
// of the 版心 holds with figureRoom each side. The width comes from the
// other columns, in proportion to what they can spare; nothing is widened
// when they cannot spare enough.
func tableWidths(t *report.Table, s setter) []Pt {
	var sum float64
	for _, w := range t.Widths {
		sum += w
	}
	ws := make([]Pt, len(t.Widths))
	for i, w := range t.Widths {
		ws[i] = TextWidth * Pt(w/sum)
	}
	slot := s.digit()
	need := make([]Pt, len(ws))
	for _, c := range t.Cells {
		if c.ColSpan != 1 {
			continue
		}
		var us []unit
		switch c.Kind {
		case report.Header:
			us = words(s.units([]span{{fonts.Table, c.Text}}))
		case report.Vertical:
			us = s.units([]span{{fonts.Table, c.Text}})
		case report.Input, report.Total:
			digits := min(math.Floor(float64((ws[c.Col]-2*figureRoom)/slot)), maxDigits)
			need[c.Col] = max(need[c.Col], Pt(digits)*slot+2*padX)
		}
		for i := range us {
			need[c.Col] = max(need[c.Col], us[i].width()+2*padX)
		}
	}
	var short, spare Pt
	for i := range ws {
		if ws[i] < need[i] {
			short += need[i] - ws[i]
		} else {
			spare += ws[i] - need[i]
		}
	}
	if short == 0 || short > spare {
		return ws
	}
	for i := range ws {
		if ws[i] < need[i] {
			ws[i] = need[i]
		} else {
			ws[i] -= (ws[i] - need[i]) * short / spare
		}
	}
	return ws
}

// tooWide says which figure does not fit its cell at a size, or "".
func tooWide(r *report.Report, t *report.Table, faces *fonts.Set, size Pt) string {
	s := setter{faces: faces, size: size}
	ws := tableWidths(t, s)
	slot := s.digit()
	for _, c := range t.Cells {
		if c.Kind != report.Input && c.Kind != report.Total {
			continue
		}
		var w Pt
		for k := c.Col; k < c.Col+c.ColSpan; k++ {
			w += ws[k]
		}
		us := s.figure(cellText(r, c), slot)
		if nat, _ := s.natural(us, 0, len(us)); nat > w-2*padX+0.01 {
			return fmt.Sprintf("%s %s 的数字 %s", t.Sheet, r.CellOf(c.Field), cellText(r, c))
		}
	}
	return ""
}

// figure sets a figure in tabular digits: every digit takes the width of
// the widest (slot, from digit), centred in it, so that place values align
// down a column.
func (s setter) figure(text string, slot Pt) []unit {
	us := s.units([]span{{fonts.Table, text}})
	for i := range us {
		for j := range us[i].glyphs {
			if g := &us[i].glyphs[j]; g.r >= '0' && g.r <= '9' {
				g.dx = (slot - g.w) / 2
				g.w = slot
			}
		}
	}
	return us
}

// digit returns the width of a tabular digit: the widest of the table
// face's digits.
func (s setter) digit() Pt {
	face := s.faces.Face(fonts.Table)
	var w Pt
	for d := '0'; d <= '9'; d++ {
		w = max(w, Pt(face.Advance(d))*s.size)
	}
	return w
}

// tableWords are the words of the tables' headers, which a line never
// splits: 「自然人」, 「社会公益组织」 breaks only as 社会/公益/组织.
var tableWords = strings.Fields("信息 内容 本年 制发 废止 现行 有效 件数 处理 决定 数量 收费 金额 单位 万元 " +
	"申请人 情况 自然人 法人 其他 组织 商业 企业 科研 机构 社会 公益 法律 服务 总计 " +
	"行政 复议 诉讼 结果 维持 纠正 尚未 审结 未经 直接 起诉 复议后")

// words joins the characters of each word of tableWords into one unit,
// the longest word first.
func words(us []unit) []unit {
	var out []unit
	for i := 0; i < len(us); i++ {
		best := 0
		for _, w := range tableWords {
			n := utf8.RuneCountInString(w)
			if n > best && i+n <= len(us) && spells(us[i:i+n], w) {
				best = n
			}
		}
		if best < 2 {
			out = append(out, us[i])
			continue
		}
		u := us[i]
		u.glyphs = nil
		for _, v := range us[i : i+best] {
			u.glyphs = append(u.glyphs, v.glyphs...)
		}
		out = append(out, u)
		i += best - 1
	}
	return out
}

// spells reports whether units of one Han character each spell word.
func spells(us []unit, word string) bool {
	i := 0
	for _, r := range word {
		if us[i].kind != kHan || len(us[i].glyphs) != 1 || us[i].glyphs[0].r != r {
			return false
		}
		i++
	}
	return true
}

// layTable lays a table out at one size.
func layTable(r *report.Report, t *report.Table, faces *fonts.Set, size Pt) tableBox {
	s := setter{faces: faces, size: size}
	ws := tableWidths(t, s)
	slot := s.digit()
	xs := make([]Pt, len(ws)+1)
	for i, w := range ws {
		xs[i+1] = xs[i] + w
	}
	lead := size * tableLeading
	type laid struct {
		cell   report.Cell
		lines  []line
		height Pt // of the text
	}
	var cells []laid
	heights := make([]Pt, t.Rows)
	for i := range heights {
		heights[i] = lead + 2*padY
	}
	for _, c := range t.Cells {
		width := xs[c.Col+c.ColSpan] - xs[c.Col] - 2*padX
		var lines []line
		switch c.Kind {
		case report.Vertical:
			lines = verticalLines(s, c.Text)
		case report.Header:
			lines = s.breakLines(words(s.units([]span{{fonts.Table, c.Text}})), width, width, false)
		case report.Input, report.Total:
			lines = []line{s.place(s.figure(cellText(r, c), slot), width, false)}
		default:
			lines = s.breakLines(s.units([]span{{fonts.Table, c.Text}}), width, width, false)
		}
		h := Pt(len(lines)) * lead
		if c.Kind == report.Vertical {
			h = verticalHeight(lines, lead)
		}
		cells = append(cells, laid{c, lines, h})
		if c.RowSpan == 1 {
			heights[c.Row] = max(heights[c.Row], h+2*padY)
		}
	}
	// A merged cell taller than its rows stretches its last row.
	for _, lc := range cells {
		c := lc.cell
		if c.RowSpan == 1 {
			continue
		}
		var have Pt
		for k := c.Row; k < c.Row+c.RowSpan; k++ {
			have += heights[k]
		}
		if need := lc.height + 2*padY; need > have {
			heights[c.Row+c.RowSpan-1] += need - have
		}
	}
	ys := make([]Pt, t.Rows+1)
	for i, h := range heights {
		ys[i+1] = ys[i] + h
	}
	var box tableBox
	box.height = ys[t.Rows]
	rule := func(x1, y1, x2, y2 Pt) {
		box.items = append(box.items, Item{Kind: Rule, X: x1, Y: y1, X2: x2, Y2: y2, Line: gridLine})
	}
	ascent := size * 0.88
	for _, lc := range cells {
		c := lc.cell
		x0, x1 := xs[c.Col], xs[c.Col+c.ColSpan]
		y0, y1 := ys[c.Row], ys[c.Row+c.RowSpan]
		rule(x0, y0, x1, y0)
		rule(x0, y0, x0, y1)
		top := y0 + (y1-y0-lc.height)/2
		for i, ln := range lc.lines {
			var dx Pt
			switch c.Kind {
			case report.Label:
				dx = padX
			default: // headers, bands, notes, figures, upright labels: centred
				dx = (x1 - x0 - ln.width) / 2
			}
			baseline := top + Pt(i)*lead + (lead-size)/2 + ascent
			if c.Kind == report.Vertical {
				dx, baseline = (x1-x0-size)/2, top+verticalOffset(lc.lines, i, lead)+(lead-size)/2+ascent
			}
			box.items = append(box.items, textItems(ln, x0+dx, baseline, size)...)
		}
	}
	rule(xs[len(ws)], 0, xs[len(ws)], box.height)
	rule(0, box.height, xs[len(ws)], box.height)
	return box
}

// verticalLines sets a label upright, one character a line; a mark after a
// character (「三、」) takes half a line, in the upper right of its square,
// as in vertical text.
func verticalLines(s setter, text string) []line {
	var lines []line
	for _, u := range s.units([]span{{fonts.Table, text}}) {
		ln := s.place([]unit{u}, 0, false)
		if u.kind == kClose {
			for i := range ln.xs {
				ln.xs[i] += s.size / 2
			}
		}
		lines = append(lines, ln)
	}
	return lines
}

// isMark reports whether a vertical line holds a mark.
func isMark(ln line) bool {
	return len(ln.glyphs) == 1 && strings.ContainsRune(closeMarks, ln.glyphs[0].r)
}

// verticalHeight is the height of upright lines: a full line each, half
// for a mark.
func verticalHeight(lines []line, lead Pt) Pt {
	return verticalOffset(lines, len(lines), lead)
}

// verticalOffset is the top of upright line i from the top of the first; a
// mark is raised into the upper half of its square.
func verticalOffset(lines []line, i int, lead Pt) Pt {
	var y Pt
	for _, ln := range lines[:i] {
		if isMark(ln) {
			y += lead / 2
		} else {
			y += lead
		}
	}
	if i < len(lines) && isMark(lines[i]) {
		y -= lead / 2
	}
	return y
}

// textItems turns a placed line into text items, one per run of one face.
func textItems(ln line, x, baseline, size Pt) []Item {
	var items []Item
	for i, g := range ln.glyphs {
		if len(items) == 0 || items[len(items)-1].Role != g.role {
			items = append(items, Item{Kind: Text, Role: g.role, Size: size, X: x + ln.xs[i], Y: baseline})
		}
		it := &items[len(items)-1]
		it.Text += string(g.r)
		it.Xs = append(it.Xs, x+ln.xs[i])
		it.Advances = append(it.Advances, ln.glyphs[i].adv)
	}
	return items
}
