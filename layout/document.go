// Package layout typesets a report in points, with no PDF in sight: Chinese
// line breaking and justification over whole paragraphs, headings, the
// three tables with their merged cells, pagination that keeps each table
// whole on one page and two lines of a paragraph or more on each side of a
// page break, the signature, and page numbers. Its output is a Document of pages of positioned items, and
// a text dump of it for tests.
package layout

import (
	"fmt"
	"strings"

	"nianbao/fonts"
	"nianbao/report"
)

// Pt is a length in PostScript points (1/72 inch).
type Pt float64

// Mm converts millimetres to points.
func Mm(mm float64) Pt { return Pt(mm * 72 / 25.4) }

// Page geometry of GB/T 9704-2012: A4, 版心 156 × 225 mm, 37 mm from the
// top, 28 mm from the binding side (left on odd pages, right on even ones).
var (
	PageWidth  = Mm(210)
	PageHeight = Mm(297)
	TextTop    = Mm(37)
	TextWidth  = Mm(156)
	TextHeight = Mm(225)
	Binding    = Mm(28)
	Outside    = PageWidth - Binding - TextWidth
)

// The body grid: 3号 (16 pt) on 22 lines of 28 characters.
const (
	BodySize Pt = 16
)

// The body grid's lines a page and characters a line.
const (
	LinesPerPage = 22
	CharsPerLine = 28
)

// LinePitch and CharPitch are the grid's line and character spacing.
var (
	LinePitch = TextHeight / LinesPerPage
	CharPitch = TextWidth / CharsPerLine
)

// Left returns the left edge of the 版心 on a 1-based page number.
func Left(page int) Pt {
	if page%2 == 0 {
		return Outside
	}
	return Binding
}

// ItemKind says what an item draws.
type ItemKind uint8

// Item kinds.
const (
	Text ItemKind = iota // a run of glyphs in one face and size
	Rule                 // a straight line
)

// Item is one thing drawn on a page. Positions are from the page's top-left
// corner; a text's Y is its baseline.
type Item struct {
	Kind ItemKind
	Role fonts.Role // Text
	Size Pt         // Text: font size
	Text string     // Text
	Xs   []Pt       // Text: the x of every rune of Text
	X, Y Pt         // Text: first glyph; Rule: start
	X2   Pt         // Rule: end
	Y2   Pt         // Rule: end
	Line Pt         // Rule: width
	// Advances are the face's own advance of every rune of Text at Size:
	// where Xs[i+1] is Xs[i] + Advances[i], a PDF viewer puts rune i+1
	// there by itself.
	Advances []Pt
	// Angle turns a text counter-clockwise about (X, Y), in degrees; a
	// turned text is drawn as one string.
	Angle float64
	// Grey is the text's tint: 0 black, 1 white.
	Grey float64
}

// Page is one page of the document.
type Page struct {
	Number int
	Items  []Item
	// Landscape turns the page: 297 mm wide, 210 mm high.
	Landscape bool
}

// Mark is an entry of the document outline (bookmarks).
type Mark struct {
	Title string
	Page  int // 1-based
	Y     Pt
}

// Document is a typeset report.
type Document struct {
	Title    string // metadata: the report's title on one line
	Author   string // the agency
	Subject  string
	Keywords string
	Date     report.Date // the report's 发布日期, if given: the PDF's dates
	Pages    []Page
	Outline  []Mark
	// TableSize is the one size of every table cell.
	TableSize Pt
	// Faces are the faces used, by role.
	Faces *fonts.Set
}

// Dump writes the document as text, one line an item, for golden tests.
func (d *Document) Dump() string {
	var b strings.Builder
	fmt.Fprintf(&b, "title %s\nauthor %s\ntable size %.1f\n", d.Title, d.Author, d.TableSize)
	for _, m := range d.Outline {
		fmt.Fprintf(&b, "mark p%d y=%.2f %s\n", m.Page, m.Y, m.Title)
	}
	for _, p := range d.Pages {
		fmt.Fprintf(&b, "page %d\n", p.Number)
		for _, it := range p.Items {
			switch it.Kind {
			case Text:
				end := it.X
				if n := len(it.Xs); n > 0 {
					end = it.Xs[n-1]
				}
				turn := ""
				if it.Angle != 0 {
					turn = fmt.Sprintf(" turned %.0f° grey %.2f", it.Angle, it.Grey)
				}
				fmt.Fprintf(&b, "  T %6.2f..%6.2f y=%6.2f %s %.1f%s %s\n", it.X, end, it.Y, roleKey[it.Role], it.Size, turn, it.Text)
			case Rule:
				fmt.Fprintf(&b, "  R %6.2f,%6.2f %6.2f,%6.2f w=%.1f\n", it.X, it.Y, it.X2, it.Y2, it.Line)
			}
		}
	}
	return b.String()
}

var roleKey = [fonts.Roles]string{"title", "h1", "h2", "body", "table", "folio"}

// PlainText returns the text of each page in reading order, lines joined
// by newlines, as a PDF text extractor should find it.
func (d *Document) PlainText() []string {
	var out []string
	for _, p := range d.Pages {
		var b strings.Builder
		for _, it := range p.Items {
			if it.Kind == Text {
				b.WriteString(it.Text)
				b.WriteByte('\n')
			}
		}
		out = append(out, b.String())
	}
	return out
}
