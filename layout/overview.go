package layout

import (
	"fmt"
	"unicode"

	"nianbao/fonts"
	"nianbao/report"
)

// Overview is a long table, such as the unit table of a roll-up: a title,
// paragraphs before it, its rows, and lists after it. It is the one table
// that may run over pages; its header row is repeated on each.
type Overview struct {
	Title   [2]string
	Lead    []string   // paragraphs before the table
	Columns []string   // header labels
	Numeric []bool     // columns of figures: centred and never broken
	Rows    [][]string // the body rows
	Total   []string   // a last row of totals, or nil
	After   []List     // lists after the table
}

// List is a heading and its items, each set as a paragraph.
type List struct {
	Heading string
	Items   []string
}

// frame is the page geometry a document part is set in.
type frame struct {
	landscape     bool
	width, height Pt // of the 版心
	top           Pt
}

var portrait = frame{width: TextWidth, height: TextHeight, top: TextTop}

// landscapeFrame turns the 版心 with the page: 225 × 156 mm, its top at
// the binding edge.
var landscapeFrame = frame{landscape: true, width: TextHeight, height: TextWidth, top: Binding}

// left returns the left edge of the 版心 on a page.
func (f frame) left(page int) Pt {
	if f.landscape {
		return TextTop
	}
	return Left(page)
}

// TypesetOverview lays out an overview in the house style: the title as a
// report's, body text on the line grid, the table at the tables' one size
// with its header row on every page, pages numbered 「— N —」. The pages are
// portrait when the table fits the 版心's width, landscape when it needs
// the width (and at a smaller size only when even that is too narrow). It
// returns problems instead when a character has no glyph or the table
// cannot fit at all.
func TypesetOverview(ov *Overview, faces *fonts.Set) (*Document, []report.Problem) {
	if probs := overviewCoverage(ov, faces); len(probs) > 0 {
		return nil, probs
	}
	// Portrait at the tables' size; else landscape, lowering the size only
	// when even that is too narrow.
	size, fr := DefaultTableSize, portrait
	widths, ok := columnWidths(ov, faces, size, fr.width)
	if !ok {
		fr = landscapeFrame
		for ; size >= MinTableSize; size -= 0.5 {
			if widths, ok = columnWidths(ov, faces, size, fr.width); ok {
				break
			}
		}
	}
	if !ok {
		return nil, []report.Problem{{Rule: "排版", Severity: report.Error,
			Message: fmt.Sprintf("汇总表太宽：表格字号缩小到 %.0f 磅、横排也放不下。请核对各单位工作簿里是否有填错的特大数字（例如多打了几位）。", MinTableSize)}}
	}
	doc := &Document{
		Title:     ov.Title[0] + ov.Title[1],
		Author:    ov.Title[0],
		Subject:   "政府信息公开工作年度报告汇总",
		TableSize: size,
		Faces:     faces,
	}
	o := &overviewPager{doc: doc, fr: fr, faces: faces, size: size, widths: widths}
	o.newPage()
	doc.Outline = append(doc.Outline, Mark{Title: ov.Title[1], Page: 1, Y: fr.top})
	o.title(ov.Title)
	for _, p := range ov.Lead {
		o.paragraph([]span{{fonts.Body, p}}, 2*CharPitch, 0)
	}
	o.table(ov)
	for _, l := range ov.After {
		if len(l.Items) == 0 {
			continue
		}
		o.paragraph([]span{{fonts.Heading1, l.Heading}}, 2*CharPitch, 1)
		for _, it := range l.Items {
			o.paragraph([]span{{fonts.Body, it}}, 2*CharPitch, 0)
		}
	}
	o.folios()
	return doc, nil
}

// overviewPager places an overview on pages with a cursor in points.
type overviewPager struct {
	doc    *Document
	page   *Page
	fr     frame
	faces  *fonts.Set
	size   Pt   // of the table
	widths []Pt // of the table's columns
	y      Pt   // the next free height, from the 版心's top
}

func (o *overviewPager) newPage() {
	o.doc.Pages = append(o.doc.Pages, Page{Number: len(o.doc.Pages) + 1, Landscape: o.fr.landscape})
	o.page = &o.doc.Pages[len(o.doc.Pages)-1]
	o.y = 0
}

func (o *overviewPager) left() Pt { return o.fr.left(o.page.Number) }

func (o *overviewPager) title(t [2]string) {
	s := setter{faces: o.faces, size: TitleSize}
	for _, text := range t {
		for _, ln := range s.breakLines(s.units([]span{{fonts.Title, text}}), o.fr.width, o.fr.width, false) {
			x := o.left() + (o.fr.width-ln.width)/2
			o.page.Items = append(o.page.Items, textItems(ln, x, o.fr.top+o.y+(LinePitch-TitleSize)/2+TitleSize*0.88, TitleSize)...)
			o.y += LinePitch
		}
	}
	o.y += LinePitch
}

// paragraph sets body-size text on the line pitch, 左空二字 and justified;
// keep is how many lines of what follows must share its page (a heading's).
func (o *overviewPager) paragraph(ss []span, indent Pt, keep int) {
	s := setter{faces: o.faces, size: BodySize, track: CharPitch - BodySize}
	lines := s.breakLines(s.units(ss), o.fr.width-indent, o.fr.width, true)
	if o.y > 0 && o.y+Pt(1+keep)*LinePitch > o.fr.height {
		o.newPage()
	}
	for i, ln := range lines {
		if o.y+LinePitch > o.fr.height+0.01 {
			o.newPage()
		}
		x := o.left()
		if i == 0 {
			x += indent
		}
		o.page.Items = append(o.page.Items, textItems(ln, x, o.fr.top+o.y+(LinePitch-BodySize)/2+BodySize*0.88, BodySize)...)
		o.y += LinePitch
	}
}

// table sets the header row and the body rows, starting a new page with
// the header row repeated whenever a row does not fit.
func (o *overviewPager) table(ov *Overview) {
	header := o.row(ov.Columns, nil)
	rows := ov.Rows
	if ov.Total != nil {
		rows = append(rows[:len(rows):len(rows)], ov.Total)
	}
	if o.y > 0 && o.y+header.height+o.rowHeight(rows, ov.Numeric) > o.fr.height {
		o.newPage()
	}
	o.put(header)
	for i, cells := range rows {
		r := o.row(cells, ov.Numeric)
		need := r.height
		if i == len(rows)-2 && ov.Total != nil {
			need += o.row(rows[i+1], ov.Numeric).height // the last row keeps the totals company
		}
		if o.y+need > o.fr.height {
			o.closeTable()
			o.newPage()
			o.put(header)
		}
		o.put(r)
	}
	o.closeTable()
	o.y += LinePitch / 2
}

// rowHeight is the height of the first body row, or 0 when there is none.
func (o *overviewPager) rowHeight(rows [][]string, numeric []bool) Pt {
	if len(rows) == 0 {
		return 0
	}
	return o.row(rows[0], numeric).height
}

// laidRow is one table row set at the origin.
type laidRow struct {
	items  []Item
	height Pt
}

// row sets one row; numeric marks the columns of figures (nil: a header
// row, every cell centred).
func (o *overviewPager) row(cells []string, numeric []bool) laidRow {
	s := setter{faces: o.faces, size: o.size}
	lead := o.size * tableLeading
	var lines [][]line
	h := lead + 2*padY
	for c, text := range cells {
		w := o.widths[c] - 2*padX
		ls := s.breakLines(s.units([]span{{fonts.Table, text}}), w, w, false)
		lines = append(lines, ls)
		h = max(h, Pt(len(ls))*lead+2*padY)
	}
	var r laidRow
	r.height = h
	x := Pt(0)
	for c, ls := range lines {
		w := o.widths[c]
		r.items = append(r.items,
			Item{Kind: Rule, X: x, Y: 0, X2: x + w, Y2: 0, Line: gridLine},
			Item{Kind: Rule, X: x, Y: 0, X2: x, Y2: h, Line: gridLine})
		top := (h - Pt(len(ls))*lead) / 2
		for i, ln := range ls {
			dx := (w - ln.width) / 2
			if numeric != nil && !numeric[c] {
				dx = padX
			}
			base := top + Pt(i)*lead + (lead-o.size)/2 + o.size*0.88
			r.items = append(r.items, textItems(ln, x+dx, base, o.size)...)
		}
		x += w
	}
	r.items = append(r.items, Item{Kind: Rule, X: x, Y: 0, X2: x, Y2: h, Line: gridLine})
	return r
}

// put places a row at the cursor.
func (o *overviewPager) put(r laidRow) {
	dx, dy := o.left(), o.fr.top+o.y
	for _, it := range r.items {
		it.X += dx
		it.X2 += dx
		it.Y += dy
		it.Y2 += dy
		it.Xs = shift(it.Xs, dx)
		o.page.Items = append(o.page.Items, it)
	}
	o.y += r.height
}

// closeTable draws the rule under the last row placed.
func (o *overviewPager) closeTable() {
	var w Pt
	for _, x := range o.widths {
		w += x
	}
	y := o.fr.top + o.y
	o.page.Items = append(o.page.Items, Item{Kind: Rule, X: o.left(), Y: y, X2: o.left() + w, Y2: y, Line: gridLine})
}

// folios numbers the pages as a report's are: 「— N —」 under the 版心,
// odd pages right and even pages left, 1 字 in.
func (o *overviewPager) folios() {
	s := setter{faces: o.faces, size: FolioSize}
	for i := range o.doc.Pages {
		pg := &o.doc.Pages[i]
		ln := s.place(s.units([]span{{fonts.PageNumber, fmt.Sprintf("— %d —", pg.Number)}}), o.fr.width, false)
		x := o.fr.left(pg.Number) + FolioSize
		if pg.Number%2 == 1 {
			x = o.fr.left(pg.Number) + o.fr.width - FolioSize - ln.width
		}
		y := o.fr.top + o.fr.height + Mm(7) + FolioSize*0.35
		pg.Items = append(pg.Items, textItems(ln, x, y, FolioSize)...)
	}
}

// columnWidths shares out a width among the columns: figures never break,
// and get one character of room more when there is space; text columns
// get what their widest cell needs on one line when there is space, and
// wrap otherwise, down to four characters. It reports false when even that
// does not fit.
func columnWidths(ov *Overview, faces *fonts.Set, size, avail Pt) ([]Pt, bool) {
	s := setter{faces: faces, size: size}
	n := len(ov.Columns)
	natural := make([]Pt, n)
	least := make([]Pt, n) // figures whole, labels of two characters, text of four
	figures := make([]Pt, n)
	measure := func(c int, text string, header bool) {
		us := s.units([]span{{fonts.Table, text}})
		w, _ := s.natural(us, 0, len(us))
		w += 2 * padX
		natural[c] = max(natural[c], w)
		switch {
		case header:
			least[c] = max(least[c], min(w, 2*size+2*padX))
		case ov.Numeric[c]:
			least[c] = max(least[c], w)
			figures[c] = max(figures[c], w)
		default:
			least[c] = max(least[c], min(w, 4*size+2*padX))
		}
	}
	for c, h := range ov.Columns {
		measure(c, h, true)
	}
	rows := ov.Rows
	if ov.Total != nil {
		rows = append(rows[:len(rows):len(rows)], ov.Total)
	}
	for _, row := range rows {
		for c, text := range row {
			measure(c, text, false)
		}
	}
	sum := func(ws []Pt) Pt {
		var t Pt
		for _, w := range ws {
			t += w
		}
		return t
	}
	if sum(least) > avail {
		return least, false
	}
	widths := append([]Pt(nil), least...)
	spare := avail - sum(least)
	// Figures first, with up to half a character more room.
	for c := range widths {
		if ov.Numeric[c] {
			more := min(max(figures[c], least[c])+size/2-widths[c], spare)
			widths[c] += more
			spare -= more
		}
	}
	// Then the text columns, as far as they want it; what is left after
	// that, the table spanning the 版心, goes to all evenly.
	var want Pt
	text := 0
	for c := range widths {
		if !ov.Numeric[c] {
			want += natural[c] - widths[c]
			text++
		}
	}
	for c := range widths {
		if !ov.Numeric[c] && want > 0 {
			widths[c] += (natural[c] - widths[c]) * min(spare/want, 1)
		}
	}
	spare = avail - sum(widths)
	for c := range widths {
		if want > spare+0.01 && text > 0 {
			if !ov.Numeric[c] {
				widths[c] += spare / Pt(text)
			}
			continue
		}
		widths[c] += spare / Pt(n)
	}
	return widths, true
}

// overviewCoverage checks every character of an overview against its
// role's faces.
func overviewCoverage(ov *Overview, faces *fonts.Set) []report.Problem {
	var probs []report.Problem
	check := func(role fonts.Role, text string) {
		face := faces.Face(role)
		for _, c := range text {
			if unicode.IsSpace(c) {
				continue
			}
			if !unicode.IsControl(c) && !report.Invisible(c) && face.Has(c) {
				continue
			}
			msg := fmt.Sprintf("「%s」里的「%c」（U+%04X）在%s字体「%s」里没有，汇总表无法印出；请在这个单位的工作簿里改用常用字。", text, c, c, role, face.Name)
			if c > 0xFFFF && !unicode.IsControl(c) && !report.Invisible(c) {
				msg = fmt.Sprintf("「%s」里的「%c」（U+%04X）%s；也可以在这个单位的工作簿里换一种写法。", text, c, c, rareLacking)
			}
			probs = append(probs, report.Problem{Rule: report.RuleFont, Severity: report.Error, Message: msg})
			return
		}
	}
	for _, t := range ov.Title {
		check(fonts.Title, t)
	}
	for _, p := range ov.Lead {
		check(fonts.Body, p)
	}
	for _, t := range ov.Columns {
		check(fonts.Table, t)
	}
	for _, row := range append(ov.Rows[:len(ov.Rows):len(ov.Rows)], ov.Total) {
		for _, t := range row {
			check(fonts.Table, t)
		}
	}
	for _, l := range ov.After {
		check(fonts.Heading1, l.Heading)
		for _, it := range l.Items {
			check(fonts.Body, it)
		}
	}
	return probs
}

// Stamp sets a line of text at the head of every page, above the 版心 and
// flush with its right edge: 「含未通过校验的单位」 on a roll-up that sums
// units with errors.
func Stamp(d *Document, text string) {
	const size Pt = 12
	s := setter{faces: d.Faces, size: size}
	ln := s.place(s.units([]span{{fonts.Heading1, text}}), TextWidth, false)
	for i := range d.Pages {
		pg := &d.Pages[i]
		fr := portrait
		if pg.Landscape {
			fr = landscapeFrame
		}
		x := fr.left(pg.Number) + fr.width - ln.width
		pg.Items = append(pg.Items, textItems(ln, x, fr.top-size, size)...)
	}
}

// Join puts documents one after another in one PDF. Each keeps its own
// page numbers, as parts printed together do; a part of an odd number of
// pages is followed by a blank page, so that the next begins on a
// right-hand page when printed on both sides. The metadata are the
// first's.
func Join(parts ...*Document) *Document {
	out := *parts[0]
	out.Pages, out.Outline = nil, nil
	for i, d := range parts {
		base := len(out.Pages)
		for _, pg := range d.Pages {
			pg.Number += base
			out.Pages = append(out.Pages, pg)
		}
		for _, m := range d.Outline {
			m.Page += base
			out.Outline = append(out.Outline, m)
		}
		if len(d.Pages)%2 == 1 && i < len(parts)-1 {
			out.Pages = append(out.Pages, Page{Number: len(out.Pages) + 1})
		}
	}
	return &out
}
