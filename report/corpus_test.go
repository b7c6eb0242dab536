package report_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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
	// excerpt marks a report of which only a part is stored or comparable
	// with the form (the beginning of a web page; the tables of a report in
	// the 2019 form): figures not transcribed are 「?」 and only the rules on
	// figures are judged, on the figures that were transcribed.
	excerpt bool
	unknown []report.Field // figures not transcribed
	// refused are the cells published with something other than a figure
	// (「/」): the workbook reader refuses such a cell as R5.
	refused []report.Problem
	level   string
	source  string
	// previous names the corpus file of the same agency's report of the
	// year before (上年), and pairWant the problems report.CheckPrevious
	// rightly gives over the two (对比预期): 「rule cell」, sorted.
	previous string
	pairWant []string
	want     []string // 「rule cell」, sorted
	// claims are, for an excerpt, the claims R6 reads on figures not
	// transcribed (「A8 收到的申请 95 件」), sorted: what the claim
	// extractor makes of the real sentences, though it cannot judge them.
	claims  []string
	verdict string // 通过, 警告 or 错误
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
		if isItem && block != "正文" || isItem && (key == "预期" || key == "读出" || key == "对比预期") {
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
			case "上年":
				c.previous = value
			case "说明":
			case "摘录":
				c.excerpt = value == "是"
			case "表二":
				if err := c.readActive(value); err != nil {
					return nil, fail("%v", err)
				}
			case "表四":
				cells, err := counts(value, report.AppealGroups*report.AppealCols)
				if err != nil {
					return nil, fail("%v", err)
				}
				for i, cell := range cells {
					f := report.Field{Table: report.TableAppeals, Row: i / report.AppealCols, Col: i % report.AppealCols}
					c.set(f, cell)
				}
			case "表三", "正文", "预期", "读出", "对比预期":
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
			cells, err := counts(line, report.RequestCols)
			if err != nil {
				return nil, fail("%v", err)
			}
			for col, cell := range cells {
				c.set(report.Field{Table: report.TableRequests, Row: row, Col: col}, cell)
			}
			row++
		case "正文":
			p := report.ParseParagraph(line)
			p.Cell = report.A1(len(r.Paragraphs)+2, 1)
			r.Paragraphs = append(r.Paragraphs, p)
		case "预期":
			c.want = append(c.want, line)
		case "读出":
			c.claims = append(c.claims, line)
		case "对比预期":
			c.pairWant = append(c.pairWant, line)
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
			c.unknown = append(c.unknown, report.Field{Table: report.TableRequests, Row: row, Col: col})
		}
	}
	if r.Agency == "" || r.Year == 0 || c.source == "" || c.level == "" || c.verdict == "" {
		return nil, fmt.Errorf("%s: 机关名称, 报告年度, 层级, 来源 and 结论 are required", path)
	}
	sort.Strings(c.want)
	sort.Strings(c.claims)
	sort.Strings(c.pairWant)
	if len(c.pairWant) > 0 && c.previous == "" {
		return nil, fmt.Errorf("%s: 对比预期 is for a report with 上年", path)
	}
	if len(c.claims) > 0 && !c.excerpt {
		return nil, fmt.Errorf("%s: 读出 is for an excerpt", path)
	}
	return c, nil
}

// unknown stands for a figure not transcribed.
const unknown = "?"

// set sets a figure from its cell as published: 「?」 notes it as not
// transcribed; a cell the workbook reader refuses (「/」, 「-」, 「无」) is
// refused here the same way, as R5 on that cell, and counts as 0.
func (c *corpusReport) set(f report.Field, cell string) {
	if cell == unknown {
		c.unknown = append(c.unknown, f)
		return
	}
	d, why := report.ParseFigure(cell, f.IsFee())
	if why != "" {
		c.refused = append(c.refused, report.Problem{Rule: "R5", Severity: report.Error,
			Sheet: report.TableByID(f.Table).Sheet, Cell: report.TemplateCell(f), Label: report.FieldLabel(f), Message: why})
		return
	}
	if f.IsFee() {
		c.report.Fee = d
		return
	}
	c.report.SetCount(f, d.Int())
}

// figureRules are the rules that judge figures: the ones an excerpt is
// judged by (a text cut short would make R14 and R15 complain of what is
// not stored).
var figureRules = map[string]bool{"R1": true, "R2": true, "R3": true, "R4": true, "R5": true, "R6": true, "R9": true}

// filled returns a copy of the report whose figures not transcribed are v,
// or, for a total, the sum of its parts: the sentinel makes no sum wrong
// that the published tables do not make wrong.
func (c *corpusReport) filled(v int64) *report.Report {
	r := *c.report
	unknown := map[report.Field]bool{}
	for _, f := range c.unknown {
		unknown[f] = true
		r.SetCount(f, v)
	}
	for changed := true; changed; {
		changed = false
		for _, t := range report.Tables() {
			for _, s := range t.Sums {
				if !unknown[s.Total] {
					continue
				}
				var sum int64
				for _, p := range s.Parts {
					sum += r.Count(p)
				}
				if r.Count(s.Total) != sum {
					r.SetCount(s.Total, sum)
					changed = true
				}
			}
		}
	}
	return &r
}

// check runs the checks after the cells refused as R5, as a check of the
// workbook does after its reader. For an excerpt it runs them twice, with the figures
// not transcribed set to two different values, and keeps the problems of
// figureRules that come out the same: a sum or a claim that reads a figure
// not transcribed is not judged. R15 on the statistics period of the
// opening paragraph is judged too.
func (c *corpusReport) check() []report.Problem {
	ps := append([]report.Problem(nil), c.refused...)
	if !c.excerpt {
		return append(ps, report.Check(c.report)...)
	}
	judged := sameEitherWay(func(v int64) []report.Problem { return report.Check(c.filled(v)) },
		func(p report.Problem) bool { return figureRules[p.Rule] })
	// The opening paragraph is always stored: its statistics period is
	// judged (R15), though the year the whole text talks about is not.
	judged = append(judged, report.CheckPeriod(c.report)...)
	sort.Slice(judged, func(i, j int) bool { return judged[i].String() < judged[j].String() })
	return append(ps, judged...)
}

// sameEitherWay runs a check with the figures not transcribed set to two
// different values and keeps the problems kept by keep that come out the
// same both times: a sum or a comparison that reads a figure not
// transcribed is not judged.
func sameEitherWay(check func(v int64) []report.Problem, keep func(report.Problem) bool) []report.Problem {
	run := func(v int64) map[string]report.Problem {
		out := map[string]report.Problem{}
		for _, p := range check(v) {
			if keep(p) {
				out[p.String()] = p
			}
		}
		return out
	}
	a, b := run(900000001), run(900000002)
	var judged []report.Problem
	for k, p := range a {
		if _, ok := b[k]; ok {
			judged = append(judged, p)
		}
	}
	return judged
}

// claimRe takes the claim out of an R6 message: 「正文说「…」（收到的申请 95 件）」
// or 「正文说办结率 100%」.
var claimRe = regexp.MustCompile(`正文说(?:「[^」]*」（([^）]*)）|(办结率 100%))`)

// notTranscribedRe finds a figure made of the value readClaims gives the
// figures not transcribed (its sums and multiples).
var notTranscribedRe = regexp.MustCompile(`\d{9,}`)

// readClaims lists the claims R6 reads on figures not transcribed: with
// those figures set to a value no report states, every such claim is
// reported, and names what it read.
func (c *corpusReport) readClaims() []string {
	var out []string
	for _, p := range report.Check(c.filled(900000001)) {
		if p.Rule != "R6" || !notTranscribedRe.MatchString(p.Message) {
			continue
		}
		m := claimRe.FindStringSubmatch(p.Message)
		if m == nil {
			continue
		}
		out = append(out, p.Cell+" "+m[1]+m[2])
	}
	sort.Strings(out)
	return out
}

// readActive reads 表二: 「制发 废止 现行；制发 废止 现行；许可；处罚；强制；收费」.
func (c *corpusReport) readActive(s string) error {
	parts := strings.Split(s, "；")
	if len(parts) != report.ActiveRows {
		return fmt.Errorf("表二 has %d parts, want %d", len(parts), report.ActiveRows)
	}
	for row := report.ActiveRules; row <= report.ActiveNormative; row++ {
		cells, err := counts(parts[row], 3)
		if err != nil {
			return err
		}
		for col, cell := range cells {
			c.set(report.Field{Table: report.TableActive, Row: row, Col: col}, cell)
		}
	}
	for row := report.ActiveLicensing; row <= report.ActiveFee; row++ {
		cells, err := counts(parts[row], 1)
		if err != nil {
			return err
		}
		c.set(report.Field{Table: report.TableActive, Row: row}, cells[0])
	}
	return nil
}

// counts splits a line of n cells as published: figures, 「?」 for one not
// transcribed, or what the cell held instead of a figure (「/」).
func counts(s string, n int) ([]string, error) {
	cells := strings.Fields(s)
	if len(cells) != n {
		return nil, fmt.Errorf("%q has %d figures, want %d", s, len(cells), n)
	}
	return cells, nil
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
			if c.excerpt {
				if got := c.readClaims(); strings.Join(got, "\n") != strings.Join(c.claims, "\n") {
					t.Errorf("claims read:\n  %s\nwant (读出):\n  %s", strings.Join(got, "\n  "), strings.Join(c.claims, "\n  "))
				}
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

// TestCorpusClaimsAreRead changes one figure of a published report (or
// mends its blank totals) and expects R6 to quote the real sentence that
// states it: the claims of real reports are read, not skipped.
func TestCorpusClaimsAreRead(t *testing.T) {
	// total adds one application of a 自然人 to a row and its 总计, so that
	// the sums still hold (R6 does not judge a total R2–R4 found wrong);
	// the (七) total gets it through （六）3.其他.
	total := func(row int) func(r *report.Report) {
		return func(r *report.Report) {
			rows := []int{row}
			if row == report.ReqTotal {
				rows = append(rows, report.ReqTotal-1)
			}
			for _, row := range rows {
				r.Requests[row][0]++
				r.Requests[row][report.RequestTotal]++
			}
		}
	}
	// appeal adds one case to a column of table 四 and to its 总计; one
	// added to the 总计 goes to 其他结果.
	appeal := func(group, col int) func(r *report.Report) {
		return func(r *report.Report) {
			if col == report.AppealTotal {
				col = 2
			}
			r.Appeals[group][col]++
			r.Appeals[group][report.AppealTotal]++
		}
	}
	// mend fills the 总计 column of table 三 with the sums of the applicant
	// columns, as a report that left it blank is mended.
	mend := func(r *report.Report) {
		for row := range r.Requests {
			var sum int64
			for col := 0; col < report.RequestTotal; col++ {
				sum += r.Requests[row][col]
			}
			r.Requests[row][report.RequestTotal] = sum
		}
	}
	tests := []struct {
		corpus string
		change func(r *report.Report)
		want   []string // parts of the R6 messages, in order
	}{
		{"shanghai-office-2019", mend, []string{
			"「予以公开及部分公开258件」（予以公开及部分公开 258 件），但表三 （一）+（二）（J8+J9）是 275",
			"「因本机关不掌握等原因无法提供265件」（无法提供 265 件），但表三 （四）无法提供（J18+J19+J20）是 337"}},
		{"shanghai-office-2025", total(report.ReqNew), []string{"「市政府共受理政府信息公开申请1295件」（收到的申请 1295 件），但表三 J6（总计·一、本年新收）是 1296，一+二（J6+J7）是 1485"}},
		{"shanghai-office-2025", total(report.ReqTotal), []string{"（办结申请 1191 件）", "208 ÷ 表三 J29（总计·（七）总计）1192 = 17.45%", "47.32%", "6.71%", "（其他处理 319 件），但表三 （六）其他处理（J26+J27+J28）是 320"}},
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
