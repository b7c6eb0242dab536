package report_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"nianbao/report"
)

// realPair is a published report of the corpus and the same agency's
// report of the year before, as its 上年 item names it.
type realPair struct {
	name, prevName string
	cur, prev      *corpusReport
}

// readPairs reads every report of the corpus that names last year's.
func readPairs(t *testing.T) []realPair {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var pairs []realPair
	for _, path := range files {
		cur, err := readCorpus(path)
		if err != nil {
			t.Fatal(err)
		}
		if cur.previous == "" {
			continue
		}
		prev, err := readCorpus(filepath.Join("testdata", "corpus", cur.previous+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		if prev.report.Agency != cur.report.Agency || prev.report.Year != cur.report.Year-1 {
			t.Fatalf("%s: 上年 %s is %s %d, want %s %d", name, cur.previous,
				prev.report.Agency, prev.report.Year, cur.report.Agency, cur.report.Year-1)
		}
		pairs = append(pairs, realPair{name: name, prevName: cur.previous, cur: cur, prev: prev})
	}
	if len(pairs) == 0 {
		t.Fatal("no pairs in the corpus")
	}
	return pairs
}

// files are the names the messages give the two workbooks.
func (p realPair) files() (cur, prev string) {
	return p.name + ".xlsx", p.prevName + ".xlsx"
}

// judge runs report.CheckPrevious over the pair and keeps R7 and R8, the
// rules on figures. Like corpusReport.check it runs twice, with the figures
// not transcribed (in either year) set to two different values, and keeps
// the problems that come out the same: a comparison with a figure not
// transcribed is not judged.
func (p realPair) judge() []report.Problem {
	curFile, prevFile := p.files()
	judged := sameEitherWay(func(v int64) []report.Problem {
		prev := report.Previous{Report: p.prev.filled(v), File: prevFile}
		return report.CheckPrevious(p.cur.filled(v), curFile, prev)
	}, func(pr report.Problem) bool { return pr.Rule == "R7" || pr.Rule == "R8" })
	sort.Slice(judged, func(i, j int) bool { return judged[i].String() < judged[j].String() })
	return judged
}

func ruleCells(ps []report.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Rule+" "+p.Cell)
	}
	sort.Strings(out)
	return out
}

// TestCorpusPairs runs the rules that compare a report with last year's
// over real consecutive reports of one agency: R7 and R8 give exactly the
// warnings written under 对比预期, on the figures both years publish.
func TestCorpusPairs(t *testing.T) {
	for _, p := range readPairs(t) {
		t.Run(p.name, func(t *testing.T) {
			got := p.judge()
			if strings.Join(ruleCells(got), "\n") != strings.Join(p.cur.pairWant, "\n") {
				t.Errorf("over %s and %s:\n  %s\nwant (对比预期):\n  %s", p.prevName, p.name,
					strings.Join(ruleCells(got), "\n  "), strings.Join(p.cur.pairWant, "\n  "))
			}
			curFile, prevFile := p.files()
			for _, pr := range got {
				if !strings.Contains(pr.Message, curFile) && pr.Rule == "R7" || !strings.Contains(pr.Message, prevFile) {
					t.Errorf("%s does not name both workbooks", pr)
				}
			}
		})
	}
}

// carried is a figure of this year's report that last year's fixes: this
// year's 二、上年结转 per column (R7) and the 现行有效件数 of 规章 and
// 行政规范性文件 (R8), with the figures of either year it is compared with.
type carried struct {
	rule string
	f    report.Field   // this year's
	same []report.Field // this year's other figures in the comparison
	last report.Field   // last year's
}

func carriedFigures() []carried {
	var out []carried
	for c := 0; c < report.RequestCols; c++ {
		out = append(out, carried{"R7",
			report.Field{Table: report.TableRequests, Row: report.ReqCarriedIn, Col: c}, nil,
			report.Field{Table: report.TableRequests, Row: report.ReqCarriedOut, Col: c}})
	}
	for _, row := range []int{report.ActiveRules, report.ActiveNormative} {
		f := func(col int) report.Field { return report.Field{Table: report.TableActive, Row: row, Col: col} }
		out = append(out, carried{"R8", f(2), []report.Field{f(0), f(1)}, f(2)})
	}
	return out
}

func known(c *corpusReport, fs ...report.Field) bool {
	for _, f := range fs {
		for _, u := range c.unknown {
			if u == f {
				return false
			}
		}
	}
	return true
}

// expected is what the rule takes the carried figure to be, from last
// year's report and this year's other figures compared.
func (c carried) expected(cur, prev *report.Report) int64 {
	v := prev.Count(c.last)
	if c.rule == "R8" {
		v += cur.Count(c.same[0]) - cur.Count(c.same[1])
	}
	return v
}

// TestCorpusPairsChanged sets each carried figure of the later report of
// each real pair to what last year's report gives, then to one more: where
// both years publish the figures compared, the first gives no warning on
// that cell and the second R7 or R8 naming the figure and last year's
// cell; where a figure is not transcribed, the comparison stays unjudged
// whatever the figure.
func TestCorpusPairsChanged(t *testing.T) {
	for _, p := range readPairs(t) {
		for _, c := range carriedFigures() {
			cell := p.cur.report.CellOf(c.f)
			t.Run(fmt.Sprintf("%s/%s", p.name, cell), func(t *testing.T) {
				judged := known(p.cur, append(c.same, c.f)...) && known(p.prev, c.last)
				want := c.expected(p.cur.report, p.prev.report)
				for _, v := range []int64{want, want + 1} {
					changed := *p.cur
					r := *p.cur.report
					changed.report = &r
					r.SetCount(c.f, v)
					q := p
					q.cur = &changed
					var on []report.Problem
					for _, pr := range q.judge() {
						if pr.Cell == cell && pr.Rule == c.rule {
							on = append(on, pr)
						}
					}
					switch {
					case !judged || v == want:
						if len(on) > 0 {
							t.Errorf("%s = %d: %s", cell, v, on[0])
						}
					case len(on) != 1:
						t.Errorf("%s = %d gave %d %s warnings on it, want 1", cell, v, len(on), c.rule)
					default:
						_, prevFile := p.files()
						last := fmt.Sprintf("「%s」%s %s", prevFile, report.TableByID(c.last.Table).Sheet, p.prev.report.CellOf(c.last))
						if !strings.Contains(on[0].Message, last) || !strings.Contains(on[0].Message, fmt.Sprintf("是 %d", v)) {
							t.Errorf("%s does not name %s = %d and last year's cell %s", on[0], cell, v, last)
						}
					}
				}
			})
		}
	}
}
