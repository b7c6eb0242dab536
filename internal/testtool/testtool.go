// Package testtool holds what the tests of several packages share: outside
// programs they drive, and a report with large figures.
package testtool

import (
	"os"
	"os/exec"
	"testing"

	"nianbao/report"
	"nianbao/templates"
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

// Large returns the example with large figures: seven-digit counts in 表二,
// four-digit counts in every figure of 表三 typed by hand (so five- and
// six-digit totals), and non-zero 表四. Its figures agree with each other.
func Large() *report.Report {
	r := templates.Example()
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
	for row := 0; row < report.RequestRows; row++ {
		var s int64
		for c := 0; c < report.RequestTotal; c++ {
			s += r.Requests[row][c]
		}
		r.Requests[row][report.RequestTotal] = s
	}
	for g := 0; g < report.AppealGroups; g++ {
		r.Appeals[g][report.AppealTotal] = 0
		for c := 0; c < report.AppealTotal; c++ {
			r.Appeals[g][c] = int64(100*g + c + 1)
			r.Appeals[g][report.AppealTotal] += r.Appeals[g][c]
		}
	}
	return r
}
