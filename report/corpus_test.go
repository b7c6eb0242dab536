package report_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"nianbao/report"
)

var update = flag.Bool("update", false, "rewrite the golden files of the corpus")

// corpusReport is one transcribed published report and what the checks must
// say about it.
type corpusReport struct {
	report *report.Report
	// excerpt marks a report of which only the beginning is stored (the
	// narrative up to the tables and their first rows): figures not
	// transcribed are 「?」 and only R6 and R9 are judged.
	excerpt bool
	unknown []report.Field // figures not transcribed
	level   string
	source  string
	want    []string // 「rule cell」, sorted
	verdict string   // 通过, 警告 or 错误
}

// readCorpus reads a file of testdata/corpus (its format is in the README there).
func readCorpus(path string) (*corpusReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := &corpusReport{report: &report.Report{}}
	r := c.report
	var block string
	row := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...))
		}
		key, value, isItem := strings.Cut(line, "：")
		if isItem && block != "正文" || isItem && key == "预期" {
			switch key {
			case "机关名称":
				r.Agency = value
			case "报告年度":
				if r.Year, err = strconv.Atoi(value); err != nil {
					return nil, fail("报告年度 %q", value)
				}
			case "层级":
				c.level = value
			case "来源":
				c.source = value
			case "说明":
			case "摘录":
				c.excerpt = value == "是"
			case "表二":
				if err := c.readActive(value); err != nil {
					return nil, fail("%v", err)
				}
			case "表四":
				nums, err := counts(value, report.AppealGroups*report.AppealCols)
				if err != nil {
					return nil, fail("%v", err)
				}
				for i, v := range nums {
					f := report.Field{Table: report.TableAppeals, Row: i / report.AppealCols, Col: i % report.AppealCols}
					c.set(f, v)
				}
			case "表三", "正文", "预期":
				block = key
			case "结论":
				c.verdict = value
			default:
				return nil, fail("unknown item %q", key)
			}
			continue
		}
		switch block {
		case "表三":
			if row >= report.RequestRows {
				return nil, fail("more than %d rows in 表三", report.RequestRows)
			}
			nums, err := counts(line, report.RequestCols)
			if err != nil {
				return nil, fail("%v", err)
			}
			for col, v := range nums {
				c.set(report.Field{Table: report.TableRequests, Row: row, Col: col}, v)
			}
			row++
		case "正文":
			p := report.ParseParagraph(line)
			p.Cell = report.A1(len(r.Paragraphs)+2, 1)
			r.Paragraphs = append(r.Paragraphs, p)
		case "预期":
			c.want = append(c.want, line)
		default:
			return nil, fail("line outside any item: %q", line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if row != report.RequestRows && !c.excerpt {
		return nil, fmt.Errorf("%s: 表三 has %d rows, want %d", path, row, report.RequestRows)
	}
	for ; row < report.RequestRows; row++ {
		for col := 0; col < report.RequestCols; col++ {
			c.set(report.Field{Table: report.TableRequests, Row: row, Col: col}, unknown)
		}
	}
	if r.Agency == "" || r.Year == 0 || c.source == "" || c.level == "" || c.verdict == "" {
		return nil, fmt.Errorf("%s: 机关名称, 报告年度, 层级, 来源 and 结论 are required", path)
	}
	sort.Strings(c.want)
	return c, nil
}

// unknown stands for a figure not transcribed (「?」).
const unknown = -1

// set sets a figure, or notes it as not transcribed.
func (c *corpusReport) set(f report.Field, v int64) {
	if v == unknown {
		c.unknown = append(c.unknown, f)
		return
	}
	c.report.SetCount(f, v)
}

// check runs the checks. For an excerpt it runs them twice, with the figures
// not transcribed set to two different values, and keeps R6 and R9 problems
// that come out the same: a claim that reads a figure not transcribed is
// not judged.
func (c *corpusReport) check() []report.Problem {
	if !c.excerpt {
		return report.Check(c.report)
	}
	run := func(v int64) map[string]report.Problem {
		r := *c.report
		for _, f := range c.unknown {
			r.SetCount(f, v)
		}
		out := map[string]report.Problem{}
		for _, p := range report.Check(&r) {
			if p.Rule == "R6" || p.Rule == "R9" {
				out[p.String()] = p
			}
		}
		return out
	}
	a, b := run(900000001), run(900000002)
	var ps []report.Problem
	for k, p := range a {
		if _, ok := b[k]; ok {
			ps = append(ps, p)
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].String() < ps[j].String() })
	return ps
}

// readActive reads 表二: 「制发 废止 现行；制发 废止 现行；许可；处罚；强制；收费」.
func (c *corpusReport) readActive(s string) error {
	parts := strings.Split(s, "；")
	if len(parts) != report.ActiveRows {
		return fmt.Errorf("表二 has %d parts, want %d", len(parts), report.ActiveRows)
	}
	for row := report.ActiveRules; row <= report.ActiveNormative; row++ {
		nums, err := counts(parts[row], 3)
		if err != nil {
			return err
		}
		for col, v := range nums {
			c.set(report.Field{Table: report.TableActive, Row: row, Col: col}, v)
		}
	}
	for row := report.ActiveLicensing; row < report.ActiveFee; row++ {
		nums, err := counts(parts[row], 1)
		if err != nil {
			return err
		}
		c.set(report.Field{Table: report.TableActive, Row: row}, nums[0])
	}
	fee, err := report.ParseDecimal(parts[report.ActiveFee])
	if err != nil {
		return err
	}
	c.report.Fee = fee
	return nil
}

func counts(s string, n int) ([]int64, error) {
	fields := strings.Fields(s)
	if len(fields) != n {
		return nil, fmt.Errorf("%q has %d figures, want %d", s, len(fields), n)
	}
	var out []int64
	for _, f := range fields {
		if f == "?" {
			out = append(out, unknown)
			continue
		}
		v, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func verdict(ps []report.Problem) string {
	switch {
	case report.HasErrors(ps):
		return "错误"
	case len(ps) > 0:
		return "警告"
	}
	return "通过"
}

// TestCorpus runs the checks over published reports: the expected problems
// are exactly the ones a careful reader finds, and no others.
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			c, err := readCorpus(path)
			if err != nil {
				t.Fatal(err)
			}
			ps := c.check()
			var got []string
			var text strings.Builder
			for _, p := range ps {
				cell := p.Cell
				if cell == "" {
					cell = "-"
				}
				got = append(got, p.Rule+" "+cell)
				fmt.Fprintf(&text, "%s %s %s\n", p.Severity, p.Rule, p)
			}
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n  %s\nwant:\n  %s\nmessages:\n%s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "), text.String())
			}
			if v := verdict(ps); v != c.verdict {
				t.Errorf("verdict %s, want %s", v, c.verdict)
			}
			golden := filepath.Join("testdata", "corpus", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(text.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run TestCorpus -update)", err)
			}
			if text.String() != string(want) {
				t.Errorf("messages differ from %s:\n%s", golden, text.String())
			}
		})
	}
}

// TestCorpusClaimsAreRead changes one figure of a published report and
// expects R6 to quote the real sentence that states it: the claims of
// real reports are read, not skipped.
func TestCorpusClaimsAreRead(t *testing.T) {
	total := func(row int) func(r *report.Report) {
		return func(r *report.Report) { r.Requests[row][report.RequestTotal]++ }
	}
	appeal := func(group, col int) func(r *report.Report) {
		return func(r *report.Report) { r.Appeals[group][col]++ }
	}
	tests := []struct {
		corpus string
		change func(r *report.Report)
		want   []string // parts of the R6 messages, in order
	}{
		{"shanghai-office-2025", total(report.ReqNew), []string{"「市政府共受理政府信息公开申请1295件」（收到的申请 1295 件），但表三 J6（总计·一、本年新收）是 1296，一+二（J6+J7）是 1485"}},
		{"shanghai-office-2025", total(report.ReqTotal), []string{"（办结申请 1191 件）", "208 ÷ 表三 J29（总计·（七）总计）1192 = 17.45%", "47.32%", "6.71%", "26.76%"}},
		{"shanghai-office-2025", appeal(report.AppealReview, 1), []string{"「未发生因依申请公开被行政复议纠错」（行政复议没有被纠错），但表四 B6（行政复议·结果纠正）是 1"}},
		{"shanghai-stcsm-2024", total(report.ReqCarriedOut), []string{"「转下一年度办理答复的有1件」（结转下年度申请 1 件）"}},
		{"shanghai-stcsm-2024", appeal(report.AppealDirect, report.AppealTotal), []string{"「涉及的行政诉讼数为0件」（行政诉讼件数 0 件）"}},
		{"shuyang-county-2025", total(report.ReqTotal), []string{"「共办理718件」（办理申请 718 件），但表三 J29（总计·（七）总计）是 719，一+二（J6+J7）是 749"}},
		{"shuyang-fgj-2023", total(report.ReqNew), []string{"「2023年度我局共收到依申请信息公开26件」"}},
		{"pingluo-natural-resources-2024", appeal(report.AppealReview, report.AppealTotal), []string{"（没有行政复议），但表四 E6（行政复议·总计）是 1"}},
		{"pingluo-natural-resources-2024", total(report.ReqCarriedOut), []string{"正文说办结率 100%"}},
	}
	for _, tt := range tests {
		t.Run(tt.corpus, func(t *testing.T) {
			c, err := readCorpus(filepath.Join("testdata", "corpus", tt.corpus+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			tt.change(c.report)
			var got []string
			for _, p := range report.Check(c.report) {
				if p.Rule == "R6" {
					got = append(got, p.String())
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("R6 gave %d warnings, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %d %q lacks %q", i, got[i], w)
				}
			}
		})
	}
}
