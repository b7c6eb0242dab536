package fonts_test

import (
	"encoding/binary"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"nianbao/fonts"
	"nianbao/internal/testtool"
)

// roleSubsets yields the first face of every role with its subset of text.
func roleSubsets(t *testing.T, set *fonts.Set, text []rune) iter.Seq2[*fonts.Face, []byte] {
	return func(yield func(*fonts.Face, []byte) bool) {
		for role := fonts.Role(0); role < fonts.Roles; role++ {
			face := set.Face(role).First()
			cut, err := face.Subset(text)
			if err != nil {
				t.Fatal(err)
			}
			if !yield(face, cut.Data) {
				return
			}
		}
	}
}

// original reads an embedded face's font file as committed, and parses it.
func original(t *testing.T, face *fonts.Face) ([]byte, *sfnt.Font) {
	t.Helper()
	raw, err := os.ReadFile("files/" + face.PSName + ".ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return raw, f
}

// parsedSubset cuts a face down to text and parses the result.
func parsedSubset(t *testing.T, face *fonts.Face, text []rune) (*fonts.SubsetFont, *sfnt.Font) {
	t.Helper()
	cut, err := face.Subset(text)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sfnt.Parse(cut.Data)
	if err != nil {
		t.Fatal(err)
	}
	return cut, sub
}

func TestSubset(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	text := []rune("平罗县自然资源局2024年政府信息公开工作年度报告（一）“三安全一稳定”，。—0952-6095185 http://www.pingluo.gov.cn")
	for face, data := range roleSubsets(t, set, text) {
		if len(data) > 200<<10 {
			t.Errorf("%s: subset is %d KB", face.Name, len(data)>>10)
		}
		_, orig := original(t, face)
		sub, err := sfnt.Parse(data)
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", face.Name, err)
		}
		var b1, b2 sfnt.Buffer
		ppem := fixed.Int26_6(orig.UnitsPerEm()) << 6
		for _, r := range text {
			g1, _ := orig.GlyphIndex(&b1, r)
			g2, err := sub.GlyphIndex(&b2, r)
			if err != nil || g2 == 0 {
				t.Fatalf("%s: %c missing from the subset", face.Name, r)
			}
			a1, _ := orig.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
			a2, _ := sub.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
			if a1 != a2 {
				t.Errorf("%s: %c advance %v, was %v", face.Name, r, a2, a1)
			}
			s1, err1 := orig.LoadGlyph(&b1, g1, ppem, nil)
			s1 = append(sfnt.Segments(nil), s1...)
			s2, err2 := sub.LoadGlyph(&b2, g2, ppem, nil)
			if err1 != nil || err2 != nil || len(s1)+len(s2) > 0 && !reflect.DeepEqual(s1, s2) {
				t.Errorf("%s: %c outline differs (%v, %v)", face.Name, r, err1, err2)
			}
		}
		if g, _ := sub.GlyphIndex(&b2, '鑫'); g != 0 {
			t.Errorf("%s: a rune not asked for is in the subset", face.Name)
		}
	}
}

// Two characters a face draws with one glyph (／ and ∕ here; a Kangxi
// radical and its ideograph in some faces) get a glyph each in the subset,
// the same outline twice, so that a PDF can give each its own character
// back.
func TestSubsetSharedGlyph(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	face := set.Face(fonts.Body).First()
	_, orig := original(t, face)
	var b sfnt.Buffer
	g1, _ := orig.GlyphIndex(&b, '／')
	g2, _ := orig.GlyphIndex(&b, '∕')
	if g1 == 0 || g1 != g2 {
		t.Fatalf("the face no longer shares a glyph between ／ and ∕ (%d, %d)", g1, g2)
	}
	text := []rune("是／否∕比，／")
	cut, sub := parsedSubset(t, face, text)
	seen := map[uint16]rune{}
	ppem := fixed.Int26_6(orig.UnitsPerEm()) << 6
	for _, r := range text {
		id := cut.Glyph[r]
		if other, ok := seen[id]; ok && other != r {
			t.Errorf("%c and %c share glyph %d", r, other, id)
		}
		seen[id] = r
		g, _ := sub.GlyphIndex(&b, r)
		if uint16(g) != id {
			t.Errorf("%c: cmap gives glyph %d, Glyph %d", r, g, id)
		}
		o, _ := orig.GlyphIndex(&b, r)
		s1, err1 := orig.LoadGlyph(&b, o, ppem, nil)
		s1 = append(sfnt.Segments(nil), s1...)
		var b2 sfnt.Buffer
		s2, err2 := sub.LoadGlyph(&b2, g, ppem, nil)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(s1, s2) {
			t.Errorf("%c: outline differs (%v, %v)", r, err1, err2)
		}
		a1, _ := orig.GlyphAdvance(&b, o, ppem, font.HintingNone)
		a2, _ := sub.GlyphAdvance(&b2, g, ppem, font.HintingNone)
		if a1 != a2 {
			t.Errorf("%c: advance %v, was %v", r, a2, a1)
		}
	}
}

// A subset is a TrueType font a strict reader takes: the table directory
// sorted by tag, every table on a four-byte boundary with its checksum,
// the file's checksum adjustment in head, loca ending where glyf ends,
// hmtx holding a metric for every glyph, the tables a PDF's TrueType font
// program needs; and OpenType Sanitizer (which browsers run on every font)
// passes it.
func TestSubsetValid(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ots := testtool.Need(t, "ots-sanitize")
	text := []rune("平罗县自然资源局2024年（一）“三安全一稳定”，。—0952 http://a.cn ¨ˊ∕/／")
	for face, data := range roleSubsets(t, set, text) {
		be := binary.BigEndian
		n := int(be.Uint16(data[4:]))
		tables := map[string][]byte{}
		prev := ""
		for i := 0; i < n; i++ {
			rec := data[12+16*i:]
			tag := string(rec[:4])
			off, length := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
			if tag <= prev || off%4 != 0 || off+length > len(data) {
				t.Fatalf("%s: table %q out of order, unaligned or beyond the file", face.Name, tag)
			}
			prev = tag
			table := append([]byte(nil), data[off:off+length]...)
			tables[tag] = table
			if tag == "head" {
				table[8], table[9], table[10], table[11] = 0, 0, 0, 0
			}
			if sum := fonts.Checksum(table); sum != be.Uint32(rec[4:]) {
				t.Errorf("%s: %s checksum %08X, recorded %08X", face.Name, tag, sum, be.Uint32(rec[4:]))
			}
		}
		if sum := fonts.Checksum(data); sum != 0xB1B0AFBA {
			t.Errorf("%s: file checksum %08X, want B1B0AFBA", face.Name, sum)
		}
		for _, tag := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"} {
			if tables[tag] == nil {
				t.Fatalf("%s: no %s table", face.Name, tag)
			}
		}
		glyphs := int(be.Uint16(tables["maxp"][4:]))
		metrics := int(be.Uint16(tables["hhea"][34:]))
		if want := 4*metrics + 2*(glyphs-metrics); metrics < 1 || metrics > glyphs || len(tables["hmtx"]) != want {
			t.Errorf("%s: hmtx %d bytes for %d glyphs, %d long metrics", face.Name, len(tables["hmtx"]), glyphs, metrics)
		}
		loca := tables["loca"]
		if be.Uint16(tables["head"][50:]) != 1 || len(loca) != 4*(glyphs+1) {
			t.Fatalf("%s: loca %d bytes for %d glyphs", face.Name, len(loca), glyphs)
		}
		for g := 0; g < glyphs; g++ {
			if be.Uint32(loca[4*g:]) > be.Uint32(loca[4*g+4:]) {
				t.Errorf("%s: loca goes back at glyph %d", face.Name, g)
			}
		}
		if end := int(be.Uint32(loca[4*glyphs:])); end != len(tables["glyf"]) {
			t.Errorf("%s: loca ends at %d, glyf at %d", face.Name, end, len(tables["glyf"]))
		}
		path := filepath.Join(t.TempDir(), "subset.ttf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(ots, path, os.DevNull).CombinedOutput(); err != nil {
			t.Errorf("%s: ots-sanitize: %v\n%s", face.Name, err, out)
		}
	}
}

// A subset of thousands of characters far apart, more than a format 4
// cmap can hold in its 65,535 bytes, still maps every character to its
// glyph.
func TestSubsetLarge(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	face := set.Face(fonts.Body).First()
	var text []rune
	for r := rune(0x4E00); r <= 0x9FA5 && len(text) < 8000; r += 2 {
		if face.Has(r) {
			text = append(text, r)
		}
	}
	cut, sub := parsedSubset(t, face, text)
	var b sfnt.Buffer
	for _, r := range text {
		if g, err := sub.GlyphIndex(&b, r); err != nil || uint16(g) != cut.Glyph[r] || g == 0 {
			t.Fatalf("%c: glyph %d (%v), want %d", r, g, err, cut.Glyph[r])
		}
	}
	path := filepath.Join(t.TempDir(), "subset.ttf")
	if err := os.WriteFile(path, cut.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(testtool.Need(t, "ots-sanitize"), path, os.DevNull).CombinedOutput(); err != nil {
		t.Errorf("ots-sanitize: %v\n%s", err, out)
	}
}

// A test font whose glyphs have extra code points beyond the BMP is a
// font OpenType Sanitizer accepts, and sfnt reads them from its format 12
// cmap.
func TestAliasFont(t *testing.T) {
	const rare, other = 0x2000B, 0x2A6D6
	data := testtool.Font(t, testtool.FontSpec{Families: []string{"SimSun-ExtB"}, PSName: "SimSun-ExtB", Text: "平罗县", From: fonts.Body, Alias: map[rune]rune{rare: '平', other: '县'}})
	path := filepath.Join(t.TempDir(), "ext.ttf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(testtool.Need(t, "ots-sanitize"), path, os.DevNull).CombinedOutput(); err != nil {
		t.Errorf("ots-sanitize: %v\n%s", err, out)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for _, tt := range []struct{ r, as rune }{{rare, '平'}, {other, '县'}, {'罗', '罗'}} {
		g, err := f.GlyphIndex(&b, tt.r)
		want, _ := f.GlyphIndex(&b, tt.as)
		if err != nil || g == 0 || g != want {
			t.Errorf("U+%04X: glyph %d (%v), want that of %c, %d", tt.r, g, err, tt.as, want)
		}
	}
}
