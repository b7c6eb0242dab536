package xlsx_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"nianbao/report"
	"nianbao/xlsx"
)

func TestWriteNextYear(t *testing.T) {
	last := example()
	// 2 of the 自然人's applications carried into 2025; 3 规范性文件 in force.
	last.Requests[report.ReqNew][0], last.Requests[report.ReqNew][report.RequestTotal] = 11, 11
	last.Requests[report.ReqCarriedOut][0], last.Requests[report.ReqCarriedOut][report.RequestTotal] = 2, 2
	last.Active[report.ActiveNormative] = [3]int64{1, 0, 3}
	var b bytes.Buffer
	if err := xlsx.WriteNextYear(&b, last); err != nil {
		t.Fatal(err)
	}
	next, probs := read(t, b.Bytes())
	if len(probs) != 0 {
		t.Errorf("reading problems: %v", probs)
	}
	if next.Year != 2025 || next.Agency != last.Agency || next.Phone != last.Phone || !next.Published.IsZero() {
		t.Errorf("基本信息: %d %q %q %v", next.Year, next.Agency, next.Phone, next.Published)
	}
	if got := next.Requests[report.ReqCarriedIn]; got != last.Requests[report.ReqCarriedOut] {
		t.Errorf("二、上年结转 %v, want %v", got, last.Requests[report.ReqCarriedOut])
	}
	if got := next.Active[report.ActiveNormative]; got != [3]int64{0, 0, 3} {
		t.Errorf("规范性文件 %v, want 0 0 3", got)
	}
	if next.Requests[report.ReqNew] != [report.RequestCols]int64{} || next.Active[report.ActiveLicensing][0] != 0 || next.Fee.Sign() != 0 {
		t.Error("figures other than the carried ones are not blank")
	}
	if ps := report.CheckPrevious(next, "2025.xlsx", report.Previous{Report: last, File: "2024.xlsx"}); len(ps) != 1 || ps[0].Rule != "R16" {
		t.Errorf("against its source: %v, want only R16 (the narrative is last year's)", ps)
	}
	if len(next.Paragraphs) != len(last.Paragraphs) {
		t.Fatalf("%d paragraphs, want %d", len(next.Paragraphs), len(last.Paragraphs))
	}
	// The blank cells are blank, not 0; the kept paragraphs are grey, the
	// headings on their own line are not.
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.GetCellValue("表三", next.CellOf(report.Field{Table: report.TableRequests, Row: report.ReqNew, Col: 0})); v != "" {
		t.Errorf("一、本年新收 holds %q, want blank", v)
	}
	for i, p := range next.Paragraphs {
		cell := fmt.Sprintf("A%d", i+2)
		id, err := f.GetCellStyle(xlsx.SheetText, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		grey := st.Font != nil && st.Font.Color == "808080"
		if grey != (p.Text != "") {
			t.Errorf("正文 %s %q: grey %v", cell, p.String(), grey)
		}
	}
}

func ExampleWriteNextYear() {
	last := example()
	var b bytes.Buffer
	if err := xlsx.WriteNextYear(&b, last); err != nil {
		fmt.Println(err)
		return
	}
	next, _, _ := xlsx.ReadBytes("2025.xlsx", b.Bytes())
	fmt.Println(next.Agency, next.Year)
	// Output: 平罗县自然资源局 2025
}
