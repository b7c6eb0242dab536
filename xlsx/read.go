package xlsx

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"nianbao/internal/lazyre"
	"nianbao/internal/oserr"
	"nianbao/report"
)

// IsLockFile reports whether a file name is one of the lock files that
// Excel and WPS leave beside an open workbook (~$报告.xlsx).
func IsLockFile(name string) bool {
	return strings.HasPrefix(filepath.Base(name), "~$")
}

// Read reads a filled workbook. A file that cannot be read at all (not a
// workbook, encrypted, damaged, not this template) gives a *RefusedError;
// otherwise the report comes with the problems found while reading it
// (figures that are not numbers, missing 基本信息), which report.Check does
// not repeat. The file is looked at before it is read: what is not a
// regular file (a folder, a pipe, a device) or is larger than a workbook
// can be is refused without reading it.
func Read(path string) (*report.Report, []report.Problem, error) {
	name := filepath.Base(path)
	refuse := func(why string) error { return &RefusedError{File: name, Why: why} }
	if IsLockFile(name) {
		return nil, nil, refuse("这是 Excel 或 WPS 打开工作簿时临时生成的锁文件（名字以 ~$ 开头），不是工作簿，已跳过。")
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, &RefusedError{File: name, Why: oserr.Explain(err), Err: err}
	}
	if why := notRegular(st); why != "" {
		return nil, nil, refuse(why)
	}
	if st.Size() > maxFileSize {
		return nil, nil, refuse(tooLarge(st.Size()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, &RefusedError{File: name, Why: oserr.Explain(err), Err: err}
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, nil, refuse("这不是一个普通文件，无法读取。请选择填好的年报工作簿（.xlsx）。")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, nil, &RefusedError{File: name, Why: oserr.Explain(err), Err: err}
	}
	return ReadBytes(name, data)
}

// notRegular explains why a file that is not a regular file is refused,
// or returns "".
func notRegular(st fs.FileInfo) string {
	m := st.Mode()
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "这是一个文件夹，不是工作簿。要处理文件夹里的所有工作簿，请用 nianbao batch。"
	case m&fs.ModeNamedPipe != 0, m&fs.ModeSocket != 0:
		return "这是一个管道或套接字（特殊文件），不是工作簿，不予读取。请选择填好的年报工作簿（.xlsx）。"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "这是一个设备（特殊文件），不是工作簿，不予读取。请选择填好的年报工作簿（.xlsx）。"
	}
	return "这不是一个普通文件，无法读取。请选择填好的年报工作簿（.xlsx）。"
}

func tooLarge(size int64) string {
	return fmt.Sprintf("文件有 %d MB，太大了，不像是年报工作簿（正常只有几十 KB）。请确认选对了文件。", size>>20)
}

// ReadBytes reads a workbook held in memory; name is used in messages.
func ReadBytes(name string, data []byte) (*report.Report, []report.Problem, error) {
	if err := sniff(name, data); err != nil {
		return nil, nil, err
	}
	rd, err := open(name, data)
	if err != nil {
		return nil, nil, rd.refusal("", err)
	}
	if err := rd.trial2019(); err != nil {
		return nil, nil, err
	}
	rd.info()
	if err := rd.text(); err != nil {
		return nil, nil, err
	}
	rd.signOffs()
	for _, t := range report.Tables() {
		if err := rd.table(t); err != nil {
			return nil, nil, err
		}
	}
	return rd.r, rd.probs, nil
}

// open reads the sheets nianbao needs of a workbook into grids; the
// reader it returns is never nil.
func open(name string, data []byte) (*reader, error) {
	rd := &reader{name: name, r: &report.Report{Cells: map[report.Field]string{}, InfoCells: map[report.InfoKey]string{}}}
	b, err := openBook(data)
	if err == nil {
		rd.b = b
		err = b.load()
	}
	if err == nil {
		err = rd.sheets()
	}
	return rd, err
}

// wanted are the sheets nianbao reads, in order.
func (rd *reader) wanted() []string {
	want := []string{SheetInfo, SheetText}
	for _, t := range report.Tables() {
		want = append(want, t.Sheet)
	}
	return want
}

type reader struct {
	name  string
	b     *book
	r     *report.Report
	probs []report.Problem
	// sheet maps the expected sheet names to those in the workbook.
	sheet map[string]string
	grids map[string]*grid
}

func (rd *reader) add(p report.Problem) { rd.probs = append(rd.probs, p) }

func (rd *reader) refuse(sheet, why string) error {
	return &RefusedError{File: rd.name, Sheet: sheet, Why: why}
}

// refusal turns an error met while reading the parts into a refusal.
func (rd *reader) refusal(sheet string, err error) error {
	var re *RefusedError
	if errors.As(err, &re) {
		return err
	}
	if le, ok := asLimit(err); ok {
		return &RefusedError{File: rd.name, Sheet: sheet, Why: le.Error(), Err: err}
	}
	why := damagedWhy
	switch err {
	case errBomb:
		why = "工作簿解压后异常巨大，不像是年报工作簿，为安全起见不予读取。请确认选对了文件。"
	case errNotWorkbook:
		why = "这是一个压缩包，不是 Excel 工作簿，无法读取。请选择填好的年报工作簿（.xlsx）。"
	case errTooMany:
		why = "工作簿里的工作表或格式多得异常，不像是年报工作簿。请从空白模板重新填写。"
	case errCellTooLong:
		why = "有一格的文字超过了 Excel 允许的 32767 个字，文件可能已损坏。请用 Excel 或 WPS 打开确认后另存为新文件再试。"
	}
	return &RefusedError{File: rd.name, Sheet: sheet, Why: why, Err: err}
}

// sheets finds the sheets nianbao reads, refusing a workbook where one is
// missing, hidden, or present twice (「表三」 and a copy 「表三 (2)」), and
// reads them.
func (rd *reader) sheets() error {
	rd.sheet = map[string]string{}
	rd.grids = map[string]*grid{}
	byKey := map[string]sheetRef{}
	for _, s := range rd.b.sheets {
		if _, dup := byKey[key(s.name)]; !dup {
			byKey[key(s.name)] = s
		}
	}
	want := rd.wanted()
	var missing []string
	found := map[string]sheetRef{}
	for _, w := range want {
		s, ok := byKey[key(w)]
		if !ok {
			missing = append(missing, "「"+w+"」")
			continue
		}
		found[w] = s
	}
	if len(missing) == len(want) {
		return rd.refuse("", "这不是年报模板工作簿（没有「基本信息」「正文」「表二」「表三」「表四」这些工作表）。请用年报模板填写：可运行 nianbao template 生成空白模板。")
	}
	if len(missing) > 0 {
		return rd.refuse("", fmt.Sprintf("缺少工作表%s。请不要删除或改名模板里的工作表；可从空白模板复制缺少的表，再填入内容。", strings.Join(missing, "")))
	}
	for _, w := range want {
		s := found[w]
		for _, o := range rd.b.sheets {
			if o.name != s.name && strings.HasPrefix(key(o.name), key(w)) && !isWanted(key(o.name), want) {
				return rd.refuse("", fmt.Sprintf("有两张「%s」：工作表「%s」和「%s」。不知道该读哪一张；请删除多余的一张（或把它改名为与「%s」无关的名字），再试。",
					w, report.Quote(s.name, 40), report.Quote(o.name, 40), w))
			}
		}
		if s.hidden {
			return rd.refuse(s.name, "被隐藏了，看不到的内容不予读取。请在 Excel 或 WPS 里右键工作表标签 →「取消隐藏」，核对内容后保存，再试。")
		}
		if s.part == "" {
			return rd.refusal(w, errDamaged)
		}
	}
	wanted := map[int]bool{}
	for _, w := range want {
		s := found[w]
		rd.sheet[w] = s.name
		data, err := rd.b.part(s.part)
		if err == nil && data == nil {
			err = errDamaged
		}
		var g *grid
		if err == nil {
			g, err = parseSheet(data, rd.b, wanted)
		}
		if err != nil {
			return rd.refusal(w, err)
		}
		rd.grids[w] = g
	}
	rd.parseSignOff(byKey, wanted)
	if err := rd.b.loadShared(wanted); err != nil {
		return rd.refusal("", err)
	}
	for _, w := range want {
		if err := rd.grids[w].resolve(rd.b); err != nil {
			return rd.refusal(w, err)
		}
	}
	return nil
}

func isWanted(k string, want []string) bool {
	for _, w := range want {
		if key(w) == k {
			return true
		}
	}
	return false
}

// trial2019 refuses a workbook laid out in the 2019 trial format (rule R13).
// Of several such labels it names the first in the sheet's reading order.
func (rd *reader) trial2019() error {
	for _, t := range report.Tables() {
		g := rd.grids[t.Sheet]
		for _, r := range g.rows {
			for _, c := range g.sortedCols(r) {
				k := key(g.at(r, c))
				for _, old := range report.Trial2019Labels {
					if strings.Contains(k, key(old)) {
						return &RefusedError{File: rd.name, Sheet: t.Sheet, Rule: "R13", Why: fmt.Sprintf(
							"%s 有「%s」，这是 2019 年试行格式的表格。2021 年起应使用国办公开办函〔2021〕30号规定的格式；请把数字填进新的年报模板。",
							report.A1(r, c), old)}
					}
				}
			}
		}
	}
	g := rd.grids[report.SheetRequests]
	other := report.RequestRowLabel(report.GroupRows(report.GroupOther)[0])
	if ps := g.index[key(report.GroupOther)]; len(ps) > 0 && len(g.index[key(other)]) == 0 {
		return &RefusedError{File: rd.name, Sheet: report.SheetRequests, Rule: "R13", Why: fmt.Sprintf(
			"%s 的「（六）其他处理」只有一行，这是 2019 年试行格式的表格；2021 年格式分为三项。请把数字填进新的年报模板。", report.A1(ps[0].row, ps[0].col))}
	}
	return nil
}

var dateRe = lazyre.New(`^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$`)

func (rd *reader) info() {
	g := rd.grids[SheetInfo]
	r := rd.r
	for _, it := range report.InfoFields() {
		ps := g.index[key(it.Label)]
		if len(ps) == 0 {
			if it.Required {
				rd.add(report.Problem{Rule: SheetInfo, Severity: report.Error, Sheet: SheetInfo,
					Message: fmt.Sprintf("找不到「%s」一行；请从空白模板复制基本信息表，再填写。", it.Label)})
			}
			continue
		}
		p := ps[0]
		cell := report.A1(p.row, p.col+1)
		r.InfoCells[it.Key] = cell
		bad := func(msg string, args ...any) {
			rd.add(report.Problem{Rule: SheetInfo, Severity: report.Error, Sheet: SheetInfo, Cell: cell, Label: it.Label, Message: fmt.Sprintf(msg, args...)})
		}
		c := g.cell(p.row, p.col+1)
		if why := unusable(c); why != "" {
			bad("%s", why)
			continue
		}
		raw := strings.TrimSpace(g.at(p.row, p.col+1))
		if raw == "" {
			if it.Required {
				bad("没有填写；这一项必填。")
			}
			continue
		}
		shown := report.Quote(describe(c), 40)
		switch it.Kind {
		case report.InfoNumber:
			s := strings.TrimSuffix(width.Fold.String(strings.ReplaceAll(raw, " ", "")), "年")
			d, err := report.ParseDecimal(s)
			if c.kind == kindBool || c.show != showNumber || err != nil || !d.IsInteger() || d.Int() < report.FirstYear || d.Int() > report.LastYear {
				bad("填的是「%s」；请填报告统计的年份，四位数字，如 2024（本格式自 %d 年度起使用）。", shown, report.FirstYear)
				continue
			}
			r.Year = int(d.Int())
		case report.InfoDate:
			d, ok := parseDate(raw, c.kind)
			if !ok {
				bad("填的是「%s」，不是日期（或不在 %d—%d 年之间）；请填如 2025年1月20日，或不填。", shown, report.MinDateYear, report.MaxDateYear)
				continue
			}
			r.Published = d
		case report.InfoPhoneNo:
			r.SetText(it.Key, width.Fold.String(raw))
		default:
			r.SetText(it.Key, raw)
		}
	}
	if !r.Published.IsZero() && r.Year != 0 && r.Published.Year <= r.Year {
		rd.add(report.Problem{Rule: "R15", Severity: report.Warning, Sheet: SheetInfo, Cell: r.InfoCells[report.InfoPublished], Label: report.InfoPublished.Label(),
			Message: fmt.Sprintf("发布日期 %s 在报告年度 %d 年结束之前；年度报告应在次年发布，请核对发布日期或报告年度。", r.Published, r.Year)})
	}
}

// unusable explains why a cell's value cannot be used, or returns "": a
// formula without a stored result or with an error result, a formula that
// refers to another workbook, an error value. Nothing is ever evaluated.
func unusable(c *cell) string {
	switch {
	case c == nil:
		return ""
	case c.external:
		return "是引用其他工作簿的公式（外部链接），别的电脑上打开时数字可能变化；请把它改为直接填写的数字，再试。"
	case c.hasFormula && (c.kind == kindError || c.v == "" && c.sharedIdx < 0):
		return "是公式，但没有保存计算结果（或结果是错误值）；请在 Excel 或 WPS 中打开、确认数字无误后保存，再试。"
	case c.kind == kindError:
		return fmt.Sprintf("是错误值「%s」；请改为数字，再试。", report.Quote(c.v, 20))
	}
	return ""
}

// parseDate reads 2025年1月20日, 2025-01-20, 2025/1/20, an ISO date or an
// Excel date serial, within the plausible years.
func parseDate(raw string, kind cellKind) (report.Date, bool) {
	s := width.Fold.String(raw)
	if kind == kindDate {
		if i := strings.IndexByte(s, 'T'); i > 0 {
			s = s[:i]
		}
	}
	var date report.Date
	if m := dateRe().FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		date = report.Date{Year: y, Month: mo, Day: d}
	} else if kind == kindNumber {
		d, ok := serialDate(s)
		if !ok {
			return report.Date{}, false
		}
		date = d
	}
	return date, date.Valid() && date.Year >= report.MinDateYear && date.Year <= report.MaxDateYear
}

// serialDate turns an Excel date serial (days since 1899-12-30, in the
// 1900 date system) into a date.
func serialDate(s string) (report.Date, bool) {
	serial, err := strconv.ParseFloat(s, 64)
	if err != nil || serial < 1 || serial >= 2958466 {
		return report.Date{}, false
	}
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial))
	return report.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// maxText bounds the text of 正文: a real report has some 3,000 to 20,000
// characters; 200,000 would print some 300 pages.
const maxText = 200000

func (rd *reader) text() error {
	g := rd.grids[SheetText]
	col, first := 1, 1
	if ps := g.index[key(textHeader)]; len(ps) > 0 {
		col, first = ps[0].col, ps[0].row+1
	} else if strings.HasPrefix(key(g.at(1, 1)), SheetText) {
		first = 2
	}
	chars := 0
	for _, row := range g.rows {
		if row < first {
			continue
		}
		cell := report.A1(row, col)
		for _, line := range strings.Split(strings.ReplaceAll(g.at(row, col), "\r", ""), "\n") {
			line = strings.TrimLeft(strings.TrimSpace(line), "\u3000\u00a0 \t")
			if line == "" {
				continue
			}
			chars += utf8.RuneCountInString(line)
			if chars > maxText {
				return rd.refuse(SheetText, fmt.Sprintf("太长：到 %s 已超过 %d 字（正常的年报正文只有几千到两万字）。请删除多余或重复的内容，再试。", cell, maxText))
			}
			p := report.ParseParagraph(line)
			p.Cell = cell
			rd.r.Paragraphs = append(rd.r.Paragraphs, p)
		}
		for _, c := range g.sortedCols(row) {
			if c != col && strings.TrimSpace(g.at(row, c)) != "" {
				rd.add(report.Problem{Rule: SheetText, Severity: report.Warning, Sheet: SheetText, Cell: report.A1(row, c),
					Message: fmt.Sprintf("这一格的文字不会印到报告里：正文只读 %s 列。请把它移到 %s 列（每行一段）。", colName(col), colName(col))})
			}
		}
	}
	return nil
}
