package app_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"nianbao/app"
	"nianbao/internal/sample"
	"nianbao/internal/testtool/testbook"
	"nianbao/report"
)

// wrong writes a workbook with an R1 error in column 自然人.
func wrong(t *testing.T, path string) {
	t.Helper()
	r := sample.Example()
	r.Requests[report.ReqNew][0]++
	testbook.Write(t, path, r)
}

// setCell changes one cell of a workbook file as a spreadsheet program
// would, and sets its time.
func setCell(t *testing.T, path, sheet, cell string, v any, when time.Time) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, when, when)
}

// Staff correct the marked copy instead of the workbook: nianbao never
// overwrites their work. A newer corrected copy is read, and said so; an
// older edited one is kept and the new copy goes beside it.
func TestMarkedCopyKept(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "单位.xlsx")
	wrong(t, in)
	out := filepath.Join(dir, "输出")
	os.Mkdir(out, 0o755)
	opt := app.Options{OutDir: out}
	res := app.File(in, opt)
	marked := filepath.Join(out, "标注-单位.xlsx")
	if res.Marked != marked || res.Output != "" {
		t.Fatalf("first run: %+v", res)
	}
	// Unchanged, the copy is simply written again.
	if res = app.File(in, opt); res.Marked != marked || len(res.Notes) > 0 {
		t.Errorf("second run: %+v", res)
	}
	// The copy corrected (D6 back to the right figure) and newer: it is
	// read instead, the PDF is made, and the note says so.
	now := time.Now()
	os.Chtimes(in, now.Add(-time.Hour), now.Add(-time.Hour))
	setCell(t, marked, "表三", "D6", sample.Example().Requests[report.ReqNew][0], now)
	res = app.File(in, opt)
	if res.Output == "" || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "这次读的是它") {
		t.Errorf("corrected copy: %+v", res)
	}
	// The workbook is newer again (and still wrong): the edited copy is
	// kept, the new marks go beside it.
	os.Chtimes(in, now.Add(time.Hour), now.Add(time.Hour))
	before, _ := os.ReadFile(marked)
	res = app.File(in, opt)
	after, _ := os.ReadFile(marked)
	if !bytes.Equal(before, after) {
		t.Error("the edited copy was overwritten")
	}
	if res.Marked != filepath.Join(out, "标注-单位 (2).xlsx") || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "没有覆盖它") {
		t.Errorf("older edited copy: %+v", res)
	}
}

// Two units' workbooks of the same name in different subfolders get
// different marked copies.
func TestMarkedNames(t *testing.T) {
	name := app.MarkedNames(filepath.FromSlash("/年报"))
	a := name(filepath.FromSlash("/年报/教育局/报告.xlsx"))
	b := name(filepath.FromSlash("/年报/卫健局/报告.xlsx"))
	if a != "标注-教育局_报告.xlsx" || b != "标注-卫健局_报告.xlsx" {
		t.Errorf("names %q %q", a, b)
	}
	if long := name(filepath.FromSlash("/年报/" + strings.Repeat("长", 100) + ".xlsx")); len(long) > 200 || !strings.HasSuffix(long, ".xlsx") {
		t.Errorf("long name %q (%d bytes)", long, len(long))
	}
}
