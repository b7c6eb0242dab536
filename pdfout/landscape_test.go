package pdfout_test

import (
	"bytes"
	"testing"

	"nianbao/fonts"
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
