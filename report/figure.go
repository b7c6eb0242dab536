package report

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"nianbao/internal/lazyre"
)

var thousands = lazyre.New(`^-?\d{1,3}(,\d{3})+(\.\d+)?$`)

// ParseFigure reads a figure as staff type it in a table cell: numbers
// stored as text, surrounding spaces, full-width digits, thousands
// separators, a trailing 件 (or 万元 for the fee). A blank cell is 0. It
// returns a Chinese reason, quoting the cell, when the text is not a number
// of the right kind (「/」「-」「无」 for none among them): such a cell is
// refused as R5.
func ParseFigure(raw string, fee bool) (Decimal, string) {
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
		return Decimal{}, ""
	}
	if thousands().MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	shown := Quote(strings.TrimSpace(raw), 40)
	switch s {
	case "/", "-", "—", "无", "—-", "--", "／":
		return Decimal{}, "填的是「" + shown + "」；没有就填 0，不要用「/」「-」或「无」。"
	}
	d, err := ParseDecimal(s)
	if err == ErrTooLarge {
		return Decimal{}, "填的是「" + shown + "」，数字太大；请核对。"
	}
	if err != nil {
		if fee {
			return Decimal{}, "填的是「" + shown + "」，不是数字；请填金额（单位：万元），没有就填 0。"
		}
		return Decimal{}, "填的是「" + shown + "」，不是数字；请填不小于 0 的整数，没有就填 0。"
	}
	if !fee && !d.IsInteger() {
		return Decimal{}, "填的是「" + shown + "」，数量应为整数；请核对。"
	}
	if !fee && (d.Int() > 1e12 || d.Int() < -1e12) {
		return Decimal{}, "填的是「" + shown + "」，数字太大；请核对。"
	}
	return d, ""
}
