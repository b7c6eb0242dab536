package fonts_test

import (
	"strings"
	"testing"

	"nianbao/fonts"
)

// gbk returns every character of GBK (the two-byte range), decoded.
func gbk(t *testing.T) []rune {
	t.Helper()
	var rs []rune
	for a := 0x81; a <= 0xfe; a++ {
		for b := 0x40; b <= 0xfe; b++ {
			if b == 0x7f {
				continue
			}
			if r, ok := gbkDecode(byte(a), byte(b)); ok {
				rs = append(rs, r)
			}
		}
	}
	if len(rs) < 21000 {
		t.Fatalf("only %d GBK characters decoded", len(rs))
	}
	return rs
}

// notInFreeFonts are the GBK characters outside the CJK Unified block that
// the free fonts lack; layout reports them as errors naming the cell.
func notInFreeFonts(r rune) bool {
	return r >= 0x3400 && r <= 0x4DBF || // CJK Extension A (GBK's 0xFE50 area)
		r >= 0x2E80 && r <= 0x2EFF || // radicals
		r >= 0x2FF0 && r <= 0x2FFF || // ideographic description characters
		r >= 0xE000 && r <= 0xF8FF || // private use: GBK's user-defined area
		strings.ContainsRune("€≒ǹ〾︴﹉﹊﹋﹌﹍﹎﹏", r)
}

func TestEmbeddedCoverGBK(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	all := gbk(t)
	for role := fonts.Role(0); role < fonts.Roles; role++ {
		face := set.Face(role)
		var missing []string
		for _, r := range all {
			if !face.Has(r) && !notInFreeFonts(r) {
				missing = append(missing, string(r))
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s (%s) lacks %d GBK characters: %s", role, face.Name, len(missing), strings.Join(missing[:min(len(missing), 40)], ""))
		}
	}
	for _, r := range "0123456789—“”‘’（）《》〈〉〔〕、。，；：％℃" {
		if !set.Face(fonts.Body).Has(r) {
			t.Errorf("the body face lacks %c", r)
		}
	}
	if set.Face(fonts.Body).Has(0x20000) {
		t.Error("the embedded faces, cut to GBK, have no character beyond the BMP")
	}
}
