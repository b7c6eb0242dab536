package report

import (
	"errors"
	"strings"
)

// Decimal is an exact non-float decimal: Units × 10^-Scale. The fee of
// table 二 is one, in 万元 (1721.5492 is {17215492, 4}).
type Decimal struct {
	Units int64
	Scale int
}

// maxDigits is how many significant digits a Decimal keeps; spreadsheet
// programs keep 15, and a stored 1721.5492000000001 is read as 1721.5492.
const maxDigits = 15

// Errors of ParseDecimal.
var (
	ErrNotNumber = errors.New("not a number")
	ErrTooLarge  = errors.New("number too large")
)

// ParseDecimal reads a plain decimal such as 「1721.5492」, 「-3」 or
// 「1.5E+3」. Digits beyond the 15th significant one are rounded away.
func ParseDecimal(s string) (Decimal, error) {
	neg, s := cutSign(s)
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := parseExp(s[i+1:])
		if err != nil {
			return Decimal{}, err
		}
		exp, s = e, s[:i]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && frac == "" || hasDot && frac == "" && intPart == "" {
		return Decimal{}, ErrNotNumber
	}
	digits := intPart + frac
	for _, r := range digits {
		if r < '0' || r > '9' {
			return Decimal{}, ErrNotNumber
		}
	}
	scale := len(frac) - exp
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > maxDigits {
		cut := len(digits) - maxDigits
		roundUp := digits[maxDigits] >= '5'
		digits = digits[:maxDigits]
		scale -= cut
		if roundUp {
			digits = addOne(digits)
		}
	}
	var units int64
	for _, r := range digits {
		units = units*10 + int64(r-'0')
	}
	for scale < 0 {
		if units > (1<<62)/10 {
			return Decimal{}, ErrTooLarge
		}
		units *= 10
		scale++
	}
	d := Decimal{Units: units, Scale: scale}.normal()
	if neg {
		d.Units = -d.Units
	}
	return d, nil
}

// cutSign removes a leading sign and says whether it was a minus.
func cutSign(s string) (neg bool, rest string) {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return true, rest
	}
	return false, strings.TrimPrefix(s, "+")
}

func parseExp(s string) (int, error) {
	neg, s := cutSign(s)
	if s == "" || len(s) > 3 {
		return 0, ErrNotNumber
	}
	e := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, ErrNotNumber
		}
		e = e*10 + int(r-'0')
	}
	if neg {
		e = -e
	}
	return e, nil
}

// addOne adds one to a string of decimal digits.
func addOne(d string) string {
	b := []byte(d)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// normal drops trailing zeros after the decimal point.
func (d Decimal) normal() Decimal {
	for d.Scale > 0 && d.Units%10 == 0 {
		d.Units /= 10
		d.Scale--
	}
	return d
}

// IsInteger reports whether the decimal has no fractional part.
func (d Decimal) IsInteger() bool { return d.normal().Scale == 0 }

// Sign returns -1, 0 or 1.
func (d Decimal) Sign() int {
	switch {
	case d.Units < 0:
		return -1
	case d.Units > 0:
		return 1
	}
	return 0
}

// Int returns the integer value of a decimal with no fractional part.
func (d Decimal) Int() int64 { return d.normal().Units }

// String formats the decimal with no trailing zeros: 1721.5492, 0, 12.5.
func (d Decimal) String() string {
	d = d.normal()
	neg := d.Units < 0
	u := d.Units
	if neg {
		u = -u
	}
	s := ""
	for u > 0 {
		s = string(rune('0'+u%10)) + s
		u /= 10
	}
	for len(s) <= d.Scale {
		s = "0" + s
	}
	if d.Scale > 0 {
		s = s[:len(s)-d.Scale] + "." + s[len(s)-d.Scale:]
	}
	if neg {
		s = "-" + s
	}
	return s
}
