package app_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/app"
	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/report"
	"nianbao/xlsx"
)

// save writes a report as a filled workbook.
func save(t *testing.T, path string, r *report.Report) {
	t.Helper()
	var b bytes.Buffer
	if err := xlsx.WriteTemplate(&b, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// nextYear is the example's next report, its narrative rewritten and one
// application carried in, as last year's 四 left it.
func nextYear(last *report.Report, carriedIn int64) *report.Report {
	r, _ := report.NextYear(last)
	for i := range r.Paragraphs {
		p := &r.Paragraphs[i]
		p.Head = strings.ReplaceAll(p.Head, fmt.Sprint(last.Year), fmt.Sprint(r.Year))
		if p.Text != "" {
			p.Text = strings.Repeat("本年", i+1) + "新写的内容。"
		}
	}
	r.Requests = sample.Example().Requests // 9 new, 6 published, 3 not held
	r.Requests[report.ReqCarriedIn][0], r.Requests[report.ReqCarriedIn][report.RequestTotal] = carriedIn, carriedIn
	r.Requests[report.ReqFirstResult][0] += carriedIn
	r.Requests[report.ReqFirstResult][report.RequestTotal] += carriedIn
	r.Requests[report.ReqTotal][0] += carriedIn
	r.Requests[report.ReqTotal][report.RequestTotal] += carriedIn
	return r
}

// carryingOne is the example with one application of a 自然人 carried over
// to next year (one fewer 予以公开).
func carryingOne() *report.Report {
	last := sample.Example()
	last.Requests[report.ReqCarriedOut][0], last.Requests[report.ReqCarriedOut][report.RequestTotal] = 1, 1
	last.Requests[report.ReqTotal][0], last.Requests[report.ReqTotal][report.RequestTotal] = 8, 8
	last.Requests[report.ReqFirstResult][0], last.Requests[report.ReqFirstResult][report.RequestTotal] = 5, 5
	return last
}

func TestRunPairsByAgencyAndYear(t *testing.T) {
	dir := t.TempDir()
	last := carryingOne()
	other := sample.Example()
	other.Agency = "平罗县教育局"
	names := []string{"自然资源局2024.xlsx", "自然资源局2025.xlsx", "自然资源局2026.xlsx", "自然资源局2026b.xlsx", "教育局2024.xlsx", "坏.xlsx"}
	var inputs []string
	for _, name := range names {
		p := filepath.Join(dir, name)
		inputs = append(inputs, p)
		switch name {
		case "坏.xlsx":
			os.WriteFile(p, []byte("PK\x03\x04 broken"), 0o644)
		case "自然资源局2024.xlsx":
			save(t, p, last)
		case "自然资源局2025.xlsx":
			save(t, p, nextYear(last, 1))
		case "教育局2024.xlsx":
			save(t, p, other)
		default: // two workbooks for 2026: neither is paired
			save(t, p, nextYear(nextYear(last, 1), 0))
		}
	}
	results := app.Run(inputs, app.Options{OutDir: filepath.Join(dir, "输出"), Fonts: faces(t)}, 2, nil)
	for i, r := range results {
		want := ""
		if names[i] == "自然资源局2025.xlsx" {
			want = inputs[0]
		}
		if r.Previous != want {
			t.Errorf("%s: previous %q, want %q", names[i], r.Previous, want)
		}
	}
}

func TestRunComparesWithLastYear(t *testing.T) {
	dir := t.TempDir()
	last := carryingOne()
	last.Paragraphs[3].Text = "本年新收到依申请政府信息公开9件，结转下年度1件。没有因政府信息公开引发的行政复议和行政诉讼。"
	a, b, c := filepath.Join(dir, "a2024.xlsx"), filepath.Join(dir, "b2025.xlsx"), filepath.Join(dir, "c2025.xlsx")
	save(t, a, last)
	save(t, b, nextYear(last, 1))
	wrong := nextYear(last, 2)
	wrong.Agency = "平罗县 自然资源局" // the same agency, typed with a space
	save(t, c, wrong)
	results := app.Run([]string{a, b}, app.Options{OutDir: dir, Fonts: faces(t)}, 2, nil)
	if results[1].Previous != a || results[0].Previous != "" {
		t.Errorf("previous: %q, %q", results[0].Previous, results[1].Previous)
	}
	for _, p := range results[1].Problems {
		t.Errorf("2025 against 2024: %s %s", p.Rule, p)
	}
	if d := strings.Join(results[1].Detail(), "\n"); !strings.Contains(d, "上年报告：a2024.xlsx") {
		t.Errorf("the log does not say which file served as last year's:\n%s", d)
	}
	results = app.Run([]string{a, c}, app.Options{OutDir: dir, Fonts: faces(t)}, 1, nil)
	var rules []string
	for _, p := range results[1].Problems {
		rules = append(rules, p.Rule+" "+p.Cell)
	}
	if strings.Join(rules, ",") != "R7 D7" {
		t.Errorf("2025 with a carried-over figure changed: %v", rules)
	}
}

func faces(t *testing.T) *fonts.Set {
	t.Helper()
	f, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return f
}
