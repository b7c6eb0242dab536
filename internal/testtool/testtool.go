// Package testtool holds what the tests of several packages share: outside
// programs they drive, and a report with large figures.
package testtool

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"nianbao/internal/sample"
	"nianbao/report"
)

// Need returns the path of an outside program a test drives. Under CI
// (CI set) the program must be there, as .ci/run installs it; elsewhere the
// test is skipped without it.
func Need(t testing.TB, program string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run installs it", program)
		}
		t.Skipf("%s is not installed", program)
	}
	return p
}

// NeedPython returns a Python 3 that can import a module, preferring the
// system's (where Debian's python3-* packages install) to the first python3
// on PATH. Like Need, it skips without one, or fails under CI.
func NeedPython(t testing.TB, module, pkg string) string {
	t.Helper()
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		python = Need(t, "python3")
	}
	if exec.Command(python, "-c", "import "+module).Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed; .ci/run installs it", pkg)
		}
		t.Skipf("%s is not installed", pkg)
	}
	return python
}

// Large returns the example with large figures: seven-digit counts in 表二,
// four-digit counts in every figure of 表三 typed by hand (so five- and
// six-digit totals), and non-zero 表四. Its figures agree with each other.
func Large() *report.Report {
	r := sample.Example()
	r.Agency = "某市大数据局"
	for row := 0; row < report.ActiveRows-1; row++ {
		for c := 0; c < 3; c++ {
			r.Active[row][c] = 3985758 + int64(row*10+c)
		}
	}
	r.Fee = report.Decimal{Units: 592372449, Scale: 4}
	for c := 0; c < report.RequestTotal; c++ {
		var sum int64
		for row := report.ReqFirstResult; row < report.ReqTotal; row++ {
			r.Requests[row][c] = 1000 + int64(row*37+c*11)
			sum += r.Requests[row][c]
		}
		r.Requests[report.ReqTotal][c] = sum
		r.Requests[report.ReqCarriedIn][c] = 1234
		r.Requests[report.ReqCarriedOut][c] = 2345
		r.Requests[report.ReqNew][c] = sum + 2345 - 1234
	}
	rowTotals(r)
	for g := 0; g < report.AppealGroups; g++ {
		r.Appeals[g][report.AppealTotal] = 0
		for c := 0; c < report.AppealTotal; c++ {
			r.Appeals[g][c] = int64(100*g + c + 1)
			r.Appeals[g][report.AppealTotal] += r.Appeals[g][c]
		}
	}
	return r
}

// Stress returns reports that push the page layout to its limits, by name:
// a long URL and e-mail address, a six-digit figure, a 发布日期 longer than
// the 署名, and the example ending on each line of a page so that the
// signature must move with it (signature-low-N, N extra lines of text).
func Stress() map[string]*report.Report {
	out := map[string]*report.Report{}
	r := sample.Example()
	r.SiteURL = "https://www.pingluo.gov.cn/xxgk/zfxxgkzl/zfxxgknb/2024nb/index.html?lm=zrzyj&id=20250120"
	r.Paragraphs = append(r.Paragraphs, report.ParseParagraph("公众可通过电子邮箱 zrzyj-xxgk@pingluo.gov.cn 或登录 https://www.nxzwfw.gov.cn/nx/pl/zrzyj/ysqgk/list.html?type=2 提出政府信息公开申请，咨询电话 0952-6095185、0952-6012345。"))
	out["long-url"] = r

	r = Large()
	for _, row := range []int{report.ReqNew, report.ReqCarriedOut} {
		r.Requests[row][0] += 900000
		r.Requests[row][report.RequestTotal] += 900000
	}
	out["six-digits"] = r

	r = sample.Example()
	r.Agency = "某县局"
	r.Published = report.Date{Year: 2025, Month: 12, Day: 31}
	out["long-date"] = r

	for n := 0; n < 22; n++ {
		r := sample.Example()
		r.Published = report.Date{Year: 2025, Month: 1, Day: 20}
		for k := 0; k < n; k++ {
			r.Paragraphs = append(r.Paragraphs, report.ParseParagraph("本单位将持续做好政府信息公开工作，及时回应社会关切。"))
		}
		out[fmt.Sprintf("signature-low-%d", n)] = r
	}
	return out
}

// Corpus returns the narratives of the published reports in
// report/testdata/corpus, by file name: the agency, the year and the
// paragraphs of 正文, with no figures.
func Corpus(t testing.TB) map[string]*report.Report {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "report", "testdata", "corpus")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus in %s: %v", dir, err)
	}
	out := map[string]*report.Report{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := &report.Report{}
		body := false
		for _, ln := range strings.Split(string(data), "\n") {
			ln = strings.TrimSpace(ln)
			key, val, _ := strings.Cut(ln, "：")
			switch {
			case key == "正文" && val == "":
				body = true
			case (key == "读出" || key == "预期") && val == "":
				body = false
			case body && ln != "":
				r.Paragraphs = append(r.Paragraphs, report.ParseParagraph(ln))
			case key == "机关名称":
				r.Agency = val
			case key == "报告年度":
				r.Year, _ = strconv.Atoi(val)
			}
		}
		out[strings.TrimSuffix(filepath.Base(f), ".txt")] = r
	}
	return out
}

// rowTotals sets the 总计 column of every row of table 三 to the sum of the
// applicant columns.
func rowTotals(r *report.Report) {
	for row := 0; row < report.RequestRows; row++ {
		var s int64
		for c := 0; c < report.RequestTotal; c++ {
			s += r.Requests[row][c]
		}
		r.Requests[row][report.RequestTotal] = s
	}
}
