package app

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
	"unicode/utf8"

	"nianbao/internal/oserr"
	"nianbao/report"
	"nianbao/templates"
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

// Skipped is a file of a folder that a folder run does not take for a
// workbook, and why.
type Skipped struct {
	Path string
	Why  string
}

// skipReasons says why files of a folder are not read, by extension.
var skipReasons = map[string]string{
	".xls":  "旧版 Excel 97-2003 格式（.xls），没有处理；请用 Excel 或 WPS 打开，另存为「Excel 工作簿（*.xlsx）」",
	".et":   "WPS 表格的 .et 文件，没有处理；请用 WPS 打开，另存为「Excel 工作簿（*.xlsx）」",
	".ett":  "WPS 表格模板（.ett），没有处理；请用 WPS 打开，另存为「Excel 工作簿（*.xlsx）」",
	".xlsm": "启用宏的工作簿（.xlsm），没有处理；请用 Excel 或 WPS 打开，另存为「Excel 工作簿（*.xlsx）」",
	".xlsb": "二进制工作簿（.xlsb），没有处理；请用 Excel 打开，另存为「Excel 工作簿（*.xlsx）」",
	".xltx": "Excel 模板（.xltx），没有处理；请用 Excel 或 WPS 打开，另存为「Excel 工作簿（*.xlsx）」",
	".ods":  "OpenDocument 表格（.ods），没有处理；请另存为「Excel 工作簿（*.xlsx）」",
	".csv":  "CSV 文本文件，没有处理；请把内容填进年报模板（.xlsx）",
	".doc":  "Word 文档，没有处理；请把年报内容填进年报模板（.xlsx）",
	".docx": "Word 文档，没有处理；请把年报内容填进年报模板（.xlsx）",
	".wps":  "WPS 文字文档，没有处理；请把年报内容填进年报模板（.xlsx）",
}

// Collect lists the workbooks of a folder (and of its subfolders when
// recursive), sorted, and the files it passes over with the reason: lock
// files, marked copies, spreadsheets and documents of other formats. The
// output folder is not looked into.
func Collect(dir string, recursive bool, outDir string) ([]string, []Skipped, error) {
	outAbs, _ := filepath.Abs(outDir)
	var files []string
	var skipped []Skipped
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			if d != nil && d.IsDir() {
				skipped = append(skipped, Skipped{path, "无法打开这个文件夹（" + oserr.Explain(err) + "），里面的文件没有处理"})
				return filepath.SkipDir
			}
			return nil
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
		ext := strings.ToLower(filepath.Ext(name))
		switch {
		case xlsx.IsLockFile(name):
			skipped = append(skipped, Skipped{path, "Excel 或 WPS 打开工作簿时生成的临时锁文件，不是工作簿，已跳过"})
		case name == templates.ExampleName:
			skipped = append(skipped, Skipped{path, "工具自带的示例工作簿，已跳过；要看示例的 PDF，请把它拖到程序上"})
		case strings.HasPrefix(name, MarkedPrefix) && ext == ".xlsx":
			skipped = append(skipped, Skipped{path, "nianbao 生成的标注副本，已跳过；请在原工作簿里改正"})
		case ext == ".xlsx":
			files = append(files, path)
		case skipReasons[ext] != "":
			skipped = append(skipped, Skipped{path, skipReasons[ext]})
		}
		return nil
	})
	sort.Strings(files)
	sort.Slice(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	return files, skipped, err
}

// IsOwnOutput reports whether a file is one nianbao writes (a PDF, a
// result log, a temporary file, a marked copy).
func IsOwnOutput(path string) bool {
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".pdf" || ext == ".tmp" || name == LogText || name == LogCSV || strings.HasPrefix(name, MarkedPrefix)
}

// RemoveStale deletes the temporary files a killed run left in dir: only
// nianbao makes files named .<PDF, 标注 copy or 处理结果>.<random>.tmp.
func RemoveStale(dir string) {
	for _, pattern := range []string{".*.pdf.*.tmp", "." + MarkedPrefix + "*.xlsx.*.tmp", "." + LogText + ".*.tmp", "." + LogCSV + ".*.tmp"} {
		stale, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, f := range stale {
			os.Remove(f)
		}
	}
}

// MarkedNames names the marked copies of a folder run by the workbooks'
// paths below base, so that two units' workbooks of the same name in
// different subfolders get different copies.
func MarkedNames(base string) func(string) string {
	return func(workbook string) string {
		rel, err := filepath.Rel(base, workbook)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = filepath.Base(workbook)
		}
		rel = strings.TrimPrefix(filepath.ToSlash(rel), MarkedPrefix)
		name := MarkedPrefix + strings.ReplaceAll(rel, "/", "_")
		for len(name) > maxNameBytes {
			ext := filepath.Ext(name)
			stem := strings.TrimSuffix(name, ext)
			_, size := utf8.DecodeLastRuneInString(stem)
			name = stem[:len(stem)-size] + ext
		}
		return name
	}
}

// Run builds every input with jobs workers. Each file is isolated: an
// error or a panic in one is recorded in its result and the others go on;
// with opt.Worker set, each file is built in a worker process, so that
// even a fatal error or a file that never finishes ends only that file.
// progress, when set, is called as each file finishes (from one goroutine
// at a time). The results are in the order of the inputs. Of two inputs
// that give the same PDF name, the first in that order gets the PDF,
// whatever the timing.
func Run(inputs []string, opt Options, jobs int, progress func(done int, r Result)) []Result {
	if jobs < 1 {
		jobs = 1
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	results := make([]Result, len(inputs))
	var mu sync.Mutex
	owner := map[string]int{}
	lost := map[int]string{} // input → the PDF name it lost
	done := 0
	// settle puts a staged PDF in place unless an input before it in the
	// order owns that name; one after it that got there first loses it.
	settle := func(i int) {
		r := &results[i]
		if r.staged == "" {
			return
		}
		key := strings.ToLower(filepath.Clean(r.Output))
		j, taken := owner[key]
		if taken && j < i {
			discard(r)
			r.Err = sameName(inputs[j])
			lost[i] = key
			return
		}
		commit(r)
		if r.Output == "" {
			return
		}
		owner[key] = i
		if taken {
			loser := &results[j]
			loser.Output, loser.Pages = "", 0
			loser.Err = sameName(inputs[i])
			lost[j] = key
		}
	}
	pool(len(inputs), nil, opt, jobs, func(wk *worker, i int) {
		var r Result
		if wk != nil {
			r = wk.do(inputs[i], opt)
		} else {
			r = Stage(inputs[i], opt)
		}
		mu.Lock()
		results[i] = r
		settle(i)
		done++
		if progress != nil {
			progress(done, results[i])
		}
		mu.Unlock()
	})
	// Each loser names the input that holds the PDF in the end.
	for i, key := range lost {
		results[i].Err = sameName(inputs[owner[key]])
	}
	comparePrevious(results, opt, jobs)
	if opt.OutDir != "" {
		RemoveStale(opt.OutDir)
	}
	return results
}

// pool does the n items of a run (or, when indices is set, those items)
// with jobs goroutines, each with its own worker process when opt.Worker
// is set (nil otherwise), and returns when all are done.
func pool(n int, indices []int, opt Options, jobs int, do func(wk *worker, i int)) {
	if indices == nil {
		for i := 0; i < n; i++ {
			indices = append(indices, i)
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(jobs, 1); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var wk *worker
			if opt.Worker != nil {
				wk = &worker{start: opt.Worker, timeout: opt.Timeout}
				defer wk.stop(false)
			}
			for i := range next {
				do(wk, i)
			}
		}()
	}
	for _, i := range indices {
		next <- i
	}
	close(next)
	wg.Wait()
}

// sameName is the error of a workbook whose PDF name another one took.
func sameName(other string) error {
	return fmt.Errorf("与「%s」的机关名称和报告年度相同，PDF 会重名，未生成；请核对这两个工作簿的基本信息", filepath.Base(other))
}

// Outcome is what became of a workbook, of a few kinds. Everything that
// says it in Chinese — the status in the logs, the console line, the
// summary — takes its words from outcomes.
type Outcome int

// The outcomes, in the order the summary counts them.
const (
	Generated  Outcome = iota // the PDF written, no error
	WithErrors                // errors: no PDF, or a draft
	Unreadable                // the workbook could not be read
	Unwritten                 // read, but no PDF could be written
	Passed                    // not a workbook to build: passed over
)

var outcomes = [...]struct{ status, counted string }{
	Generated:  {"已生成", "已生成 %d 个"},
	WithErrors: {"有错误，未生成", "有错误 %d 个"},
	Unreadable: {"无法读取", "无法读取 %d 个"},
	Unwritten:  {"未生成", "未能写出 %d 个"},
	Passed:     {"已跳过", "另有 %d 个文件跳过"},
}

// Outcome says what became of the workbook.
func (r *Result) Outcome() Outcome {
	switch {
	case r.Skipped != "":
		return Passed
	case r.Refused != nil:
		return Unreadable
	case r.Err != nil:
		return Unwritten
	case r.Output == "" || r.Errors() > 0:
		return WithErrors
	}
	return Generated
}

// Status says in Chinese what became of a workbook, in a few words.
func (r *Result) Status() string {
	if r.Outcome() == WithErrors && r.Output != "" {
		return "已生成草稿（有错误）"
	}
	return outcomes[r.Outcome()].status
}

// Line says in one line what became of a workbook, for the console: the
// reason it was passed over, not read or not written, or how many errors
// and warnings it has.
func (r *Result) Line() string {
	switch r.Outcome() {
	case Passed:
		return r.Skipped
	case Unreadable:
		return outcomes[Unreadable].status + "：" + r.Detail()[0]
	case Unwritten:
		return r.Err.Error()
	case WithErrors:
		if r.Output != "" {
			return fmt.Sprintf("有 %d 处错误，已生成草稿", r.Errors())
		}
		return fmt.Sprintf("有 %d 处错误，未生成", r.Errors())
	}
	line := outcomes[Generated].status
	if n := r.Warnings(); n > 0 {
		line += fmt.Sprintf("（%d 处警告）", n)
	}
	if r.Fallbacks != "" {
		line += "；缺字改用其他字体：" + r.Fallbacks
	}
	return line
}

// Warnings counts the problems that are warnings (not those signed off).
func (r *Result) Warnings() int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == report.Warning {
			n++
		}
	}
	return n
}

// OK reports whether the workbook's PDF was written and it had no errors,
// or the file was rightly passed over.
func (r *Result) OK() bool { o := r.Outcome(); return o == Generated || o == Passed }

// SkippedResults turns the files a folder run passed over into results.
func SkippedResults(skipped []Skipped) []Result {
	var rs []Result
	for _, s := range skipped {
		rs = append(rs, Result{Input: s.Path, Skipped: s.Why})
	}
	return rs
}

// Summary counts results in one Chinese sentence.
func Summary(results []Result) string {
	var count [len(outcomes)]int
	for i := range results {
		count[results[i].Outcome()]++
	}
	s := fmt.Sprintf("共 %d 个工作簿：", len(results)-count[Passed]) + fmt.Sprintf(outcomes[Generated].counted, count[Generated])
	for _, o := range []Outcome{WithErrors, Unreadable, Unwritten} {
		if count[o] > 0 {
			s += "，" + fmt.Sprintf(outcomes[o].counted, count[o])
		}
	}
	if count[Passed] > 0 {
		s += "；" + fmt.Sprintf(outcomes[Passed].counted, count[Passed])
	}
	return s + "。"
}

// Detail returns the lines that explain a result: why it was skipped, not
// read or not written, or its problems, and the notes.
func (r *Result) Detail() []string {
	var lines []string
	switch {
	case r.Skipped != "":
		lines = []string{r.Skipped}
	case r.Refused != nil:
		lines = []string{strings.TrimPrefix(r.Refused.Error(), filepath.Base(r.Input)+"：")}
	case r.Err != nil:
		lines = []string{r.Err.Error()}
	default:
		if r.Previous != "" {
			lines = append(lines, fmt.Sprintf("上年报告：%s（用于核对上年结转、现行有效件数和正文重复）", filepath.Base(r.Previous)))
		}
		for _, p := range r.Problems {
			lines = append(lines, fmt.Sprintf("%s [%s] %s", p.Severity, p.Rule, p))
		}
		if r.Marked != "" {
			lines = append(lines, MarkedLine(r.Marked))
		}
	}
	return append(lines, r.Notes...)
}

// MarkedLine says where the copy with a workbook's problem cells marked
// was written, and what its colours mean.
func MarkedLine(marked string) string {
	return fmt.Sprintf("有问题的格子已在「%s」里标出（红色为错误，黄色为警告，绿色为已核对，批注写明原因）；请在原工作簿里改正。", filepath.Base(marked))
}

// csvSafe keeps a spreadsheet program from taking a field for a formula:
// a field that starts with = + - @ (or a tab or carriage return) gets a
// leading apostrophe.
func csvSafe(fields []string) []string {
	for i, f := range fields {
		if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
			fields[i] = "'" + f
		}
	}
	return fields
}

// WriteLogs writes 处理结果.txt and 处理结果.csv into dir: UTF-8 with a byte
// order mark and CRLF line ends, so that Notepad, Excel and WPS open them
// as they are. base is the folder that file names are shown relative to.
// Both are written or neither: when one cannot be (held open in Excel,
// say), the error names it and the other keeps its old content.
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
		case r.Skipped != "":
			w.Write(csvSafe(append(head, "", "", "", "", "", r.Skipped)))
		case r.Refused != nil || r.Err != nil:
			w.Write(csvSafe(append(head, "错误", "", "", "", "", r.Detail()[0])))
		case len(r.Problems) == 0:
			w.Write(csvSafe(append(head, "", "", "", "", "", "")))
		default:
			for _, p := range r.Problems {
				w.Write(csvSafe(append(head, p.Severity.String(), p.Rule, p.Sheet, p.Cell, p.Label, p.Message)))
			}
		}
		for _, n := range r.Notes {
			w.Write(csvSafe(append(head, "提示", "", "", "", "", n)))
		}
	}
	w.Flush()
	txtPath, csvPath := filepath.Join(dir, LogText), filepath.Join(dir, LogCSV)
	txtTemp, err := writeTemp(txtPath, []byte(t.String()))
	if err != nil {
		return writeError(txtPath, err)
	}
	csvTemp, err := writeTemp(csvPath, c.Bytes())
	if err != nil {
		os.Remove(txtTemp)
		return writeError(csvPath, err)
	}
	// The table is the file Excel holds open: put it in place first, and
	// the text only when it went in.
	if err := os.Rename(csvTemp, csvPath); err != nil {
		os.Remove(csvTemp)
		os.Remove(txtTemp)
		return writeError(csvPath, err)
	}
	if err := os.Rename(txtTemp, txtPath); err != nil {
		os.Remove(txtTemp)
		return writeError(txtPath, err)
	}
	return nil
}
