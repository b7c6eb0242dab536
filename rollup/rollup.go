// Package rollup adds up the annual reports of many units into one, as the
// county or city office that receives them needs it: which units sent their
// workbook, which are wrong, and the totals of the right ones. Every
// workbook is read and checked as a folder run does it, each isolated from
// the others; the sums are exact (counts as int64, the fee as a decimal in
// 万元).
package rollup

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"nianbao/app"
	"nianbao/internal/atomicfile"
	"nianbao/report"
	"nianbao/templates"
	"nianbao/xlsx"
)

// Status says what became of a unit in the roll-up.
type Status int

// Statuses, in the order the unit table counts them.
const (
	Summed       Status = iota // read, checked and summed
	SummedErrors               // summed although it has errors (--include-errors)
	NotSummed                  // has errors, left out of the sums
	Duplicate                  // another workbook has the same 机关名称 and year
	OtherYear                  // of another 报告年度 than the roll-up's
	Unreadable                 // could not be read at all
	Missing                    // on the list of units, but no workbook came
)

var statusNames = [...]string{"已汇总", "已汇总（有错误）", "有错误未汇总", "名称重复未汇总", "其他年度未汇总", "无法读取", "未提交"}

// String names the status in Chinese.
func (s Status) String() string { return statusNames[s] }

// IsSummed reports whether the unit's figures are in the sums.
func (s Status) IsSummed() bool { return s == Summed || s == SummedErrors }

// Figures are the three tables of one report.
type Figures struct {
	Active   [report.ActiveRows][3]int64
	Fee      report.Decimal
	Requests [report.RequestRows][report.RequestCols]int64
	Appeals  [report.AppealGroups][report.AppealCols]int64
}

// figuresOf copies the tables of a report.
func figuresOf(r *report.Report) Figures {
	return Figures{Active: r.Active, Fee: r.Fee, Requests: r.Requests, Appeals: r.Appeals}
}

// New is 一、本年新收 (总计).
func (f *Figures) New() int64 { return f.Requests[report.ReqNew][report.RequestTotal] }

// CarriedIn is 二、上年结转 (总计).
func (f *Figures) CarriedIn() int64 { return f.Requests[report.ReqCarriedIn][report.RequestTotal] }

// Done is （七）总计 of 三、本年度办理结果 (总计).
func (f *Figures) Done() int64 { return f.Requests[report.ReqTotal][report.RequestTotal] }

// CarriedOut is 四、结转下年度继续办理 (总计).
func (f *Figures) CarriedOut() int64 { return f.Requests[report.ReqCarriedOut][report.RequestTotal] }

// Reviews is the 总计 of 行政复议.
func (f *Figures) Reviews() int64 { return f.Appeals[report.AppealReview][report.AppealTotal] }

// Lawsuits is the 总计 of 行政诉讼: 未经复议直接起诉 plus 复议后起诉.
func (f *Figures) Lawsuits() int64 {
	return f.Appeals[report.AppealDirect][report.AppealTotal] + f.Appeals[report.AppealAfterReview][report.AppealTotal]
}

// add adds g to f, failing when a sum leaves the range of int64.
func (f *Figures) add(g *Figures) error {
	add := func(a *int64, b int64) error {
		s := *a + b
		if (b > 0 && s < *a) || (b < 0 && s > *a) {
			return errTooLarge
		}
		*a = s
		return nil
	}
	for i := range f.Active {
		for j := range f.Active[i] {
			if err := add(&f.Active[i][j], g.Active[i][j]); err != nil {
				return err
			}
		}
	}
	for i := range f.Requests {
		for j := range f.Requests[i] {
			if err := add(&f.Requests[i][j], g.Requests[i][j]); err != nil {
				return err
			}
		}
	}
	for i := range f.Appeals {
		for j := range f.Appeals[i] {
			if err := add(&f.Appeals[i][j], g.Appeals[i][j]); err != nil {
				return err
			}
		}
	}
	fee, err := AddDecimal(f.Fee, g.Fee)
	if err != nil {
		return err
	}
	f.Fee = fee
	return nil
}

var errTooLarge = errors.New("合计超出了可以计算的范围")

// AddDecimal adds two decimals exactly.
func AddDecimal(a, b report.Decimal) (report.Decimal, error) {
	for a.Scale < b.Scale {
		if a.Units > 1e17 || a.Units < -1e17 {
			return report.Decimal{}, errTooLarge
		}
		a.Units, a.Scale = a.Units*10, a.Scale+1
	}
	for b.Scale < a.Scale {
		if b.Units > 1e17 || b.Units < -1e17 {
			return report.Decimal{}, errTooLarge
		}
		b.Units, b.Scale = b.Units*10, b.Scale+1
	}
	s := a.Units + b.Units
	if (b.Units > 0 && s < a.Units) || (b.Units < 0 && s > a.Units) {
		return report.Decimal{}, errTooLarge
	}
	return report.Decimal{Units: s, Scale: a.Scale}, nil
}

// Unit is one row of the unit table: a workbook, or a listed unit that
// sent none.
type Unit struct {
	Name     string // 机关名称 as typed; for Missing, as listed
	File     string // the workbook; "" for Missing
	Year     int
	Status   Status
	Figures  Figures // as read; zero when unreadable or missing
	Errors   int
	Warnings int // not counting those staff have signed off (已核对)
	// Reasons say why a unit was not read or not summed (the other
	// workbook of the same name, another year) and notes such as a
	// near-miss name; ErrorLines are its errors, as a folder run lists them.
	Reasons    []string
	ErrorLines []string
	Marked     string // the copy of the workbook with its problem cells marked
	MarkNote   string // why an earlier marked copy was kept
	// Skip says why a file read turned out not to be a unit's (the blank
	// template); such a file is not in Rollup.Units.
	Skip string
	// Listed is the name the 单位名单 gives the unit when it differs from
	// Name (a near miss, 「名称不一致？」).
	Listed string
	// Unlisted is set when a 单位名单 was given and the unit is not on it.
	Unlisted bool
}

// Options of a roll-up.
type Options struct {
	Year          int      // the 报告年度 to sum; 0: the one all workbooks share
	Name          string   // 机关名称 of the roll-up; "" gives 「<上级>汇总（N 个单位）」
	IncludeErrors bool     // sum units with errors too
	Units         []string // the 单位名单, if any
	// MarkDir is where the copies of workbooks with errors, their problem
	// cells marked, are written; "" writes none. MarkedName names them
	// (app.MarkedNames); nil: 标注-<file name>.
	MarkDir    string
	MarkedName func(workbook string) string
	Jobs       int
	// Timeout is how long one workbook may take to read; 0: batch's.
	Timeout time.Duration
	// Worker, when set, starts a worker process (app.Serve) to read the
	// workbooks in; nil: in this process.
	Worker func() *exec.Cmd
	// Skipped are the files of the folder passed over, with the reason;
	// the roll-up adds a blank template it reads.
	Skipped []app.Skipped
	// Progress, when set, is called as each workbook is read (from one
	// goroutine at a time).
	Progress func(done int, u *Unit)
}

// Rollup is the result: the summed report and the unit table.
type Rollup struct {
	Year   int
	Report *report.Report // the sums, as a report of the roll-up's name
	Units  []Unit         // the workbooks in input order, then the missing units
	// Summed counts the units in the sums; WithErrors is set when some of
	// them have errors.
	Summed     int
	WithErrors bool
	// Listed is how many units the 单位名单 names; 0 without one.
	Listed int
	// Skipped are the files passed over, with the reason.
	Skipped []app.Skipped
}

// YearsError refuses a roll-up of workbooks of several years, or of a
// year that none of them has.
type YearsError struct {
	Years map[int][]string // year → workbooks
	Want  int              // the year asked for, when none has it
}

func (e *YearsError) Error() string {
	var ys []int
	for y := range e.Years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	var parts []string
	for _, y := range ys {
		files := e.Years[y]
		names := make([]string, 0, 3)
		for i, f := range files {
			if i == 3 {
				names = append(names, "等")
				break
			}
			names = append(names, "「"+filepath.Base(f)+"」")
		}
		parts = append(parts, fmt.Sprintf("%d 年 %d 个（%s）", y, len(files), strings.Join(names, "")))
	}
	if e.Want != 0 {
		return fmt.Sprintf("没有报告年度为 %d 年的工作簿（有 %s）；请核对 --year。", e.Want, strings.Join(parts, "，"))
	}
	return fmt.Sprintf("这些工作簿的报告年度不一致：%s。只能汇总同一年度的报告；请用 --year 指定要汇总的年度，或把其他年度的工作簿移出这个文件夹。", strings.Join(parts, "，"))
}

// ErrNothing is returned when no unit's workbook could be read.
var ErrNothing = errors.New("没有可以汇总的工作簿")

// Sum reads and checks every workbook, and adds up those that pass (or,
// with IncludeErrors, all that could be read). The inputs are the units'
// workbooks: NotUnit tells those of a folder to leave out.
func Sum(inputs []string, opt Options) (*Rollup, error) {
	skipped := opt.Skipped
	var units []Unit
	for _, u := range readAll(inputs, opt) {
		if u.Skip != "" {
			skipped = append(skipped, app.Skipped{Path: u.File, Why: u.Skip})
			continue
		}
		units = append(units, u)
	}
	year, err := pickYear(units, opt.Year)
	if err != nil {
		return nil, err
	}
	ro := &Rollup{Year: year, Skipped: skipped}
	decide(units, year, opt.IncludeErrors)
	matchList(units, opt.Units)
	for _, name := range missing(units, opt.Units) {
		units = append(units, Unit{Name: name, Year: year, Status: Missing})
	}
	ro.Units = units
	ro.Listed = len(dedupe(opt.Units))
	var total Figures
	var names []string
	for i := range units {
		u := &units[i]
		if !u.Status.IsSummed() {
			continue
		}
		if err := total.add(&u.Figures); err != nil {
			return nil, fmt.Errorf("加上「%s」时%v，请核对这个工作簿的数字是否填错（例如多打了几位）", filepath.Base(u.File), err)
		}
		ro.Summed++
		if u.Status == SummedErrors {
			ro.WithErrors = true
		}
		names = append(names, u.Name)
	}
	name := opt.Name
	if name == "" {
		if len(names) == 0 {
			for _, u := range units {
				if u.Name != "" && u.Status != Missing {
					names = append(names, u.Name)
				}
			}
		}
		name = fmt.Sprintf("%s汇总（%d 个单位）", CommonParent(names), ro.Summed)
	}
	r := &report.Report{Agency: name, Year: year, Active: total.Active, Fee: total.Fee, Requests: total.Requests, Appeals: total.Appeals}
	r.Paragraphs = []report.Paragraph{{Text: ro.paragraph(&total)}}
	ro.Report = r
	return ro, nil
}

// NotUnit says why a workbook of a folder is not a unit's, or "": the
// example that comes with the program, or a roll-up's own workbook.
func NotUnit(path string) string {
	switch name := filepath.Base(path); {
	case name == templates.ExampleName:
		return "工具自带的示例工作簿，不是本地单位的年报，已跳过"
	case strings.HasPrefix(name, OutputPrefix):
		return "nianbao sum 生成的汇总结果，不计入汇总，已跳过"
	}
	return ""
}

// readAll reads and checks the workbooks with opt.Jobs workers — in worker
// processes when opt.Worker is set — each within the time limit: a
// workbook that fails in any way costs only itself.
func readAll(inputs []string, opt Options) []Unit {
	units := make([]Unit, len(inputs))
	app.CheckAll(inputs, app.Options{Worker: opt.Worker, Timeout: opt.Timeout}, max(opt.Jobs, 1),
		func(done, i int, r *report.Report, res app.Result) {
			units[i] = unitOf(inputs[i], r, res, opt)
			if opt.Progress != nil {
				opt.Progress(done, &units[i])
			}
		})
	return units
}

// unitOf keeps what the roll-up needs of a workbook read and checked, and
// marks its problem cells in a copy when it has errors.
func unitOf(path string, r *report.Report, res app.Result, opt Options) (u Unit) {
	u.File = path
	if r == nil {
		u.Status = Unreadable
		u.Reasons = res.Detail()
		return u
	}
	if strings.EqualFold(filepath.Base(path), app.BlankTemplate) && isBlank(r) {
		return Unit{File: path, Skip: "空白的年报模板（还没有填写机关名称、年度和数字），已跳过"}
	}
	u.Name, u.Year, u.Figures = strings.TrimSpace(r.Agency), r.Year, figuresOf(r)
	for _, p := range res.Problems {
		switch p.Severity {
		case report.Error:
			u.Errors++
			u.ErrorLines = append(u.ErrorLines, fmt.Sprintf("%s [%s] %s", p.Severity, p.Rule, p))
		case report.Warning:
			u.Warnings++
		}
	}
	if u.Errors > 0 && opt.MarkDir != "" {
		name := app.MarkedPrefix + strings.TrimPrefix(filepath.Base(path), app.MarkedPrefix)
		if opt.MarkedName != nil {
			name = opt.MarkedName(path)
		}
		u.Marked, u.MarkNote = mark(path, filepath.Join(opt.MarkDir, name), res.Problems)
	}
	return u
}

// isBlank reports whether a report holds nothing typed.
func isBlank(r *report.Report) bool {
	if r.Agency != "" || r.Year != 0 || r.Fee.Sign() != 0 {
		return false
	}
	f := figuresOf(r)
	return f == Figures{}
}

// mark writes a copy of a workbook with its problem cells marked to out, as
// a folder run does, and returns it, or "" when it could not be written. A
// copy there that staff have edited since it was written is kept, and the
// new one goes beside it; the note says so.
func mark(path, out string, probs []report.Problem) (string, string) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", ""
	}
	marked, err := xlsx.Annotate(data, probs)
	if err != nil || strings.EqualFold(abs(out), abs(path)) {
		return "", ""
	}
	note := ""
	if xlsx.Edited(out) {
		kept := out
		ext := filepath.Ext(out)
		for i := 2; ; i++ {
			out = fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(kept, ext), i, ext)
			if _, err := os.Lstat(out); err != nil {
				break
			}
		}
		note = fmt.Sprintf("「%s」在上次标注后被修改过，没有覆盖它；新的标注副本是「%s」", filepath.Base(kept), filepath.Base(out))
	}
	if atomicfile.Write(out, marked) != nil {
		return "", ""
	}
	return out, note
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// pickYear returns the year to sum: the one asked for, else the one every
// readable workbook gives.
func pickYear(units []Unit, want int) (int, error) {
	years := map[int][]string{}
	readable := 0
	for _, u := range units {
		if u.Status == Unreadable {
			continue
		}
		readable++
		if u.Year != 0 {
			years[u.Year] = append(years[u.Year], u.File)
		}
	}
	if readable == 0 {
		return 0, ErrNothing
	}
	if want != 0 {
		if len(years[want]) == 0 && len(years) > 0 {
			return 0, &YearsError{Years: years, Want: want}
		}
		return want, nil
	}
	if len(years) > 1 {
		return 0, &YearsError{Years: years}
	}
	for y := range years {
		return y, nil
	}
	return 0, ErrNothing
}

// decide gives each readable workbook its status: another year, a
// duplicate name, errors, or summed.
func decide(units []Unit, year int, includeErrors bool) {
	byName := map[string][]int{}
	for i := range units {
		u := &units[i]
		if u.Status == Unreadable || u.Year != year || u.Name == "" {
			continue
		}
		k := Normalize(u.Name)
		byName[k] = append(byName[k], i)
	}
	for i := range units {
		u := &units[i]
		switch {
		case u.Status == Unreadable:
		case u.Year != year && u.Year != 0:
			u.Status = OtherYear
			u.Reasons = append(u.Reasons, fmt.Sprintf("报告年度是 %d 年，不是汇总的 %d 年，未汇总", u.Year, year))
		case u.Year == 0 || u.Name == "":
			u.Status = NotSummed
			u.Reasons = append(u.Reasons, "基本信息的机关名称或报告年度没有填对，无法汇总")
		case len(byName[Normalize(u.Name)]) > 1:
			u.Status = Duplicate
			var others []string
			for _, j := range byName[Normalize(u.Name)] {
				if j != i {
					others = append(others, "「"+filepath.Base(units[j].File)+"」")
				}
			}
			u.Reasons = append(u.Reasons, fmt.Sprintf("与%s的机关名称和报告年度相同，都没有汇总；请核对是哪个单位的工作簿，删去多余的一份或改正机关名称", strings.Join(others, "")))
		case u.Errors > 0 && includeErrors:
			u.Status = SummedErrors
		case u.Errors > 0:
			u.Status = NotSummed
		default:
			u.Status = Summed
		}
	}
}

// CommonParent returns the administrative area that all the names begin
// with (「平罗县」 for 「平罗县教育局」 and 「平罗县自然资源局」), or "" when
// they share none.
func CommonParent(names []string) string {
	if len(names) == 0 {
		return ""
	}
	prefix := []rune(names[0])
	for _, n := range names[1:] {
		rs := []rune(n)
		k := 0
		for k < len(prefix) && k < len(rs) && prefix[k] == rs[k] {
			k++
		}
		prefix = prefix[:k]
	}
	// Cut back to the end of an area name.
	for k := len(prefix); k > 0; k-- {
		if strings.ContainsRune("省市县区旗州盟乡镇", prefix[k-1]) && (len(names) > 1 || k < len(prefix)) {
			return string(prefix[:k])
		}
	}
	return ""
}

// paragraph is the one paragraph of the roll-up's 正文: who is in it and
// the main totals, worded so that the narrative checks can verify them.
func (ro *Rollup) paragraph(f *Figures) string {
	var b strings.Builder
	fmt.Fprintf(&b, "本报告由 %d 个单位的 %d 年政府信息公开工作年度报告汇总而成", ro.Summed, ro.Year)
	if ro.WithErrors {
		b.WriteString("（含未通过校验的单位）")
	}
	left := 0
	for _, u := range ro.Units {
		if !u.Status.IsSummed() && u.Status != Missing {
			left++
		}
	}
	if left > 0 {
		fmt.Fprintf(&b, "，另有 %d 个工作簿有错误、重复、年度不符或无法读取，未计入", left)
	}
	b.WriteString("。")
	fmt.Fprintf(&b, "%d 年，本年制发规章 %d 件、行政规范性文件 %d 件；", ro.Year, f.Active[report.ActiveRules][0], f.Active[report.ActiveNormative][0])
	fmt.Fprintf(&b, "本年新收政府信息公开申请 %d 件，上年结转 %d 件，办结 %d 件，结转下年度继续办理 %d 件；", f.New(), f.CarriedIn(), f.Done(), f.CarriedOut())
	fmt.Fprintf(&b, "行政复议 %d 件，行政诉讼 %d 件；行政事业性收费 %s 万元。", f.Reviews(), f.Lawsuits(), f.Fee)
	return b.String()
}
