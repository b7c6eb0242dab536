package app

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"nianbao/fonts"
	"nianbao/internal/oserr"
	"nianbao/report"
	"nianbao/xlsx"
)

// A folder run builds each workbook in a worker process: a fatal error of
// the Go runtime (a stack overflow, memory exhausted) cannot be recovered
// within a process, so it must end only the worker, never the run. The
// supervisor sends one request a line to the worker's standard input and
// reads one result a line from its standard output; it starts a new worker
// after one that died or overran its time.

// WorkerEnv is the environment variable that makes the program serve as a
// worker (Serve) instead of reading its command line.
const WorkerEnv = "NIANBAO_WORKER"

// DefaultTimeout is how long one file may take in a worker process.
const DefaultTimeout = 60 * time.Second

type request struct {
	Path   string
	OutDir string
	Draft  bool
	Marked string // where the marked copy goes
	// Previous, when set, asks only for the checks against last year's
	// workbook (a folder run's second pass, see comparePrevious).
	Previous string
	// CheckOnly asks for the report read and checked, nothing written
	// (CheckAll).
	CheckOnly bool
	// The fonts of the run: the worker finds the same faces in the same
	// folders (once, as it serves file after file).
	FontDirs          []fonts.Dir
	TableFont         string
	IgnoreFontSetting string
}

type refusal struct {
	File, Sheet, Rule, Why string
}

type response struct {
	Output   string
	Staged   string
	Name     string
	Pages    int
	Refused  *refusal
	Problems []report.Problem
	Err      string
	Faces    string
	Fallback string
	Marked   string
	Notes    []string
	Skipped  string
	Agency   string
	Year     int
	// Report is the report read, gob-encoded, for a CheckOnly request.
	Report []byte
}

// Serve is a worker process's main loop: it builds the workbooks asked for
// on in, one a line, and writes each result as a line to out, leaving each
// PDF staged for the supervisor to put in place. It returns the exit code.
func Serve(in io.Reader, out io.Writer) int {
	return serve(in, out, Stage)
}

func serve(in io.Reader, out io.Writer, stage func(string, Options) Result) int {
	// A supervisor that died closes the pipe: the write fails instead of
	// killing the worker, which then removes what it staged.
	signal.Ignore(syscall.SIGPIPE)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	enc := json.NewEncoder(out)
	for sc.Scan() {
		var req request
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			return 2
		}
		faces, _, err := fonts.Find(req.FontDirs)
		if err != nil {
			return 2
		}
		if req.TableFont != "" {
			faces, _ = faces.WithTable(req.TableFont)
		}
		marked := req.Marked
		do := stage
		if req.Previous != "" {
			do = func(path string, _ Options) Result { return Compared(path, req.Previous) }
		}
		if req.CheckOnly {
			r, res := Check(req.Path)
			w := toWire(res)
			if r != nil {
				var b bytes.Buffer
				if err := gob.NewEncoder(&b).Encode(r); err != nil {
					return 2
				}
				w.Report = b.Bytes()
			}
			if err := enc.Encode(w); err != nil {
				return 2
			}
			continue
		}
		res := do(req.Path, Options{OutDir: req.OutDir, Draft: req.Draft, Fonts: faces, FontDirs: req.FontDirs,
			TableFont: req.TableFont, IgnoreFontSetting: req.IgnoreFontSetting, MarkedName: func(string) string { return marked }})
		if err := enc.Encode(toWire(res)); err != nil {
			discard(&res)
			return 2
		}
	}
	return 0
}

func toWire(r Result) response {
	w := response{Output: r.Output, Staged: r.staged, Name: r.name, Pages: r.Pages, Problems: r.Problems,
		Faces: r.Faces, Fallback: r.Fallbacks, Marked: r.Marked, Notes: r.Notes, Skipped: r.Skipped, Agency: r.Agency, Year: r.Year}
	if r.Err != nil {
		w.Err = r.Err.Error()
	}
	if r.Refused != nil {
		w.Refused = &refusal{Why: r.Refused.Error()}
		var re *xlsx.RefusedError
		if errors.As(r.Refused, &re) {
			w.Refused = &refusal{File: re.File, Sheet: re.Sheet, Rule: re.Rule, Why: re.Why}
		}
	}
	return w
}

func fromWire(input string, w response) Result {
	r := Result{Input: input, Output: w.Output, staged: w.Staged, name: w.Name, Pages: w.Pages, Problems: w.Problems,
		Faces: w.Faces, Fallbacks: w.Fallback, Marked: w.Marked, Notes: w.Notes, Skipped: w.Skipped, Agency: w.Agency, Year: w.Year}
	if w.Err != "" {
		r.Err = errors.New(w.Err)
	}
	if w.Refused != nil {
		r.Refused = &xlsx.RefusedError{File: w.Refused.File, Sheet: w.Refused.Sheet, Rule: w.Refused.Rule, Why: w.Refused.Why}
	}
	return r
}

// worker is one worker process as the supervisor sees it.
type worker struct {
	start   func() *exec.Cmd
	cmd     *exec.Cmd
	in      io.WriteCloser
	lines   chan []byte // the worker's output lines; closed when it ends
	timeout time.Duration
}

// Messages for a file whose worker failed.
const (
	crashedWhy = "处理时程序出错（程序意外退出），这个文件未能生成。其他文件不受影响；请把这个工作簿发给技术人员。"
	startWhy   = "无法启动处理程序（%s），这个文件未能生成。请确认程序文件完整，或重新解压工具后再试。"
)

func timeoutWhy(d time.Duration) string {
	return fmt.Sprintf("处理超过 %d 秒仍未完成，已停止，这个文件未能生成。其他文件不受影响；这个工作簿可能异常，请用 Excel 或 WPS 打开核对、另存为新文件后再试。", int(d.Seconds()))
}

func (w *worker) launch() error {
	cmd := w.start()
	cmd.Stderr = nil
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	lines := make(chan []byte)
	go func() {
		defer close(lines)
		r := bufio.NewReaderSize(out, 64<<10)
		for {
			line, err := r.ReadBytes('\n')
			if err != nil {
				return
			}
			lines <- line
		}
	}()
	w.cmd, w.in, w.lines = cmd, in, lines
	return nil
}

// stop ends the worker process, killing it if need be.
func (w *worker) stop(kill bool) {
	if w.cmd == nil {
		return
	}
	w.in.Close()
	if kill {
		w.cmd.Process.Kill()
	}
	for range w.lines {
	}
	w.cmd.Wait()
	w.cmd = nil
}

// do builds one file in the worker process, starting one if none runs.
func (w *worker) do(path string, opt Options) Result {
	if w.cmd == nil {
		if err := w.launch(); err != nil {
			return Result{Input: path, Err: fmt.Errorf(startWhy, oserr.Explain(err))}
		}
	}
	req, _ := json.Marshal(request{Path: path, OutDir: opt.OutDir, CheckOnly: opt.checkOnly, Draft: opt.Draft, Marked: filepath.Base(markedPath(path, opt)), Previous: opt.Previous,
		FontDirs: opt.FontDirs, TableFont: opt.TableFont, IgnoreFontSetting: opt.IgnoreFontSetting})
	if _, err := w.in.Write(append(req, '\n')); err != nil {
		w.stop(true)
		return Result{Input: path, Err: errors.New(crashedWhy)}
	}
	timer := time.NewTimer(w.timeout)
	defer timer.Stop()
	select {
	case line, ok := <-w.lines:
		if !ok {
			w.stop(true)
			return Result{Input: path, Err: errors.New(crashedWhy)}
		}
		var resp response
		if err := json.Unmarshal(line, &resp); err != nil {
			w.stop(true)
			return Result{Input: path, Err: errors.New(crashedWhy)}
		}
		r := fromWire(path, resp)
		if resp.Report != nil {
			r.report = new(report.Report)
			if err := gob.NewDecoder(bytes.NewReader(resp.Report)).Decode(r.report); err != nil {
				w.stop(true)
				return Result{Input: path, Err: errors.New(crashedWhy)}
			}
		}
		return r
	case <-timer.C:
		w.stop(true)
		return Result{Input: path, Err: errors.New(timeoutWhy(w.timeout))}
	}
}

// CheckAll reads and checks every input with jobs workers, as Run builds
// them: with opt.Worker set, in worker processes with opt.Timeout per
// file, so that one workbook that kills its process or never finishes
// costs only itself. Each report is nil when its workbook was not read
// (its result says why). progress, when set, is called as each file is
// done, with its index (from one goroutine at a time).
func CheckAll(inputs []string, opt Options, jobs int, progress func(done, i int, r *report.Report, res Result)) ([]*report.Report, []Result) {
	if jobs < 1 {
		jobs = 1
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	opt.checkOnly = true
	reports := make([]*report.Report, len(inputs))
	results := make([]Result, len(inputs))
	var mu sync.Mutex
	done := 0
	pool(len(inputs), nil, opt, jobs, func(wk *worker, i int) {
		var r *report.Report
		var res Result
		if wk != nil {
			res = wk.do(inputs[i], opt)
			r = res.report
			res.report = nil
		} else {
			r, res = Check(inputs[i])
		}
		mu.Lock()
		reports[i], results[i] = r, res
		done++
		if progress != nil {
			progress(done, i, r, res)
		}
		mu.Unlock()
	})
	return reports, results
}
