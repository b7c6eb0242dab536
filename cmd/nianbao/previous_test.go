package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nianbao/app"
	"nianbao/templates"
)

// TestTemplateFrom: next year's workbook made from last year's passes R7
// against it once staff fill this year's figures; changing a carried-over
// figure gives R7 naming both cells and both files.
func TestTemplateFrom(t *testing.T) {
	dir := t.TempDir()
	last := filepath.Join(dir, "平罗县自然资源局2024.xlsx")
	if err := os.WriteFile(last, templates.ExampleWorkbook(), 0o644); err != nil {
		t.Fatal(err)
	}
	next := filepath.Join(dir, "平罗县自然资源局2025年.xlsx")
	expect(t, []string{"template", "--from", last}, exitOK, []string{"已生成 2025 年度的工作簿", next}, nil)
	expect(t, []string{"template", "--from", last}, exitUsage, nil, []string{"已经存在"})
	expect(t, []string{"template", "--from", filepath.Join(dir, "没有.xlsx")}, exitUsage, nil, []string{"无法读取上年的工作簿"})

	// Staff fill this year's new applications and rewrite the narrative.
	f, err := excelize.OpenFile(next)
	if err != nil {
		t.Fatal(err)
	}
	for cell, v := range map[string]int{"D6": 4, "D8": 4} {
		f.SetCellValue("表三", cell, v)
	}
	rows, _ := f.GetRows("正文")
	for i, row := range rows {
		if i > 0 && len(row) > 0 && len([]rune(row[0])) > 40 {
			f.SetCellValue("正文", "A"+strconv.Itoa(i+1), "本年度按新要求开展工作，第"+strconv.Itoa(i)+"项。")
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runArgs("check", "--previous", last, next)
	if code != exitOK {
		t.Fatalf("check --previous: exit %d\n%s%s", code, out, errOut)
	}
	for _, rule := range []string{"[R7]", "[R8]", "[R16]"} {
		if strings.Contains(out, rule) {
			t.Errorf("filled from last year yet %s:\n%s", rule, out)
		}
	}

	// One carried-over figure changed.
	f, _ = excelize.OpenFile(next)
	f.SetCellValue("表三", "D7", 1)
	f.SetCellValue("表三", "D8", 5)
	f.Save()
	expect(t, []string{"check", "--previous", last, next}, exitOK,
		[]string{"[R7] 表三 D7（自然人·二、上年结转）：本年的二、上年结转（「平罗县自然资源局2025年.xlsx」表三 D7）是 1，但上年报告的四、结转下年度继续办理（「平罗县自然资源局2024.xlsx」表三 D30）是 0"}, nil)
	expect(t, []string{"check", "--previous", filepath.Join(dir, "没有.xlsx"), next}, exitUsage, nil, []string{"找不到上年的工作簿"})
}

// TestCheckPreviousCopied: a report whose narrative is last year's gets R16.
func TestCheckPreviousCopied(t *testing.T) {
	dir := t.TempDir()
	last := filepath.Join(dir, "2024.xlsx")
	os.WriteFile(last, templates.ExampleWorkbook(), 0o644)
	f, err := excelize.OpenFile(last)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("基本信息", "B3", 2025)
	copied := filepath.Join(dir, "2025.xlsx")
	if err := f.SaveAs(copied); err != nil {
		t.Fatal(err)
	}
	expect(t, []string{"check", "--previous", last, copied}, exitOK, []string{"[R16] 正文：正文有 100% 与上年报告（「2024.xlsx」）相同"}, nil)
}

// TestSignOff: a warning listed in 核对说明 with a reason is shown as
// 已核对 and no longer counts; an error listed there still counts.
func TestSignOff(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "示例.xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(templates.ExampleWorkbook()))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("表二", "B5", 1) // 规章 for a county bureau: R9
	f.SetCellValue("表二", "D5", 1)
	for cell, v := range map[string]string{"A3": "R9", "B3": "表二", "C3": "B5", "D3": "本局代县政府起草的规章"} {
		f.SetCellStr("核对说明", cell, v)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	expect(t, []string{"check", path}, exitOK, []string{"没有错误和警告，1 处警告已核对", "已核对 [R9] 表二 B5（规章·本年制发件数）：本局代县政府起草的规章（原警告："}, nil)

	f.SetCellValue("表三", "D8", 7) // R1: an error, not signed off by a line for it
	for cell, v := range map[string]string{"A4": "R1", "B4": "表三", "C4": "D6", "D4": "不改"} {
		f.SetCellStr("核对说明", cell, v)
	}
	f.Save()
	expect(t, []string{"check", path}, exitProblems, []string{"错误 [R1] 表三 D6", "已核对 [R9]"}, nil)
}

// TestBatchPairsLastYear: a folder run pairs the two workbooks of one
// agency by year, in worker processes, and says so in 处理结果.
func TestBatchPairsLastYear(t *testing.T) {
	dir := t.TempDir()
	last := filepath.Join(dir, "平罗县自然资源局2024.xlsx")
	if err := os.WriteFile(last, templates.ExampleWorkbook(), 0o644); err != nil {
		t.Fatal(err)
	}
	expect(t, []string{"template", "--from", last}, exitOK, nil, nil)
	next := filepath.Join(dir, "平罗县自然资源局2025年.xlsx")
	f, err := excelize.OpenFile(next)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("表三", "D7", 2) // not what 2024 carried over (0)
	f.SetCellValue("表三", "D8", 2)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	runArgs("batch", dir)
	log, err := os.ReadFile(filepath.Join(dir, app.DefaultOutDir, app.LogText))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"上年报告：平罗县自然资源局2024.xlsx", "[R7] 表三 D7（自然人·二、上年结转）", "[R16]"} {
		if !strings.Contains(string(log), want) {
			t.Errorf("处理结果 lacks %q:\n%s", want, log)
		}
	}
}
