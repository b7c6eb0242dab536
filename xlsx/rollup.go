package xlsx

import (
	"bytes"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
)

// SheetUnits is the sheet of a roll-up workbook that lists its units.
const SheetUnits = report.SheetUnits

// UnitList is the table of a roll-up's units: a heading line, a note (how
// many were summed), the column labels, which columns hold figures, the
// rows and a row of totals.
type UnitList struct {
	Heading string
	Note    string
	Columns []string
	Numeric []bool
	Rows    [][]string
	Total   []string
}

// WriteRollup writes a roll-up workbook: the template filled with the
// summed report, as WriteTemplate writes it, plus the sheet 汇总单位 with
// the unit table, which opens first. The reader ignores that sheet, so the
// workbook reads and checks as any unit's.
func WriteRollup(w io.Writer, r *report.Report, list UnitList) error {
	var b bytes.Buffer
	if err := WriteTemplate(&b, r); err != nil {
		return err
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		return err
	}
	defer f.Close()
	idx, err := f.NewSheet(SheetUnits)
	if err != nil {
		return err
	}
	st, err := unitStyles(f)
	if err != nil {
		return err
	}
	set := func(row, col int, v string, numeric bool, style int) error {
		cell := report.A1(row, col)
		var err error
		switch {
		case v == "" || !numeric:
			err = f.SetCellStr(SheetUnits, cell, v)
		default:
			if n, perr := strconv.ParseInt(v, 10, 64); perr == nil {
				err = f.SetCellInt(SheetUnits, cell, n)
			} else if x, perr := strconv.ParseFloat(v, 64); perr == nil {
				err = f.SetCellFloat(SheetUnits, cell, x, -1, 64)
			} else {
				err = f.SetCellStr(SheetUnits, cell, v)
			}
		}
		if err != nil {
			return err
		}
		return f.SetCellStyle(SheetUnits, cell, cell, style)
	}
	if err := set(1, 1, list.Heading, false, st.heading); err != nil {
		return err
	}
	if err := set(2, 1, list.Note, false, st.note); err != nil {
		return err
	}
	const headRow = 4
	for c, h := range list.Columns {
		if err := set(headRow, c+1, h, false, st.head); err != nil {
			return err
		}
	}
	rows := list.Rows
	if list.Total != nil {
		rows = append(rows[:len(rows):len(rows)], list.Total)
	}
	for i, row := range rows {
		for c, v := range row {
			style := st.text
			if list.Numeric[c] {
				style = st.number
			}
			if err := set(headRow+1+i, c+1, v, list.Numeric[c], style); err != nil {
				return err
			}
		}
	}
	for c, h := range list.Columns {
		width := 9.0
		switch {
		case !list.Numeric[c] && c == len(list.Columns)-1:
			width = 80
		case !list.Numeric[c]:
			width = 24
		case len([]rune(h)) > 3:
			width = 12
		}
		col := colName(c + 1)
		if err := f.SetColWidth(SheetUnits, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(SheetUnits, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: report.A1(headRow+1, 1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	landscape, a4 := "landscape", 9
	if err := f.SetPageLayout(SheetUnits, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape}); err != nil {
		return err
	}
	f.SetActiveSheet(idx)
	return f.Write(w)
}

type unitStyleIDs struct{ heading, note, head, text, number int }

func unitStyles(f *excelize.File) (*unitStyleIDs, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	var st unitStyleIDs
	for _, d := range []struct {
		dst *int
		s   excelize.Style
	}{
		{&st.heading, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 14, Bold: true}}},
		{&st.note, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10.5, Color: "595959"}}},
		{&st.head, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10.5, Bold: true}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.text, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.number, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}},
	} {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.dst = id
	}
	return &st, nil
}
