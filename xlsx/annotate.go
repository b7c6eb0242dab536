package xlsx

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
)

// Annotate returns a copy of a workbook in which every cell a problem names
// is filled red (errors) or yellow (warnings) and carries the problem's
// message as a comment, so that staff find the cells in Excel or WPS. The
// workbook given is not changed. Problems that name no cell are left out.
func Annotate(data []byte, probs []report.Problem) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := map[string]string{}
	for _, s := range f.GetSheetList() {
		sheets[key(s)] = s
	}
	// One comment a cell, with every problem of that cell.
	type mark struct {
		sheet, cell string
		errs        bool
		texts       []string
	}
	var marks []*mark
	byCell := map[string]*mark{}
	for _, p := range probs {
		sheet, ok := sheets[key(p.Sheet)]
		if !ok || p.Cell == "" {
			continue
		}
		k := sheet + "!" + p.Cell
		m := byCell[k]
		if m == nil {
			m = &mark{sheet: sheet, cell: p.Cell}
			byCell[k] = m
			marks = append(marks, m)
		}
		m.errs = m.errs || p.Severity == report.Error
		m.texts = append(m.texts, fmt.Sprintf("%s：%s", p.Severity, p.Message))
	}
	for _, m := range marks {
		if err := tint(f, m.sheet, m.cell, m.errs); err != nil {
			return nil, err
		}
		text := strings.Join(m.texts, "\n")
		if err := f.AddComment(m.sheet, excelize.Comment{Author: "nianbao", Cell: m.cell, Text: text, Width: 360, Height: 120}); err != nil {
			return nil, err
		}
	}
	if err := prefillSignOff(f, probs); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// tint fills a cell red or yellow, keeping the rest of its style.
func tint(f *excelize.File, sheet, cell string, isErr bool) error {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return err
	}
	colour := "FFEB9C"
	if isErr {
		colour = "FFC7CE"
	}
	st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
	nid, err := f.NewStyle(st)
	if err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, nid)
}
