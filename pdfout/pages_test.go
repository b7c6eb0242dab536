package pdfout_test

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/report"
)

var keepPages = flag.String("pages", "", "keep the PDFs TestPages measures in this folder")

// TestPages measures the PDFs themselves (scripts/measure.py reads their
// glyphs): over the example, the large-figures report, the stress reports
// and the narratives of published reports, no justified line is stretched beyond 1/8 字 a gap, no paragraph
// leaves fewer than two lines on either side of a page break, no page holds
// only a signature or one line, and the signature is set as GB/T 9704 7.3.5
// sets it without a seal.
func TestPages(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: measures every stress and corpus PDF with PyMuPDF")
	}
	python := testtool.NeedPython(t, "fitz", "python3-fitz")
	reports := testtool.Stress()
	reports["example"] = sample.Example()
	reports["big"] = testtool.Large()
	for name, r := range testtool.Corpus(t) {
		reports["corpus-"+name] = r
	}
	dir := *keepPages
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range reports {
		names = append(names, name)
	}
	sort.Strings(names)
	args := []string{"../scripts/measure.py", "--json"}
	for _, name := range names {
		path := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(path, build(t, reports[name], layout.Style{}), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	out, err := exec.Command(python, args...).Output()
	if len(out) == 0 {
		t.Fatalf("measure.py: %v", err)
	}
	var results []struct {
		File       string
		Pages      int
		Stretch    float64
		StretchAt  string `json:"stretch_at"`
		Widows     []string
		Orphans    []string
		Lone       []string
		Signature  []string
		Prohibited []string
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("measure.py: %v\n%s", err, out)
	}
	if len(results) != len(names) {
		t.Fatalf("%d results for %d PDFs", len(results), len(names))
	}
	var worst float64
	for i, m := range results {
		name := names[i]
		worst = max(worst, m.Stretch)
		if m.Stretch > 1.0/8+1e-6 {
			t.Errorf("%s: a line stretched by %.3f 字 a gap: %s", name, m.Stretch, m.StretchAt)
		}
		for _, f := range [][]string{m.Widows, m.Orphans, m.Lone, m.Signature, m.Prohibited} {
			for _, s := range f {
				t.Errorf("%s: %s", name, s)
			}
		}
		if reports[name].Published != (report.Date{}) && len(m.Signature) == 0 && m.Pages == 0 {
			t.Errorf("%s: no pages", name)
		}
	}
	t.Logf("%d PDFs, worst stretch %.3f 字 a gap", len(results), worst)
}
