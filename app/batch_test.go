package app_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/app"
	"nianbao/fonts"
	"nianbao/internal/atomicfile"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/internal/testtool/testbook"
	"nianbao/report"
	"nianbao/templates"
	"nianbao/xlsx"
)

// workbook writes the example under another agency's name.
func workbook(t testing.TB, path, agency string) {
	t.Helper()
	r := sample.Example()
	r.Agency = agency
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	testbook.Write(t, path, r)
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.xlsx", "a.XLSX", "~$a.xlsx", "标注-b.xlsx", "年报模板.xlsx", "c.xls", "说明.txt", "子/d.xlsx", "输出/e.xlsx", templates.ExampleName} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	out := filepath.Join(dir, "输出")
	got, skipped, err := app.Collect(dir, false, out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.XLSX"), filepath.Join(dir, "b.xlsx"), filepath.Join(dir, "年报模板.xlsx")}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Collect: %v", got)
	}
	// Every file that looks like a workbook or a report and is passed
	// over is listed with the reason.
	var names []string
	for _, s := range skipped {
		names = append(names, filepath.Base(s.Path)+"："+s.Why)
	}
	for i, w := range []string{"c.xls：旧版 Excel", "~$a.xlsx：Excel 或 WPS 打开工作簿时生成的临时锁文件", "标注-b.xlsx：nianbao 生成的标注副本", templates.ExampleName + "：工具自带的示例工作簿"} {
		if i >= len(names) || !strings.HasPrefix(names[i], w) {
			t.Errorf("skipped: %v, want %q at %d", names, w, i)
		}
	}
	got, _, _ = app.Collect(dir, true, out)
	if len(got) != 4 || got[2] != filepath.Join(dir, "子", "d.xlsx") {
		t.Errorf("Collect -r: %v", got)
	}
}

func TestRunIsolatesFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "好.xlsx")
	workbook(t, good, "甲局")
	broken := filepath.Join(dir, "坏.xlsx")
	os.WriteFile(broken, []byte("PK\x03\x04 broken"), 0o644)
	faces, _ := fonts.Embedded()
	out := t.TempDir()
	results := app.Run([]string{broken, good}, app.Options{Fonts: faces, OutDir: out}, 2, nil)
	if results[0].Refused == nil || results[1].Output == "" {
		t.Fatalf("results: %+v", results)
	}
	// A panic inside one file (here: a set of no faces) is caught and reported.
	results = app.Run([]string{good}, app.Options{OutDir: out, Fonts: &fonts.Set{}}, 1, nil)
	if results[0].Err == nil || !strings.Contains(results[0].Err.Error(), "程序内部错误") {
		t.Errorf("panic not isolated: %+v", results[0])
	}
}

func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "甲.xlsx")
	workbook(t, in, "甲局")
	faces, _ := fonts.Embedded()
	out := t.TempDir()
	// A folder stands where the PDF should go: that file fails, clearly.
	os.Mkdir(filepath.Join(out, "甲局2024年政府信息公开工作年度报告.pdf"), 0o755)
	res := app.File(in, app.Options{Fonts: faces, OutDir: out})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "无法写入") {
		t.Errorf("write over a folder: %v", res.Err)
	}
	res = app.File(in, app.Options{Fonts: faces, OutDir: filepath.Join(out, "没有")})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "不存在") {
		t.Errorf("missing folder: %v", res.Err)
	}
	left, _ := filepath.Glob(filepath.Join(out, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestLogs(t *testing.T) {
	dir := t.TempDir()
	results := []app.Result{
		{Input: filepath.Join(dir, "甲.xlsx"), Output: filepath.Join(dir, "输出", "甲局.pdf"), Pages: 7},
		{Input: filepath.Join(dir, "乙.xlsx"), Problems: []report.Problem{{Rule: "R1", Severity: report.Error, Sheet: "表三", Cell: "D6", Label: "自然人·一、本年新收", Message: "一+二 = 9，但 = 10"}}},
		{Input: filepath.Join(dir, "=HYPERLINK(1).xlsx"), Problems: []report.Problem{{Rule: "R5", Severity: report.Error, Sheet: "表三", Cell: "D7", Message: "@SUM(A1)"}}},
	}
	if err := app.WriteLogs(dir, dir, results); err != nil {
		t.Fatal(err)
	}
	txt, _ := os.ReadFile(filepath.Join(dir, app.LogText))
	csvData, _ := os.ReadFile(filepath.Join(dir, app.LogCSV))
	for name, data := range map[string][]byte{"txt": txt, "csv": csvData} {
		if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
			t.Errorf("%s has no byte order mark", name)
		}
		if bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) {
			t.Errorf("%s has bare LF line ends", name)
		}
	}
	for _, s := range []string{"共 3 个工作簿：已生成 1 个，有错误 2 个。", "[已生成] 甲.xlsx → 甲局.pdf（7 页）", "[有错误，未生成] 乙.xlsx", "    错误 [R1] 表三 D6（自然人·一、本年新收）：一+二 = 9，但 = 10"} {
		if !strings.Contains(string(txt), s) {
			t.Errorf("txt lacks %q:\n%s", s, txt)
		}
	}
	for _, s := range []string{"工作簿,状态,PDF,页数,级别,规则,工作表,单元格,位置,说明\r\n", "甲.xlsx,已生成,甲局.pdf,7,,,,,,\r\n", "乙.xlsx,有错误，未生成,,,错误,R1,表三,D6,自然人·一、本年新收,一+二 = 9，但 = 10\r\n",
		// A field that a spreadsheet program would take for a formula is
		// not one.
		"'=HYPERLINK(1).xlsx,有错误，未生成,,,错误,R5,表三,D7,,'@SUM(A1)\r\n"} {
		if !strings.Contains(string(csvData), s) {
			t.Errorf("csv lacks %q:\n%s", s, csvData)
		}
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		`平罗县/自然资源局:2024?`:        "平罗县_自然资源局_2024_",
		"某局.  ":                  "某局",
		"CON":                    "_CON",
		strings.Repeat("长", 100): strings.Repeat("长", 66), // 200 bytes at most
		"COM3.pdf":               "_COM3.pdf",
		"某\u202E局":               "某局",
	} {
		if got := app.SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A long agency name is cut, the year and the title kept whole, so that
// the temporary name beside the PDF still fits 255 bytes.
func TestOutputNameLength(t *testing.T) {
	r := sample.Example()
	r.Agency = strings.Repeat("某某自治区某某自治州人民政府办公室", 8)
	name := app.OutputName(r)
	if !strings.HasSuffix(name, "2024年政府信息公开工作年度报告.pdf") || len(name) > 200 {
		t.Errorf("OutputName = %q (%d bytes)", name, len(name))
	}
	dir := t.TempDir()
	if err := atomicfile.Write(filepath.Join(dir, name), []byte("%PDF-")); err != nil {
		t.Errorf("writing %q: %v", name, err)
	}
}

// BenchmarkRun measures throughput over 20 workbooks with 1 and 2 workers,
// each file built in this process and in worker processes (this test
// binary serves as one, see TestMain), so that the cost of the worker
// processes shows against the same files in one run.
func BenchmarkRun(b *testing.B) {
	dir := b.TempDir()
	var inputs []string
	for i := 0; i < 20; i++ {
		p := filepath.Join(dir, "in", string(rune('A'+i))+".xlsx")
		workbook(b, p, "单位"+string(rune('A'+i)))
		inputs = append(inputs, p)
	}
	faces, _ := fonts.Embedded()
	worker := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "NIANBAO_TEST_WORKER=1")
		return cmd
	}
	for _, mode := range []struct {
		name   string
		worker func() *exec.Cmd
	}{{"in-process", nil}, {"workers", worker}} {
		for _, jobs := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/jobs=%d", mode.name, jobs), func(b *testing.B) {
				out := filepath.Join(dir, "out", b.Name())
				os.MkdirAll(out, 0o755)
				n := 0
				for b.Loop() {
					app.Run(inputs, app.Options{Fonts: faces, OutDir: out, Worker: mode.worker}, jobs, nil)
					n += len(inputs)
				}
				b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "reports/s")
			})
		}
	}
}

// The 字体 setting of 基本信息 names a folder of official fonts beside the
// workbook, and nothing else; a folder run ignores it.
func TestFontSetting(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "字体"), 0o755)
	kai := testtool.Font(t, testtool.FontSpec{Families: []string{"楷体", "KaiTi"}, PSName: "KaiTi", Text: "（一）（二）（三）", From: fonts.Heading2})
	os.WriteFile(filepath.Join(dir, "字体", "任意名称.ttf"), kai, 0o644)
	faces, _ := fonts.Embedded()
	build := func(setting string, opt app.Options) app.Result {
		t.Helper()
		r := sample.Example()
		r.Fonts = setting
		var b bytes.Buffer
		if err := xlsx.WriteTemplate(&b, r); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, "甲.xlsx")
		os.WriteFile(in, b.Bytes(), 0o644)
		opt.Fonts = faces
		return app.File(in, opt)
	}
	res := build("字体", app.Options{})
	if res.Output == "" || !strings.Contains(res.Faces, "二级标题 楷体（任意名称.ttf）") {
		t.Errorf("faces %q, problems %v, err %v", res.Faces, res.Problems, res.Err)
	}
	if !strings.Contains(res.Fallbacks, "二级标题「") {
		t.Errorf("characters the test face lacks come from the embedded one: %q", res.Fallbacks)
	}
	for _, setting := range []string{"../字体", dir, `\\server\share\字体`, "C:字体", "没有"} {
		res := build(setting, app.Options{})
		if res.Output == "" || !strings.Contains(res.Faces, "二级标题 LXGWWenKai-Regular（内置）") ||
			len(res.Problems) != 1 || res.Problems[0].Cell == "" || !strings.Contains(res.Problems[0].Message, "已按程序的字体查找顺序选用字体") {
			t.Errorf("%q: faces %q, problems %v", setting, res.Faces, res.Problems)
		}
	}
	res = build("字体", app.Options{IgnoreFontSetting: "处理整个文件夹时不使用"})
	if !strings.Contains(res.Faces, "LXGWWenKai-Regular（内置）") || len(res.Problems) != 1 || res.Problems[0].Message != "处理整个文件夹时不使用" {
		t.Errorf("folder run: faces %q, problems %v", res.Faces, res.Problems)
	}
}
