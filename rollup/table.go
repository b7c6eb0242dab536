package rollup

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
)

// Columns of the unit table, as the 汇总单位 sheet and the CSV have them.
var Columns = []string{"序号", "单位", "文件", "状态", "新收", "办结", "结转下年", "复议", "诉讼", "收费（万元）", "错误", "警告", "说明"}

// Numeric tells the columns that hold figures.
var Numeric = []bool{true, false, false, false, true, true, true, true, true, true, true, true, false}

// Column indexes of the unit table.
const (
	ColNumber = iota
	ColName
	ColFile
	ColStatus
	ColNew
	ColDone
	ColCarriedOut
	ColReviews
	ColLawsuits
	ColFee
	ColErrors
	ColWarnings
	ColNote
)

// Rows returns the unit table, one row a unit, the figures as text; base is
// the folder file names are shown relative to. A unit with no figures
// (unreadable, missing) has empty figure cells.
func (ro *Rollup) Rows(base string) [][]string {
	rows := make([][]string, 0, len(ro.Units))
	for i := range ro.Units {
		u := &ro.Units[i]
		row := make([]string, len(Columns))
		row[ColNumber] = fmt.Sprint(i + 1)
		row[ColName] = u.Name
		row[ColFile] = rel(base, u.File)
		row[ColStatus] = u.Status.String()
		if u.Status != Unreadable && u.Status != Missing {
			f := &u.Figures
			for c, v := range map[int]int64{ColNew: f.New(), ColDone: f.Done(), ColCarriedOut: f.CarriedOut(), ColReviews: f.Reviews(), ColLawsuits: f.Lawsuits(), ColErrors: int64(u.Errors), ColWarnings: int64(u.Warnings)} {
				row[c] = fmt.Sprint(v)
			}
			row[ColFee] = f.Fee.String()
		}
		row[ColNote] = strings.Join(u.Notes(), "；")
		rows = append(rows, row)
	}
	return rows
}

// TotalRow returns the row of the sums under the unit table.
func (ro *Rollup) TotalRow() []string {
	r := ro.Report
	f := Figures{Active: r.Active, Fee: r.Fee, Requests: r.Requests, Appeals: r.Appeals}
	row := make([]string, len(Columns))
	row[ColName] = fmt.Sprintf("合计（已汇总 %d 个单位）", ro.Summed)
	row[ColNew], row[ColDone], row[ColCarriedOut] = fmt.Sprint(f.New()), fmt.Sprint(f.Done()), fmt.Sprint(f.CarriedOut())
	row[ColReviews], row[ColLawsuits], row[ColFee] = fmt.Sprint(f.Reviews()), fmt.Sprint(f.Lawsuits()), f.Fee.String()
	return row
}

// Notes returns what the unit's 说明 says: why it was not summed (its first
// errors), where its marked copy is, and a name that differs from the list.
func (u *Unit) Notes() []string {
	const shown = 3
	var notes []string
	for _, r := range u.Reasons {
		notes = append(notes, strings.TrimRight(r, "。"))
	}
	for i, l := range u.ErrorLines {
		if i == shown {
			notes = append(notes, fmt.Sprintf("……共 %d 处错误", u.Errors))
			break
		}
		notes = append(notes, strings.TrimRight(l, "。"))
	}
	if u.Marked != "" {
		notes = append(notes, fmt.Sprintf("有问题的格子已在「%s」里标出", filepath.Base(u.Marked)))
	}
	if u.MarkNote != "" {
		notes = append(notes, u.MarkNote)
	}
	if u.Status == Missing {
		notes = append(notes, "单位名单上有这个单位，但没有收到它的工作簿")
	}
	return notes
}

// CSV returns the unit table as CSV for Excel and WPS: UTF-8 with a byte
// order mark, CRLF line ends, and a quote before any text that starts like
// a formula (=, +, -, @).
func (ro *Rollup) CSV(base string) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(Columns)
	for _, row := range ro.Rows(base) {
		for c, v := range row {
			// A text starting like a formula is not run as one by Excel.
			if !Numeric[c] && v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
				row[c] = "'" + v
			}
		}
		w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// Count returns how many units have a status.
func (ro *Rollup) Count(s Status) int {
	n := 0
	for _, u := range ro.Units {
		if u.Status == s {
			n++
		}
	}
	return n
}

// Summary counts the units in one Chinese sentence.
func (ro *Rollup) Summary() string {
	files := len(ro.Units) - ro.Count(Missing)
	s := fmt.Sprintf("%d 年，共 %d 个工作簿：已汇总 %d 个", ro.Year, files, ro.Summed)
	if n := ro.Count(SummedErrors); n > 0 {
		s += fmt.Sprintf("（其中 %d 个有错误）", n)
	}
	for _, st := range []Status{NotSummed, Duplicate, OtherYear, Unreadable} {
		if n := ro.Count(st); n > 0 {
			s += fmt.Sprintf("，%s %d 个", st, n)
		}
	}
	if ro.Listed > 0 {
		s += fmt.Sprintf("；单位名单 %d 个单位，未提交 %d 个", ro.Listed, ro.Count(Missing))
		if n := ro.NearMisses(); n > 0 {
			s += fmt.Sprintf("，名称不一致 %d 个", n)
		}
	}
	return s + "。"
}

// NearMisses counts the units whose name differs from the list's.
func (ro *Rollup) NearMisses() int {
	n := 0
	for _, u := range ro.Units {
		if u.Listed != "" {
			n++
		}
	}
	return n
}

// OK reports whether every workbook was summed without errors (units that
// sent nothing do not count).
func (ro *Rollup) OK() bool {
	for _, u := range ro.Units {
		if u.Status != Summed && u.Status != Missing {
			return false
		}
	}
	return true
}

func rel(base, p string) string {
	if p == "" {
		return ""
	}
	if r, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}
