// Package pdfout writes a layout.Document as a PDF file: pages of text at
// the positions layout computed, table rules, bookmarks and the document's
// metadata, with each face embedded once as a subset of the characters
// drawn in it. It decides nothing about where anything goes, and the same
// document gives the same bytes.
package pdfout

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"nianbao/fonts"
	"nianbao/layout"
)

// epoch is the date written into a PDF whose report has no 发布日期: the
// date of the 2021 format. Never the clock: the same workbook gives the
// same bytes.
var epoch = time.Date(2021, 9, 26, 0, 0, 0, 0, beijing)

// Write draws a document as PDF. A document without pages is refused:
// readers and printers reject a PDF that has none.
func Write(w io.Writer, d *layout.Document) error {
	if len(d.Pages) == 0 {
		return errors.New("文档没有页面")
	}
	f := &file{}
	catalog, pages := f.reserve(), f.reserve()
	faces, resources, err := embedAll(f, d)
	if err != nil {
		return err
	}
	kids := make([]int, len(d.Pages))
	for i, pg := range d.Pages {
		width, height := layout.PageWidth, layout.PageHeight
		if pg.Landscape {
			width, height = height, width
		}
		content := f.add(stream(draw(pg, d.Faces, faces, float64(height)), small))
		kids[i] = f.add(dict(
			"/Type /Page",
			"/Parent "+ref(pages),
			"/MediaBox [0 0 "+num(float64(width))+" "+num(float64(height))+"]",
			"/Resources "+ref(resources),
			"/Contents "+ref(content),
		))
	}
	var list []string
	for _, k := range kids {
		list = append(list, ref(k))
	}
	f.set(pages, dict("/Type /Pages", "/Kids "+array(list, 16), "/Count "+strconv.Itoa(len(kids))))

	entries := []string{"/Type /Catalog", "/Pages " + ref(pages), "/PageLayout /SinglePage", "/Lang (zh-CN)",
		"/ViewerPreferences << /DisplayDocTitle true >>", "/OpenAction [" + ref(kids[0]) + " /Fit]"}
	if outline := outline(f, d, kids); outline > 0 {
		entries = append(entries, "/Outlines "+ref(outline), "/PageMode /UseOutlines")
	}
	f.set(catalog, dict(entries...))
	return f.write(w, catalog, info(f, d))
}

// embedAll embeds every face the document draws with, in the order of the
// roles, and returns them with the resources dictionary all pages share.
func embedAll(f *file, d *layout.Document) (map[*fonts.Face]*font, int, error) {
	used := map[*fonts.Face]map[rune]bool{}
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.Text {
				continue
			}
			c := d.Faces.Face(it.Role)
			for _, r := range it.Text {
				face := faceOf(c, r)
				if used[face] == nil {
					used[face] = map[rune]bool{}
				}
				used[face][r] = true
			}
		}
	}
	faces := map[*fonts.Face]*font{}
	var res []string
	for role := fonts.Role(0); role < fonts.Roles; role++ {
		for _, face := range d.Faces.Face(role).Faces() {
			if used[face] == nil || faces[face] != nil {
				continue
			}
			runes := make([]rune, 0, len(used[face]))
			for r := range used[face] {
				runes = append(runes, r)
			}
			slices.Sort(runes)
			name := "/F" + strconv.Itoa(len(faces)+1)
			ft, err := embed(f, face, runes, name)
			if err != nil {
				return nil, 0, err
			}
			faces[face] = ft
			res = append(res, name+" "+ref(ft.obj))
		}
	}
	resources := f.add(dict("/Font <<"+strings.Join(res, " ")+">>", "/ProcSet [/PDF /Text]"))
	return faces, resources, nil
}

// faceOf returns the face that draws r in a role's chain: the first that
// has it (layout has already refused a character no face has).
func faceOf(c *fonts.Chain, r rune) *fonts.Face {
	if f := c.FaceFor(r); f != nil {
		return f
	}
	return c.First()
}

// draw is the content stream of a page. Layout's y grows downwards from
// the top of the page; the PDF's grows upwards from the bottom.
func draw(pg layout.Page, set *fonts.Set, faces map[*fonts.Face]*font, height float64) []byte {
	var b strings.Builder
	b.WriteString("0 G\n")
	grey, width := 0.0, -1.0
	for _, it := range pg.Items {
		switch it.Kind {
		case layout.Rule:
			if w := float64(it.Line); w != width {
				width = w
				b.WriteString(num(w) + " w\n")
			}
			fmt.Fprintf(&b, "%s %s m %s %s l S\n", num(float64(it.X)), num(height-float64(it.Y)), num(float64(it.X2)), num(height-float64(it.Y2)))
		case layout.Text:
			if it.Grey != grey {
				grey = it.Grey
				b.WriteString(strconv.FormatFloat(math.Round(grey*1000)/1000, 'f', -1, 64) + " g\n")
			}
			drawText(&b, it, set.Face(it.Role), faces, height)
		}
	}
	return []byte(b.String())
}

// drawText draws a text item, each run of characters in the face of the
// role's chain that has them. Runs of glyphs whose positions follow the
// face's own advances, as layout measured them, go out in one string; a
// glyph moved by justification or spacing starts a new one.
func drawText(b *strings.Builder, it layout.Item, c *fonts.Chain, faces map[*fonts.Face]*font, height float64) {
	rs := []rune(it.Text)
	if len(rs) == 0 {
		return
	}
	// A text turned by an angle turns about its first glyph.
	cos, sin := 1.0, 0.0
	if it.Angle != 0 {
		a := it.Angle * math.Pi / 180
		cos, sin = math.Cos(a), math.Sin(a)
	}
	x0, y0 := float64(it.X), height-float64(it.Y)
	b.WriteString("BT\n")
	var current *font
	for start := 0; start < len(rs); {
		face := faceOf(c, rs[start])
		end := start + 1
		for end < len(rs) && faceOf(c, rs[end]) == face {
			if it.Angle == 0 {
				if d := it.Xs[end] - it.Xs[end-1] - it.Advances[end-1]; d >= 0.01 || d <= -0.01 {
					break
				}
			}
			end++
		}
		if ft := faces[face]; ft != current {
			current = ft
			fmt.Fprintf(b, "%s %s Tf\n", ft.res, num(float64(it.Size)))
		}
		dx := float64(it.Xs[start] - it.Xs[0])
		if it.Angle == 0 {
			fmt.Fprintf(b, "1 0 0 1 %s %s Tm <", num(float64(it.Xs[start])), num(y0))
		} else {
			fmt.Fprintf(b, "%s %s %s %s %s %s Tm <", trig(cos), trig(sin), trig(-sin), trig(cos), num(x0+dx*cos), num(y0+dx*sin))
		}
		for _, r := range rs[start:end] {
			fmt.Fprintf(b, "%04X", current.glyph[r])
		}
		b.WriteString("> Tj\n")
		start = end
	}
	b.WriteString("ET\n")
}

// trig writes a sine or cosine.
func trig(v float64) string {
	v = math.Round(v*1e5) / 1e5
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// outline writes the bookmarks, one level, and returns the outline's
// object, or 0 when there is none.
func outline(f *file, d *layout.Document, pages []int) int {
	var marks []layout.Mark
	for _, m := range d.Outline {
		if m.Page >= 1 && m.Page <= len(pages) {
			marks = append(marks, m)
		}
	}
	if len(marks) == 0 {
		return 0
	}
	root := f.reserve()
	items := make([]int, len(marks))
	for i := range marks {
		items[i] = f.reserve()
	}
	for i, m := range marks {
		height := layout.PageHeight
		if d.Pages[m.Page-1].Landscape {
			height = layout.PageWidth
		}
		entries := []string{
			"/Title " + text(m.Title),
			"/Parent " + ref(root),
			"/Dest [" + ref(pages[m.Page-1]) + " /XYZ 0 " + num(float64(height-m.Y)) + " null]",
		}
		if i > 0 {
			entries = append(entries, "/Prev "+ref(items[i-1]))
		}
		if i+1 < len(items) {
			entries = append(entries, "/Next "+ref(items[i+1]))
		}
		f.set(items[i], dict(entries...))
	}
	f.set(root, dict("/Type /Outlines", "/First "+ref(items[0]), "/Last "+ref(items[len(items)-1]), "/Count "+strconv.Itoa(len(items))))
	return root
}

// info writes the document information: title, author, subject, keywords,
// the program, and the report's 发布日期 as both dates.
func info(f *file, d *layout.Document) int {
	when := epoch
	if !d.Date.IsZero() {
		when = time.Date(d.Date.Year, time.Month(d.Date.Month), d.Date.Day, 0, 0, 0, 0, beijing)
	}
	var entries []string
	for _, e := range []struct{ key, value string }{
		{"/Title", d.Title}, {"/Author", d.Author}, {"/Subject", d.Subject}, {"/Keywords", d.Keywords},
		{"/Creator", "nianbao"}, {"/Producer", "nianbao"},
	} {
		if e.value != "" {
			entries = append(entries, e.key+" "+text(e.value))
		}
	}
	entries = append(entries, "/CreationDate "+date(when), "/ModDate "+date(when))
	return f.add(dict(entries...))
}
