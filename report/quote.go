package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote makes text typed in a workbook safe to print in a message: at most
// max characters (then 「……」), and every character that does not show —
// control characters, terminal escapes, bidirectional and zero-width
// controls, other format characters — named by its code point instead
// (「看不见的字符 U+202E」), so that a message can neither be garbled nor
// hide what it quotes.
func Quote(s string, max int) string {
	var b strings.Builder
	n := 0
	for i, r := range s {
		if n == max {
			b.WriteString("……")
			break
		}
		n++
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteString("「无效字节」")
		case Invisible(r):
			fmt.Fprintf(&b, "「看不见的字符 U+%04X」", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Invisible reports whether a character does not show when printed:
// control characters, format characters (bidirectional controls, zero-width
// joiners, the byte order mark), and the line and paragraph separators.
func Invisible(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == 0x2028 || r == 0x2029 ||
		r == 0x115F || r == 0x1160 || r == 0x3164 || r == 0xFFA0
}
