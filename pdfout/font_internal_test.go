package pdfout

import (
	"strings"
	"testing"
)

// The ToUnicode CMap gives each glyph its character in UTF-16BE: a
// surrogate pair for one beyond the BMP (two bytes would be a different
// character), in blocks of at most 100 entries.
func TestToUnicode(t *testing.T) {
	var glyphs []glyphOf
	for i := range 150 {
		glyphs = append(glyphs, glyphOf{id: uint16(i + 1), r: '一' + rune(i)})
	}
	glyphs = append(glyphs, glyphOf{id: 151, r: 0x20000}, glyphOf{id: 152, r: 0x2A6D6})
	cmap := string(toUnicode(glyphs))
	for _, want := range []string{"100 beginbfchar\n<0001> <4E00>\n", "52 beginbfchar\n", "<0097> <D840DC00>\n", "<0098> <D869DED6>\n"} {
		if !strings.Contains(cmap, want) {
			t.Errorf("ToUnicode lacks %q:\n%s", want, cmap)
		}
	}
}
