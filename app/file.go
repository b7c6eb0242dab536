// Package app is nianbao's application layer, what the commands call: one
// workbook read and checked (Check), built into a PDF (Stage, File); a
// folder or a list of workbooks built in parallel in worker processes, each
// isolated from the others, with the result logs (Collect, Run, Serve,
// WriteLogs); last year's workbook paired and compared; the fonts a build
// uses. Every output is written whole or not at all.
package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"nianbao/fonts"
	"nianbao/internal/atomicfile"
	"nianbao/internal/oserr"
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
	// MarkedName, when set, names the copy with marked problem cells of a
	// workbook (a folder run names it by the workbook's relative path).
	MarkedName func(workbook string) string `json:"-"`
	// Worker, when set, starts a process that serves files (Serve): a
	// folder run then builds each file in such a process, so that a fatal
	// error in one file ends only that process. Nil: in this process.
	Worker func() *exec.Cmd `json:"-"`
	// Timeout is how long one file may take in a worker process; 0: 60 s.
	Timeout time.Duration
	// checkOnly makes a worker read and check, nothing more (CheckAll).
	checkOnly bool
	// Previous is last year's workbook of the same agency, checked against
	// (R7, R8, R16); empty for none. A folder run finds it by itself.
	Previous string
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
	// Skipped says why the file was passed over (a blank template).
	Skipped string
	// Notes say what else the user should know: a marked copy kept
	// because it was edited, a marked copy read instead of the workbook.
	Notes []string
	// staged is the whole PDF written under a temporary name, to be put in
	// place as Output by commit.
	staged string
	// name is the PDF's file name, set once the report was read.
	name string
	// report is the report a worker read for CheckAll.
	report *report.Report
	// Agency and Year are the workbook's 机关名称 and 报告年度, once read:
	// a folder run pairs each workbook with last year's by them.
	Agency string
	Year   int
	// Previous is last year's workbook it was checked against, if any.
	Previous string
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
func Check(path string) (_ *report.Report, res Result) {
	defer func() {
		if v := recover(); v != nil {
			res = Result{Input: path, Err: fmt.Errorf("程序内部错误（%s），这个文件未能检查；请把工作簿发给技术人员", report.Quote(fmt.Sprint(v), 80))}
		}
	}()
	res = Result{Input: path}
	r, probs, err := xlsx.Read(path)
	if err != nil {
		res.Refused = err
		return nil, res
	}
	res.Problems = report.ApplySignOffs(append(probs, report.Check(r)...), r.SignOffs)
	res.Agency, res.Year = r.Agency, r.Year
	return r, res
}

// File reads, checks, typesets and writes one workbook.
func File(path string, opt Options) Result {
	res := Stage(path, opt)
	commit(&res)
	return res
}

// maxPages bounds a report's length: a real one has some 5 to 20 pages.
const maxPages = 300

// Stage does all that File does but the last step: the PDF is written
// whole under a temporary name beside where it goes, and commit puts it in
// place. A folder run decides there which of two workbooks that give the
// same PDF name wins.
func Stage(path string, opt Options) (res Result) {
	defer func() {
		if v := recover(); v != nil {
			if res.staged != "" {
				os.Remove(res.staged)
			}
			res = Result{Input: path, Err: fmt.Errorf("程序内部错误（%s），这个文件未能生成；请把工作簿发给技术人员", report.Quote(fmt.Sprint(v), 80))}
		}
	}()
	input, note := editedCopy(path, opt)
	r, res := Check(input)
	res.Input = path
	if note != "" {
		res.Notes = append(res.Notes, note)
	}
	if r == nil {
		return res
	}
	ComparePrevious(r, &res, opt.Previous)
	if strings.EqualFold(filepath.Base(path), BlankTemplate) && blank(r) {
		return Result{Input: path, Skipped: "空白的年报模板（还没有填写机关名称、年度和数字），已跳过"}
	}
	if report.HasErrors(res.Problems) {
		marked, note := mark(input, markedPath(path, opt), res.Problems)
		res.Marked = marked
		if note != "" {
			res.Notes = append(res.Notes, note)
		}
		if !opt.Draft {
			return res
		}
	}
	faces, notes, err := workbookFonts(opt, r, path)
	if err != nil {
		res.Err = fmt.Errorf("内置字体损坏，无法生成：%s；请重新解压工具后再试", report.Quote(err.Error(), 60))
		return res
	}
	res.Problems = append(res.Problems, notes...)
	doc, lp := layout.Typeset(r, faces, layout.Style{Draft: report.HasErrors(res.Problems)})
	if len(lp) > 0 {
		res.Problems = report.SortProblems(append(res.Problems, lp...))
		return res
	}
	if len(doc.Pages) > maxPages {
		res.Problems = report.SortProblems(append(res.Problems, report.Problem{Rule: report.SheetText, Severity: report.Error, Sheet: report.SheetText,
			Message: fmt.Sprintf("报告排出来有 %d 页，太长了（正常的年报只有十几页，最多 %d 页）。请删除多余或重复的正文，再试。", len(doc.Pages), maxPages)}))
		return res
	}
	var b bytes.Buffer
	if err := pdfout.Write(&b, doc); err != nil {
		res.Err = fmt.Errorf("生成 PDF 时出错（%s），这个文件未能生成；请把工作簿发给技术人员", report.Quote(err.Error(), 80))
		return res
	}
	res.name = OutputName(r)
	out := filepath.Join(outDir(opt, path), res.name)
	if sameFile(out, path) {
		res.Err = errors.New("输出文件与输入同名，为免覆盖输入，未生成")
		return res
	}
	staged, err := writeTemp(out, b.Bytes())
	if err != nil {
		res.Err = writeError(out, err)
		return res
	}
	res.Output, res.Pages, res.staged = out, len(doc.Pages), staged
	res.Faces, res.Fallbacks = faces.Describe(), doc.Fallbacks()
	return res
}

// blank reports whether a report holds nothing typed: no agency, no year,
// no figure.
func blank(r *report.Report) bool {
	if r.Agency != "" || r.Year != 0 || r.Fee.Sign() != 0 {
		return false
	}
	for _, t := range report.Tables() {
		for _, f := range t.Fields() {
			if r.Count(f) != 0 {
				return false
			}
		}
	}
	return true
}

// commit puts a staged PDF in place.
func commit(res *Result) {
	if res.staged == "" {
		return
	}
	if err := os.Rename(res.staged, res.Output); err != nil {
		os.Remove(res.staged)
		res.Err = writeError(res.Output, err)
		res.Output, res.Pages = "", 0
	}
	res.staged = ""
}

// discard drops a staged PDF.
func discard(res *Result) {
	if res.staged != "" {
		os.Remove(res.staged)
	}
	res.staged, res.Output, res.Pages = "", "", 0
}

func outDir(opt Options, workbook string) string {
	if opt.OutDir != "" {
		return opt.OutDir
	}
	return filepath.Dir(workbook)
}

// markedPath is where the marked copy of a workbook goes.
func markedPath(workbook string, opt Options) string {
	name := MarkedPrefix + strings.TrimPrefix(filepath.Base(workbook), MarkedPrefix)
	if opt.MarkedName != nil {
		name = opt.MarkedName(workbook)
	}
	return filepath.Join(outDir(opt, workbook), name)
}

// editedCopy looks at the marked copy of a workbook left by an earlier run:
// when staff corrected that copy rather than the workbook (its cells differ
// from what nianbao wrote) and it is newer than the workbook, the copy is
// read instead, and the note says so.
func editedCopy(path string, opt Options) (input, note string) {
	marked := markedPath(path, opt)
	mst, err := os.Stat(marked)
	if err != nil || !mst.Mode().IsRegular() || sameFile(marked, path) {
		return path, ""
	}
	st, err := os.Stat(path)
	if err != nil || !mst.ModTime().After(st.ModTime()) || !xlsx.Edited(marked) {
		return path, ""
	}
	return marked, fmt.Sprintf("「%s」在上次标注后被修改过，而且比原工作簿新，这次读的是它；请把改动也改到原工作簿「%s」里。", filepath.Base(marked), filepath.Base(path))
}

// mark writes a copy of the workbook with its problem cells marked to
// path, and returns it, or "" and a note saying why it was not written
// (the problems are reported all the same). A copy there that staff have
// edited since nianbao wrote it is kept: the new one goes beside it.
func mark(workbook, path string, probs []report.Problem) (string, string) {
	data, err := os.ReadFile(workbook)
	if err != nil {
		return "", ""
	}
	marked, err := xlsx.Annotate(data, probs)
	if err != nil {
		return "", "这个工作簿的格式特殊，未能生成标注副本；问题所在的工作表和单元格见上面的清单。"
	}
	if sameFile(path, workbook) {
		return "", ""
	}
	note := ""
	if sameFile(workbook, path) || xlsx.Edited(path) {
		kept := path
		path = freeName(path)
		note = fmt.Sprintf("「%s」在上次标注后被修改过，没有覆盖它；新的标注副本是「%s」。", filepath.Base(kept), filepath.Base(path))
	}
	if err := atomicfile.Write(path, marked); err != nil {
		return "", fmt.Sprintf("标注副本「%s」没有更新：%s", filepath.Base(path), oserr.Explain(err))
	}
	return path, note
}

// freeName returns path, or path with 「 (2)」, 「 (3)」… before its
// extension, whichever names no file yet.
func freeName(path string) string {
	ext := filepath.Ext(path)
	base := strings.TrimSuffix(path, ext)
	for i := 2; ; i++ {
		p := fmt.Sprintf("%s (%d)%s", base, i, ext)
		if _, err := os.Lstat(p); err != nil {
			return p
		}
	}
}

// workbookFonts returns the faces of one workbook: those of the run,
// after the folder its 字体 setting names when that may be used; the
// notes are warnings on the setting and on the fonts of that folder.
func workbookFonts(opt Options, r *report.Report, workbook string) (*fonts.Set, []report.Problem, error) {
	faces := opt.Fonts
	if faces == nil {
		var err error
		if faces, err = fonts.Embedded(); err != nil {
			return nil, nil, err
		}
	}
	setting := strings.TrimSpace(r.Fonts)
	if setting == "" {
		return faces, nil, nil
	}
	warn := func(msg string) report.Problem {
		return report.Problem{Rule: report.RuleFont, Severity: report.Warning, Sheet: report.SheetInfo, Cell: r.InfoCells[report.InfoFonts], Label: report.InfoFonts.Label(), Message: msg}
	}
	if opt.IgnoreFontSetting != "" {
		return faces, []report.Problem{warn(opt.IgnoreFontSetting)}, nil
	}
	dir, err := fontDir(setting, workbook)
	if err != nil {
		return faces, []report.Problem{warn(err.Error())}, nil
	}
	// After the folders named on the command line, before the others.
	at := 0
	for at < len(opt.FontDirs) && opt.FontDirs[at].Strict {
		at++
	}
	dirs := slices.Insert(slices.Clone(opt.FontDirs), at, fonts.Dir{Path: dir, What: "工作簿「字体」一栏的文件夹", Strict: true})
	set, notes, err := fonts.Find(dirs)
	if err != nil {
		return nil, nil, err
	}
	if opt.TableFont != "" {
		set, _ = set.WithTable(opt.TableFont)
	}
	var probs []report.Problem
	for _, n := range notes {
		probs = append(probs, warn(n+"。"))
	}
	return set, probs, nil
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

// maxNameBytes bounds an output's file name so that its temporary name
// (「.<name>.<random>.tmp」) still fits the 255 bytes a file name may have.
const maxNameBytes = 200

// OutputName is the PDF's file name: 「<机关名称><年度>年政府信息公开工作年度报告.pdf」,
// made safe for Windows; a long agency name is cut so that the name fits,
// keeping 「<年度>年政府信息公开工作年度报告」 whole.
func OutputName(r *report.Report) string {
	t := r.Title()
	tail := SafeName(t[1]) + ".pdf"
	agency := SafeName(t[0])
	for len(agency)+len(tail) > maxNameBytes {
		_, size := utf8.DecodeLastRuneInString(agency)
		agency = agency[:len(agency)-size]
	}
	return agency + tail
}

// SafeName replaces what Windows forbids in a file name, drops characters
// that do not show, and keeps the name short.
func SafeName(s string) string {
	s = strings.Map(func(c rune) rune {
		switch {
		case c < 0x20 || strings.ContainsRune(`\/:*?"<>|`, c):
			return '_'
		case report.Invisible(c):
			return -1
		}
		return c
	}, s)
	s = strings.TrimRight(strings.TrimSpace(s), ". ")
	if rs := []rune(s); len(rs) > 80 {
		s = string(rs[:80])
	}
	for len(s) > maxNameBytes {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	stem := strings.ToUpper(s)
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	switch stem {
	case "", "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		s = "_" + s
	}
	return s
}

// writeTemp writes data whole beside path under a temporary name.
func writeTemp(path string, data []byte) (string, error) { return atomicfile.Temp(path, data) }

// writeError explains in Chinese why an output could not be written.
func writeError(path string, err error) error {
	if errors.Is(err, os.ErrNotExist) {
		if _, serr := os.Stat(filepath.Dir(path)); serr != nil {
			return &WriteError{Path: path, Why: fmt.Sprintf("输出文件夹「%s」不存在，请先建立它或换一个文件夹", filepath.Dir(path)), Err: err}
		}
	}
	if st, serr := os.Stat(path); serr == nil && st.IsDir() {
		return &WriteError{Path: path, Why: "那里有一个同名的文件夹，请把它改名或换一个输出文件夹", Err: err}
	}
	return &WriteError{Path: path, Why: oserr.Explain(err), Err: err}
}

// WriteError says in Chinese why an output could not be written.
type WriteError struct {
	Path string
	Why  string
	Err  error
}

func (e *WriteError) Error() string { return fmt.Sprintf("无法写入「%s」：%s", e.Path, e.Why) }

// Unwrap returns the error of the system behind it.
func (e *WriteError) Unwrap() error { return e.Err }
