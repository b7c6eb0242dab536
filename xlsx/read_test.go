package xlsx_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nianbao/internal/testtool"
	"nianbao/report"
	"nianbao/templates"
	"nianbao/xlsx"
)

func TestRoundTrip(t *testing.T) {
	want := example()
	want.Published = report.Date{Year: 2025, Month: 1, Day: 20}
	want.Active[report.ActivePenalty][0] = 3985758
	want.Fee = report.Decimal{Units: 592372449, Scale: 4}
	got, probs := read(t, workbook(t, want))
	if len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
	sameContent(t, got, want)
	if got.Cells[report.Field{Table: report.TableRequests, Row: report.ReqNew}] != "D6" {
		t.Errorf("cell of 自然人·一 is %q", got.Cells[report.Field{Table: report.TableRequests}])
	}
}

func TestBlankTemplate(t *testing.T) {
	r, probs := read(t, templates.Blank())
	var rules []string
	for _, p := range probs {
		rules = append(rules, p.Rule+" "+p.Cell)
	}
	if strings.Join(rules, ",") != "基本信息 B2,基本信息 B3" {
		t.Errorf("blank template problems: %v", probs)
	}
	if len(r.Paragraphs) != 8 || r.Paragraphs[1].Head != "（一）主动公开。" || r.Paragraphs[0].Cell != "A2" {
		t.Errorf("blank paragraphs: %+v", r.Paragraphs)
	}
}

// TestDoneR1 is the acceptance case: 自然人 has 一 = 9, 二 = 0,
// （一）予以公开 = 7, （四）1 = 3 and 四 = 0, so （七）总计 = 10 by its formula.
func TestDoneR1(t *testing.T) {
	data := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		return f.SetCellValue("表三", "D8", 7)
	})
	r, probs := read(t, data)
	if len(probs) > 0 {
		t.Fatalf("reader problems: %v", probs)
	}
	if r.Requests[report.ReqTotal][0] != 10 {
		t.Fatalf("（七）总计 recomputed as %d", r.Requests[report.ReqTotal][0])
	}
	ps := report.Check(r)
	if len(ps) == 0 || ps[0].Rule != "R1" || ps[0].Cell != "D6" {
		t.Fatalf("problems: %v", ps)
	}
	for _, s := range []string{"表三 D6（自然人·一、本年新收）", "D6+D7", "9+0 = 9", "D29+D30", "10+0 = 10"} {
		if !strings.Contains(ps[0].String(), s) {
			t.Errorf("%q lacks %q", ps[0], s)
		}
	}
}

func TestFigures(t *testing.T) {
	tests := []struct {
		raw     any // what the cell holds
		want    int64
		problem string // part of the R5 message, or "" for none
	}{
		{9, 9, ""},
		{"9", 9, ""},
		{" 12 ", 12, ""},
		{"１２３", 123, ""},
		{"1,234", 1234, ""},
		{"1，234", 1234, ""},
		{"3985758", 3985758, ""},
		{"7件", 7, ""},
		{9.0, 9, ""},
		{"", 0, ""},
		{"/", 0, "不要用「/」"},
		{"无", 0, "没有就填 0"},
		{"3.5", 0, "数量应为整数"},
		{"abc", 0, "不是数字"},
		{"12,34", 0, "不是数字"},
	}
	for _, tt := range tests {
		data := edit(t, templates.Blank(), func(f *excelize.File) error {
			return f.SetCellValue("表二", "B12", tt.raw)
		})
		r, probs := read(t, data)
		var r5 []report.Problem
		for _, p := range probs {
			if p.Rule == "R5" {
				r5 = append(r5, p)
			}
		}
		got := r.Active[report.ActivePenalty][0]
		switch {
		case tt.problem == "" && (len(r5) > 0 || got != tt.want):
			t.Errorf("%q: read %d with %v, want %d", tt.raw, got, r5, tt.want)
		case tt.problem != "" && (len(r5) != 1 || !strings.Contains(r5[0].Message, tt.problem) || r5[0].Cell != "B12" || r5[0].Sheet != "表二"):
			t.Errorf("%q: problems %v, want one at 表二 B12 saying %q", tt.raw, r5, tt.problem)
		}
	}
}

func TestFee(t *testing.T) {
	for raw, want := range map[any]string{"1721.5492": "1721.5492", 1721.5492: "1721.5492", "1,721.5492万元": "1721.5492", "０．５": "0.5", "": "0"} {
		data := edit(t, templates.Blank(), func(f *excelize.File) error { return f.SetCellValue("表二", "B16", raw) })
		r, probs := read(t, data)
		if r.Fee.String() != want {
			t.Errorf("%v: fee %s, want %s (%v)", raw, r.Fee, want, probs)
		}
	}
}

func TestTotals(t *testing.T) {
	// A total typed over its formula is compared, not trusted.
	data := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		return f.SetCellValue("表三", "J8", 5)
	})
	r, _ := read(t, data)
	ps := report.Check(r)
	if len(ps) != 1 || ps[0].Rule != "R2" || ps[0].Cell != "J8" || !strings.Contains(ps[0].Message, "此格填的是 5") {
		t.Errorf("typed total: %v", ps)
	}
	// A stale cached value under a formula is recomputed.
	data = edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		if err := f.SetCellValue("表三", "D29", 99); err != nil {
			return err
		}
		return f.SetCellFormula("表三", "D29", "SUM(D8:D28)")
	})
	r, _ = read(t, data)
	if r.Requests[report.ReqTotal][0] != 9 || len(report.Check(r)) != 0 {
		t.Errorf("formula total read as %d", r.Requests[report.ReqTotal][0])
	}
	// An input cell holding a formula is evaluated.
	data = edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		return f.SetCellFormula("表二", "B9", "100+30")
	})
	r, _ = read(t, data)
	if r.Active[report.ActiveLicensing][0] != 130 {
		t.Errorf("formula input read as %d", r.Active[report.ActiveLicensing][0])
	}
}

func TestMovedTable(t *testing.T) {
	// Rows inserted above the table and inside it, on the 表三 sheet
	// without its protection, still read.
	data := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		if err := f.UnprotectSheet("表三"); err != nil {
			return err
		}
		if err := f.InsertRows("表三", 2, 3); err != nil {
			return err
		}
		return f.InsertRows("表三", 15, 1)
	})
	r, probs := read(t, data)
	if len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
	sameContent(t, r, example())
	f := report.Field{Table: report.TableRequests, Row: report.ReqTotal}
	if r.Cells[f] != "D33" {
		t.Errorf("（七）总计 of 自然人 read from %s, want D33", r.Cells[f])
	}
	if ps := report.Check(r); len(ps) > 0 {
		t.Errorf("check: %v", ps)
	}
	// A table moved one column right still reads.
	data = edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		if err := f.UnprotectSheet("表四"); err != nil {
			return err
		}
		return f.InsertCols("表四", "A", 1)
	})
	r, _ = read(t, data)
	if r.Cells[report.Field{Table: report.TableAppeals}] != "B6" {
		t.Errorf("moved 表四 read from %s", r.Cells[report.Field{Table: report.TableAppeals}])
	}
}

func TestRefused(t *testing.T) {
	zipOf := func(files map[string]string) []byte {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for name, body := range files {
			fw, _ := w.Create(name)
			fw.Write([]byte(body))
		}
		w.Close()
		return b.Bytes()
	}
	ole := func(stream string) []byte {
		b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
		b = append(b, make([]byte, 504)...)
		for _, r := range stream {
			b = append(b, byte(r), 0)
		}
		return b
	}
	other := excelize.NewFile()
	var otherBuf bytes.Buffer
	other.Write(&otherBuf)
	full := templates.ExampleWorkbook()
	tests := []struct {
		name string
		file string
		data []byte
		rule string
		want []string
	}{
		{"empty", "a.xlsx", nil, "", []string{"文件是空的"}},
		{"csv renamed", "a.xlsx", []byte("机关名称,报告年度\n平罗县自然资源局,2024\n"), "", []string{"文本文件", "CSV"}},
		{"gbk csv renamed", "a.xlsx", []byte{0xbb, 0xfa, 0xb9, 0xd8, ',', '1', '\r', '\n'}, "", []string{"文本文件"}},
		{"xls", "a.xlsx", ole("Workbook"), "", []string{".xls", "另存为"}},
		{"et", "a.et", ole("WPS"), "", []string{".et", "另存为"}},
		{"doc", "a.xlsx", ole("WordDocument"), "", []string{"Word 文档"}},
		{"encrypted", "a.xlsx", ole("EncryptionInfo"), "", []string{"密码"}},
		{"docx renamed", "a.xlsx", zipOf(map[string]string{"word/document.xml": "<w/>", "[Content_Types].xml": ""}), "", []string{"Word 文档（.docx）"}},
		{"ods", "a.xlsx", zipOf(map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": ""}), "", []string{".ods"}},
		{"plain zip", "a.xlsx", zipOf(map[string]string{"a.txt": "x"}), "", []string{"压缩包"}},
		{"pdf", "a.xlsx", []byte("%PDF-1.7\n"), "", []string{"PDF"}},
		{"binary", "a.xlsx", []byte{1, 2, 3, 0, 5}, "", []string{"不是 Excel 工作簿"}},
		{"truncated", "a.xlsx", full[:len(full)/2], "", []string{"不完整或已损坏"}},
		{"other workbook", "a.xlsx", otherBuf.Bytes(), "", []string{"不是年报模板"}},
		{"missing sheet", "a.xlsx", edit(t, full, func(f *excelize.File) error { return f.DeleteSheet("表四") }), "", []string{"缺少工作表「表四」"}},
		{"2019 labels", "a.xlsx", edit(t, full, func(f *excelize.File) error { return f.SetCellStr("表二", "B4", "本年新制作数量") }), "R13",
			[]string{"表二", "B4", "本年新制作数量", "2019 年试行格式"}},
		{"2019 single-row （六）", "a.xlsx", edit(t, full, func(f *excelize.File) error {
			if err := f.UnprotectSheet("表三"); err != nil {
				return err
			}
			for _, row := range []int{28, 27} {
				if err := f.RemoveRow("表三", row); err != nil {
					return err
				}
			}
			return f.SetCellStr("表三", "C26", "")
		}), "R13", []string{"表三", "「（六）其他处理」只有一行", "2019 年试行格式"}},
		{"label changed", "a.xlsx", edit(t, full, func(f *excelize.File) error { return f.SetCellStr("表三", "C11", "2.其他法律行政止公开") }), "",
			[]string{"工作表「表三」", "找不到「2.其他法律行政法规禁止公开」"}},
		{"column inserted", "a.xlsx", edit(t, full, func(f *excelize.File) error {
			if err := f.UnprotectSheet("表三"); err != nil {
				return err
			}
			return f.InsertCols("表三", "E", 1)
		}), "", []string{"表三", "列与模板不一致"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := xlsx.ReadBytes(tt.file, tt.data)
			var re *xlsx.RefusedError
			if !errors.As(err, &re) {
				t.Fatalf("not refused: %v", err)
			}
			if re.Rule != tt.rule {
				t.Errorf("rule %q, want %q", re.Rule, tt.rule)
			}
			for _, s := range append(tt.want, tt.file) {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("%q lacks %q", err, s)
				}
			}
		})
	}
}

func TestZipBomb(t *testing.T) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		fw, _ := w.Create(name)
		fw.Write([]byte("<x/>"))
	}
	fw, _ := w.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 60; i++ {
		fw.Write(zeros)
	}
	w.Close()
	_, _, err := xlsx.ReadBytes("bomb.xlsx", b.Bytes())
	if err == nil || !strings.Contains(err.Error(), "解压后异常巨大") {
		t.Errorf("zip bomb: %v", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "平罗 & 县^.xlsx")
	if err := os.WriteFile(path, templates.ExampleWorkbook(), 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	r, _, err := xlsx.Read(path)
	if err != nil || r.Agency != "平罗县自然资源局" {
		t.Fatalf("Read: %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the input was modified")
	}
	for name, want := range map[string]string{
		filepath.Join(dir, "~$平罗.xlsx"): "锁文件",
		filepath.Join(dir, "没有.xlsx"):   "找不到这个文件",
		dir:                             "文件夹",
	} {
		if _, _, err := xlsx.Read(name); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%s): %v, want %q", filepath.Base(name), err, want)
		}
	}
}

func TestTextSheet(t *testing.T) {
	data := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		if err := f.SetCellStr("正文", "A3", "　　2024年，第一段。\n第二段接着写。"); err != nil {
			return err
		}
		return f.SetCellStr("正文", "B5", "写错了列")
	})
	r, probs := read(t, data)
	if r.Paragraphs[1].Text != "2024年，第一段。" || r.Paragraphs[2].Text != "第二段接着写。" || r.Paragraphs[2].Cell != "A3" {
		t.Errorf("paragraphs: %+v", r.Paragraphs[1:3])
	}
	if len(probs) != 1 || probs[0].Cell != "B5" || !strings.Contains(probs[0].Message, "只读 A 列") {
		t.Errorf("problems: %v", probs)
	}
}

func TestInfo(t *testing.T) {
	tests := []struct {
		cell, value string
		check       func(r *report.Report) bool
		problem     string
	}{
		{"B3", "２０２４年", func(r *report.Report) bool { return r.Year == 2024 }, ""},
		{"B3", "2019", nil, "本格式自 2021 年度起使用"},
		{"B3", "二〇二四", nil, "四位数字"},
		{"B4", "2025-01-20", func(r *report.Report) bool { return r.Published == report.Date{Year: 2025, Month: 1, Day: 20} }, ""},
		{"B4", "2025年2月30日", nil, "不是日期"},
		{"B4", "2024年6月1日", nil, "在报告年度 2024 年结束之前"},
		{"B2", "", nil, "这一项必填"},
	}
	for _, tt := range tests {
		data := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error { return f.SetCellStr("基本信息", tt.cell, tt.value) })
		r, probs := read(t, data)
		if tt.problem == "" {
			if len(probs) > 0 || !tt.check(r) {
				t.Errorf("%s=%q: %+v %v", tt.cell, tt.value, r, probs)
			}
			continue
		}
		if len(probs) != 1 || probs[0].Cell != tt.cell || !strings.Contains(probs[0].Message, tt.problem) {
			t.Errorf("%s=%q: problems %v, want %q", tt.cell, tt.value, probs, tt.problem)
		}
	}
	// A date typed as a date is stored as a serial number.
	data := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		if err := f.SetCellValue("基本信息", "B4", 45677); err != nil {
			return err
		}
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		return f.SetCellStyle("基本信息", "B4", "B4", style)
	})
	r, _ := read(t, data)
	if r.Published != (report.Date{Year: 2025, Month: 1, Day: 20}) {
		t.Errorf("date serial read as %v", r.Published)
	}
}

// values returns what a person fills into the blank template for a report:
// sheet → cell → value, numbers as numbers.
func values(r *report.Report) map[string]map[string]any {
	v := map[string]map[string]any{"基本信息": {}, "正文": {}}
	v["基本信息"]["B2"] = r.Agency
	v["基本信息"]["B3"] = r.Year
	v["基本信息"]["B5"] = r.SiteName
	v["基本信息"]["B6"] = r.SiteURL
	v["基本信息"]["B7"] = r.Contact
	v["基本信息"]["B8"] = r.Phone
	for i, p := range r.Paragraphs {
		v["正文"][report.A1(i+2, 1)] = p.String()
	}
	for _, tb := range report.Tables() {
		v[tb.Sheet] = map[string]any{}
		for _, c := range tb.Cells {
			if c.Kind != report.Input {
				continue
			}
			if c.Field.IsFee() {
				f, _ := json.Number(r.Fee.String()).Float64()
				v[tb.Sheet][report.TemplateCell(c.Field)] = f
			} else {
				v[tb.Sheet][report.TemplateCell(c.Field)] = r.Count(c.Field)
			}
		}
	}
	return v
}

func TestFilledWithExcelize(t *testing.T) {
	want := example()
	data := edit(t, templates.Blank(), func(f *excelize.File) error {
		for sheet, cells := range values(want) {
			for cell, v := range cells {
				if err := f.SetCellValue(sheet, cell, v); err != nil {
					return err
				}
			}
		}
		return nil
	})
	got, probs := read(t, data)
	if len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
	sameContent(t, got, want)
}

// openpyxl returns the Python that has openpyxl: Debian's python3-openpyxl
// is for the system Python, which may not be the first python3 on PATH.
func openpyxl(t *testing.T) string {
	t.Helper()
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		python = testtool.Need(t, "python3")
	}
	if exec.Command(python, "-c", "import openpyxl").Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3-openpyxl is not installed; .ci/run installs it")
		}
		t.Skip("python3-openpyxl is not installed")
	}
	return python
}

// fillWithOpenpyxl fills the blank template with a report's values as
// openpyxl does, and returns the workbook's path.
func fillWithOpenpyxl(t *testing.T, python string, r *report.Report) string {
	t.Helper()
	dir := t.TempDir()
	js, _ := json.Marshal(values(r))
	tpl, vals, out := filepath.Join(dir, "t.xlsx"), filepath.Join(dir, "v.json"), filepath.Join(dir, "filled.xlsx")
	os.WriteFile(tpl, templates.Blank(), 0o644)
	os.WriteFile(vals, js, 0o644)
	if b, err := exec.Command(python, "testdata/fill_openpyxl.py", tpl, out, vals).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}
	return out
}

func TestFilledWithOpenpyxl(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: drives openpyxl")
	}
	want := example()
	out := fillWithOpenpyxl(t, openpyxl(t), want)
	got, probs, err := xlsx.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
	sameContent(t, got, want)
	if ps := report.Check(got); len(ps) > 0 {
		t.Errorf("check: %v", ps)
	}
}

func TestLibreOfficeRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: drives LibreOffice")
	}
	soffice := testtool.Need(t, "soffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "example.xlsx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	os.WriteFile(in, templates.ExampleWorkbook(), 0o644)
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", filepath.Join(dir, "out"), in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	got, probs, err := xlsx.Read(filepath.Join(dir, "out", "example.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(probs) > 0 {
		t.Errorf("problems: %v", probs)
	}
	sameContent(t, got, example())
	if ps := report.Check(got); len(ps) > 0 {
		t.Errorf("check: %v", ps)
	}
}

func BenchmarkReadCheck(b *testing.B) {
	data := templates.ExampleWorkbook()
	b.ReportAllocs()
	for b.Loop() {
		r, _, err := xlsx.ReadBytes("example.xlsx", data)
		if err != nil {
			b.Fatal(err)
		}
		report.Check(r)
	}
}

// FuzzRead reads anything: the reader recovers from nothing, so a panic of
// its own fails the test.
func FuzzRead(f *testing.F) {
	f.Add(templates.ExampleWorkbook())
	f.Add(templates.Blank())
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, _, err := xlsx.ReadBytes("fuzz.xlsx", data)
		if err == nil {
			report.Check(r)
		}
	})
}

// markedExample is the example workbook with an error typed into 表三 D8,
// the report read from it, and its copy marked with its problems.
func markedExample(t *testing.T) (data []byte, r *report.Report, marked []byte) {
	t.Helper()
	data = edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error { return f.SetCellValue("表三", "D8", 7) })
	r, probs := read(t, data)
	probs = append(probs, report.Check(r)...)
	marked, err := xlsx.Annotate(data, probs)
	if err != nil {
		t.Fatal(err)
	}
	return data, r, marked
}

func TestAnnotate(t *testing.T) {
	_, r, marked := markedExample(t)
	// The marked copy still reads as the same report.
	again, _ := read(t, marked)
	sameContent(t, again, r)
	f, err := excelize.OpenReader(bytes.NewReader(marked))
	if err != nil {
		t.Fatal(err)
	}
	comments, _ := f.GetComments("表三")
	if len(comments) != 2 || comments[0].Cell != "D6" || !strings.Contains(comments[0].Text, "一+二（D6+D7）= 9+0 = 9") {
		t.Errorf("comments: %+v", comments)
	}
	id, _ := f.GetCellStyle("表三", "D6")
	st, _ := f.GetStyle(id)
	if len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FFC7CE" || len(st.Border) == 0 {
		t.Errorf("D6 style: %+v", st)
	}
}

// The marked copy of a workbook saved by openpyxl opens in openpyxl (its
// colours stay six-digit RGB), and reads as the same report.
func TestAnnotateOpenpyxl(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: drives openpyxl")
	}
	python := openpyxl(t)
	r := example()
	r.Requests[report.ReqNew][0]++ // an R1 error in column 自然人
	path := fillWithOpenpyxl(t, python, r)
	data, _ := os.ReadFile(path)
	got, probs := read(t, data)
	probs = append(probs, report.Check(got)...)
	if !report.HasErrors(probs) {
		t.Fatal("no error to mark")
	}
	marked, err := xlsx.Annotate(data, probs)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "标注-filled.xlsx")
	os.WriteFile(copyPath, marked, 0o644)
	if b, err := exec.Command(python, "-c", "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])", copyPath).CombinedOutput(); err != nil {
		t.Errorf("openpyxl refuses the marked copy: %v\n%s", err, b)
	}
	again, _ := read(t, marked)
	sameContent(t, again, got)
}

// A marked copy as written is not edited; one whose cells staff changed
// is, and so is a workbook that nianbao did not mark.
func TestEdited(t *testing.T) {
	data, _, marked := markedExample(t)
	dir := t.TempDir()
	files := map[string][]byte{
		"as-written.xlsx": marked,
		"corrected.xlsx":  edit(t, marked, func(f *excelize.File) error { return f.SetCellValue("表三", "D8", 6) }),
		"restyled.xlsx":   edit(t, marked, func(f *excelize.File) error { return f.SetColWidth("表三", "A", "A", 30) }),
		"original.xlsx":   data,
	}
	want := map[string]bool{"as-written.xlsx": false, "corrected.xlsx": true, "restyled.xlsx": false, "original.xlsx": true}
	for name, b := range files {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		if got := xlsx.Edited(p); got != want[name] {
			t.Errorf("Edited(%s) = %v, want %v", name, got, want[name])
		}
	}
	if xlsx.Edited(filepath.Join(dir, "missing.xlsx")) {
		t.Error("a missing copy counts as edited")
	}
}

// Totals typed as numbers (a workbook made by another program) are read
// and compared; right ones give no problem.
func TestTypedTotals(t *testing.T) {
	want := example()
	data := edit(t, templates.ExampleWorkbook(), func(f *excelize.File) error {
		for _, tb := range report.Tables() {
			for _, c := range tb.Cells {
				if c.Kind != report.Total {
					continue
				}
				cell := report.TemplateCell(c.Field)
				if err := f.SetCellFormula(tb.Sheet, cell, ""); err != nil {
					return err
				}
				if err := f.SetCellValue(tb.Sheet, cell, want.Count(c.Field)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	got, probs := read(t, data)
	f, _ := excelize.OpenReader(bytes.NewReader(data))
	if formula, _ := f.GetCellFormula("表三", "J29"); formula != "" {
		t.Fatalf("J29 still holds %q", formula)
	}
	if len(probs) > 0 || len(report.Check(got)) > 0 {
		t.Errorf("problems: %v %v", probs, report.Check(got))
	}
	sameContent(t, got, want)
}

// A cell is filled by the worst of its problems: red for an error, yellow
// for a warning, green for a warning signed off in 核对说明.
func TestAnnotateColours(t *testing.T) {
	data := templates.ExampleWorkbook()
	probs := []report.Problem{
		{Rule: "R1", Severity: report.Error, Sheet: "表三", Cell: "D6", Message: "错"},
		{Rule: "R6", Severity: report.Warning, Sheet: "表三", Cell: "D6", Message: "警"},
		{Rule: "R6", Severity: report.Warning, Sheet: "表三", Cell: "E6", Message: "警"},
		{Rule: "R6", Severity: report.Checked, Sheet: "表三", Cell: "F6", Message: "已核对"},
	}
	marked, err := xlsx.Annotate(data, probs)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(marked))
	if err != nil {
		t.Fatal(err)
	}
	for cell, want := range map[string]string{"D6": "FFC7CE", "E6": "FFEB9C", "F6": "C6EFCE"} {
		id, _ := f.GetCellStyle("表三", cell)
		st, _ := f.GetStyle(id)
		if len(st.Fill.Color) == 0 || st.Fill.Color[0] != want {
			t.Errorf("%s filled %v, want %s", cell, st.Fill.Color, want)
		}
	}
}
