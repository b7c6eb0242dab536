package pdfout

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"nianbao/fonts"
)

// font is a face embedded in the PDF, cut down to the characters the
// document draws in it.
type font struct {
	res   string          // its name in the pages' resources: /F1, /F2 …
	obj   int             // the Type0 font object
	glyph map[rune]uint16 // the glyph each character is drawn with
}

// embed adds a face as a composite font (Type0 over a CIDFontType2, PDF 1.7
// §9.7): the character codes are the subset's glyph numbers, two bytes
// each, and a ToUnicode map gives the characters back to search and copy.
func embed(f *file, face *fonts.Face, runes []rune, res string) (*font, error) {
	sub, err := face.Subset(runes)
	if err != nil {
		return nil, fmt.Errorf("字体「%s」：%v", face.Name, err)
	}
	m, err := face.Metrics()
	if err != nil {
		return nil, fmt.Errorf("字体「%s」：%v", face.Name, err)
	}
	base := "/" + subsetTag(sub.Data) + "+" + pdfName(face.PSName)

	// The width and the character of each glyph, in glyph order (the
	// subset gives every character a glyph of its own).
	var glyphs []glyphOf
	for _, r := range runes {
		if id, ok := sub.Glyph[r]; ok {
			glyphs = append(glyphs, glyphOf{id, r, face.Advance(r) * 1000})
		}
	}
	slices.SortFunc(glyphs, func(a, b glyphOf) int { return int(a.id) - int(b.id) })

	// The widths, a range of consecutive glyphs at a time.
	var ranges []string
	for i := 0; i < len(glyphs); {
		j := i + 1
		for j < len(glyphs) && glyphs[j].id == glyphs[j-1].id+1 {
			j++
		}
		widths := make([]string, 0, j-i)
		for _, g := range glyphs[i:j] {
			widths = append(widths, strconv.FormatFloat(float64(int64(g.width*1000+0.5))/1000, 'f', -1, 64))
		}
		ranges = append(ranges, strconv.Itoa(int(glyphs[i].id))+" "+array(widths, 16))
		i = j
	}

	file := f.add(stream(sub.Data, fast, "/Length1 "+strconv.Itoa(len(sub.Data))))
	descriptor := f.add(dict(
		"/Type /FontDescriptor",
		"/FontName "+base,
		"/Flags 4",
		fmt.Sprintf("/FontBBox [%s %s %s %s]", num(m.BBox[0]), num(m.BBox[1]), num(m.BBox[2]), num(m.BBox[3])),
		"/ItalicAngle 0",
		"/Ascent "+num(m.Ascent),
		"/Descent "+num(m.Descent),
		"/CapHeight "+num(m.CapHeight),
		"/StemV 80",
		"/FontFile2 "+ref(file),
	))
	cid := f.add(dict(
		"/Type /Font",
		"/Subtype /CIDFontType2",
		"/BaseFont "+base,
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>",
		"/FontDescriptor "+ref(descriptor),
		"/DW 1000",
		"/W "+array(ranges, 1),
		"/CIDToGIDMap /Identity",
	))
	toUnicode := f.add(stream(toUnicode(glyphs), small))
	obj := f.add(dict(
		"/Type /Font",
		"/Subtype /Type0",
		"/BaseFont "+base,
		"/Encoding /Identity-H",
		"/DescendantFonts ["+ref(cid)+"]",
		"/ToUnicode "+ref(toUnicode),
	))
	return &font{res: res, obj: obj, glyph: sub.Glyph}, nil
}

// glyphOf is a glyph of an embedded font, the character it draws and its
// advance in thousandths of an em.
type glyphOf struct {
	id    uint16
	r     rune
	width float64
}

// toUnicode is the ToUnicode CMap of a font (PDF 1.7 §9.10.3): the
// character of each glyph, in UTF-16BE, a surrogate pair beyond the BMP.
func toUnicode(glyphs []glyphOf) []byte {
	var cmap bytes.Buffer
	cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(glyphs); i += 100 {
		block := glyphs[i:min(i+100, len(glyphs))]
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(block))
		for _, g := range block {
			fmt.Fprintf(&cmap, "<%04X> <", g.id)
			for _, u := range utf16.Encode([]rune{g.r}) {
				fmt.Fprintf(&cmap, "%04X", u)
			}
			cmap.WriteString(">\n")
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return cmap.Bytes()
}

// subsetTag is the six capital letters that mark a font subset (PDF 1.7
// §9.6.4), derived from the subset's font program, so that different
// subsets get different tags, even of two faces with one PostScript name,
// and a build gives the same bytes every time.
func subsetTag(data []byte) string {
	sum := crc32.ChecksumIEEE(data)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	return string(tag)
}

// pdfName keeps what a PDF name may hold of a PostScript name, and at
// most the 63 characters a PostScript name has, so that with its subset
// tag it is within the 127 bytes of a name readers take (PDF 1.7 Annex C).
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
	return s[:min(len(s), 63)]
}
