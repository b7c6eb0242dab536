package xlsx

import (
	"fmt"
	"strings"

	"nianbao/internal/lazyre"
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
	rd.inserted(t, g, rowOf, dc)
	computed := map[report.Field]bool{}
	for _, c := range t.Cells {
		if c.Kind != report.Input && c.Kind != report.Total {
			continue
		}
		row, col := rowOf[c.Row], c.Col+1+dc
		cell := report.A1(row, col)
		rd.r.Cells[c.Field] = cell
		cl := g.cell(row, col)
		// A total the workbook computes is recomputed here, never trusted.
		if c.Kind == report.Total && cl != nil && cl.hasFormula {
			computed[c.Field] = true
			continue
		}
		d, why := figure(cl, c.Field.IsFee())
		if why == "" && cl != nil && cl.hasFormula {
			why = rd.circular(t.Sheet, row, col)
		}
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
	// Totals of figures before totals of totals, so that a computed grand
	// total is the sum of the figures typed.
	for _, s := range t.SumsInOrder() {
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

// figure reads a figure cell: a blank cell is 0; a value shown as a date, a
// percentage or TRUE/FALSE, an error value, or a formula without a stored
// result is refused with a reason, quoting the cell as the user sees it.
func figure(c *cell, fee bool) (report.Decimal, string) {
	if c == nil {
		return report.Decimal{}, ""
	}
	if why := unusable(c); why != "" {
		return report.Decimal{}, why
	}
	shown := report.Quote(describe(c), 40)
	what := "件数（不小于 0 的整数）"
	if fee {
		what = "金额（单位：万元）"
	}
	switch {
	case c.kind == kindBool:
		return report.Decimal{}, fmt.Sprintf("填的是「%s」，不是数字；请填%s，没有就填 0。", shown, what)
	case c.kind == kindDate, c.kind == kindNumber && c.show == showDate:
		return report.Decimal{}, fmt.Sprintf("显示为「%s」：这一格被设成了日期格式。请把单元格格式改为「常规」，再填%s。", shown, what)
	case c.kind == kindNumber && c.show == showPercent:
		return report.Decimal{}, fmt.Sprintf("显示为「%s」：这一格被设成了百分比格式。请把单元格格式改为「常规」，再填%s。", shown, what)
	}
	return report.ParseFigure(c.v, fee)
}

// inserted reports the rows inserted inside a table that hold figures:
// such a row is no row of the format, so its figures would count nowhere.
func (rd *reader) inserted(t *report.Table, g *grid, rowOf []int, dc int) {
	used := map[int]bool{}
	first, last := rowOf[0], rowOf[len(rowOf)-1]
	for _, r := range rowOf {
		used[r] = true
	}
	figureCols := map[int]bool{}
	firstFigure := 0
	for _, c := range t.Cells {
		if c.Kind == report.Input || c.Kind == report.Total {
			col := c.Col + 1 + dc
			figureCols[col] = true
			if firstFigure == 0 || col < firstFigure {
				firstFigure = col
			}
		}
	}
	for _, r := range g.rows {
		if r <= first || r >= last || used[r] {
			continue
		}
		var label []string
		for _, c := range g.sortedCols(r) {
			if c < firstFigure && strings.TrimSpace(g.at(r, c)) != "" {
				label = append(label, strings.TrimSpace(g.at(r, c)))
			}
		}
		for _, c := range g.sortedCols(r) {
			cl := g.cell(r, c)
			if !figureCols[c] || strings.TrimSpace(cl.v) == "" && !cl.hasFormula {
				continue
			}
			name := "（没有文字）"
			if len(label) > 0 {
				name = "「" + report.Quote(strings.Join(label, " "), 40) + "」"
			}
			rd.add(report.Problem{Rule: "格式", Severity: report.Error, Sheet: t.Sheet, Cell: report.A1(r, c), Message: fmt.Sprintf(
				"第 %d 行%s不是模板里的行，这一行的数字（%s 填的是「%s」）不会计入任何总计。请把数字填进模板里对应的行，再删除这一行。",
				r, name, report.A1(r, c), report.Quote(describe(cl), 40))})
			break
		}
	}
}

// maxFollow bounds how many formula cells a circular-reference check
// follows: the template's own formulas are at most three deep.
const maxFollow = 1000

var refRe = lazyre.New(`(?:(?:'((?:[^']|'')+)'|([^\s'!()+\-*/,;:=<>&^%"{}]+))!)?\$?([A-Z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Z]{1,3})\$?([0-9]{1,7}))?`)

// circular explains why a formula cell's stored value cannot be trusted —
// it refers back to itself through the formulas of the sheets read, or
// through more than maxFollow of them — or returns "". Nothing is
// evaluated: references are followed, without recursion.
func (rd *reader) circular(sheet string, row, col int) string {
	type node struct {
		sheet string
		p     pos
	}
	start := node{sheet, pos{row, col}}
	seen := map[node]bool{}
	stack := []node{start}
	bySheet := map[string]string{}
	for w, actual := range rd.sheet {
		bySheet[key(actual)] = w
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		g := rd.grids[n.sheet]
		c := g.cell(n.p.row, n.p.col)
		if c == nil || c.formula == "" {
			continue
		}
		for _, m := range refRe().FindAllStringSubmatch(c.formula, -1) {
			target := n.sheet
			if name := strings.ReplaceAll(m[1], "''", "'") + m[2]; name != "" {
				w, ok := bySheet[key(name)]
				if !ok {
					continue
				}
				target = w
			}
			r1, c1, ok1 := parseRef(m[3] + m[4])
			if !ok1 {
				continue
			}
			r2, c2 := r1, c1
			if m[5] != "" {
				var ok2 bool
				if r2, c2, ok2 = parseRef(m[5] + m[6]); !ok2 {
					continue
				}
			}
			tg := rd.grids[target]
			if r1 > r2 {
				r1, r2 = r2, r1
			}
			if c1 > c2 {
				c1, c2 = c2, c1
			}
			// Only the cells of the range that hold a formula can lead on.
			for _, r := range tg.rows {
				if r < r1 || r > r2 {
					continue
				}
				for _, cc := range tg.cols[r] {
					if cc < c1 || cc > c2 {
						continue
					}
					next := node{target, pos{r, cc}}
					if next == start {
						return "是循环引用的公式（公式直接或间接引用了自己），它的数字不可信；请改为直接填写的数字，再试。"
					}
					if tg.cell(r, cc).formula == "" || seen[next] {
						continue
					}
					if len(seen) == maxFollow {
						return fmt.Sprintf("是公式，引用的层次太多（超过 %d 层），它的数字无法核对；请改为直接填写的数字，再试。", maxFollow)
					}
					seen[next] = true
					stack = append(stack, next)
				}
			}
		}
	}
	return ""
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
