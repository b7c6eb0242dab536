package xlsx

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
)

// WriteTemplate writes the workbook staff fill. With a nil report it is the
// blank template; with a report, a filled workbook holding its content (the
// example workbook is made this way).
func WriteTemplate(w io.Writer, r *report.Report) error {
	return writeWorkbook(w, r, fill{})
}

// fill says how much of a report a workbook is filled with.
type fill struct {
	// only, when set, lists the figures written; the others are left blank.
	only map[report.Field]bool
	// draftText writes the narrative in grey: text kept from last year for
	// staff to rewrite.
	draftText bool
}

func writeWorkbook(w io.Writer, r *report.Report, how fill) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", SheetGuide); err != nil {
		return err
	}
	steps := []func(*excelize.File, *styles, *report.Report) error{writeGuide, writeInfo}
	for _, step := range steps {
		if err := step(f, st, r); err != nil {
			return err
		}
	}
	if err := writeText(f, st, r, how.draftText); err != nil {
		return err
	}
	for _, t := range report.Tables() {
		if err := writeTable(f, st, t, r, how.only); err != nil {
			return err
		}
	}
	if err := writeSignOff(f, st); err != nil {
		return err
	}
	props := &excelize.DocProperties{
		Title:   "政府信息公开工作年度报告",
		Creator: "nianbao",
		// Fixed dates keep the file the same from run to run.
		Created:  "2021-09-26T00:00:00Z",
		Modified: "2021-09-26T00:00:00Z",
	}
	if r != nil {
		title := r.Title()
		props.Title = title[0] + title[1]
	}
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	f.SetActiveSheet(1)
	return f.Write(w)
}

type styles struct {
	title, hint, wrap, infoLabel, infoValue, header, band, label, vertical, note, input, fee, total, red int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	defs := []struct {
		dst *int
		s   excelize.Style
	}{}
	var st styles
	add := func(dst *int, s excelize.Style) {
		defs = append(defs, struct {
			dst *int
			s   excelize.Style
		}{dst, s})
	}
	add(&st.title, excelize.Style{Font: font(14, true), Alignment: &excelize.Alignment{Vertical: "center"}})
	add(&st.hint, excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "center"}})
	add(&st.wrap, excelize.Style{Font: font(11, false), Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Protection: unlocked})
	add(&st.infoLabel, excelize.Style{Font: font(11, true), Border: border, Fill: grey, Alignment: &excelize.Alignment{Vertical: "center"}, Protection: locked})
	add(&st.infoValue, excelize.Style{Font: font(11, false), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: unlocked, NumFmt: 49})
	add(&st.header, excelize.Style{Font: font(10.5, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	add(&st.band, excelize.Style{Font: font(10.5, true), Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}, Protection: locked})
	add(&st.label, excelize.Style{Font: font(10.5, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Protection: locked})
	add(&st.vertical, excelize.Style{Font: font(10.5, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", TextRotation: 255, WrapText: true}, Protection: locked})
	add(&st.note, excelize.Style{Font: font(9, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	add(&st.input, excelize.Style{Font: font(10.5, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: unlocked, NumFmt: 1})
	add(&st.fee, excelize.Style{Font: font(10.5, false), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: unlocked})
	add(&st.total, excelize.Style{Font: font(10.5, false), Border: border, Fill: grey, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: locked, NumFmt: 1})
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return nil, err
		}
		*d.dst = id
	}
	red, err := f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: "9C0006"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
	})
	if err != nil {
		return nil, err
	}
	st.red = red
	return &st, nil
}

// pageSetup makes a sheet print on one portrait A4 page.
func pageSetup(f *excelize.File, sheet string) error {
	a4, portrait, one := 9, "portrait", 1
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait, FitToWidth: &one, FitToHeight: &one}); err != nil {
		return err
	}
	fit := true
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
}

func protect(f *excelize.File, sheet string) error {
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	})
}

func writeGuide(f *excelize.File, st *styles, _ *report.Report) error {
	if err := f.SetColWidth(SheetGuide, "A", "A", 110); err != nil {
		return err
	}
	for i, line := range guideLines {
		cell := report.A1(i+1, 1)
		if err := f.SetCellStr(SheetGuide, cell, line); err != nil {
			return err
		}
		s := st.wrap
		if i == 0 {
			s = st.title
		}
		if err := f.SetCellStyle(SheetGuide, cell, cell, s); err != nil {
			return err
		}
		if err := f.SetRowHeight(SheetGuide, i+1, rowHeight(line, 110)); err != nil {
			return err
		}
	}
	return pageSetup(f, SheetGuide)
}

func writeInfo(f *excelize.File, st *styles, r *report.Report) error {
	if _, err := f.NewSheet(SheetInfo); err != nil {
		return err
	}
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(SheetInfo, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(SheetInfo, cell, cell, style)
	}
	for c, h := range []string{"项目", "内容", "说明"} {
		if err := set(report.A1(1, c+1), h, st.infoLabel); err != nil {
			return err
		}
	}
	for i, it := range report.InfoFields() {
		row := i + 2
		value := ""
		if r != nil {
			value = r.Info(it.Key)
		}
		if err := set(report.A1(row, 1), it.Label, st.infoLabel); err != nil {
			return err
		}
		if err := set(report.A1(row, 2), value, st.infoValue); err != nil {
			return err
		}
		if err := set(report.A1(row, 3), it.Hint, st.label); err != nil {
			return err
		}
		if err := f.SetRowHeight(SheetInfo, row, rowHeight(it.Hint, 60)); err != nil {
			return err
		}
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 12}, {"B", 40}, {"C", 60}} {
		if err := f.SetColWidth(SheetInfo, w.col, w.col, w.width); err != nil {
			return err
		}
	}
	if err := pageSetup(f, SheetInfo); err != nil {
		return err
	}
	return protect(f, SheetInfo)
}

// draftColor is the grey of narrative kept from last year.
const draftColor = "808080"

func writeText(f *excelize.File, st *styles, r *report.Report, draft bool) error {
	if _, err := f.NewSheet(SheetText); err != nil {
		return err
	}
	if err := f.SetCellStr(SheetText, "A1", textHeader); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetText, "A1", "A1", st.infoLabel); err != nil {
		return err
	}
	lines := blankParagraphs()
	if r != nil {
		lines = nil
		for _, p := range r.Paragraphs {
			lines = append(lines, p.String())
		}
	}
	const width = 100
	if err := f.SetColWidth(SheetText, "A", "A", width); err != nil {
		return err
	}
	for i, s := range lines {
		cell := report.A1(i+2, 1)
		if err := f.SetCellStr(SheetText, cell, s); err != nil {
			return err
		}
		if err := f.SetRowHeight(SheetText, i+2, rowHeight(s, width)); err != nil {
			return err
		}
	}
	last := len(lines) + 200
	if err := f.SetCellStyle(SheetText, "A2", report.A1(last, 1), st.wrap); err != nil {
		return err
	}
	if draft {
		grey, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Color: draftColor},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Protection: &excelize.Protection{Locked: false}})
		if err != nil {
			return err
		}
		for i, p := range r.Paragraphs {
			if p.Text == "" {
				continue // a heading on its own line stays as it is
			}
			cell := report.A1(i+2, 1)
			if err := f.SetCellStyle(SheetText, cell, cell, grey); err != nil {
				return err
			}
		}
	}
	return pageSetup(f, SheetText)
}

// rowHeight estimates the height in points of a row that wraps s in a column
// of the given width (in Excel's character units; a Han character takes two).
func rowHeight(s string, width float64) float64 {
	units := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			units++
		} else {
			units += 2
		}
	}
	lines := math.Max(1, math.Ceil(units/(width-2)))
	return 16*lines + 4
}

func writeTable(f *excelize.File, st *styles, t *report.Table, r *report.Report, only map[report.Field]bool) error {
	sheet := t.Sheet
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, "A1", t.Heading); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", st.title); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, "A2", tableHint); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A2", "A2", st.hint); err != nil {
		return err
	}
	// Column widths in Excel units, from the format's relative widths.
	var sum float64
	for _, w := range t.Widths {
		sum += w
	}
	const sheetWidth = 100.0
	for c, w := range t.Widths {
		col := colName(c + 1)
		if err := f.SetColWidth(sheet, col, col, sheetWidth*w/sum); err != nil {
			return err
		}
	}
	addr := func(row, col int) string { return report.A1(report.TemplateFirstRow+row, col+1) }
	heights := make([]float64, t.Rows)
	for i := range heights {
		heights[i] = 22
	}
	var counts, fees []string
	for _, c := range t.Cells {
		a := addr(c.Row, c.Col)
		if c.RowSpan > 1 || c.ColSpan > 1 {
			if err := f.MergeCell(sheet, a, addr(c.Row+c.RowSpan-1, c.Col+c.ColSpan-1)); err != nil {
				return err
			}
		}
		var style int
		switch c.Kind {
		case report.Header:
			style = st.header
		case report.Band:
			style = st.band
		case report.Label:
			style = st.label
		case report.Vertical:
			style = st.vertical
		case report.Note:
			style = st.note
		case report.Input:
			style = st.input
			if c.Field.IsFee() {
				style = st.fee
				fees = append(fees, a)
			} else {
				counts = append(counts, a)
			}
		case report.Total:
			style = st.total
		}
		if err := f.SetCellStyle(sheet, a, addr(c.Row+c.RowSpan-1, c.Col+c.ColSpan-1), style); err != nil {
			return err
		}
		switch c.Kind {
		case report.Input:
			if r != nil && (only == nil || only[c.Field]) {
				if err := setFigure(f, sheet, a, r, c.Field); err != nil {
					return err
				}
			}
		case report.Total:
		default:
			if err := f.SetCellStr(sheet, a, c.Text); err != nil {
				return err
			}
			if c.RowSpan == 1 && c.Kind != report.Vertical {
				var w float64
				for k := c.Col; k < c.Col+c.ColSpan; k++ {
					w += sheetWidth * t.Widths[k] / sum
				}
				heights[c.Row] = math.Max(heights[c.Row], rowHeight(c.Text, w+2))
			}
		}
	}
	for _, s := range t.Sums {
		c, _ := t.CellOf(s.Total)
		first, _ := t.CellOf(s.Parts[0])
		last, _ := t.CellOf(s.Parts[len(s.Parts)-1])
		formula := fmt.Sprintf("SUM(%s:%s)", addr(first.Row, first.Col), addr(last.Row, last.Col))
		if err := f.SetCellFormula(sheet, addr(c.Row, c.Col), formula); err != nil {
			return err
		}
	}
	for i, h := range heights {
		if err := f.SetRowHeight(sheet, report.TemplateFirstRow+i, h); err != nil {
			return err
		}
	}
	if err := validate(f, sheet, counts, fees); err != nil {
		return err
	}
	if t.ID == report.TableRequests {
		if err := markR1(f, st, t); err != nil {
			return err
		}
	}
	if err := pageSetup(f, sheet); err != nil {
		return err
	}
	return protect(f, sheet)
}

// setFigure writes one figure of a report into its cell.
func setFigure(f *excelize.File, sheet, cell string, r *report.Report, fd report.Field) error {
	if fd.IsFee() {
		return f.SetCellValue(sheet, cell, r.Fee.String())
	}
	return f.SetCellValue(sheet, cell, r.Count(fd))
}

// validate adds data validation with an input hint to the figure cells.
func validate(f *excelize.File, sheet string, counts, fees []string) error {
	rules := []struct {
		cells            []string
		max              float64
		kind             excelize.DataValidationType
		hint, bad, badIs string
	}{
		{counts, 999999999, excelize.DataValidationTypeWhole, "请填不小于 0 的整数，没有就填 0。", "数量不对", "这里只能填不小于 0 的整数。"},
		{fees, 1e12, excelize.DataValidationTypeDecimal, "单位是万元，可带小数，如 1721.5492；没有就填 0。", "金额不对", "这里只能填不小于 0 的数，单位万元。"},
	}
	for _, v := range rules {
		if len(v.cells) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(strings.Join(v.cells, " "))
		if err := dv.SetRange(0, v.max, v.kind, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetInput(SheetGuide, v.hint)
		dv.SetError(excelize.DataValidationErrorStyleStop, v.bad, v.badIs)
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// markR1 turns a column of table 三 red while the balance R1 fails in it:
// the formula is made from report.R1, as the checker is.
func markR1(f *excelize.File, st *styles, t *report.Table) error {
	at := func(row, col int) (int, int) {
		c, _ := t.CellOf(report.Field{Table: t.ID, Row: row, Col: col})
		return report.TemplateFirstRow + c.Row, c.Col + 1
	}
	topRow, leftCol := at(report.ReqNew, 0)
	bottomRow, rightCol := at(report.ReqCarriedOut, report.RequestCols-1)
	side := func(rows []int) string {
		var refs []string
		for _, r := range rows {
			row, _ := at(r, 0)
			refs = append(refs, fmt.Sprintf("%s$%d", colName(leftCol), row))
		}
		return strings.Join(refs, "+")
	}
	formula := side(report.R1.In) + "<>" + side(report.R1.Out)
	ref := report.A1(topRow, leftCol) + ":" + report.A1(bottomRow, rightCol)
	return f.SetConditionalFormat(t.Sheet, ref, []excelize.ConditionalFormatOptions{{Type: "formula", Criteria: formula, Format: &st.red}})
}

// colName returns the letters of a 1-based column number.
func colName(col int) string {
	a := report.A1(1, col)
	return strings.TrimRight(a, "0123456789")
}
