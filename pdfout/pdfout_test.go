package pdfout_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/pdfout"
	"nianbao/report"
)

func build(t testing.TB, r *report.Report, st layout.Style) []byte {
	t.Helper()
	faces, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d, probs := layout.Typeset(r, faces, st)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	var b bytes.Buffer
	if err := pdfout.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(testtool.Need(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

var subsetName = regexp.MustCompile(`^[A-Z]{6}\+(NotoSerifSC-Bold|NotoSansSC-Medium|LXGWWenKai-Regular|NotoSerifSC-Regular)$`)

func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestPDF(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *report.Report
	}{{"example", sample.Example()}, {"big", testtool.Large()}} {
		t.Run(tc.name, func(t *testing.T) {
			data := build(t, tc.r, layout.Style{})
			if again := build(t, tc.r, layout.Style{}); !bytes.Equal(data, again) {
				t.Error("two builds differ")
			}
			if len(data) > 300<<10 {
				t.Errorf("PDF is %d KB", len(data)>>10)
			}
			path := filepath.Join(t.TempDir(), "r.pdf")
			os.WriteFile(path, data, 0o644)
			run(t, "qpdf", "--check", path)

			fontsOut := run(t, "pdffonts", path)
			rows := strings.Split(strings.TrimSpace(fontsOut), "\n")[2:]
			if len(rows) != 4 {
				t.Errorf("%d fonts:\n%s", len(rows), fontsOut)
			}
			for _, row := range rows {
				f := strings.Fields(row)
				n := len(f)
				if f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" || !strings.Contains(f[0], "+") {
					t.Errorf("font not embedded, subset and mapped: %s", row)
				}
				if !subsetName.MatchString(f[0]) {
					t.Errorf("font not named by a subset tag and its PostScript name: %s", row)
				}
			}

			var outline struct {
				Outlines []struct{ Title string } `json:"outlines"`
			}
			if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", path)), &outline); err != nil {
				t.Fatal(err)
			}
			var titles []string
			for _, o := range outline.Outlines {
				titles = append(titles, o.Title)
			}
			if got := strings.Join(titles, "|"); got != "一、总体情况|二、主动公开政府信息情况|三、收到和处理政府信息公开申请情况|四、政府信息公开行政复议、行政诉讼情况|五、存在主要问题及改进情况|六、其他需要报告的事项" {
				t.Errorf("outline: %s", got)
			}

			info := run(t, "pdfinfo", path)
			for _, s := range []string{"Title:          " + tc.r.Agency + "2024年政府信息公开工作年度报告", "Author:         " + tc.r.Agency, "Creator:        nianbao", "pts (A4)"} {
				if !strings.Contains(squash(info), squash(s)) {
					t.Errorf("pdfinfo lacks %q:\n%s", s, info)
				}
			}
			var pages []string
			for n := 1; ; n++ {
				out, err := exec.Command("pdftotext", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), path, "-").Output()
				if err != nil || n > 30 {
					break
				}
				pages = append(pages, string(out))
			}
			if len(pages) < 5 {
				t.Fatalf("%d pages", len(pages))
			}
			for i, p := range pages {
				if !strings.Contains(squash(p), fmt.Sprintf("—%d—", i+1)) {
					t.Errorf("page %d lacks its number", i+1)
				}
			}
			// Every label of a table is on the page of its first label. A
			// label wrapped in its cell comes out interleaved with its
			// neighbours, so its characters are looked for in order.
			for _, tb := range report.Tables() {
				on := -1
				for i, p := range pages {
					if strings.Contains(squash(p), tb.Heading) {
						on = i
						break
					}
				}
				if on < 0 {
					t.Errorf("%s: heading %q not found", tb.Sheet, tb.Heading)
					continue
				}
				for _, c := range tb.Cells {
					if c.Text != "" && !subsequence(squash(pages[on]), squash(c.Text)) {
						t.Errorf("%s: label %q is not on page %d with the rest", tb.Sheet, c.Text, on+1)
					}
				}
			}
			// The narrative comes back complete and in order.
			var body []string
			for i, p := range pages {
				body = append(body, strings.Replace(squash(p), fmt.Sprintf("—%d—", i+1), "", 1))
			}
			all := squash(strings.Join(body, ""))
			at := 0
			var paras []report.Paragraph
			paras = append(paras, tc.r.Intro()...)
			paras = append(paras, tc.r.Body()...)
			paras = append(paras, tc.r.Closing()...)
			for _, p := range paras {
				i := strings.Index(all[at:], squash(p.String()))
				if i < 0 {
					t.Errorf("paragraph missing or out of order: %s", p)
					continue
				}
				at += i
			}
		})
	}
}

func TestDraftWatermark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.pdf")
	data := build(t, sample.Example(), layout.Style{Draft: true})
	os.WriteFile(path, data, 0o644)
	// The mark is set at 45°; text extraction gives its characters one by one.
	for n := 1; n <= 7; n++ {
		out := run(t, "pdftotext", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), path, "-")
		for _, c := range "稿未校验" {
			if !strings.ContainsRune(out, c) {
				t.Errorf("page %d: no %c of the draft mark", n, c)
			}
		}
	}
}

// subsequence reports whether the runes of sub appear in s in order.
func subsequence(s, sub string) bool {
	rs := []rune(s)
	i := 0
	for _, c := range sub {
		for i < len(rs) && rs[i] != c {
			i++
		}
		if i == len(rs) {
			return false
		}
		i++
	}
	return true
}

func BenchmarkWrite(b *testing.B) {
	faces, _ := fonts.Embedded()
	d, _ := layout.Typeset(sample.Example(), faces, layout.Style{})
	for b.Loop() {
		var buf bytes.Buffer
		if err := pdfout.Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// Whatever text and figures a report holds, either the layout reports a
// problem or a whole PDF comes out.
func FuzzTypesetWrite(f *testing.F) {
	if testing.Short() {
		f.Skip("slow: every saved input typeset and written as a PDF")
	}
	f.Add("平罗县自然资源局", "（一）主动公开。本年度主动公开政府信息 120 条。", int64(9))
	f.Add("某局", "http://www.example.gov.cn/"+strings.Repeat("a", 200), int64(999999999))
	f.Add("", "一、", int64(0))
	faces, err := fonts.Embedded()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, agency, text string, n int64) {
		if !utf8.ValidString(agency) || !utf8.ValidString(text) || len(text) > 4000 || len(agency) > 400 {
			t.Skip("the reader gives valid UTF-8 within Excel's limits")
		}
		r := sample.Example()
		r.Agency = agency
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				r.Paragraphs = append(r.Paragraphs, report.ParseParagraph(line))
			}
		}
		r.Requests[report.ReqNew][0] = n
		doc, probs := layout.Typeset(r, faces, layout.Style{})
		if len(probs) > 0 {
			return
		}
		var b bytes.Buffer
		if err := pdfout.Write(&b, doc); err != nil {
			t.Fatalf("layout passed but the PDF failed: %v", err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b.Bytes()), []byte("%%EOF")) {
			t.Fatal("not a whole PDF")
		}
	})
}

// The document's dates are the report's 发布日期, a day of Beijing time,
// written in the form every reader parses: D:YYYYMMDDHHmmSS+08'00'.
func TestDates(t *testing.T) {
	for _, tc := range []struct {
		published report.Date
		want      string
	}{
		{report.Date{}, "2021-09-26T00:00:00+08"},
		{report.Date{Year: 2025, Month: 1, Day: 20}, "2025-01-20T00:00:00+08"},
	} {
		r := sample.Example()
		r.Published = tc.published
		data := build(t, r, layout.Style{})
		dates := regexp.MustCompile(`/(CreationDate|ModDate) \(([^)]*)\)`).FindAllSubmatch(data, -1)
		if len(dates) != 2 {
			t.Fatalf("%d dates", len(dates))
		}
		for _, d := range dates {
			if !regexp.MustCompile(`^D:\d{14}\+08'00'$`).Match(d[2]) {
				t.Errorf("%s %s: not a full date with its offset from UT", d[1], d[2])
			}
		}
		path := filepath.Join(t.TempDir(), "r.pdf")
		os.WriteFile(path, data, 0o644)
		info := run(t, "pdfinfo", "-isodates", path)
		for _, key := range []string{"CreationDate:", "ModDate:"} {
			if !regexp.MustCompile(`(?m)^` + key + `\s+` + regexp.QuoteMeta(tc.want) + `$`).MatchString(info) {
				t.Errorf("%v: pdfinfo has not %s %s:\n%s", tc.published, key, tc.want, info)
			}
		}
	}
}
