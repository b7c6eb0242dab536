package batch

import (
	"path/filepath"
	"strings"
	"sync"

	"nianbao/report"
	"nianbao/xlsx"
)

// PairPrevious pairs each workbook with last year's workbook of the same
// agency among inputs, by their 机关名称 and 报告年度: it maps a workbook to
// last year's. An agency with two workbooks for one year is not paired for
// that year (which of them is meant cannot be told).
func PairPrevious(inputs []string, jobs int) map[string]string {
	if jobs < 1 {
		jobs = 1
	}
	infos := make([]xlsx.Info, len(inputs))
	oks := make([]bool, len(inputs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				infos[i], oks[i] = xlsx.ReadInfo(inputs[i])
			}
		}()
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()

	type year struct {
		agency string
		year   int
	}
	byYear := map[year][]string{}
	for i, in := range inputs {
		if oks[i] {
			k := year{agencyKey(infos[i].Agency), infos[i].Year}
			byYear[k] = append(byYear[k], in)
		}
	}
	pairs := map[string]string{}
	for k, ins := range byYear {
		last := byYear[year{k.agency, k.year - 1}]
		if len(ins) != 1 || len(last) != 1 {
			continue
		}
		pairs[ins[0]] = last[0]
	}
	return pairs
}

// agencyKey compares agency names without spaces.
func agencyKey(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// ComparePrevious checks a report against last year's workbook (R7, R8,
// R16) and adds the problems to its result; res.Previous notes which file
// served. It does nothing when previous is empty.
func ComparePrevious(r *report.Report, res *Result, previous string) {
	if previous == "" {
		return
	}
	res.Previous = previous
	last, _, err := xlsx.Read(previous)
	if err != nil {
		res.Problems = append(res.Problems, report.Problem{Rule: "上年报告", Severity: report.Warning,
			Message: "上年报告无法读取，没有做跨年核对（R7、R8、R16）：" + err.Error()})
		return
	}
	if last.Year != 0 && r.Year != 0 && last.Year != r.Year-1 {
		res.Problems = append(res.Problems, report.Problem{Rule: "上年报告", Severity: report.Warning,
			Message: "「" + filepath.Base(previous) + "」的报告年度不是本年度的上一年，没有做跨年核对；请给出上一年度的工作簿。"})
		return
	}
	ps := report.CheckPrevious(r, filepath.Base(res.Input), report.Previous{Report: last, File: filepath.Base(previous)})
	res.Problems = report.ApplySignOffs(report.SortProblems(append(res.Problems, ps...)), r.SignOffs)
}
