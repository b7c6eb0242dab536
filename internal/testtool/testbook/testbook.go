// Package testbook writes the workbooks tests read. It is apart from
// testtool so that the tests of the stages after the reader do not build the
// workbook library.
package testbook

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"nianbao/internal/testtool"
	"nianbao/report"
	"nianbao/xlsx"
)

// Write writes a report as a filled workbook at path.
func Write(t testing.TB, path string, r *report.Report) {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.WriteTemplate(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Units writes units' workbooks into dir as a county office gets them:
// three good ones, one with an error (R1), two of one unit (卫健局.xlsx and
// 卫健局（新）.xlsx) and a file that is no workbook (损坏.xlsx). Their
// figures come from seed. It returns the reports that must be summed.
func Units(t testing.TB, dir string, seed uint64) []*report.Report {
	t.Helper()
	good := []*report.Report{
		testtool.Unit("平罗县自然资源局", 2024, seed+1),
		testtool.Unit("平罗县教育体育局", 2024, seed+2),
		testtool.Unit("平罗县公安局", 2024, seed+3),
	}
	for _, r := range good {
		Write(t, filepath.Join(dir, r.Agency+".xlsx"), r)
	}
	bad := testtool.Unit("平罗县财政局", 2024, seed+4)
	bad.Requests[report.ReqNew][0] += 5 // 一+二 ≠ （七）总计+四 (R1)
	bad.Requests[report.ReqNew][report.RequestTotal] += 5
	Write(t, filepath.Join(dir, "财政局.xlsx"), bad)
	Write(t, filepath.Join(dir, "卫健局.xlsx"), testtool.Unit("平罗县卫生健康局", 2024, seed+5))
	Write(t, filepath.Join(dir, "卫健局（新）.xlsx"), testtool.Unit("平罗县卫生健康局", 2024, seed+6))
	if err := os.WriteFile(filepath.Join(dir, "损坏.xlsx"), []byte("这不是工作簿"), 0o644); err != nil {
		t.Fatal(err)
	}
	return good
}
