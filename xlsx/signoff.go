package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
)

// SheetSignOff lists the warnings staff have checked: rule, sheet, cell and
// why the warning stands. A warning listed there with a 说明 is shown as
// 「已核对」 and no longer counts; errors cannot be signed off.
const SheetSignOff = report.SheetSignOff

// signOffHeader is the first row of 核对说明; signOffHint the line above
// the rows in the template.
var signOffHeader = []string{"规则", "工作表", "单元格", "说明"}

const signOffHint = "核对过的警告可以在这里写明原因：按处理结果或标注副本填规则、工作表、单元格，在「说明」里写为什么这样填。写了说明的警告显示为「已核对」，不再算作警告；错误不能这样处理，必须改正。"

// writeSignOff adds the 核对说明 sheet to a workbook being written.
func writeSignOff(f *excelize.File, st *styles) error {
	if _, err := f.NewSheet(SheetSignOff); err != nil {
		return err
	}
	if err := f.SetCellStr(SheetSignOff, "A1", signOffHint); err != nil {
		return err
	}
	hint, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10, Color: "595959"},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	if err := f.MergeCell(SheetSignOff, "A1", "D1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetSignOff, "A1", "A1", hint); err != nil {
		return err
	}
	if err := f.SetRowHeight(SheetSignOff, 1, 45); err != nil {
		return err
	}
	for c, h := range signOffHeader {
		cell := report.A1(2, c+1)
		if err := f.SetCellStr(SheetSignOff, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(SheetSignOff, cell, cell, st.infoLabel); err != nil {
			return err
		}
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 10}, {"B", 10}, {"C", 10}, {"D", 80}} {
		if err := f.SetColWidth(SheetSignOff, w.col, w.col, w.width); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(SheetSignOff, "A3", "D300", st.wrap); err != nil {
		return err
	}
	return pageSetup(f, SheetSignOff)
}

// parseSignOff parses the 核对说明 sheet, when the workbook has one, with
// the sheets nianbao reads; it is optional (workbooks made before it
// existed lack it), so a sheet that cannot be read is left out.
func (rd *reader) parseSignOff(byKey map[string]sheetRef, wanted map[int]bool) {
	s, ok := byKey[key(SheetSignOff)]
	if !ok || s.part == "" || s.hidden {
		return
	}
	data, err := rd.b.part(s.part)
	if err != nil || data == nil {
		return
	}
	if g, err := parseSheet(data, rd.b, wanted); err == nil {
		rd.grids[SheetSignOff] = g
	}
}

// signOffs reads the 核对说明 sheet into the report: the columns are found
// by their headings, and a line without a rule is left out.
func (rd *reader) signOffs() {
	g := rd.grids[SheetSignOff]
	if g == nil || g.resolve(rd.b) != nil {
		return
	}
	cols := map[string]int{}
	for _, row := range g.rows {
		if len(cols) < len(signOffHeader) {
			for _, c := range g.sortedCols(row) {
				for _, h := range signOffHeader {
					if key(g.at(row, c)) == h {
						cols[h] = c
					}
				}
			}
			continue
		}
		at := func(h string) string {
			if c, ok := cols[h]; ok {
				return strings.TrimSpace(g.at(row, c))
			}
			return ""
		}
		o := report.SignOff{Rule: at("规则"), Sheet: at("工作表"), Cell: at("单元格"), Note: at("说明")}
		if o.Rule != "" {
			rd.r.SignOffs = append(rd.r.SignOffs, o)
		}
	}
}

// prefillSignOff adds to the 核对说明 sheet of a workbook copy one row for
// each warning not yet listed, 说明 left empty, so that staff only type the
// reason. A workbook without the sheet gets one.
func prefillSignOff(f *excelize.File, probs []report.Problem) error {
	sheet := ""
	for _, s := range f.GetSheetList() {
		if key(s) == key(SheetSignOff) {
			sheet = s
		}
	}
	if sheet == "" {
		sheet = SheetSignOff
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		for c, h := range signOffHeader {
			if err := f.SetCellStr(sheet, report.A1(1, c+1), h); err != nil {
				return err
			}
		}
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	listed := map[string]bool{}
	for _, row := range rows {
		if len(row) >= 3 {
			listed[strings.Join(row[:3], "|")] = true
		}
	}
	next := len(rows) + 1
	for _, p := range probs {
		if p.Severity != report.Warning || listed[p.Rule+"|"+p.Sheet+"|"+p.Cell] {
			continue
		}
		listed[p.Rule+"|"+p.Sheet+"|"+p.Cell] = true
		for c, v := range []string{p.Rule, p.Sheet, p.Cell} {
			if err := f.SetCellStr(sheet, report.A1(next, c+1), v); err != nil {
				return err
			}
		}
		next++
	}
	return nil
}
