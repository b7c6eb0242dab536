package layout

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/fonts"
	"nianbao/report"
)

// Style holds the choices a user may make about a document.
type Style struct {
	// Draft puts a watermark across every page (the PDF of a workbook
	// that did not pass the checks).
	Draft bool
}

// DraftMark is the watermark of a draft.
const DraftMark = "草稿 — 未通过校验"

// Sizes of the official-document style.
const (
	TitleSize Pt = 22 // 2号
	FolioSize Pt = 14 // 4号
)

// Typeset lays a report out. It returns problems instead of a document
// when a character has no glyph in its role's face, or a table cannot be
// set whole on one page even at the smallest table size.
func Typeset(r *report.Report, faces *fonts.Set, st Style) (*Document, []report.Problem) {
	if probs := coverage(r, faces); len(probs) > 0 {
		return nil, probs
	}
	size, prob := tableSize(r, faces)
	if prob != nil {
		return nil, []report.Problem{*prob}
	}
	title := r.Title()
	doc := &Document{
		Title:     title[0] + title[1],
		Author:    r.Agency,
		Subject:   "政府信息公开工作年度报告",
		Keywords:  fmt.Sprintf("政府信息公开,年度报告,%d", r.Year),
		Date:      r.Published,
		TableSize: size,
		Faces:     faces,
	}
	p := &pager{doc: doc}
	p.newPage()
	p.title(title)
	bs := blocks(r, faces, size)
	if sig := signature(r, faces); sig != nil {
		bs = append(bs, *sig)
	}
	p.paginate(bs)
	p.folios()
	if st.Draft {
		p.watermarks()
	}
	return doc, nil
}

// block is what pagination places: lines of text on the grid, or a table.
type block struct {
	lines    []line
	indent   Pt     // of the first line
	keepNext bool   // a heading: never the last thing on a page
	mark     string // outline entry
	table    *tableBox
	// offsets, when set, place each line this far right of the 版心's left
	// edge instead of the indent (the signature).
	offsets []Pt
	// above is how many empty grid lines come before the block.
	above int
}

// gridLines returns how many grid lines a block takes.
func (b *block) gridLines() int {
	if b.table != nil {
		return int(math.Ceil(float64(b.table.height / LinePitch)))
	}
	return len(b.lines)
}

// body returns the setter of the body text.
func body(faces *fonts.Set) setter {
	return setter{faces: faces, size: BodySize, track: CharPitch - BodySize}
}

// paragraph sets one paragraph: 2-字 first-line indent, justified.
func paragraph(faces *fonts.Set, spans []span) []line {
	s := body(faces)
	return s.breakLines(s.units(spans), TextWidth-2*CharPitch, TextWidth, true)
}

// maxHead is the longest 一、 heading set in its heading face, in
// characters; a longer one is a paragraph that begins with a number, and
// only its first clause, if short, is set as a heading.
const maxHead = 40

// spans returns the faces of a paragraph by its level: 一、 黑体, （一） 楷体
// (also as a run-in head), 1. and （1） the body face.
func spans(p report.Paragraph) []span {
	head := fonts.Body
	switch p.Level {
	case 1:
		head = fonts.Heading1
	case 2:
		head = fonts.Heading2
	}
	h, text := heading(p)
	var ss []span
	if h != "" {
		ss = append(ss, span{head, h})
	}
	if text != "" {
		ss = append(ss, span{fonts.Body, text})
	}
	return ss
}

// heading splits a paragraph into what is set in its heading face and the
// text after it. A 一、 paragraph longer than a heading is never set whole
// in 黑体: its heading is its first clause, or nothing.
func heading(p report.Paragraph) (head, text string) {
	if p.Level != 1 || utf8.RuneCountInString(p.Head) <= maxHead {
		return p.Head, p.Text
	}
	if i := strings.IndexAny(p.Head, "。；：！？，"); i >= 0 {
		_, n := utf8.DecodeRuneInString(p.Head[i:])
		if utf8.RuneCountInString(p.Head[:i]) < maxHead {
			return p.Head[:i+n], p.Head[i+n:] + p.Text
		}
	}
	return "", p.Head + p.Text
}

// blocks sets the report's outline: its paragraphs, and its tables where
// the format's outline puts them. A heading right before its table stays
// with it.
func blocks(r *report.Report, faces *fonts.Set, size Pt) []block {
	var bs []block
	outline := r.Outline()
	for i, ob := range outline {
		if ob.Table != nil {
			box := layTable(r, ob.Table, faces, size)
			bs = append(bs, block{table: &box})
			continue
		}
		p := ob.Paragraph
		b := block{lines: paragraph(faces, spans(p)), indent: 2 * CharPitch}
		head, text := heading(p)
		if text == "" && p.Level > 0 || i+1 < len(outline) && outline[i+1].Table != nil {
			b.keepNext = true
		}
		if p.Level == 1 && head != "" {
			b.mark = head
		}
		bs = append(bs, b)
	}
	return bs
}

// pager places blocks on pages.
type pager struct {
	doc  *Document
	page *Page
	line int // the next free grid line
}

func (p *pager) newPage() {
	p.doc.Pages = append(p.doc.Pages, Page{Number: len(p.doc.Pages) + 1})
	p.page = &p.doc.Pages[len(p.doc.Pages)-1]
	p.line = 0
}

func (p *pager) left() Pt { return Left(p.page.Number) }

// baseline returns the baseline of grid line i for text of a size: the
// text centred on the line.
func baseline(i int, size Pt) Pt {
	return TextTop + Pt(i)*LinePitch + (LinePitch-size)/2 + size*0.88
}

func (p *pager) title(t [2]string) {
	s := setter{faces: p.doc.Faces, size: TitleSize}
	for _, text := range t {
		for _, ln := range s.breakLines(s.units([]span{{fonts.Title, text}}), TextWidth, TextWidth, false) {
			x := p.left() + (TextWidth-ln.width)/2
			p.page.Items = append(p.page.Items, textItems(ln, x, baseline(p.line, TitleSize), TitleSize)...)
			p.line++
		}
	}
	p.line++ // one empty line under the title
}

// row is what pagination places on the grid: one line of a block, or a
// whole table.
type row struct {
	block, line int  // the block, and the line of it (0 for a table)
	height      int  // grid lines
	breakable   bool // a page may begin with this row
}

// rows turns blocks into rows and says where a page may break: never after
// a heading, never inside a table, never leaving fewer than two lines of a
// paragraph on either side (so a paragraph of two or three lines moves
// whole), never between the last two lines of text, nor before the
// signature, so that the last page holds at least two lines of text.
func rows(bs []block) []row {
	var rs []row
	keep := false // the previous block is a heading
	lastText := -1
	for i := range bs {
		b := &bs[i]
		if b.table != nil {
			rs = append(rs, row{block: i, height: b.gridLines(), breakable: !keep})
			keep = false
			continue
		}
		n := len(b.lines)
		for l := range b.lines {
			h := 1
			if l == 0 {
				h += b.above
			}
			ok := l == 0 && !keep || l >= 2 && n-l >= 2
			if b.offsets != nil {
				ok = false
			} else {
				lastText = len(rs)
			}
			rs = append(rs, row{block: i, line: l, height: h, breakable: ok})
		}
		keep = b.keepNext
	}
	if lastText > 0 && bs[rs[lastText-1].block].table == nil {
		rs[lastText].breakable = false
	}
	return rs
}

// paginate places blocks on pages, filling each page up to the last place
// it may break before the rows that do not fit.
func (p *pager) paginate(bs []block) {
	rs := rows(bs)
	for start := 0; start < len(rs); {
		end, used, last := start, p.line, -1
		for end < len(rs) && used+rs[end].height <= LinesPerPage {
			if end > start && rs[end].breakable {
				last = end
			}
			used += rs[end].height
			end++
		}
		cut := end
		switch {
		case end == len(rs):
		case rs[end].breakable && end > start:
		case last > start:
			cut = last
		case p.line > 0: // under the title: begin on the next page
			cut = start
		case end == start: // taller than a page: set it anyway
			cut = start + 1
		}
		if cut == start {
			p.newPage()
			continue
		}
		for _, r := range rs[start:cut] {
			p.place(&bs[r.block], r)
		}
		start = cut
		if start < len(rs) {
			p.newPage()
		}
	}
}

// place sets one row at the next free grid line.
func (p *pager) place(b *block, r row) {
	if b.table != nil {
		top := TextTop + Pt(p.line)*LinePitch
		for _, it := range b.table.items {
			it.X += p.left()
			it.X2 += p.left()
			it.Y += top
			it.Y2 += top
			it.Xs = shift(it.Xs, p.left())
			p.page.Items = append(p.page.Items, it)
		}
		p.line += r.height
		return
	}
	p.line += r.height - 1
	x := p.left()
	switch {
	case b.offsets != nil:
		x += b.offsets[r.line]
	case r.line == 0:
		x += b.indent
		if b.mark != "" {
			p.doc.Outline = append(p.doc.Outline, Mark{Title: b.mark, Page: p.page.Number, Y: baseline(p.line, BodySize) - BodySize})
		}
	}
	p.page.Items = append(p.page.Items, textItems(b.lines[r.line], x, baseline(p.line, BodySize), BodySize)...)
	p.line++
}

func shift(xs []Pt, dx Pt) []Pt {
	if xs == nil {
		return nil
	}
	out := make([]Pt, len(xs))
	for i, x := range xs {
		out[i] = x + dx
	}
	return out
}

// signature sets the agency and the date when a 发布日期 is given, as GB/T
// 9704 7.3.5.2 sets them on a document without a seal: one empty line under
// the text, the agency 右空二字, the date on the next line starting 2 字 right
// of the agency's first character; when the date is the longer, the date
// 右空二字 and the agency 2 字 left of it.
func signature(r *report.Report, faces *fonts.Set) *block {
	if r.Published.IsZero() {
		return nil
	}
	s := body(faces)
	name := s.place(s.units([]span{{fonts.Body, r.Agency}}), TextWidth, false)
	date := s.place(s.units([]span{{fonts.Body, r.Published.String()}}), TextWidth, false)
	nameX := TextWidth - 2*CharPitch - name.width
	dateX := nameX + 2*CharPitch
	if date.width > name.width {
		dateX = TextWidth - 2*CharPitch - date.width
		nameX = dateX - 2*CharPitch
	}
	return &block{lines: []line{name, date}, offsets: []Pt{nameX, dateX}, above: 1}
}

// folios puts 「— N —」 under the 版心 of every page: 4号, odd pages right
// and even pages left, each 1 字 in; the dash 7 mm below the 版心. Each 一字线
// takes one full 字; when the face's U+2014 is narrower, a rule of one 字 is
// drawn over it, as thick as its stroke and at its height.
func (p *pager) folios() {
	s := setter{faces: p.doc.Faces, size: FolioSize}
	var x0, y0, x1, y1 float64
	ok := false
	if f := p.doc.Faces.Face(fonts.PageNumber).FaceFor('—'); f != nil {
		x0, y0, x1, y1, ok = f.Ink('—')
	}
	rule := ok && x1-x0 < 0.95
	for i := range p.doc.Pages {
		pg := &p.doc.Pages[i]
		us := s.units([]span{{fonts.PageNumber, fmt.Sprintf("— %d —", pg.Number)}})
		for k := range us {
			if g := &us[k].glyphs[0]; g.r == '—' {
				g.w, g.dx = FolioSize, FolioSize/2-Pt(x0+x1)/2*FolioSize
			}
		}
		ln := s.place(us, TextWidth, false)
		x := Left(pg.Number) + FolioSize
		if pg.Number%2 == 1 {
			x = Left(pg.Number) + TextWidth - FolioSize - ln.width
		}
		y := TextTop + TextHeight + Mm(7) + FolioSize*0.35
		pg.Items = append(pg.Items, textItems(ln, x, y, FolioSize)...)
		if !rule {
			continue
		}
		for k, g := range ln.glyphs {
			if g.r == '—' {
				pen := x + ln.xs[k] - g.dx
				mid := y - Pt(y0+y1)/2*FolioSize
				pg.Items = append(pg.Items, Item{Kind: Rule, Role: fonts.PageNumber, X: pen, Y: mid, X2: pen + FolioSize, Y2: mid, Line: Pt(y1-y0) * FolioSize})
			}
		}
	}
}

// Draft marks: 56 pt, light grey, at 45° through the page's centre, under
// everything else on the page.
const draftSize Pt = 56

// The draft mark's grey and angle.
const (
	draftGrey  = 0.78
	draftAngle = 45
)

func (p *pager) watermarks() {
	s := setter{faces: p.doc.Faces, size: draftSize}
	ln := s.place(s.units([]span{{fonts.Heading1, DraftMark}}), TextWidth, false)
	// The text's middle at the page's centre, its baseline turned 45°.
	cx, cy := PageWidth/2, PageHeight/2
	half := ln.width / 2
	x := cx - half*Pt(math.Cos(draftAngle*math.Pi/180))
	y := cy + half*Pt(math.Sin(draftAngle*math.Pi/180))
	for i := range p.doc.Pages {
		pg := &p.doc.Pages[i]
		it := textItems(ln, x, y, draftSize)[0]
		it.Angle, it.Grey = draftAngle, draftGrey
		pg.Items = append([]Item{it}, pg.Items...)
	}
}

// tableSize finds the one table size at which every figure fits its cell
// and every table, with its heading, fits one page.
func tableSize(r *report.Report, faces *fonts.Set) (Pt, *report.Problem) {
	var why string
	for size := DefaultTableSize; size >= MinTableSize; size -= 0.5 {
		why = ""
		for _, t := range report.Tables() {
			if w := tooWide(r, t, faces, size); w != "" {
				why = w + " 太长，放不进格子"
				break
			}
			box := layTable(r, t, faces, size)
			if (&block{table: &box}).gridLines()+1 > LinesPerPage {
				why = t.Sheet + "太高，放不进一页"
				break
			}
		}
		if why == "" {
			return size, nil
		}
	}
	return 0, &report.Problem{Rule: "排版", Severity: report.Error,
		Message: fmt.Sprintf("表格字号已缩小到 %.0f 磅，%s。请核对这个数字是否填错（例如多打了几位）。", MinTableSize, why)}
}

// rareLacking says of a character beyond the BMP that no face has what it
// is and how to get a face with it.
const rareLacking = "是扩展区的生僻字，这台电脑上的字体里都没有这个字；" +
	"请安装带有这个字的字体（例如 Windows 自带的「宋体-扩展B」SimSun-ExtB，文件名 simsunb.ttf），" +
	"或把这样的字体文件放进程序旁的「字体」文件夹，再生成"

// coverage checks every character against its role's faces: a character
// no face has is an error naming where it is.
func coverage(r *report.Report, faces *fonts.Set) []report.Problem {
	var probs []report.Problem
	check := func(role fonts.Role, text, sheet, cell, label string) {
		face := faces.Face(role)
		for i, c := range []rune(text) {
			if c == ' ' || c == '\t' || c == '\u3000' || c == '\u00a0' {
				continue
			}
			const instead = "；请改用常用字或换一种写法（例如用拼音或说明代替），再生成。"
			var why string
			switch {
			case unicode.IsControl(c):
				why = fmt.Sprintf("第 %d 个字是看不见的控制字符（U+%04X），可能是从别处粘贴带来的%s", i+1, c, instead)
			case report.Invisible(c):
				why = fmt.Sprintf("第 %d 个字是看不见的字符（U+%04X），可能是从别处粘贴带来的%s", i+1, c, instead)
			case face.Has(c):
				continue
			case c > 0xFFFF:
				why = fmt.Sprintf("第 %d 个字「%c」（U+%04X）%s；也可以换一种写法（例如用拼音或说明代替）。", i+1, c, c, rareLacking)
			default:
				why = fmt.Sprintf("第 %d 个字「%c」（U+%04X）在%s字体「%s」里没有%s", i+1, c, c, role, face.Name, instead)
			}
			probs = append(probs, report.Problem{Rule: report.RuleFont, Severity: report.Error, Sheet: sheet, Cell: cell, Label: label,
				Message: why})
			return
		}
	}
	info := func(role fonts.Role, k report.InfoKey) {
		check(role, r.Info(k), report.SheetInfo, r.InfoCells[k], k.Label())
	}
	info(fonts.Title, report.InfoAgency)
	for _, k := range []report.InfoKey{report.InfoAgency, report.InfoSiteName, report.InfoSiteURL, report.InfoContact, report.InfoPhone} {
		info(fonts.Body, k)
	}
	for _, p := range r.Paragraphs {
		for _, sp := range spans(p) {
			check(sp.role, sp.text, report.SheetText, p.Cell, "")
		}
	}
	title := r.Title()
	check(fonts.Title, title[1], "", "", "标题")
	check(fonts.Heading1, DraftMark, "", "", "草稿水印")
	check(fonts.Body, r.Intro()[0].Text, "", "", "开头一段")
	check(fonts.PageNumber, "— 0123456789 —", "", "", "页码")
	for _, t := range report.Tables() {
		check(fonts.Heading1, t.Heading, "", "", t.Sheet+"标题")
		for _, c := range t.Cells {
			check(fonts.Table, cellText(r, c), t.Sheet, "", "表格文字")
		}
	}
	return probs
}
