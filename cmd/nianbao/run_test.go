package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nianbao/templates"
)

func runArgs(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

// expect runs the command and checks its exit code and what it printed.
func expect(t *testing.T, args []string, code int, stdout, stderr []string) {
	t.Helper()
	got, out, errOut := runArgs(args...)
	if got != code {
		t.Errorf("exit %d, want %d\n%s%s", got, code, out, errOut)
	}
	for _, s := range stdout {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}
	for _, s := range stderr {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
}

// files writes the example, a workbook failing R1 and a CSV into a folder.
func files(t *testing.T) (example, r1, csv string) {
	t.Helper()
	dir := t.TempDir()
	example = filepath.Join(dir, "示例.xlsx")
	os.WriteFile(example, templates.ExampleWorkbook(), 0o644)
	f, err := excelize.OpenReader(bytes.NewReader(templates.ExampleWorkbook()))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("表三", "D8", 7)
	r1 = filepath.Join(dir, "有错.xlsx")
	if err := f.SaveAs(r1); err != nil {
		t.Fatal(err)
	}
	csv = filepath.Join(dir, "数据.xlsx")
	os.WriteFile(csv, []byte("a,b\n1,2\n"), 0o644)
	return
}

func TestCheckCommand(t *testing.T) {
	example, r1, csv := files(t)
	tests := []struct {
		name string
		args []string
		code int
		out  []string
		err  []string
	}{
		{"clean", []string{"check", example}, 0, []string{"示例.xlsx：没有发现问题"}, nil},
		{"R1", []string{"check", example, r1}, 1, []string{"有错.xlsx：有 2 处错误", "错误 [R1] 表三 D6（自然人·一、本年新收）", "9+0 = 9", "10+0 = 10"}, nil},
		{"unreadable", []string{"check", r1, csv}, 2, []string{"数据.xlsx：无法读取", "文本文件"}, nil},
		{"lock file skipped", []string{"check", example, filepath.Join(filepath.Dir(example), "~$示例.xlsx")}, 0, []string{"临时锁文件，已跳过"}, nil},
		{"no files", []string{"check"}, 2, nil, []string{"请给出要检查的工作簿"}},
		{"bad flag", []string{"check", "--jsn", example}, 2, nil, []string{"没有这个选项 --jsn", "nianbao help check"}},
		{"help", []string{"help", "check"}, 0, []string{"用法：nianbao check", "退出码"}, nil},
		{"-h", []string{"check", "-h"}, 0, []string{"用法：nianbao check"}, nil},
		{"usage", []string{"--help"}, 0, []string{"命令：", "template", "check"}, nil},
		{"no command: the program's folder", []string{"--no-wait"}, 2, nil, []string{"没有要处理的工作簿"}},
		{"unknown command", []string{"bulid"}, 2, nil, []string{"没有「bulid」这个命令"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, tt.args, tt.code, tt.out, tt.err)
		})
	}
}

func TestCheckJSON(t *testing.T) {
	_, r1, csv := files(t)
	code, out, _ := runArgs("check", "--json", r1, csv)
	if code != 2 {
		t.Errorf("exit %d", code)
	}
	var list []map[string]string
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(list) != 3 {
		t.Fatalf("%d problems: %s", len(list), out)
	}
	first := list[0]
	if first["file"] != r1 || first["rule"] != "R1" || first["severity"] != "error" || first["sheet"] != "表三" || first["cell"] != "D6" || !strings.Contains(first["message"], "9+0 = 9") {
		t.Errorf("first problem: %v", first)
	}
	if list[2]["file"] != csv || list[2]["rule"] != "读取" {
		t.Errorf("refusal: %v", list[2])
	}
}

func TestTemplateCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "模板.xlsx")
	if code, _, e := runArgs("template", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, templates.Blank()) {
		t.Error("template differs from the committed blank template")
	}
	code, _, e := runArgs("template", "-o", out)
	if code != 2 || !strings.Contains(e, "已经存在，没有覆盖") {
		t.Errorf("second template: exit %d, %s", code, e)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
