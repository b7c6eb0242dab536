package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const examplePDF = "平罗县自然资源局2024年政府信息公开工作年度报告.pdf"

func TestBuildCommand(t *testing.T) {
	example, r1, csv := files(t)
	out := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
		pdf    bool
	}{
		{"example", []string{"build", "-o", out, example}, 0, []string{"已生成：", examplePDF, "页）"}, nil, true},
		{"errors refuse", []string{"build", "-o", out, r1}, 1, []string{"错误 [R1] 表三 D6", "有错误，未生成 PDF", "--draft", "标注-有错.xlsx」里标出"}, nil, false},
		{"draft", []string{"build", "--draft", "-o", out, r1}, 1, []string{"已生成（草稿，未通过校验）"}, nil, true},
		{"unreadable", []string{"build", "-o", out, csv}, 2, []string{"数据.xlsx：无法读取\n", "文本文件"}, nil, false},
		{"no output folder", []string{"build", "-o", filepath.Join(out, "没有"), example}, 2, nil, []string{"输出文件夹", "不存在"}, false},
		{"no files", []string{"build"}, 2, nil, []string{"请给出要生成报告的工作簿"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(filepath.Join(out, examplePDF))
			expect(t, tt.args, tt.code, tt.stdout, tt.stderr)
			_, err := os.Stat(filepath.Join(out, examplePDF))
			if (err == nil) != tt.pdf {
				t.Errorf("PDF written: %v, want %v", err == nil, tt.pdf)
			}
		})
	}
}

// Two workbooks of one agency and year named to build: the first named gets
// the PDF, the second says why it got none; a temporary file a killed run
// left beside the output is removed.
func TestBuildSameName(t *testing.T) {
	example, _, _ := files(t)
	dir := t.TempDir()
	data, _ := os.ReadFile(example)
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	os.WriteFile(a, data, 0o644)
	os.WriteFile(b, data, 0o644)
	stale := filepath.Join(dir, "."+examplePDF+".123.tmp")
	os.WriteFile(stale, []byte("%PDF-half"), 0o644)
	expect(t, []string{"build", b, a}, 2, []string{"已生成：", "a.xlsx：未生成", "与「b.xlsx」的机关名称和报告年度相同"}, nil)
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale temporary file is still there")
	}
}

func TestBuildReplacesWhole(t *testing.T) {
	example, _, _ := files(t)
	dir := filepath.Dir(example)
	pdf := filepath.Join(dir, examplePDF)
	os.WriteFile(pdf, []byte("old"), 0o644)
	if code, stdout, _ := runArgs("build", example); code != 0 {
		t.Fatalf("exit %d: %s", code, stdout)
	}
	data, _ := os.ReadFile(pdf)
	if !strings.HasPrefix(string(data), "%PDF-") || !strings.HasSuffix(strings.TrimSpace(string(data)), "%%EOF") {
		t.Errorf("the PDF beside the workbook is not a whole PDF (%d bytes)", len(data))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	first := data
	runArgs("build", example)
	again, _ := os.ReadFile(pdf)
	if string(first) != string(again) {
		t.Error("two builds of the same workbook differ")
	}
}
