package xlsx

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
)

// labelKeys returns the keys that a label of the format may be typed as.
func labelKeys(text string) []string {
	k := key(text)
	keys := []string{k}
	for variant, canon := range aliases {
		if canon == k {
			keys = append(keys, variant)
		}
	}
	return keys
}

// table reads one statistical table. Its labels are found by their text, so
// a table moved on its sheet, or rows inserted into it, still read; columns
// must keep their order.
func (rd *reader) table(t *report.Table) error {
	g := rd.grids[t.Sheet]
	texts := func(c report.Cell) bool {
		return c.Kind != report.Input && c.Kind != report.Total && c.Kind != report.Note
	}
	find := func(c report.Cell) []pos {
		var ps []pos
		for _, k := range labelKeys(c.Text) {
			ps = append(ps, g.index[k]...)
		}
		return ps
	}
	// The column offset of the table on the sheet, by the labels that stand once.
	votes := map[int]int{}
	for _, c := range t.Cells {
		if !texts(c) {
			continue
		}
		if ps := find(c); len(ps) == 1 {
			votes[ps[0].col-(c.Col+1)]++
		}
	}
	dc, best := 0, 0
	for d, n := range votes {
		if n > best || n == best && d < dc {
			dc, best = d, n
		}
	}
	if best == 0 {
		return rd.refuse(t.Sheet, fmt.Sprintf("里找不到「%s」的表格文字。请不要改动表格里的文字；可从空白模板复制此表，再填入数字。", t.Heading))
	}
	// Each grid row's sheet row, by the labels that start on it, in order.
	rowOf := make([]int, t.Rows)
	prev := 0
	var missing, moved []string
	for row := 0; row < t.Rows; row++ {
		found, has := 0, false
		for _, c := range t.Cells {
			if c.Row != row || !texts(c) {
				continue
			}
			has = true
			pick := nearest(find(c), prev, c.Col+1+dc)
			switch {
			case pick == nil:
				missing = append(missing, "「"+c.Text+"」")
			case pick.col != c.Col+1+dc:
				moved = append(moved, fmt.Sprintf("「%s」应在 %s 列，却在 %s 列", c.Text, colName(c.Col+1+dc), colName(pick.col)))
			case found == 0 || pick.row < found:
				found = pick.row
			}
		}
		if !has || found == 0 {
			found = prev + 1
		}
		rowOf[row] = found
		prev = found
	}
	if len(missing) > 0 {
		if len(missing) > 4 {
			missing = append(missing[:4], "等")
		}
		return rd.refuse(t.Sheet, fmt.Sprintf("里找不到%s。表格里的文字不能改动或删除；请从空白模板复制此表，再填入数字。", strings.Join(missing, "")))
	}
	if len(moved) > 0 {
		if len(moved) > 3 {
			moved = append(moved[:3], "……")
		}
		return rd.refuse(t.Sheet, fmt.Sprintf("的列与模板不一致：%s。请不要插入、删除或移动列；可从空白模板复制此表，再填入数字。", strings.Join(moved, "；")))
	}
	computed := map[report.Field]bool{}
	for _, c := range t.Cells {
		if c.Kind != report.Input && c.Kind != report.Total {
			continue
		}
		cell := report.A1(rowOf[c.Row], c.Col+1+dc)
		rd.r.Cells[c.Field] = cell
		raw := g.at(rowOf[c.Row], c.Col+1+dc)
		// A total computed by the workbook is recomputed here, never
		// trusted. A figure typed as a formula counts with the value the
		// spreadsheet program stored for it, or, when none was stored
		// (files written by some libraries), its formula's value.
		if c.Kind == report.Total || strings.TrimSpace(raw) == "" {
			if formula, _ := rd.f.GetCellFormula(rd.sheet[t.Sheet], cell); formula != "" {
				if c.Kind == report.Total {
					computed[c.Field] = true
					continue
				}
				if v, err := rd.f.CalcCellValue(rd.sheet[t.Sheet], cell, excelize.Options{RawCellValue: true}); err == nil {
					raw = v
				}
			}
		}
		d, why := parseFigure(raw, c.Field.IsFee())
		if why != "" {
			rd.add(report.Problem{Rule: "R5", Severity: report.Error, Sheet: t.Sheet, Cell: cell, Label: report.FieldLabel(c.Field), Message: why})
			continue
		}
		if c.Field.IsFee() {
			rd.r.Fee = d
		} else {
			rd.r.SetCount(c.Field, d.Int())
		}
	}
	// Column totals first, so that a computed grand total is the sum of
	// the figures typed, not of other totals.
	sums := append([]report.Sum(nil), t.Sums...)
	sort.SliceStable(sums, func(i, j int) bool { return sums[i].Rule > sums[j].Rule })
	for _, s := range sums {
		if !computed[s.Total] {
			continue
		}
		var sum int64
		for _, p := range s.Parts {
			sum += rd.r.Count(p)
		}
		rd.r.SetCount(s.Total, sum)
	}
	return nil
}

// nearest picks, of the places a label stands below sheet row prev, the
// highest one in the expected column, or failing that the highest one.
func nearest(ps []pos, prev, col int) *pos {
	var inCol, any *pos
	for i := range ps {
		p := &ps[i]
		if p.row <= prev {
			continue
		}
		if p.col == col && (inCol == nil || p.row < inCol.row) {
			inCol = p
		}
		if any == nil || p.row < any.row {
			any = p
		}
	}
	if inCol != nil {
		return inCol
	}
	return any
}
