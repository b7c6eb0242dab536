package xlsx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
)

// Annotate returns a copy of a workbook in which every cell a problem names
// is filled red (errors) or yellow (warnings) and carries the problem's
// message as a comment, so that staff find the cells in Excel or WPS. The
// workbook given is not changed. Problems that name no cell are left out.
//
// The copy carries a fingerprint of its cells as written, so that Edited
// can tell later whether staff changed it.
func Annotate(data []byte, probs []report.Problem) ([]byte, error) {
	print, err := fingerprint(data)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := f.SetCustomProps(excelize.CustomProperty{Name: fingerprintProp, Value: print}); err != nil {
		return nil, err
	}
	sheets := map[string]string{}
	for _, s := range f.GetSheetList() {
		sheets[key(s)] = s
	}
	// One comment a cell, with every problem of that cell.
	type mark struct {
		sheet, cell string
		worst       report.Severity // of the cell's problems
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
			m = &mark{sheet: sheet, cell: p.Cell, worst: p.Severity}
			byCell[k] = m
			marks = append(marks, m)
		}
		m.worst = min(m.worst, p.Severity)
		m.texts = append(m.texts, fmt.Sprintf("%s：%s", p.Severity, p.Message))
	}
	for _, m := range marks {
		if err := tint(f, m.sheet, m.cell, m.worst); err != nil {
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

// Fills of marked cells: red for an error, yellow for a warning, green for
// a warning staff have signed off in 核对说明.
var fills = map[report.Severity]string{report.Error: "FFC7CE", report.Warning: "FFEB9C", report.Checked: "C6EFCE"}

// tint fills a cell by the worst severity of its problems, keeping the
// rest of its style.
func tint(f *excelize.File, sheet, cell string, worst report.Severity) error {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	st, err := f.GetStyle(id)
	if err != nil {
		return err
	}
	st.Font = sixDigits(st.Font)
	for i := range st.Border {
		st.Border[i].Color = rgb(st.Border[i].Color)
	}
	for i := range st.Fill.Color {
		st.Fill.Color[i] = rgb(st.Fill.Color[i])
	}
	st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fills[worst]}}
	nid, err := f.NewStyle(st)
	if err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, nid)
}

// rgb turns a colour read as ARGB (「FF000000」, as openpyxl writes them)
// into the RRGGBB that excelize expects, so that the copy does not carry
// ten-digit colours that other programs refuse.
func rgb(c string) string {
	if len(c) == 8 {
		return c[2:]
	}
	return c
}

func sixDigits(f *excelize.Font) *excelize.Font {
	if f != nil {
		f.Color = rgb(f.Color)
	}
	return f
}

// fingerprintProp is the custom document property of a marked copy that
// holds the fingerprint of its cells.
const fingerprintProp = "nianbao-标注"

// fingerprint digests the cells of the sheets nianbao reads: their
// positions, values and formulas.
func fingerprint(data []byte) (string, error) {
	rd, err := open("", data)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, w := range rd.wanted() {
		g := rd.grids[w]
		fmt.Fprintf(h, "%s\x00", w)
		for _, r := range g.rows {
			for _, c := range g.sortedCols(r) {
				cl := g.cell(r, c)
				fmt.Fprintf(h, "%d,%d,%d,%q,%q\x00", r, c, cl.kind, cl.v, cl.formula)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Edited reports whether a marked copy was changed after nianbao wrote it:
// its cells no longer match the fingerprint written into it. A file that
// carries no fingerprint (not written by nianbao), or that cannot be read,
// counts as edited: it is never overwritten.
func Edited(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !st.Mode().IsRegular() || st.Size() > maxFileSize {
		return true
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return true
	}
	want, err := customProp(data, fingerprintProp)
	if err != nil || want == "" {
		return true
	}
	got, err := fingerprint(data)
	return err != nil || got != want
}

// customProp reads one custom document property of a workbook.
func customProp(data []byte, name string) (string, error) {
	b, err := openBook(data)
	if err != nil {
		return "", err
	}
	part, err := b.part("docProps/custom.xml")
	if err != nil || part == nil {
		return "", err
	}
	var value string
	in := false
	err = eachToken(part, func(d *xml.Decoder, t xml.Token) error {
		switch e := t.(type) {
		case xml.StartElement:
			if e.Name.Local == "property" {
				in = attr(e, "name") == name
			}
		case xml.CharData:
			if in {
				value += string(e)
			}
		case xml.EndElement:
			if e.Name.Local == "property" {
				in = false
			}
		}
		return nil
	})
	return value, err
}
