package pdfout_test

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/pdfout"
	"nianbao/report"
)

// glyphsScript prints every character PyMuPDF finds in a PDF, one a line:
// page, origin x, origin y (from the page's top) and the character.
const glyphsScript = `
import sys, fitz
flags = fitz.TEXT_PRESERVE_LIGATURES | fitz.TEXT_PRESERVE_WHITESPACE | fitz.TEXT_INHIBIT_SPACES
for n, page in enumerate(fitz.open(sys.argv[1])):
    for block in page.get_text("rawdict", flags=flags)["blocks"]:
        for ln in block.get("lines", []):
            for span in ln["spans"]:
                for ch in span["chars"]:
                    print(n + 1, ch["origin"][0], ch["origin"][1], ord(ch["c"]))
`

// Every glyph stands in the PDF where the layout put it, to 0.01 pt: the
// writer draws from the layout's positions and advances, not from the PDF
// library's widths.
func TestGlyphsWhereLaidOut(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: measures PDFs with PyMuPDF")
	}
	python := testtool.NeedPython(t, "fitz", "python3-fitz")
	faces, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	stress := testtool.Stress()
	for name, r := range map[string]*report.Report{"example": sample.Example(), "big": testtool.Large(), "long-url": stress["long-url"]} {
		t.Run(name, func(t *testing.T) {
			d, probs := layout.Typeset(r, faces, layout.Style{})
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			path := filepath.Join(t.TempDir(), "r.pdf")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := pdfout.Write(f, d); err != nil {
				t.Fatal(err)
			}
			f.Close()
			out, err := exec.Command(python, "-c", glyphsScript, path).Output()
			if err != nil {
				t.Fatal(err)
			}
			type key struct {
				page int
				r    rune
			}
			found := map[key][][2]float64{}
			n := 0
			for _, ln := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				var page int
				var x, y float64
				var r rune
				if _, err := fmt.Sscan(ln, &page, &x, &y, &r); err != nil {
					t.Fatalf("%q: %v", ln, err)
				}
				found[key{page, r}] = append(found[key{page, r}], [2]float64{x, y})
				n++
			}
			want := 0
			for _, pg := range d.Pages {
				for _, it := range pg.Items {
					if it.Kind != layout.Text || it.Angle != 0 {
						continue
					}
					for i, r := range []rune(it.Text) {
						want++
						k := key{pg.Number, r}
						at := -1
						for j, p := range found[k] {
							if math.Abs(p[0]-float64(it.Xs[i])) < 0.01 && math.Abs(p[1]-float64(it.Y)) < 0.01 {
								at = j
								break
							}
						}
						if at < 0 {
							t.Errorf("page %d: %c of %q not at x=%.2f y=%.2f (found at %v)", pg.Number, r, it.Text, it.Xs[i], it.Y, found[k])
							continue
						}
						found[k] = append(found[k][:at], found[k][at+1:]...)
					}
				}
			}
			if n != want {
				t.Errorf("the PDF holds %d characters, the layout %d", n, want)
			}
		})
	}
}
