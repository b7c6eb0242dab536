package report_test

import (
	"fmt"
	"strings"
	"testing"

	"nianbao/report"
)

func TestQuote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"平罗县", "平罗县"},
		{"a\x1b[2Jb", "a「看不见的字符 U+001B」[2Jb"},
		{"x\u202Eevil", "x「看不见的字符 U+202E」evil"},
		{"零\u200D宽", "零「看不见的字符 U+200D」宽"},
		{"\uFEFF表", "「看不见的字符 U+FEFF」表"},
		{"a\tb", "a「看不见的字符 U+0009」b"},
		{"bad\xffbyte", "bad「无效字节」byte"},
		{strings.Repeat("长", 50), strings.Repeat("长", 40) + "……"},
	}
	for _, tt := range tests {
		if got := report.Quote(tt.in, 40); got != tt.want {
			t.Errorf("Quote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func ExampleQuote() {
	fmt.Println(report.Quote("合计\u202E件", 40))
	// Output: 合计「看不见的字符 U+202E」件
}
