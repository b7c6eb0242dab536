package layout

import (
	"fmt"

	"nianbao/fonts"
	"nianbao/report"
)

// Table geometry.
const (
	cellPad      Pt = 1.5  // padding inside every cell
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

// tableWidths scales a table's relative widths to the 版心.
func tableWidths(t *report.Table) []Pt {
	var sum float64
	for _, w := range t.Widths {
		sum += w
	}
	ws := make([]Pt, len(t.Widths))
	for i, w := range t.Widths {
		ws[i] = TextWidth * Pt(w/sum)
	}
	return ws
}

// tooWide says which figure does not fit its cell at a size, or "".
func tooWide(r *report.Report, t *report.Table, faces *fonts.Set, size Pt) string {
	ws := tableWidths(t)
	s := setter{faces: faces, size: size}
	for _, c := range t.Cells {
		if c.Kind != report.Input && c.Kind != report.Total {
			continue
		}
		var w Pt
		for k := c.Col; k < c.Col+c.ColSpan; k++ {
			w += ws[k]
		}
		text := cellText(r, c)
		us := s.units([]span{{fonts.Table, text}})
		if nat, _ := s.natural(us, 0, len(us)); nat > w-2*cellPad {
			return fmt.Sprintf("%s %s 的数字 %s", t.Sheet, r.CellOf(c.Field), text)
		}
	}
	return ""
}

// layTable lays a table out at one size.
func layTable(r *report.Report, t *report.Table, faces *fonts.Set, size Pt) tableBox {
	ws := tableWidths(t)
	xs := make([]Pt, len(ws)+1)
	for i, w := range ws {
		xs[i+1] = xs[i] + w
	}
	s := setter{faces: faces, size: size}
	lead := size * tableLeading
	type laid struct {
		cell  report.Cell
		lines []line
	}
	var cells []laid
	heights := make([]Pt, t.Rows)
	for i := range heights {
		heights[i] = lead + 2*cellPad
	}
	for _, c := range t.Cells {
		width := xs[c.Col+c.ColSpan] - xs[c.Col] - 2*cellPad
		var lines []line
		if c.Kind == report.Vertical {
			lines = verticalLines(s, c.Text)
		} else {
			us := s.units([]span{{fonts.Table, cellText(r, c)}})
			lines = s.breakLines(us, width, width, false)
		}
		cells = append(cells, laid{c, lines})
		need := Pt(len(lines))*lead + 2*cellPad
		if c.RowSpan == 1 {
			heights[c.Row] = max(heights[c.Row], need)
		}
	}
	// A merged cell taller than its rows stretches its last row.
	for _, lc := range cells {
		c := lc.cell
		if c.RowSpan == 1 {
			continue
		}
		need := Pt(len(lc.lines))*lead + 2*cellPad
		var have Pt
		for k := c.Row; k < c.Row+c.RowSpan; k++ {
			have += heights[k]
		}
		if need > have {
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
		top := y0 + (y1-y0-Pt(len(lc.lines))*lead)/2
		for i, ln := range lc.lines {
			var dx Pt
			switch c.Kind {
			case report.Label, report.Band:
				dx = cellPad
			default: // headers, notes, figures: centred
				dx = (x1 - x0 - ln.width) / 2
			}
			baseline := top + Pt(i)*lead + (lead-size)/2 + ascent
			box.items = append(box.items, textItems(ln, x0+dx, baseline, size)...)
		}
	}
	rule(xs[len(ws)], 0, xs[len(ws)], box.height)
	rule(0, box.height, xs[len(ws)], box.height)
	return box
}

// verticalLines sets a label one upright character per line, keeping a
// mark with the character before it (「三、」 stays together).
func verticalLines(s setter, text string) []line {
	us := s.units([]span{{fonts.Table, text}})
	var lines []line
	for i := 0; i < len(us); i++ {
		group := []unit{us[i]}
		for i+1 < len(us) && us[i+1].kind == kClose {
			group = append(group, us[i+1])
			i++
		}
		lines = append(lines, s.place(group, 0, false))
	}
	return lines
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
	}
	return items
}
