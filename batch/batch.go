package batch

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"nianbao/xlsx"
)

// Names of what a folder run writes into its output folder.
const (
	DefaultOutDir = "输出"
	LogText       = "处理结果.txt"
	LogCSV        = "处理结果.csv"
	// BlankTemplate is the blank template's file name: a folder run skips it.
	BlankTemplate = "年报模板.xlsx"
)

// Collect lists the workbooks of a folder (and its subfolders when
// recursive), sorted, leaving out lock files, the blank template and the
// output folder.
func Collect(dir string, recursive bool, outDir string) ([]string, error) {
	outAbs, _ := filepath.Abs(outDir)
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			return nil // an unreadable subfolder is passed over
		}
		if d.IsDir() {
			if path == dir {
				return nil
			}
			if abs, _ := filepath.Abs(path); !recursive || abs == outAbs {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if !strings.EqualFold(filepath.Ext(name), ".xlsx") || IsOwnOutput(path) || name == BlankTemplate {
			return nil
		}
		files = append(files, path)
		return nil
	})
	sort.Strings(files)
	return files, err
}

// IsOwnOutput reports whether a file is one nianbao writes (a PDF, a
// result log, a temporary file) or a lock file, rather than a workbook.
func IsOwnOutput(path string) bool {
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".pdf" || ext == ".tmp" || name == LogText || name == LogCSV || xlsx.IsLockFile(name) || strings.HasPrefix(name, MarkedPrefix)
}

// RemoveStale deletes the temporary files a killed run left in dir: only
// nianbao makes files named .<name>.pdf.<random>.tmp.
func RemoveStale(dir string) {
	stale, _ := filepath.Glob(filepath.Join(dir, ".*.pdf.*.tmp"))
	for _, f := range stale {
		os.Remove(f)
	}
}

// Run builds every input with jobs workers. Each file is isolated: an
// error or a panic in one is recorded in its result and the others go on.
// progress, when set, is called as each file finishes (from one goroutine
// at a time). The results are in the order of the inputs.
func Run(inputs []string, opt Options, jobs int, progress func(done int, r Result)) []Result {
	if jobs < 1 {
		jobs = 1
	}
	var mu sync.Mutex
	claimed := map[string]string{}
	opt.Claim = func(output, input string) (string, bool) {
		mu.Lock()
		defer mu.Unlock()
		key := strings.ToLower(filepath.Clean(output))
		if other, ok := claimed[key]; ok && other != input {
			return other, false
		}
		claimed[key] = input
		return "", true
	}
	previous := PairPrevious(inputs, jobs)
	results := make([]Result, len(inputs))
	next := make(chan int)
	var wg sync.WaitGroup
	var done int
	var progressMu sync.Mutex
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				o := opt
				o.Previous = previous[inputs[i]]
				results[i] = File(inputs[i], o)
				if progress != nil {
					progressMu.Lock()
					done++
					progress(done, results[i])
					progressMu.Unlock()
				}
			}
		}()
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// Status says in Chinese what became of a workbook.
func (r *Result) Status() string {
	switch {
	case r.Refused != nil:
		return "无法读取"
	case r.Err != nil:
		return "未生成"
	case r.Output == "":
		return "有错误，未生成"
	case r.Errors() > 0:
		return "已生成草稿（有错误）"
	}
	return "已生成"
}

// OK reports whether the workbook's PDF was written and it had no errors.
func (r *Result) OK() bool { return r.Output != "" && r.Errors() == 0 }

// Summary counts results in one Chinese sentence.
func Summary(results []Result) string {
	var ok, withErrors, unread, failed int
	for i := range results {
		r := &results[i]
		switch {
		case r.Refused != nil:
			unread++
		case r.Err != nil:
			failed++
		case r.OK():
			ok++
		default:
			withErrors++
		}
	}
	s := fmt.Sprintf("共 %d 个工作簿：已生成 %d 个", len(results), ok)
	if withErrors > 0 {
		s += fmt.Sprintf("，有错误 %d 个", withErrors)
	}
	if unread > 0 {
		s += fmt.Sprintf("，无法读取 %d 个", unread)
	}
	if failed > 0 {
		s += fmt.Sprintf("，未能写出 %d 个", failed)
	}
	return s + "。"
}

// Detail returns the lines that explain a result: the reason it was not
// read or written, or its problems.
func (r *Result) Detail() []string {
	switch {
	case r.Refused != nil:
		return []string{strings.TrimPrefix(r.Refused.Error(), filepath.Base(r.Input)+"：")}
	case r.Err != nil:
		return []string{r.Err.Error()}
	}
	var lines []string
	if r.Previous != "" {
		lines = append(lines, fmt.Sprintf("上年报告：%s（用于核对上年结转、现行有效件数和正文重复）", filepath.Base(r.Previous)))
	}
	for _, p := range r.Problems {
		lines = append(lines, fmt.Sprintf("%s [%s] %s", p.Severity, p.Rule, p))
	}
	if r.Marked != "" {
		lines = append(lines, fmt.Sprintf("有问题的格子已在「%s」里标出（红色为错误，黄色为警告，批注写明原因）；请在原工作簿里改正。", filepath.Base(r.Marked)))
	}
	return lines
}

// WriteLogs writes 处理结果.txt and 处理结果.csv into dir: UTF-8 with a byte
// order mark and CRLF line ends, so that Notepad, Excel and WPS open them
// as they are. base is the folder that file names are shown relative to.
func WriteLogs(dir, base string, results []Result) error {
	rel := func(p string) string {
		if p == "" {
			return ""
		}
		if r, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
	bom := "\uFEFF"
	var t strings.Builder
	t.WriteString(bom + "政府信息公开工作年度报告 处理结果\r\n")
	fmt.Fprintf(&t, "工作簿所在：%s\r\nPDF 保存在：%s\r\n%s\r\n\r\n", base, dir, Summary(results))
	for i := range results {
		r := &results[i]
		line := fmt.Sprintf("[%s] %s", r.Status(), rel(r.Input))
		if r.Output != "" {
			line += fmt.Sprintf(" → %s（%d 页）", filepath.Base(r.Output), r.Pages)
		}
		t.WriteString(line + "\r\n")
		for _, d := range r.Detail() {
			t.WriteString("    " + d + "\r\n")
		}
	}
	var c bytes.Buffer
	c.WriteString(bom)
	w := csv.NewWriter(&c)
	w.UseCRLF = true
	w.Write([]string{"工作簿", "状态", "PDF", "页数", "级别", "规则", "工作表", "单元格", "位置", "说明"})
	for i := range results {
		r := &results[i]
		pages := ""
		if r.Output != "" {
			pages = fmt.Sprint(r.Pages)
		}
		head := []string{rel(r.Input), r.Status(), filepath.Base(r.Output), pages}
		if r.Output == "" {
			head[2] = ""
		}
		switch {
		case r.Refused != nil || r.Err != nil:
			w.Write(append(head, "错误", "", "", "", "", r.Detail()[0]))
		case len(r.Problems) == 0:
			w.Write(append(head, "", "", "", "", "", ""))
		default:
			for _, p := range r.Problems {
				w.Write(append(head, p.Severity.String(), p.Rule, p.Sheet, p.Cell, p.Label, p.Message))
			}
		}
	}
	w.Flush()
	if err := WriteFileAtomic(filepath.Join(dir, LogText), []byte(t.String())); err != nil {
		return writeError(filepath.Join(dir, LogText), err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, LogCSV), c.Bytes()); err != nil {
		return writeError(filepath.Join(dir, LogCSV), err)
	}
	return nil
}
