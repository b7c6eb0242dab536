// Package pdfout is the only importer of the PDF library: it draws a
// layout.Document with codeberg.org/go-pdf/fpdf used as a drawing surface
// (fonts, text at a position, lines, metadata), never its text flowing
// functions. It decides nothing about where anything goes.
package pdfout

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"nianbao/fonts"
	"nianbao/layout"
)

// epoch is the date written into a PDF whose report has no 发布日期: the
// date of the 2021 format. Never the clock: the same workbook gives the
// same bytes.
var epoch = time.Date(2021, 9, 26, 0, 0, 0, 0, time.UTC)

// Write draws a document as PDF.
func Write(w io.Writer, d *layout.Document) error {
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: float64(layout.PageWidth), Ht: float64(layout.PageHeight)},
	})
	pdf.SetCompression(true)
	date := epoch
	if !d.Date.IsZero() {
		date = time.Date(d.Date.Year, time.Month(d.Date.Month), d.Date.Day, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(d.Title, true)
	pdf.SetAuthor(d.Author, true)
	pdf.SetSubject(d.Subject, true)
	pdf.SetKeywords(d.Keywords, true)
	pdf.SetCreator("nianbao", true)
	pdf.SetProducer("nianbao", true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetDisplayMode("fullpage", "single")

	faces, err := register(pdf, d)
	if err != nil {
		return err
	}
	marks := map[int][]layout.Mark{}
	for _, m := range d.Outline {
		marks[m.Page] = append(marks[m.Page], m)
	}
	for _, pg := range d.Pages {
		if pg.Landscape {
			pdf.AddPageFormat("L", fpdf.SizeType{Wd: float64(layout.PageWidth), Ht: float64(layout.PageHeight)})
		} else {
			pdf.AddPage()
		}
		// The library encodes a bookmark's title as UTF-16 only while a
		// Unicode font is current.
		pdf.SetFont(faces.family[d.Faces.Face(fonts.Body).First()], "", float64(layout.BodySize))
		for _, m := range marks[pg.Number] {
			pdf.SetY(float64(m.Y))
			pdf.Bookmark(m.Title, 0, float64(m.Y))
		}
		pdf.SetDrawColor(0, 0, 0)
		for _, it := range pg.Items {
			switch it.Kind {
			case layout.Text:
				grey := int(255 * it.Grey)
				pdf.SetTextColor(grey, grey, grey)
				drawItem(pdf, d.Faces.Face(it.Role), faces.family, it)
			case layout.Rule:
				pdf.SetLineWidth(float64(it.Line))
				pdf.Line(float64(it.X), float64(it.Y), float64(it.X2), float64(it.Y2))
			}
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return fmt.Errorf("PDF: %w", err)
	}
	out, err := rewrite(b.Bytes(), faces.baseFont)
	if err != nil {
		return fmt.Errorf("PDF: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// faceOf returns the face that draws r in a role's chain: the first that
// has it (layout has already refused a character no face has).
func faceOf(c *fonts.Chain, r rune) *fonts.Face {
	if f := c.FaceFor(r); f != nil {
		return f
	}
	return c.First()
}

// registered is the faces added to the PDF: the library's family of each,
// and the PDF name each family's BaseFont gets.
type registered struct {
	family   map[*fonts.Face]string
	baseFont map[string]string // "/utf8" + family → "/ABCDEF+PostScriptName"
}

// register adds each face the document draws with once, cut down to the
// glyphs it draws there.
func register(pdf *fpdf.Fpdf, d *layout.Document) (registered, error) {
	used := map[*fonts.Face]map[rune]bool{}
	use := func(f *fonts.Face, r rune) {
		if used[f] == nil {
			used[f] = map[rune]bool{' ': true}
		}
		used[f][r] = true
	}
	use(d.Faces.Face(fonts.Body).First(), ' ')
	var order []*fonts.Face
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			if it.Kind != layout.Text {
				continue
			}
			c := d.Faces.Face(it.Role)
			for _, r := range it.Text {
				use(faceOf(c, r), r)
			}
		}
	}
	for role := fonts.Role(0); role < fonts.Roles; role++ {
		for _, f := range d.Faces.Face(role).Faces() {
			if used[f] != nil && !slices.Contains(order, f) {
				order = append(order, f)
			}
		}
	}
	reg := registered{family: map[*fonts.Face]string{}, baseFont: map[string]string{}}
	for i, f := range order {
		runes := make([]rune, 0, len(used[f]))
		for r := range used[f] {
			runes = append(runes, r)
		}
		slices.Sort(runes)
		data, err := f.Subset(runes)
		if err != nil {
			return reg, fmt.Errorf("字体「%s」：%v", f.Name, err)
		}
		fam := fmt.Sprintf("nbface%02d", i)
		pdf.AddUTF8FontFromBytes(fam, "", data)
		reg.family[f] = fam
		reg.baseFont["/utf8"+fam] = "/" + subsetTag(f.PSName, runes) + "+" + pdfName(f.PSName)
	}
	return reg, pdf.Error()
}

// subsetTag is the six capital letters that mark a font subset (PDF 1.7
// §9.6.4), derived from the face and the characters it holds, so that
// different subsets of a face get different tags and a build gives the
// same bytes every time.
func subsetTag(ps string, runes []rune) string {
	h := sha256.New()
	h.Write([]byte(ps))
	for _, r := range runes {
		h.Write(binary.BigEndian.AppendUint32(nil, uint32(r)))
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// pdfName keeps what a PDF name may hold of a PostScript name.
func pdfName(ps string) string {
	s := strings.Map(func(r rune) rune {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, ps)
	if s == "" {
		return "Font"
	}
	return s
}

// drawItem draws a text item, each run of characters in the face of the
// role's chain that has them.
func drawItem(pdf *fpdf.Fpdf, c *fonts.Chain, family map[*fonts.Face]string, it layout.Item) {
	rs := []rune(it.Text)
	if it.Angle != 0 {
		pdf.TransformBegin()
		pdf.TransformRotate(it.Angle, float64(it.X), float64(it.Y))
	}
	for start := 0; start < len(rs); {
		f := faceOf(c, rs[start])
		end := start + 1
		for end < len(rs) && faceOf(c, rs[end]) == f {
			end++
		}
		pdf.SetFont(family[f], "", float64(it.Size))
		if it.Angle != 0 {
			pdf.Text(float64(it.Xs[start]-it.Xs[0]+it.X), float64(it.Y), string(rs[start:end]))
		} else {
			drawText(pdf, rs[start:end], it.Xs[start:end], it.Advances[start:end], it.Y)
		}
		start = end
	}
	if it.Angle != 0 {
		pdf.TransformEnd()
	}
}

// drawText draws runes of one face where the layout put each one.
func drawText(pdf *fpdf.Fpdf, rs []rune, xs, advances []layout.Pt, y layout.Pt) {
	// Runs of glyphs whose positions follow the face's own advances, as
	// the layout measured them, go out in one string; a glyph moved by
	// justification or spacing starts a new one.
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i < len(rs) {
			if d := xs[i] - xs[i-1] - advances[i-1]; d < 0.01 && d > -0.01 {
				continue
			}
		}
		pdf.Text(float64(xs[start]), float64(y), string(rs[start:i]))
		start = i
	}
}
