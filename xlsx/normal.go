package xlsx

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"nianbao/internal/lazyre"
	"nianbao/report"
)

// key normalises a label for comparison: widths folded (（ ）→( ), ．→.),
// white space removed, quotes unified.
func key(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r == '"' || r == '“' || r == '”':
			b.WriteRune('"')
		case r == '\'' || r == '‘' || r == '’':
			b.WriteRune('\'')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// aliases are other spellings of labels seen in real reports that mean the
// same row; each maps the key of the variant to the key of the label.
var aliases = map[string]string{
	key("规范性文件"): key("行政规范性文件"),
}

var thousands = lazyre.New(`^-?\d{1,3}(,\d{3})+(\.\d+)?$`)

// parseFigure reads a figure as staff type it: numbers stored as text,
// surrounding spaces, full-width digits, thousands separators, a trailing
// 件 (or 万元 for the fee). A blank cell is 0. It returns a Chinese reason
// when the text is not a number of the right kind.
func parseFigure(raw string, fee bool) (report.Decimal, string) {
	s := width.Fold.String(raw)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if fee {
		s = strings.TrimSuffix(s, "万元")
	} else {
		s = strings.TrimSuffix(s, "件")
	}
	if s == "" {
		return report.Decimal{}, ""
	}
	if thousands().MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	switch s {
	case "/", "-", "—", "无", "—-", "--", "／":
		return report.Decimal{}, "填的是「" + report.Quote(strings.TrimSpace(raw), 40) + "」；没有就填 0，不要用「/」「-」或「无」。"
	}
	d, err := report.ParseDecimal(s)
	if err == report.ErrTooLarge {
		return report.Decimal{}, "填的是「" + report.Quote(strings.TrimSpace(raw), 40) + "」，数字太大；请核对。"
	}
	if err != nil {
		if fee {
			return report.Decimal{}, "填的是「" + report.Quote(strings.TrimSpace(raw), 40) + "」，不是数字；请填金额（单位：万元），没有就填 0。"
		}
		return report.Decimal{}, "填的是「" + report.Quote(strings.TrimSpace(raw), 40) + "」，不是数字；请填不小于 0 的整数，没有就填 0。"
	}
	if !fee && !d.IsInteger() {
		return report.Decimal{}, "填的是「" + report.Quote(strings.TrimSpace(raw), 40) + "」，数量应为整数；请核对。"
	}
	if !fee && (d.Int() > 1e12 || d.Int() < -1e12) {
		return report.Decimal{}, "填的是「" + report.Quote(strings.TrimSpace(raw), 40) + "」，数字太大；请核对。"
	}
	return d, ""
}
