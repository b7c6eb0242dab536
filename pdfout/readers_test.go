package pdfout_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/report"
)

// The PDF is read without a single complaint by the two other families of
// readers a report meets besides poppler (pdftotext, pdftoppm) and qpdf:
// Ghostscript, which print servers and many printers' drivers run, and
// MuPDF, which many viewers and e-mail previews use. Each gives the text
// back whole.
func TestOtherReaders(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: two outside programs over three PDFs")
	}
	gs := testtool.Need(t, "gs")
	mutool := testtool.Need(t, "mutool")
	for _, tc := range []struct {
		name  string
		r     *report.Report
		style layout.Style
	}{
		{"example", sample.Example(), layout.Style{}},
		{"large", testtool.Large(), layout.Style{}},
		{"draft", sample.Example(), layout.Style{Draft: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.pdf")
			if err := os.WriteFile(path, build(t, tc.r, tc.style), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, reader := range []struct {
				name string
				cmd  *exec.Cmd
			}{
				{"gs", exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite", "-sOutputFile=-", path)},
				{"mutool", exec.Command(mutool, "draw", "-q", "-F", "txt", "-o", "-", path)},
			} {
				var out, errOut bytes.Buffer
				reader.cmd.Stdout, reader.cmd.Stderr = &out, &errOut
				err := reader.cmd.Run()
				// MuPDF built without colour management says so on every run.
				complaints := strings.TrimSpace(strings.ReplaceAll(errOut.String(), "warning: ICC support is not available", ""))
				if err != nil || complaints != "" {
					t.Errorf("%s: %v\n%s", reader.name, err, complaints)
				}
				text := squash(out.String())
				for _, want := range []string{tc.r.Agency + "2024年政府信息公开工作年度报告", "六、其他需要报告的事项", "结转下年度继续办理"} {
					if !strings.Contains(text, want) {
						t.Errorf("%s: the text read back lacks %q", reader.name, want)
					}
				}
			}
		})
	}
}
