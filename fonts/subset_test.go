package fonts_test

import (
	"os"
	"reflect"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"nianbao/fonts"
)

func TestSubset(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	text := []rune("平罗县自然资源局2024年政府信息公开工作年度报告（一）“三安全一稳定”，。—0952-6095185 http://www.pingluo.gov.cn")
	for role := fonts.Role(0); role < fonts.Roles; role++ {
		face := set.Face(role).First()
		cut, err := face.Subset(text)
		if err != nil {
			t.Fatal(err)
		}
		data := cut.Data
		if len(data) > 200<<10 {
			t.Errorf("%s: subset is %d KB", face.Name, len(data)>>10)
		}
		raw, err := os.ReadFile("files/" + face.PSName + ".ttf")
		if err != nil {
			t.Fatal(err)
		}
		orig, err := sfnt.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
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
	raw, err := os.ReadFile("files/" + face.PSName + ".ttf")
	if err != nil {
		t.Fatal(err)
	}
	orig, err := sfnt.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	g1, _ := orig.GlyphIndex(&b, '／')
	g2, _ := orig.GlyphIndex(&b, '∕')
	if g1 == 0 || g1 != g2 {
		t.Fatalf("the face no longer shares a glyph between ／ and ∕ (%d, %d)", g1, g2)
	}
	text := []rune("是／否∕比，／")
	cut, err := face.Subset(text)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sfnt.Parse(cut.Data)
	if err != nil {
		t.Fatal(err)
	}
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
