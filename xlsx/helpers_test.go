package xlsx_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"

	"nianbao/internal/sample"
	"nianbao/report"
	"nianbao/xlsx"
)

// workbook writes a report into a filled template.
func workbook(t testing.TB, r *report.Report) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.WriteTemplate(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// edit changes a workbook with excelize, as a user's program would.
func edit(t testing.TB, data []byte, change func(f *excelize.File) error) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := change(f); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// read reads a workbook and fails the test when it is refused.
func read(t testing.TB, data []byte) (*report.Report, []report.Problem) {
	t.Helper()
	r, probs, err := xlsx.ReadBytes("test.xlsx", data)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	return r, probs
}

// content drops where things came from, leaving what a report says.
func content(r *report.Report) report.Report {
	c := *r
	c.Cells, c.InfoCells = nil, nil
	c.SignOffs = nil // staff's notes on warnings, not what the report says
	c.Paragraphs = nil
	for _, p := range r.Paragraphs {
		p.Cell = ""
		c.Paragraphs = append(c.Paragraphs, p)
	}
	return c
}

func sameContent(t *testing.T, got, want *report.Report) {
	t.Helper()
	g, w := content(got), content(want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("read back a different report:\n got %+v\nwant %+v", g, w)
	}
}

func example() *report.Report { return sample.Example() }
