// Package pdfout is the only importer of the PDF library: it draws a
// layout.Document with codeberg.org/go-pdf/fpdf used as a drawing surface
// (fonts, text at a position, lines, metadata), never its text flowing
// functions. It decides nothing about where anything goes.
package pdfout

import (
	"bytes"
	"fmt"
	"io"
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

	families, err := register(pdf, d)
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
		pdf.SetFont(families[fonts.Body], "", float64(layout.BodySize))
		for _, m := range marks[pg.Number] {
			pdf.SetY(float64(m.Y))
			pdf.Bookmark(m.Title, 0, float64(m.Y))
		}
		pdf.SetDrawColor(0, 0, 0)
		for _, it := range pg.Items {
			switch it.Kind {
			case layout.Text:
				pdf.SetFont(families[it.Role], "", float64(it.Size))
				grey := int(255 * it.Grey)
				pdf.SetTextColor(grey, grey, grey)
				drawText(pdf, it)
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
	_, err = w.Write(tagSubsets(b.Bytes(), families))
	return err
}

// register adds each distinct face once, cut down to the glyphs the
// document uses, and returns the family of each role.
func register(pdf *fpdf.Fpdf, d *layout.Document) ([fonts.Roles]string, error) {
	used := map[*fonts.Face]map[rune]bool{}
	note := func(role fonts.Role, text string) {
		f := d.Faces.Face(role)
		if used[f] == nil {
			used[f] = map[rune]bool{}
		}
		for _, r := range text {
			used[f][r] = true
		}
	}
	for _, pg := range d.Pages {
		for _, it := range pg.Items {
			if it.Kind == layout.Text {
				note(it.Role, it.Text)
			}
		}
	}
	var families [fonts.Roles]string
	seen := map[*fonts.Face]string{}
	for role := fonts.Role(0); role < fonts.Roles; role++ {
		f := d.Faces.Face(role)
		if fam, ok := seen[f]; ok {
			families[role] = fam
			continue
		}
		runes := []rune{' '}
		for r := range used[f] {
			runes = append(runes, r)
		}
		data, err := f.Subset(runes)
		if err != nil {
			return families, fmt.Errorf("字体「%s」：%v", f.Name, err)
		}
		fam := familyName(len(seen))
		pdf.AddUTF8FontFromBytes(fam, "", data)
		seen[f] = fam
		families[role] = fam
	}
	return families, pdf.Error()
}

// familyName names the n-th face. The PDF library writes it as
// "/BaseFont /utf8zzNface"; tagSubsets later turns that into a subset name
// of the same length, "/NBAAAN+face", as PDF 1.7 §9.6.4 asks of subsets.
func familyName(n int) string { return fmt.Sprintf("zz%cface", 'a'+n) }

// tagSubsets marks the embedded fonts as subsets (they are: the library
// embeds only the glyphs used). The names are replaced in place by names
// of the same length, so every byte offset stays right.
func tagSubsets(pdf []byte, families [fonts.Roles]string) []byte {
	for _, fam := range families {
		old := []byte("/utf8" + fam)
		tag := fmt.Sprintf("/NBAAA%c+face", 'A'+(fam[2]-'a'))
		for at := 0; ; {
			i := bytes.Index(pdf[at:], old)
			if i < 0 {
				break
			}
			copy(pdf[at+i:], tag)
			at += i + len(old)
		}
	}
	return pdf
}

// drawText draws a run glyph by glyph where the layout put each one.
func drawText(pdf *fpdf.Fpdf, it layout.Item) {
	if it.Angle != 0 {
		pdf.TransformBegin()
		pdf.TransformRotate(it.Angle, float64(it.X), float64(it.Y))
		pdf.Text(float64(it.X), float64(it.Y), it.Text)
		pdf.TransformEnd()
		return
	}
	rs := []rune(it.Text)
	// Runs of glyphs whose positions follow their natural advances go out
	// in one string; a glyph moved by justification starts a new one.
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i < len(rs) {
			natural := it.Xs[i-1] + layout.Pt(pdf.GetStringWidth(string(rs[i-1])))
			if d := it.Xs[i] - natural; d < 0.01 && d > -0.01 {
				continue
			}
		}
		pdf.Text(float64(it.Xs[start]), float64(it.Y), string(rs[start:i]))
		start = i
	}
}
