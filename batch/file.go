// Package batch runs nianbao over workbooks: one file, or a folder of them
// in parallel, each isolated from the others, every output written whole or
// not at all.
package batch

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"nianbao/fonts"
	"nianbao/layout"
	"nianbao/pdfout"
	"nianbao/report"
	"nianbao/xlsx"
)

// Options of a build.
type Options struct {
	OutDir string // where PDFs go; empty: beside each workbook
	Draft  bool   // write the PDF even when the checks find errors, marked as a draft
	Fonts  *fonts.Set
	// FontDir is a folder of licensed official fonts; when empty, the
	// workbook's 字体 setting (基本信息) names one, if any.
	FontDir string
	// Previous is last year's workbook of the same agency, checked against
	// (R7, R8, R16); empty for none.
	Previous string
	// Claim, when set, is asked before a PDF is written; it returns the
	// other workbook that already wrote a PDF of that name, if any.
	Claim func(output, input string) (other string, ok bool)
}

// Result is what became of one workbook.
type Result struct {
	Input    string
	Output   string           // the PDF written, or "" when none was
	Pages    int              // of the PDF written
	Refused  error            // the workbook could not be read at all
	Problems []report.Problem // errors first
	Err      error            // the PDF could not be written
	Faces    string           // which face each role used, when official fonts were asked for
	Marked   string           // a copy of the workbook with its problem cells marked, when it has errors
	Previous string           // last year's workbook it was checked against, if any
}

// MarkedPrefix starts the name of a workbook copy whose problem cells are
// marked; a folder run does not take such copies for workbooks.
const MarkedPrefix = "标注-"

// Errors counts the problems that are errors.
func (r *Result) Errors() int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == report.Error {
			n++
		}
	}
	return n
}

// Check reads and checks one workbook: the report (nil when the workbook
// was refused) and a result with the problems, errors first.
func Check(path string) (*report.Report, Result) {
	res := Result{Input: path}
	r, probs, err := xlsx.Read(path)
	if err != nil {
		res.Refused = err
		return nil, res
	}
	res.Problems = report.ApplySignOffs(report.SortProblems(append(probs, report.Check(r)...)), r.SignOffs)
	return r, res
}

// File reads, checks, typesets and writes one workbook.
func File(path string, opt Options) (res Result) {
	defer func() {
		if v := recover(); v != nil {
			res.Input, res.Output = path, ""
			res.Err = fmt.Errorf("程序内部错误（%v），这个文件未能生成；请把工作簿发给技术人员", v)
		}
	}()
	r, res := Check(path)
	if r == nil {
		return res
	}
	ComparePrevious(r, &res, opt.Previous)
	if report.HasErrors(res.Problems) {
		res.Marked = mark(path, outDir(opt, path), res.Problems)
		if !opt.Draft {
			return res
		}
	}
	faces := opt.Fonts
	if dir := fontDir(opt.FontDir, r.Fonts, path); dir != "" {
		set, notes, err := fonts.Load(dir)
		for _, n := range notes {
			res.Problems = append(res.Problems, report.Problem{Rule: "字体", Severity: report.Warning, Message: n})
		}
		if err != nil {
			res.Problems = append(res.Problems, report.Problem{Rule: "字体", Severity: report.Warning, Sheet: "基本信息",
				Cell: r.InfoCells["字体"], Label: "字体", Message: err.Error() + "，已改用内置字体。"})
		} else {
			faces = set
			res.Faces = set.Describe()
		}
	}
	doc, lp := layout.Typeset(r, faces, layout.Style{Draft: report.HasErrors(res.Problems)})
	if len(lp) > 0 {
		res.Problems = report.SortProblems(append(res.Problems, lp...))
		return res
	}
	var b bytes.Buffer
	if err := pdfout.Write(&b, doc); err != nil {
		res.Err = err
		return res
	}
	out := filepath.Join(outDir(opt, path), OutputName(r))
	if sameFile(out, path) {
		res.Err = errors.New("输出文件与输入同名，为免覆盖输入，未生成")
		return res
	}
	if opt.Claim != nil {
		if other, ok := opt.Claim(out, path); !ok {
			res.Err = fmt.Errorf("与「%s」的机关名称和报告年度相同，PDF 会重名，未生成；请核对这两个工作簿的基本信息", filepath.Base(other))
			return res
		}
	}
	if err := WriteFileAtomic(out, b.Bytes()); err != nil {
		res.Err = writeError(out, err)
		return res
	}
	res.Output, res.Pages = out, len(doc.Pages)
	return res
}

func outDir(opt Options, workbook string) string {
	if opt.OutDir != "" {
		return opt.OutDir
	}
	return filepath.Dir(workbook)
}

// mark writes a copy of the workbook with its problem cells marked into
// dir, and returns its path, or "" when it could not be written (the
// problems are reported all the same).
func mark(path, dir string, probs []report.Problem) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	marked, err := xlsx.Annotate(data, probs)
	if err != nil {
		return ""
	}
	out := filepath.Join(dir, MarkedPrefix+strings.TrimPrefix(filepath.Base(path), MarkedPrefix))
	if sameFile(out, path) || WriteFileAtomic(out, marked) != nil {
		return ""
	}
	return out
}

// fontDir returns the folder of official fonts to use: the one given on the
// command line, else the workbook's 字体 setting (relative to the workbook).
func fontDir(flag, setting, workbook string) string {
	switch {
	case flag != "":
		return flag
	case setting == "":
		return ""
	case filepath.IsAbs(setting):
		return setting
	}
	return filepath.Join(filepath.Dir(workbook), setting)
}

func sameFile(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && strings.EqualFold(x, y)
}

// OutputName is the PDF's file name: 「<机关名称><年度>年政府信息公开工作年度报告.pdf」,
// made safe for Windows.
func OutputName(r *report.Report) string {
	t := r.Title()
	return SafeName(t[0]+t[1]) + ".pdf"
}

// SafeName replaces what Windows forbids in a file name and keeps it short.
func SafeName(s string) string {
	s = strings.Map(func(c rune) rune {
		if c < 0x20 || strings.ContainsRune(`\/:*?"<>|`, c) {
			return '_'
		}
		return c
	}, s)
	s = strings.TrimRight(strings.TrimSpace(s), ". ")
	if rs := []rune(s); len(rs) > 80 {
		s = string(rs[:80])
	}
	switch strings.ToUpper(s) {
	case "", "CON", "PRN", "AUX", "NUL", "COM1", "LPT1":
		s = "_" + s
	}
	return s
}

// WriteFileAtomic writes data to a temporary file beside path and renames
// it over path: path is the old file or the whole new one, never a part.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	mode := os.FileMode(0o644)
	if st, serr := os.Stat(path); serr == nil {
		mode = st.Mode().Perm()
	}
	err = tmp.Chmod(mode)
	if err == nil {
		_, err = tmp.Write(data)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// writeError explains in Chinese why an output could not be written.
func writeError(path string, err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("输出文件夹「%s」不存在，请先建立它或换一个文件夹", filepath.Dir(path))
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("无法写入「%s」：没有权限，或者这个 PDF 正在被其他程序（如 PDF 阅读器）打开。请关闭它后再试", path)
	case strings.Contains(err.Error(), "no space left"):
		return fmt.Errorf("无法写入「%s」：磁盘已满，请清理磁盘后再试", path)
	}
	return fmt.Errorf("无法写入「%s」：%v", path, err)
}
