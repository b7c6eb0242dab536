package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"nianbao/internal/sample"
	"nianbao/internal/testtool/testbook"
)

// The test binary serves as a worker process when asked to: its files
// named 致命 die of a fatal runtime error, those named 卡住 never finish.
func TestMain(m *testing.M) {
	if os.Getenv("NIANBAO_TEST_WORKER") == "1" {
		os.Exit(serve(os.Stdin, os.Stdout, trouble))
	}
	os.Exit(m.Run())
}

func trouble(path string, opt Options) Result {
	switch {
	case strings.Contains(path, "致命"):
		debug.SetMaxStack(1 << 20)
		var deep func(int) int
		deep = func(n int) int { return deep(n+1) + 1 }
		deep(0)
	case strings.Contains(path, "卡住"):
		time.Sleep(time.Hour)
	}
	return Stage(path, opt)
}

func testWorker() *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "NIANBAO_TEST_WORKER=1")
	return cmd
}

func writeWorkbook(t *testing.T, path, agency string) {
	t.Helper()
	r := sample.Example()
	r.Agency = agency
	testbook.Write(t, path, r)
}

// A file that kills its worker process or never finishes is recorded as
// failed, and the run goes on with a new worker for the others.
func TestSupervisor(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: waits for worker processes to crash and time out")
	}
	dir := t.TempDir()
	var inputs []string
	for i, name := range []string{"甲.xlsx", "致命.xlsx", "乙.xlsx", "卡住.xlsx", "丙.xlsx", "丁.xlsx"} {
		p := filepath.Join(dir, name)
		writeWorkbook(t, p, "单位"+string(rune('A'+i)))
		inputs = append(inputs, p)
	}
	out := filepath.Join(dir, "输出")
	os.Mkdir(out, 0o755)
	results := Run(inputs, Options{OutDir: out, Worker: testWorker, Timeout: 3 * time.Second}, 2, nil)
	for i, r := range results {
		name := filepath.Base(inputs[i])
		switch name {
		case "致命.xlsx":
			if r.Err == nil || r.Err.Error() != crashedWhy {
				t.Errorf("%s: %+v", name, r)
			}
		case "卡住.xlsx":
			if r.Err == nil || !strings.Contains(r.Err.Error(), "处理超过 3 秒仍未完成") {
				t.Errorf("%s: %+v", name, r)
			}
		default:
			if !r.OK() {
				t.Errorf("%s: %+v", name, r)
				continue
			}
			if data, err := os.ReadFile(r.Output); err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Errorf("%s: PDF %s: %v", name, r.Output, err)
			}
		}
	}
	if left, _ := filepath.Glob(filepath.Join(out, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// Of two workbooks that give the same PDF name, the first in order gets
// it, with one or two workers, in this process or in worker processes.
func TestSameNameDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs worker processes many times")
	}
	dir := t.TempDir()
	var inputs []string
	for _, name := range []string{"a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"} {
		p := filepath.Join(dir, name)
		writeWorkbook(t, p, "同名局")
		inputs = append(inputs, p)
	}
	for _, workers := range []func() *exec.Cmd{nil, testWorker} {
		for _, jobs := range []int{1, 2} {
			for round := 0; round < 3; round++ {
				out := t.TempDir()
				results := Run(inputs, Options{OutDir: out, Worker: workers}, jobs, nil)
				for i, r := range results {
					if (r.Output != "") != (i == 0) {
						t.Fatalf("jobs %d, worker process %v: %s got PDF %q (err %v)", jobs, workers != nil, filepath.Base(r.Input), r.Output, r.Err)
					}
					if i > 0 && (r.Err == nil || !strings.Contains(r.Err.Error(), "与「a.xlsx」的机关名称和报告年度相同")) {
						t.Errorf("%s: %v", filepath.Base(r.Input), r.Err)
					}
				}
				pdfs, _ := filepath.Glob(filepath.Join(out, "*"))
				if len(pdfs) != 1 {
					t.Errorf("files in the output: %v", pdfs)
				}
			}
		}
	}
}
