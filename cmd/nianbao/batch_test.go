package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"nianbao/internal/sample"
	"nianbao/templates"
	"nianbao/xlsx"
)

// folder fills a folder with good, failing, corrupt and non-workbook files.
func folder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	example, r1, csv := files(t)
	copyFile := func(from, to string) {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, to), data, 0o644)
	}
	copyFile(example, "平罗 & 县^自然资源局.xlsx")
	copyFile(r1, "有错.xlsx")
	copyFile(csv, "数据.xlsx")
	os.WriteFile(filepath.Join(dir, "坏.xlsx"), templates.ExampleWorkbook()[:5000], 0o644)
	os.WriteFile(filepath.Join(dir, "~$平罗.xlsx"), []byte("lock"), 0o644)
	os.WriteFile(filepath.Join(dir, "年报模板.xlsx"), templates.Blank(), 0o644)
	os.WriteFile(filepath.Join(dir, "说明.docx"), []byte("x"), 0o644)
	return dir
}

func TestBatchCommand(t *testing.T) {
	dir := folder(t)
	code, stdout, stderr := runArgs("batch", "--jobs", "2", dir)
	if code != exitProblems {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
	for _, s := range []string{"[5/5]", "有错.xlsx … 有 2 处错误，未生成", "数据.xlsx … 无法读取", "坏.xlsx … 无法读取", "平罗 & 县^自然资源局.xlsx … 已生成",
		"跳过 说明.docx：Word 文档", "跳过 ~$平罗.xlsx：Excel 或 WPS 打开工作簿时生成的临时锁文件", "年报模板.xlsx … 空白的年报模板",
		"共 4 个工作簿：已生成 1 个，有错误 1 个，无法读取 2 个；另有 3 个文件跳过。"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	out := filepath.Join(dir, "输出")
	if _, err := os.Stat(filepath.Join(out, examplePDF)); err != nil {
		t.Errorf("the good PDF is missing: %v", err)
	}
	log, _ := os.ReadFile(filepath.Join(out, "处理结果.txt"))
	for _, s := range []string{"[已生成] 平罗 & 县^自然资源局.xlsx → " + examplePDF, "[有错误，未生成] 有错.xlsx", "错误 [R1] 表三 D6", "已在「标注-有错.xlsx」里标出", "[无法读取] 坏.xlsx", "不完整或已损坏", "[无法读取] 数据.xlsx",
		"[已跳过] 说明.docx", "[已跳过] ~$平罗.xlsx", "[已跳过] 年报模板.xlsx"} {
		if !strings.Contains(string(log), s) {
			t.Errorf("log lacks %q:\n%s", s, log)
		}
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 4 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("output folder holds %v", names)
	}
	// Run again: the outputs are not taken for inputs, the PDF is replaced.
	code, stdout, _ = runArgs("batch", dir)
	if code != exitProblems || !strings.Contains(stdout, "共 4 个工作簿") {
		t.Errorf("second run: exit %d\n%s", code, stdout)
	}
}

func TestBatchExitCodes(t *testing.T) {
	example, _, _ := files(t)
	if code, _, _ := runArgs("batch", example); code != exitOK {
		t.Errorf("one good file: exit %d", code)
	}
	code, _, stderr := runArgs("batch", t.TempDir())
	if code != exitUsage || !strings.Contains(stderr, "没有要处理的工作簿") {
		t.Errorf("empty folder: exit %d %s", code, stderr)
	}
	code, _, stderr = runArgs("batch", "-o", "/proc/nianbao/输出", example)
	if code != exitUsage || !strings.Contains(stderr, "无法建立输出文件夹") {
		t.Errorf("unwritable output: exit %d %s", code, stderr)
	}
}

func TestDoubleClick(t *testing.T) {
	dir := folder(t)
	executableDir = func() string { return dir }
	defer func() { executableDir = func() string { return "." } }()
	var o, e bytes.Buffer
	code := run(nil, strings.NewReader("\n"), &o, &e)
	if code != exitProblems || !strings.Contains(o.String(), "共 4 个工作簿") || !strings.HasSuffix(o.String(), "按回车键关闭窗口……") {
		t.Errorf("double-click: exit %d\n%s%s", code, o.String(), e.String())
	}
	// A workbook dropped onto the program is processed alone.
	o.Reset()
	code = run([]string{noWaitFlag, filepath.Join(dir, "平罗 & 县^自然资源局.xlsx")}, strings.NewReader(""), &o, &e)
	if code != exitOK || !strings.Contains(o.String(), "共 1 个工作簿：已生成 1 个。") || strings.Contains(o.String(), "按回车键") {
		t.Errorf("dropped: exit %d\n%s", code, o.String())
	}
}

// TestHelperProcess runs the command in a child process for TestKilled.
func TestHelperProcess(t *testing.T) {
	if os.Getenv("NIANBAO_HELPER") != "1" {
		t.Skip("helper for TestKilled")
	}
	os.Exit(run(strings.Split(os.Getenv("NIANBAO_ARGS"), "|"), os.Stdin, os.Stdout, os.Stderr))
}

func TestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds 40 workbooks and kills the run")
	}
	dir := t.TempDir()
	for i := 0; i < 40; i++ {
		r := sample.Example()
		r.Agency = "单位" + string(rune('甲'+i))
		var b bytes.Buffer
		if err := xlsx.WriteTemplate(&b, r); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, r.Agency+".xlsx"), b.Bytes(), 0o644)
	}
	out := filepath.Join(dir, "输出")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "NIANBAO_HELPER=1", "NIANBAO_ARGS=batch|--jobs|2|"+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
		if len(pdfs) >= 3 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) == 0 || len(pdfs) == 40 {
		t.Fatalf("%d PDFs: the run was not killed in the middle", len(pdfs))
	}
	for _, p := range pdfs {
		data, _ := os.ReadFile(p)
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
			t.Errorf("partial PDF left: %s (%d bytes)", filepath.Base(p), len(data))
		}
	}
	// The next run clears what the killed one left and finishes the job.
	if code, stdout, _ := runArgs("batch", dir); code != exitOK {
		t.Errorf("rerun: exit %d\n%s", code, stdout)
	}
	if left, _ := filepath.Glob(filepath.Join(out, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
