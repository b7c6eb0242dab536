package fonts_test

import "golang.org/x/text/encoding/simplifiedchinese"

// gbkDecode decodes one two-byte GBK character.
func gbkDecode(a, b byte) (rune, bool) {
	out, err := simplifiedchinese.GBK.NewDecoder().Bytes([]byte{a, b})
	if err != nil {
		return 0, false
	}
	rs := []rune(string(out))
	if len(rs) != 1 || rs[0] == '\uFFFD' {
		return 0, false
	}
	return rs[0], true
}
