package fonts_test

import (
	"encoding/binary"
	"reflect"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"nianbao/fonts"
)

// glyfOf returns the glyf data of glyph g of a TrueType font, read from its
// own table directory, head and loca.
func glyfOf(t *testing.T, ttf []byte, g int) []byte {
	t.Helper()
	tables := map[string][]byte{}
	for i := 0; i < int(binary.BigEndian.Uint16(ttf[4:])); i++ {
		rec := ttf[12+16*i:]
		off, n := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		tables[string(rec[:4])] = ttf[off : off+n]
	}
	loca := tables["loca"]
	var a, b int
	if binary.BigEndian.Uint16(tables["head"][50:]) == 1 {
		a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	return tables["glyf"][a:b]
}

// componentsOf lists the glyph indices a composite glyph uses, or nil for
// a simple glyph.
func componentsOf(g []byte) []int {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []int
	for p := 10; ; {
		flags := binary.BigEndian.Uint16(g[p:])
		out = append(out, int(binary.BigEndian.Uint16(g[p+2:])))
		p += 6
		if flags&1 != 0 { // ARG_1_AND_2_ARE_WORDS
			p += 2
		}
		switch {
		case flags&0x08 != 0: // WE_HAVE_A_SCALE
			p += 2
		case flags&0x40 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			p += 4
		case flags&0x80 != 0: // WE_HAVE_A_TWO_BY_TWO
			p += 8
		}
		if flags&0x20 == 0 { // MORE_COMPONENTS
			return out
		}
	}
}

// LXGW WenKai draws ¨, ˊ and ∕ as composite glyphs: the subset keeps their
// components, renumbers them, and draws every glyph as the original does.
// ∕ uses the glyph of /, so / is asked for too: a component that is also
// a character's glyph is kept once.
func TestSubsetComposite(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	face := set.Face(fonts.Heading2).First()
	raw, orig := original(t, face)
	text := []rune("¨ˊ∕/局")
	cut, err := face.Subset(text)
	if err != nil {
		t.Fatal(err)
	}
	data := cut.Data
	sub, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	var b1, b2 sfnt.Buffer
	ppem := fixed.Int26_6(orig.UnitsPerEm()) << 6
	same := func(what string, g1, g2 sfnt.GlyphIndex) {
		t.Helper()
		a1, err1 := orig.GlyphAdvance(&b1, g1, ppem, font.HintingNone)
		a2, err2 := sub.GlyphAdvance(&b2, g2, ppem, font.HintingNone)
		if err1 != nil || err2 != nil || a1 != a2 {
			t.Errorf("%s: advance %v, was %v (%v, %v)", what, a2, a1, err1, err2)
		}
		s1, err1 := orig.LoadGlyph(&b1, g1, ppem, nil)
		s1 = append(sfnt.Segments(nil), s1...)
		s2, err2 := sub.LoadGlyph(&b2, g2, ppem, nil)
		if err1 != nil || err2 != nil || len(s1) == 0 || !reflect.DeepEqual(s1, s2) {
			t.Errorf("%s: outline differs (%d and %d segments; %v, %v)", what, len(s1), len(s2), err1, err2)
		}
	}
	composites := 0
	for _, r := range text {
		g1, _ := orig.GlyphIndex(&b1, r)
		g2, err := sub.GlyphIndex(&b2, r)
		if err != nil || g2 == 0 {
			t.Fatalf("%c missing from the subset", r)
		}
		same(string(r), g1, g2)
		c1, c2 := componentsOf(glyfOf(t, raw, int(g1))), componentsOf(glyfOf(t, data, int(g2)))
		if len(c1) != len(c2) {
			t.Fatalf("%c: %d components, was %d", r, len(c2), len(c1))
		}
		if len(c1) > 0 {
			composites++
		}
		for i := range c1 {
			if c2[i] >= sub.NumGlyphs() || c2[i] == c1[i] {
				t.Errorf("%c: component %d not renumbered (%d, was %d of %d)", r, i, c2[i], c1[i], orig.NumGlyphs())
				continue
			}
			same(string(r)+" component", sfnt.GlyphIndex(c1[i]), sfnt.GlyphIndex(c2[i]))
		}
	}
	if composites != 3 {
		t.Errorf("%d of ¨ˊ∕ are composite glyphs in %s; the test needs other characters", composites, face.Name)
	}
	// .notdef, five characters and the two components not drawn for a
	// character of their own.
	if n := sub.NumGlyphs(); n != 8 {
		t.Errorf("the subset has %d glyphs, want 8", n)
	}
}
