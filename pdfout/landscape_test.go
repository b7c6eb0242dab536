package pdfout_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/layout"
	"nianbao/pdfout"
)

// A landscape page is A4 turned: 297 mm wide, 210 mm high; the others stay
// portrait.
func TestLandscapePage(t *testing.T) {
	faces, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := &layout.Document{Faces: faces, Pages: []layout.Page{{Number: 1, Landscape: true}, {Number: 2}}}
	var b bytes.Buffer
	if err := pdfout.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("/MediaBox [0 0 841.89 595.28]")) {
		t.Error("no landscape page")
	}
	if bytes.Count(b.Bytes(), []byte("/Type /Page\n")) != 2 {
		t.Errorf("pages: %d", bytes.Count(b.Bytes(), []byte("/Type /Page\n")))
	}
}

// A document without pages gives no PDF: no reader opens one.
func TestNoPages(t *testing.T) {
	faces, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := pdfout.Write(&b, &layout.Document{Faces: faces}); err == nil || b.Len() > 0 {
		t.Errorf("a document without pages: %v, %d bytes written", err, b.Len())
	}
}

// No line of the file outside stream data is longer than 255 bytes (PDF
// 1.7 §7.5.1, for the programs a PDF meets on its way to a printer): not
// the widths of hundreds of glyphs, the pages of a long document, nor a
// long title in the document information and the bookmarks.
func TestLineLength(t *testing.T) {
	faces, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("平罗县自然资源局（a\\b)c）", 30)
	d := &layout.Document{Faces: faces, Title: long, Author: long, Subject: long, Keywords: long}
	for n := 1; n <= 120; n++ {
		d.Pages = append(d.Pages, layout.Page{Number: n})
		d.Outline = append(d.Outline, layout.Mark{Title: long, Page: n})
	}
	var b bytes.Buffer
	if err := pdfout.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"long": b.Bytes(), "example": build(t, sample.Example(), layout.Style{})} {
		outside := regexp.MustCompile(`(?s)stream\n.*?\nendstream`).ReplaceAll(data, []byte("stream\nendstream"))
		for i, ln := range bytes.Split(outside, []byte("\n")) {
			if len(ln) > 255 {
				t.Errorf("%s: line %d is %d bytes: %.60s…", name, i+1, len(ln), ln)
			}
		}
	}
}
