// Package testbook writes the workbooks tests read. It is apart from
// testtool so that the tests of the stages after the reader do not build the
// workbook library.
package testbook

import (
	"bytes"
	"os"
	"testing"

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
