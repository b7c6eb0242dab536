package xlsx_test

import (
	"testing"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
	"nianbao/templates"
	"nianbao/xlsx"
)

func TestSignOffSheet(t *testing.T) {
	data := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		for cell, v := range map[string]string{"A3": "R9", "B3": "表二", "C3": "B5", "D3": "本局受县政府委托起草规章", "A4": "R14", "B4": "正文"} {
			if err := f.SetCellStr(xlsx.SheetSignOff, cell, v); err != nil {
				return err
			}
		}
		return nil
	})
	r, probs := read(t, data)
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	want := []report.SignOff{{Rule: "R9", Sheet: "表二", Cell: "B5", Note: "本局受县政府委托起草规章"}, {Rule: "R14", Sheet: "正文"}}
	if len(r.SignOffs) != len(want) || r.SignOffs[0] != want[0] || r.SignOffs[1] != want[1] {
		t.Errorf("SignOffs = %+v, want %+v", r.SignOffs, want)
	}
	// A workbook made before the sheet existed reads as before.
	old := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error { return f.DeleteSheet(xlsx.SheetSignOff) })
	if r, _ := read(t, old); len(r.SignOffs) != 0 {
		t.Errorf("SignOffs of a workbook without the sheet: %v", r.SignOffs)
	}
}

func TestAnnotatePrefillsSignOff(t *testing.T) {
	probs := []report.Problem{
		{Rule: "R1", Severity: report.Error, Sheet: "表三", Cell: "D6", Message: "错"},
		{Rule: "R9", Severity: report.Warning, Sheet: "表二", Cell: "B5", Message: "规章"},
		{Rule: "R16", Severity: report.Warning, Sheet: "正文", Message: "重复"},
		{Rule: "R14", Severity: report.Checked, Sheet: "正文", Cell: "A12", Message: "已说明"},
	}
	for _, name := range []string{"with the sheet", "without"} {
		t.Run(name, func(t *testing.T) {
			data := templates.ExampleWorkbook()
			if name == "without" {
				data = edit(t, data, func(f *excelize.File) error { return f.DeleteSheet(xlsx.SheetSignOff) })
			}
			out, err := xlsx.Annotate(data, probs)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := read(t, out)
			want := []report.SignOff{{Rule: "R9", Sheet: "表二", Cell: "B5"}, {Rule: "R16", Sheet: "正文"}}
			if len(r.SignOffs) != len(want) || r.SignOffs[0] != want[0] || r.SignOffs[1] != want[1] {
				t.Errorf("prefilled %+v, want %+v", r.SignOffs, want)
			}
		})
	}
}
