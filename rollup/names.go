package rollup

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/width"

	"nianbao/internal/lazyre"
	"nianbao/report"
)

// ListName is the file name of the list of units that a roll-up of a
// folder reads when it is there.
const ListName = "单位名单.txt"

// ParseList reads a 单位名单: one 机关名称 a line, in UTF-8 (with or without
// a byte order mark), GBK or UTF-16 with a byte order mark, as Notepad and
// WPS save it. A leading number (「1.」「2、」, or a 序号 column copied from
// a spreadsheet) and a heading line (序号, 单位名称) are dropped, blank
// lines are skipped, and a name listed twice counts once.
func ParseList(data []byte) []string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		if d, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			data = d
		}
	case !utf8.Valid(data):
		if d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
			data = d
		}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var names []string
	for _, line := range strings.Split(string(data), "\n") {
		// Of columns copied from a spreadsheet, the first that is no number.
		fields := strings.Split(line, "\t")
		s := ""
		for _, f := range fields {
			if s = numbered().ReplaceAllString(strings.TrimSpace(f), ""); !digitsOnly(s) {
				break
			}
		}
		if s = strings.TrimSpace(s); s != "" && !listHeads[Normalize(s)] {
			names = append(names, s)
		}
	}
	return dedupe(names)
}

// listHeads are column headings a list copied from a spreadsheet may start with.
var listHeads = map[string]bool{"序号": true, "单位": true, "单位名称": true, report.InfoAgency.Label(): true, "名称": true}

func digitsOnly(s string) bool {
	return strings.TrimLeft(s, "0123456789０１２３４５６７８９") == ""
}

// numbered matches a number before a name: 「1.」「2、」「3）」「4<tab>」.
var numbered = lazyre.New(`^[0-9０-９]+(?:\s*[.、．,，:：)）]\s*|\s+)`)

// dedupe drops names that repeat an earlier one once normalised.
func dedupe(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := Normalize(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return out
}

// Normalize is the form names are compared in: no spaces of any width, and
// full- and half-width forms alike (「（」 is 「(」).
func Normalize(name string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, width.Fold.String(name))
}

// NearMiss reports whether two different names look like one unit written
// two ways: once normalised, the shorter (of three characters or more) is
// the longer with some characters left out, as 「平罗县教育局」 is
// 「平罗县教育体育局」. A different word in the same place (「审计局」,
// 「统计局」) is not a near miss.
func NearMiss(a, b string) bool {
	x, y := []rune(Normalize(a)), []rune(Normalize(b))
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(x) < 3 || string(x) == string(y) {
		return false
	}
	i := 0
	for _, r := range y {
		if i < len(x) && x[i] == r {
			i++
		}
	}
	return i == len(x)
}

// matchList pairs the workbooks with the 单位名单: a workbook whose name is
// on it exactly (once normalised) is listed; one whose name is a near miss
// of a listed name that no workbook has gets that name in Listed, to be
// reported as 「名称不一致？」 rather than silently matched; any other is
// Unlisted.
func matchList(units []Unit, list []string) {
	if len(list) == 0 {
		return
	}
	listed := map[string]bool{}
	for _, n := range list {
		listed[Normalize(n)] = true
	}
	have := map[string]bool{}
	for i := range units {
		if u := &units[i]; u.Name != "" && listed[Normalize(u.Name)] {
			have[Normalize(u.Name)] = true
		}
	}
	for i := range units {
		u := &units[i]
		if u.Name == "" || listed[Normalize(u.Name)] {
			continue
		}
		best := ""
		for _, n := range list {
			if have[Normalize(n)] || !NearMiss(n, u.Name) {
				continue
			}
			if best == "" || diff(n, u.Name) < diff(best, u.Name) {
				best = n
			}
		}
		if best == "" {
			u.Unlisted = true
			u.Reasons = append(u.Reasons, fmt.Sprintf("「%s」不在单位名单上；如果是名单漏了这个单位，请把它加进「%s」", quote(u.Name), ListName))
			continue
		}
		have[Normalize(best)] = true
		u.Listed = best
		u.Reasons = append(u.Reasons, fmt.Sprintf("名称不一致？单位名单上是「%s」，工作簿「%s」填的是「%s」；请核对是否同一单位，并统一名称", quote(best), filepath.Base(u.File), quote(u.Name)))
	}
}

// diff is how many characters two names differ in length.
func diff(a, b string) int {
	d := utf8.RuneCountInString(Normalize(a)) - utf8.RuneCountInString(Normalize(b))
	if d < 0 {
		return -d
	}
	return d
}

// missing returns the listed units that sent no workbook: no workbook has
// their name, nor a near miss of it.
func missing(units []Unit, list []string) []string {
	have := map[string]bool{}
	for _, u := range units {
		if u.Name != "" {
			have[Normalize(u.Name)] = true
		}
		if u.Listed != "" {
			have[Normalize(u.Listed)] = true
		}
	}
	var out []string
	for _, n := range dedupe(list) {
		if !have[Normalize(n)] {
			out = append(out, n)
		}
	}
	return out
}

// isSpace reports whether r is white space of any width.
func isSpace(r rune) bool {
	return r == ' ' || r == '\u3000' || r == '\u00a0' || r == '\t' || r == '\r' || r == '\n' || r == '\v' || r == '\f'
}
