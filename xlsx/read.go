package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

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
// not repeat.
func Read(path string) (*report.Report, []report.Problem, error) {
	name := filepath.Base(path)
	if IsLockFile(name) {
		return nil, nil, &RefusedError{File: name, Why: "这是 Excel 或 WPS 打开工作簿时临时生成的锁文件（名字以 ~$ 开头），不是工作簿，已跳过。"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		why := "无法读取：" + err.Error()
		switch {
		case errors.Is(err, fs.ErrNotExist):
			why = "找不到这个文件，请检查文件名和所在文件夹。"
		case errors.Is(err, fs.ErrPermission):
			why = "没有权限读取这个文件。请确认文件没有被其他程序独占打开，或复制一份再试。"
		default:
			if st, serr := os.Stat(path); serr == nil && st.IsDir() {
				why = "这是一个文件夹，不是工作簿。要处理文件夹里的所有工作簿，请用 nianbao batch。"
			}
		}
		return nil, nil, &RefusedError{File: name, Why: why}
	}
	return ReadBytes(name, data)
}

// ReadBytes reads a workbook held in memory; name is used in messages.
func ReadBytes(name string, data []byte) (rep *report.Report, probs []report.Problem, err error) {
	defer func() {
		if recover() != nil {
			rep, probs, err = nil, nil, &RefusedError{File: name, Why: "工作簿内容异常，无法读取。请用 Excel 或 WPS 打开后另存为一个新的 .xlsx 文件再试。"}
		}
	}()
	if err := sniff(name, data); err != nil {
		return nil, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, nil, &RefusedError{File: name, Why: "文件已损坏，无法打开。请用 Excel 或 WPS 打开确认，另存为一个新的 .xlsx 文件再试。"}
	}
	defer f.Close()
	rd := &reader{name: name, f: f, r: &report.Report{Cells: map[report.Field]string{}, InfoCells: map[string]string{}}}
	if err := rd.sheets(); err != nil {
		return nil, nil, err
	}
	if err := rd.trial2019(); err != nil {
		return nil, nil, err
	}
	rd.info()
	rd.text()
	rd.signOffs()
	for _, t := range report.Tables() {
		if err := rd.table(t); err != nil {
			return nil, nil, err
		}
	}
	return rd.r, rd.probs, nil
}

type reader struct {
	name  string
	f     *excelize.File
	r     *report.Report
	probs []report.Problem
	// sheet maps the expected sheet names to those in the workbook.
	sheet map[string]string
	grids map[string]*grid
}

// grid is the raw text of one sheet.
type grid struct {
	rows  [][]string
	index map[string][]pos // key(text) → where it stands
}

type pos struct{ row, col int } // 1-based

func (g *grid) at(row, col int) string {
	if row < 1 || row > len(g.rows) || col < 1 || col > len(g.rows[row-1]) {
		return ""
	}
	return g.rows[row-1][col-1]
}

func (rd *reader) add(p report.Problem) { rd.probs = append(rd.probs, p) }

func (rd *reader) refuse(sheet, why string) error {
	return &RefusedError{File: rd.name, Sheet: sheet, Why: why}
}

func (rd *reader) sheets() error {
	rd.sheet = map[string]string{}
	rd.grids = map[string]*grid{}
	for _, s := range rd.f.GetSheetList() {
		rd.sheet[key(s)] = s
	}
	want := []string{SheetInfo, SheetText}
	for _, t := range report.Tables() {
		want = append(want, t.Sheet)
	}
	var missing []string
	for _, w := range want {
		actual, ok := rd.sheet[key(w)]
		if !ok {
			missing = append(missing, "「"+w+"」")
			continue
		}
		rd.sheet[w] = actual
		rows, err := rd.rows(actual)
		if err != nil {
			return rd.refuse(w, err.Error())
		}
		g := &grid{rows: rows, index: map[string][]pos{}}
		for i, row := range rows {
			for j, v := range row {
				if k := key(v); k != "" {
					g.index[k] = append(g.index[k], pos{i + 1, j + 1})
				}
			}
		}
		rd.grids[w] = g
	}
	if len(missing) == len(want) {
		return rd.refuse("", "这不是年报模板工作簿（没有「基本信息」「正文」「表二」「表三」「表四」这些工作表）。请用年报模板填写：可运行 nianbao template 生成空白模板。")
	}
	if len(missing) > 0 {
		return rd.refuse("", fmt.Sprintf("缺少工作表%s。请不要删除或改名模板里的工作表；可从空白模板复制缺少的表，再填入内容。", strings.Join(missing, "")))
	}
	return nil
}

// Limits of a sheet read: the template's sheets have some 30 rows and 15
// columns, 正文 a few hundred rows.
const (
	maxRows = 5000
	maxCols = 100
)

// rows returns the raw text of a sheet's cells, refusing a sheet too large
// to be a filled template.
func (rd *reader) rows(sheet string) ([][]string, error) {
	it, err := rd.f.Rows(sheet)
	if err != nil {
		return nil, errors.New("无法读取，工作簿可能已损坏。请用 Excel 或 WPS 打开后另存为一个新的 .xlsx 文件再试。")
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		if len(rows) == maxRows {
			return nil, fmt.Errorf("超过 %d 行，不像是年报模板。请删除多余的行，或从空白模板重新填写。", maxRows)
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, errors.New("无法读取，工作簿可能已损坏。请用 Excel 或 WPS 打开后另存为一个新的 .xlsx 文件再试。")
		}
		if len(cols) > maxCols {
			cols = cols[:maxCols]
		}
		rows = append(rows, cols)
	}
	if it.Error() != nil {
		return nil, errors.New("无法读取，工作簿可能已损坏。请用 Excel 或 WPS 打开后另存为一个新的 .xlsx 文件再试。")
	}
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	return rows, nil
}

// trial2019 refuses a workbook laid out in the 2019 trial format (rule R13).
func (rd *reader) trial2019() error {
	for _, t := range report.Tables() {
		g := rd.grids[t.Sheet]
		for _, old := range report.Trial2019Labels {
			k := key(old)
			for text, ps := range g.index {
				if strings.Contains(text, k) {
					return &RefusedError{File: rd.name, Sheet: t.Sheet, Rule: "R13", Why: fmt.Sprintf(
						"%s 有「%s」，这是 2019 年试行格式的表格。2021 年起应使用国办公开办函〔2021〕30号规定的格式；请把数字填进新的年报模板。",
						report.A1(ps[0].row, ps[0].col), old)}
				}
			}
		}
	}
	g := rd.grids["表三"]
	other := report.RequestRowLabel(report.ReqTotal - 3)
	if ps := g.index[key("（六）其他处理")]; len(ps) > 0 && len(g.index[key(other)]) == 0 {
		return &RefusedError{File: rd.name, Sheet: "表三", Rule: "R13", Why: fmt.Sprintf(
			"%s 的「（六）其他处理」只有一行，这是 2019 年试行格式的表格；2021 年格式分为三项。请把数字填进新的年报模板。", report.A1(ps[0].row, ps[0].col))}
	}
	return nil
}

var dateRe = regexp.MustCompile(`^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$`)

func (rd *reader) info() {
	g := rd.grids[SheetInfo]
	r := rd.r
	for _, it := range infoItems {
		ps := g.index[key(it.label)]
		if len(ps) == 0 {
			if it.required {
				rd.add(report.Problem{Rule: "基本信息", Severity: report.Error, Sheet: SheetInfo,
					Message: fmt.Sprintf("找不到「%s」一行；请从空白模板复制基本信息表，再填写。", it.label)})
			}
			continue
		}
		p := ps[0]
		cell := report.A1(p.row, p.col+1)
		r.InfoCells[it.label] = cell
		raw := strings.TrimSpace(g.at(p.row, p.col+1))
		bad := func(msg string, args ...any) {
			rd.add(report.Problem{Rule: "基本信息", Severity: report.Error, Sheet: SheetInfo, Cell: cell, Label: it.label, Message: fmt.Sprintf(msg, args...)})
		}
		if raw == "" {
			if it.required {
				bad("没有填写；这一项必填。")
			}
			continue
		}
		switch it.label {
		case "机关名称":
			r.Agency = raw
		case "报告年度":
			s := strings.TrimSuffix(width.Fold.String(strings.ReplaceAll(raw, " ", "")), "年")
			d, err := report.ParseDecimal(s)
			if err != nil || !d.IsInteger() || d.Int() < 2021 || d.Int() > 2100 {
				bad("填的是「%s」；请填报告统计的年份，四位数字，如 2024（本格式自 2021 年度起使用）。", raw)
				continue
			}
			r.Year = int(d.Int())
		case "发布日期":
			d, ok := parseDate(raw)
			if !ok {
				bad("填的是「%s」，不是日期；请填如 2025年1月20日，或不填。", raw)
				continue
			}
			r.Published = d
		case "网站名称":
			r.SiteName = raw
		case "网址":
			r.SiteURL = raw
		case "联系部门":
			r.Contact = raw
		case "联系电话":
			r.Phone = width.Fold.String(raw)
		case "字体":
			r.Fonts = raw
		}
	}
	if !r.Published.IsZero() && r.Year != 0 && r.Published.Year <= r.Year {
		rd.add(report.Problem{Rule: "R15", Severity: report.Warning, Sheet: SheetInfo, Cell: r.InfoCells["发布日期"], Label: "发布日期",
			Message: fmt.Sprintf("发布日期 %s 在报告年度 %d 年结束之前；年度报告应在次年发布，请核对发布日期或报告年度。", r.Published, r.Year)})
	}
}

// parseDate reads 2025年1月20日, 2025-01-20, 2025/1/20 or an Excel date serial.
func parseDate(raw string) (report.Date, bool) {
	s := width.Fold.String(raw)
	if m := dateRe.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		date := report.Date{Year: y, Month: mo, Day: d}
		return date, date.Valid()
	}
	if serial, err := strconv.ParseFloat(s, 64); err == nil && serial > 0 && serial < 2958466 {
		t, err := excelize.ExcelDateToTime(serial, false)
		if err != nil {
			return report.Date{}, false
		}
		return report.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
	}
	return report.Date{}, false
}

func (rd *reader) text() {
	g := rd.grids[SheetText]
	col, first := 1, 1
	if ps := g.index[key(textHeader)]; len(ps) > 0 {
		col, first = ps[0].col, ps[0].row+1
	} else if strings.HasPrefix(key(g.at(1, 1)), "正文") {
		first = 2
	}
	for row := first; row <= len(g.rows); row++ {
		cell := report.A1(row, col)
		for _, line := range strings.Split(strings.ReplaceAll(g.at(row, col), "\r", ""), "\n") {
			line = strings.TrimLeft(strings.TrimSpace(line), "\u3000\u00a0 \t")
			if line == "" {
				continue
			}
			p := report.ParseParagraph(line)
			p.Cell = cell
			rd.r.Paragraphs = append(rd.r.Paragraphs, p)
		}
		for c := 1; c <= len(g.rows[row-1]); c++ {
			if c != col && strings.TrimSpace(g.at(row, c)) != "" {
				rd.add(report.Problem{Rule: "正文", Severity: report.Warning, Sheet: SheetText, Cell: report.A1(row, c),
					Message: fmt.Sprintf("这一格的文字不会印到报告里：正文只读 %s 列。请把它移到 %s 列（每行一段）。", colName(col), colName(col))})
			}
		}
	}
}
