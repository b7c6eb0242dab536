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
// Ghostscript, which print servers and many printers' drivers run (told to
// stop at the first error rather than repair), and MuPDF, which many
// viewers and e-mail previews use. Each gives the text back whole. On the
// way to a printer, the PDF turned into PostScript by Ghostscript and by
// poppler is a program Ghostscript runs to its end without an error.
func TestOtherReaders(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: two outside programs over three PDFs")
	}
	gs := testtool.Need(t, "gs")
	mutool := testtool.Need(t, "mutool")
	pdftops := testtool.Need(t, "pdftops")
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
				{"gs", exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dPDFSTOPONERROR", "-sDEVICE=txtwrite", "-sOutputFile=-", path)},
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
			ps := filepath.Join(filepath.Dir(path), "r.ps")
			for _, conv := range []struct {
				name string
				cmd  *exec.Cmd
			}{
				{"gs ps2write", exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dPDFSTOPONERROR", "-sDEVICE=ps2write", "-sOutputFile="+ps, path)},
				{"pdftops", exec.Command(pdftops, path, ps)},
			} {
				for _, cmd := range []*exec.Cmd{conv.cmd, exec.Command(gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", ps)} {
					if out, err := cmd.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
						t.Errorf("%s, then Ghostscript: %s: %v\n%s", conv.name, filepath.Base(cmd.Path), err, out)
					}
				}
			}
		})
	}
}
