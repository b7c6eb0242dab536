package app

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"nianbao/report"
	"nianbao/xlsx"
)

// pairs maps each result to the result of last year's workbook of the same
// agency among them, by the 机关名称 and 报告年度 its workbook gave. An
// agency with two workbooks for one year is not paired for that year
// (which of them is meant cannot be told), nor is a workbook already
// checked against a previous one given by the user.
func pairs(results []Result) map[int]int {
	type year struct {
		agency string
		year   int
	}
	byYear := map[year][]int{}
	for i := range results {
		r := &results[i]
		if r.Agency != "" && r.Year != 0 && r.Refused == nil && r.Skipped == "" {
			k := year{agencyKey(r.Agency), r.Year}
			byYear[k] = append(byYear[k], i)
		}
	}
	out := map[int]int{}
	for k, is := range byYear {
		last := byYear[year{k.agency, k.year - 1}]
		if len(is) == 1 && len(last) == 1 && results[is[0]].Previous == "" {
			out[is[0]] = last[0]
		}
	}
	return out
}

// agencyKey compares agency names without spaces.
func agencyKey(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// comparePrevious is a folder run's second pass: each workbook that has
// last year's workbook of the same agency among the inputs is checked
// against it (R7, R8, R16) — in a worker process when the run uses them,
// so that the run itself never reads a workbook — and the problems found
// join its result.
func comparePrevious(results []Result, opt Options, jobs int) {
	todo := pairs(results)
	if len(todo) == 0 {
		return
	}
	var indices []int
	for i := range todo {
		indices = append(indices, i)
	}
	sort.Ints(indices)
	var mu sync.Mutex
	pool(len(results), indices, opt, jobs, func(wk *worker, i int) {
		cur := &results[i]
		previous := results[todo[i]].Input
		var c Result
		if wk != nil {
			o := opt
			o.Previous = previous
			c = wk.do(cur.Input, o)
		} else {
			c = Compared(cur.Input, previous)
		}
		mu.Lock()
		cur.Previous = previous
		if c.Err != nil {
			c.Problems = []report.Problem{{Rule: "上年报告", Severity: report.Warning,
				Message: fmt.Sprintf("与上年报告「%s」的核对没有完成：%s", filepath.Base(previous), c.Err)}}
		}
		cur.Problems = report.SortProblems(append(cur.Problems, c.Problems...))
		mu.Unlock()
	})
}

// Compared checks a workbook against last year's only: its Problems are
// those of R7, R8 and R16 (with 核对说明 applied), nothing else.
func Compared(path, previous string) (res Result) {
	defer func() {
		if v := recover(); v != nil {
			res = Result{Input: path, Err: fmt.Errorf("程序内部错误（%s）", report.Quote(fmt.Sprint(v), 80))}
		}
	}()
	r, _, err := xlsx.Read(path)
	if err != nil {
		return Result{Input: path, Refused: err}
	}
	return Result{Input: path, Previous: previous, Problems: previousProblems(r, path, previous)}
}

// ComparePrevious checks a read report against last year's workbook (R7,
// R8, R16) and adds the problems to its result; res.Previous notes which
// file served. It does nothing when previous is empty.
func ComparePrevious(r *report.Report, res *Result, previous string) {
	if previous == "" {
		return
	}
	res.Previous = previous
	res.Problems = report.SortProblems(append(res.Problems, previousProblems(r, res.Input, previous)...))
}

// previousProblems reads last year's workbook and compares.
func previousProblems(r *report.Report, path, previous string) []report.Problem {
	last, _, err := xlsx.Read(previous)
	if err != nil {
		return []report.Problem{{Rule: "上年报告", Severity: report.Warning,
			Message: "上年报告无法读取，没有做跨年核对（R7、R8、R16）：" + err.Error()}}
	}
	if last.Year != 0 && r.Year != 0 && last.Year != r.Year-1 {
		return []report.Problem{{Rule: "上年报告", Severity: report.Warning,
			Message: fmt.Sprintf("「%s」的报告年度是 %d 年，不是本年度（%d 年）的上一年，没有做跨年核对；请给出上一年度的工作簿。", filepath.Base(previous), last.Year, r.Year)}}
	}
	ps := report.CheckPrevious(r, filepath.Base(path), report.Previous{Report: last, File: filepath.Base(previous)})
	return report.ApplySignOffs(ps, r.SignOffs)
}
