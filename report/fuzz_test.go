package report_test

import (
	"strings"
	"testing"

	"nianbao/report"
)

// A decimal that parses prints as a decimal that parses to the same value.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "1721.5492", "-3", "1.5E+3", "1721.5492000000001", "999999999999999999", ".5", "5.", "1e-30", "1e400", "", "-", "0.000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := report.ParseDecimal(s)
		if err != nil {
			return
		}
		again, err := report.ParseDecimal(d.String())
		if err != nil {
			t.Fatalf("%q parsed to %v, whose text %q does not parse: %v", s, d, d.String(), err)
		}
		if again.String() != d.String() || again.Sign() != d.Sign() {
			t.Fatalf("%q: %q then %q", s, d.String(), again.String())
		}
		if d.IsInteger() && (report.Decimal{Units: d.Int()}).String() != d.String() {
			t.Fatalf("%q: integer %d prints as %q", s, d.Int(), d.String())
		}
	})
}

// A paragraph keeps every character typed, and its level and parts agree.
func FuzzParseParagraph(f *testing.F) {
	for _, s := range []string{"一、总体情况", "（一）主动公开。本年度……", "1.加大公开力度", "（1）其他", "十二、", "(一)半角", "一、" + strings.Repeat("长", 50) + "。后文", "正文"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := report.ParseParagraph(s)
		if p.String() != strings.TrimSpace(s) {
			t.Fatalf("%q became %q + %q", s, p.Head, p.Text)
		}
		if p.Level < 0 || p.Level > 4 {
			t.Fatalf("%q: level %d", s, p.Level)
		}
		if p.Level == 0 && p.Head != "" {
			t.Fatalf("%q: body text with a head %q", s, p.Head)
		}
	})
}
