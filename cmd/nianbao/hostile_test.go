package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/hostile"
	"nianbao/internal/sample"
	"nianbao/internal/testtool/testbook"
)

// goodWorkbooks writes n good workbooks of different agencies into dir.
func goodWorkbooks(t *testing.T, dir string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		r := sample.Example()
		r.Agency = "好单位" + string(rune('甲'+i))
		testbook.Write(t, filepath.Join(dir, r.Agency+".xlsx"), r)
	}
}

// A folder with a 100,000-deep formula chain, a pipe named .xlsx, an old
// .xls and three good workbooks: the run finishes, writes three PDFs and
// names every file in 处理结果.
func TestHostileFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs hostile inputs through worker processes")
	}
	dir := t.TempDir()
	goodWorkbooks(t, dir, 3)
	want := map[string]string{"公式-十万层.xlsx": "无法读取", "管道.xlsx": "无法读取", "旧版.xls": "已跳过"}
	for _, c := range hostile.Catalogue() {
		if want[c.Name] != "" {
			if _, err := c.Make(dir); err != nil {
				t.Fatal(err)
			}
		}
	}
	code, stdout, stderr := runArgs("batch", dir)
	if code != exitProblems {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(dir, "输出")
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) != 3 {
		t.Errorf("%d PDFs: %v", len(pdfs), pdfs)
	}
	log, err := os.ReadFile(filepath.Join(out, "处理结果.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, status := range want {
		if !strings.Contains(string(log), "["+status+"] "+name) {
			t.Errorf("log lacks [%s] %s:\n%s", status, name, log)
		}
	}
	if n := strings.Count(string(log), "[已生成] 好单位"); n != 3 {
		t.Errorf("%d good workbooks in the log:\n%s", n, log)
	}
}

// A folder of the whole catalogue and a good workbook: the run finishes,
// every input is in 处理结果 with a status, the good one has its PDF.
func TestCatalogueFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs the whole hostile catalogue as a folder")
	}
	dir := t.TempDir()
	goodWorkbooks(t, dir, 1)
	cases := hostile.Catalogue()
	for _, c := range cases {
		if _, err := c.Make(dir); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runArgs("batch", "--jobs", "2", dir)
	if code != exitProblems {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	log, err := os.ReadFile(filepath.Join(dir, "输出", "处理结果.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Name == "文件夹.xlsx" {
			continue // a folder in a folder run is a subfolder, not a file
		}
		if !strings.Contains(string(log), "] "+c.Name) {
			t.Errorf("log lacks %s", c.Name)
		}
	}
	if !strings.Contains(string(log), "[已生成] 好单位甲.xlsx") {
		t.Errorf("the good workbook:\n%s", log)
	}
}
