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
	"slices"
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
	// Fonts are the faces of the run, found (fonts.Find) in FontDirs.
	Fonts    *fonts.Set
	FontDirs []fonts.Dir
	// TableFont names the face of the tables (--table-font), "" for the
	// body's; Fonts already has it.
	TableFont string
	// IgnoreFontSetting, when set, is why a workbook's 字体 setting
	// (基本信息) is not used: a folder run of other units' workbooks.
	// Otherwise the folder it names, beside the workbook, is searched
	// after the folders of FontDirs named on the command line (Strict)
	// and before the others.
	IgnoreFontSetting string
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
	Faces    string           // which face each role used first
	// Fallbacks are the characters set in a later face of their role
	// because the first lacks them, or "".
	Fallbacks string
	Marked    string // a copy of the workbook with its problem cells marked, when it has errors
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
	res.Problems = report.SortProblems(append(probs, report.Check(r)...))
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
	if report.HasErrors(res.Problems) {
		res.Marked = mark(path, outDir(opt, path), res.Problems)
		if !opt.Draft {
			return res
		}
	}
	faces, notes := workbookFonts(opt, r, path)
	res.Problems = append(res.Problems, notes...)
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
	res.Faces, res.Fallbacks = faces.Describe(), doc.Fallbacks()
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

// workbookFonts returns the faces of one workbook: those of the run,
// after the folder its 字体 setting names when that may be used; the
// notes are warnings on the setting and on the fonts of that folder.
func workbookFonts(opt Options, r *report.Report, workbook string) (*fonts.Set, []report.Problem) {
	faces := opt.Fonts
	setting := strings.TrimSpace(r.Fonts)
	if setting == "" {
		return faces, nil
	}
	warn := func(msg string) report.Problem {
		return report.Problem{Rule: "字体", Severity: report.Warning, Sheet: "基本信息", Cell: r.InfoCells["字体"], Label: "字体", Message: msg}
	}
	if opt.IgnoreFontSetting != "" {
		return faces, []report.Problem{warn(opt.IgnoreFontSetting)}
	}
	dir, err := fontDir(setting, workbook)
	if err != nil {
		return faces, []report.Problem{warn(err.Error())}
	}
	// After the folders named on the command line, before the others.
	at := 0
	for at < len(opt.FontDirs) && opt.FontDirs[at].Strict {
		at++
	}
	dirs := slices.Insert(slices.Clone(opt.FontDirs), at, fonts.Dir{Path: dir, What: "工作簿「字体」一栏的文件夹", Strict: true})
	set, notes, err := fonts.Find(dirs)
	if err != nil {
		return faces, []report.Problem{warn(err.Error())}
	}
	if opt.TableFont != "" {
		set, _ = set.WithTable(opt.TableFont)
	}
	var probs []report.Problem
	for _, n := range notes {
		probs = append(probs, warn(n+"。"))
	}
	return set, probs
}

// fontDir returns the folder a workbook's 字体 setting names: only a
// folder beside the workbook (a relative path without 「..」), each part
// of it a real folder, not a link.
func fontDir(setting, workbook string) (string, error) {
	bad := fmt.Errorf("「字体」一栏填的「%s」不能使用：只能填工作簿旁边的文件夹名（如「字体」），不能是其他位置、网络路径或上级文件夹；已按程序的字体查找顺序选用字体。", setting)
	if filepath.IsAbs(setting) || filepath.VolumeName(setting) != "" || strings.ContainsAny(setting, ":") ||
		strings.HasPrefix(setting, "/") || strings.HasPrefix(setting, `\`) {
		return "", bad
	}
	dir := filepath.Dir(workbook)
	for _, part := range strings.FieldsFunc(setting, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == ".." {
			return "", bad
		}
		if part == "." {
			continue
		}
		dir = filepath.Join(dir, part)
		st, err := os.Lstat(dir)
		if err != nil || !st.IsDir() {
			return "", fmt.Errorf("「字体」一栏填的文件夹「%s」在工作簿旁边找不到（或者不是文件夹），已按程序的字体查找顺序选用字体。", setting)
		}
	}
	return dir, nil
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
