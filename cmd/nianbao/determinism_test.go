package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"nianbao/internal/hostile"
)

// snapshot returns every file below dir by its relative path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, path)
		files[rel] = data
		return nil
	})
	return files
}

// The same folder gives the same bytes — PDFs, marked copies, both logs —
// run after run, with one worker or two.
func TestSameOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds a folder several times with 1 and 2 workers")
	}
	dir := t.TempDir()
	goodWorkbooks(t, dir, 3)
	example, r1, _ := files(t)
	for name, from := range map[string]string{"同名甲.xlsx": example, "同名乙.xlsx": example, "有错.xlsx": r1} {
		data, _ := os.ReadFile(from)
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	for _, c := range hostile.Catalogue() {
		switch c.Class {
		case "公式", "格式", "工作表", "损坏", "文字":
			if _, err := c.Make(dir); err != nil {
				t.Fatal(err)
			}
		}
	}
	var first map[string][]byte
	for i, jobs := range []string{"1", "2", "1", "2"} {
		out := filepath.Join(t.TempDir(), "输出")
		code, stdout, _ := runArgs("batch", "--jobs", jobs, "-o", out, dir)
		if code != exitProblems {
			t.Fatalf("exit %d\n%s", code, stdout)
		}
		got := snapshot(t, out)
		// The log names the output folder, which differs from run to run.
		for _, log := range []string{"处理结果.txt"} {
			got[log] = bytes.ReplaceAll(got[log], []byte(out), []byte("输出"))
		}
		if i == 0 {
			first = got
			continue
		}
		if len(got) != len(first) {
			t.Errorf("run %d (--jobs %s): %d files, first run %d", i+1, jobs, len(got), len(first))
		}
		for name, data := range first {
			if !bytes.Equal(got[name], data) {
				t.Errorf("run %d (--jobs %s): %s differs", i+1, jobs, name)
			}
		}
	}
}
