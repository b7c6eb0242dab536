package rollup

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"nianbao/fonts"
	"nianbao/internal/atomicfile"
	"nianbao/internal/oserr"
	"nianbao/layout"
	"nianbao/pdfout"
	"nianbao/report"
	"nianbao/xlsx"
)

// OutputPrefix starts the names of a roll-up's outputs: 汇总-2024.xlsx,
// .pdf and .csv. A folder roll-up does not take such a workbook for a unit's.
const OutputPrefix = "汇总-"

// WithErrorsMark is printed on every page of a roll-up that sums units with
// errors.
const WithErrorsMark = "含未通过校验的单位"

// Outputs are the files a roll-up writes.
type Outputs struct {
	Workbook, PDF, CSV string
	Pages              int
}

// Write writes 汇总-<年度>.xlsx, .pdf and .csv into dir, each whole or not
// at all, after removing the temporary files a killed run left there; base
// is the folder file names are shown relative to. Problems
// are returned when the PDF cannot be set (a character no face has, a sum
// too wide for its cell); the workbook and the CSV are written all the same.
func (ro *Rollup) Write(dir, base string, faces *fonts.Set) (Outputs, []report.Problem, error) {
	name := fmt.Sprintf("%s%d", OutputPrefix, ro.Year)
	out := Outputs{
		Workbook: filepath.Join(dir, name+".xlsx"),
		PDF:      filepath.Join(dir, name+".pdf"),
		CSV:      filepath.Join(dir, name+".csv"),
	}
	stale, _ := filepath.Glob(filepath.Join(dir, "."+OutputPrefix+"*.tmp"))
	for _, f := range stale {
		os.Remove(f)
	}
	var wb bytes.Buffer
	if err := xlsx.WriteRollup(&wb, ro.Report, ro.UnitList(base)); err != nil {
		return out, nil, fmt.Errorf("无法生成「%s」：%v", filepath.Base(out.Workbook), err)
	}
	for _, f := range []struct {
		path string
		data []byte
	}{{out.Workbook, wb.Bytes()}, {out.CSV, ro.CSV(base)}} {
		if err := atomicfile.Write(f.path, f.data); err != nil {
			return out, nil, writeError(f.path, err)
		}
	}
	doc, probs := ro.Document(base, faces)
	if len(probs) > 0 {
		out.PDF = ""
		return out, probs, nil
	}
	var b bytes.Buffer
	if err := pdfout.Write(&b, doc); err != nil {
		return out, nil, err
	}
	if err := atomicfile.Write(out.PDF, b.Bytes()); err != nil {
		return out, nil, writeError(out.PDF, err)
	}
	out.Pages = len(doc.Pages)
	return out, nil, nil
}

func writeError(path string, err error) error {
	return fmt.Errorf("无法写入「%s」：%s", path, oserr.Explain(err))
}

// UnitList is the unit table as the 汇总单位 sheet has it.
func (ro *Rollup) UnitList(base string) xlsx.UnitList {
	note := ro.Summary()
	if ro.WithErrors {
		note += WithErrorsMark + "。"
	}
	return xlsx.UnitList{
		Heading: fmt.Sprintf("%s %d年 汇总单位", ro.Report.Agency, ro.Year),
		Note:    note,
		Columns: Columns,
		Numeric: Numeric,
		Rows:    ro.Rows(base),
		Total:   ro.TotalRow(),
	}
}

// pdfColumns are the columns of the unit table the PDF prints; the file
// and the notes go into the lists under it.
var pdfColumns = []int{ColNumber, ColName, ColStatus, ColNew, ColDone, ColCarriedOut, ColReviews, ColLawsuits, ColFee, ColErrors, ColWarnings}

// Document lays out the roll-up's PDF: the overview (the unit table, the
// units missing, the names that differ, the workbooks not summed and why),
// then the summed report with its tables 二, 三 and 四, each whole on a page.
func (ro *Rollup) Document(base string, faces *fonts.Set) (*layout.Document, []report.Problem) {
	pick := func(row []string) []string {
		out := make([]string, len(pdfColumns))
		for i, c := range pdfColumns {
			out[i] = row[c]
		}
		return out
	}
	ov := &layout.Overview{
		Title: [2]string{ro.Report.Agency, fmt.Sprintf("%d年政府信息公开工作年度报告汇总表", ro.Year)},
		Lead:  []string{ro.Summary()},
		Total: pick(ro.TotalRow()),
	}
	for _, c := range pdfColumns {
		ov.Columns = append(ov.Columns, Columns[c])
		ov.Numeric = append(ov.Numeric, Numeric[c])
	}
	for i, row := range ro.Rows(base) {
		row[ColName] = quote(row[ColName])
		if row[ColName] == "" {
			row[ColName] = filepath.Base(ro.Units[i].File)
		}
		ov.Rows = append(ov.Rows, pick(row))
	}
	ov.After = ro.lists(base)
	first, probs := layout.TypesetOverview(ov, faces)
	if len(probs) > 0 {
		return nil, probs
	}
	tables, probs := layout.Typeset(ro.Report, faces, layout.Style{})
	if len(probs) > 0 {
		return nil, probs
	}
	if ro.WithErrors {
		layout.Stamp(first, WithErrorsMark)
		layout.Stamp(tables, WithErrorsMark)
	}
	doc := layout.Join(first, tables)
	doc.Keywords = fmt.Sprintf("政府信息公开,年度报告,汇总,%d", ro.Year)
	return doc, nil
}

// lists are what the overview prints under its table.
func (ro *Rollup) lists(base string) []layout.List {
	var missing, near, unlisted, left, withErrors []string
	for i := range ro.Units {
		u := &ro.Units[i]
		who := rel(base, u.File)
		if u.Name != "" {
			who = fmt.Sprintf("%s（%s）", quote(u.Name), who)
		}
		switch {
		case u.Status == Missing:
			missing = append(missing, quote(u.Name))
		case u.Status == SummedErrors:
			withErrors = append(withErrors, who+"："+strings.Join(u.Notes(), "；")+"。")
		case !u.Status.IsSummed():
			left = append(left, fmt.Sprintf("%s：%s。%s。", who, u.Status, strings.Join(u.Notes(), "；")))
		}
		if u.Listed != "" {
			near = append(near, fmt.Sprintf("单位名单上是「%s」，工作簿「%s」填的是「%s」，请核对是否同一单位。", quote(u.Listed), rel(base, u.File), quote(u.Name)))
		}
		if u.Unlisted {
			unlisted = append(unlisted, who)
		}
	}
	var skipped []string
	for _, sk := range ro.Skipped {
		skipped = append(skipped, fmt.Sprintf("%s：%s。", rel(base, sk.Path), strings.TrimRight(sk.Why, "。")))
	}
	count := func(h string, items []string) string { return fmt.Sprintf("%s（%d 个）", h, len(items)) }
	return []layout.List{
		{Heading: count("未提交", missing), Items: missing},
		{Heading: count("名称不一致？", near), Items: near},
		{Heading: count("不在单位名单上", unlisted), Items: unlisted},
		{Heading: count("未汇总的工作簿", left), Items: left},
		{Heading: count("已汇总但未通过校验的单位", withErrors), Items: withErrors},
		{Heading: count("跳过的文件", skipped), Items: skipped},
	}
}

// quote makes a name typed in a workbook or a list safe to print: no
// invisible characters, at most 60 characters.
func quote(name string) string { return report.Quote(name, 60) }
