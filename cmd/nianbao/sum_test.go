package main

import (
	"bytes"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/internal/testtool"
	"nianbao/internal/testtool/testbook"
	"nianbao/report"
	"nianbao/templates"
	"nianbao/xlsx"
)

// sumFolder fills a folder as a county office gets it: three units' good
// workbooks (one named differently from the list), one with an error, two
// of the same unit, one that is no workbook, the files a folder also
// holds, and a 单位名单 in GBK with a unit that sent nothing. It returns the
// folder and the reports that must be summed.
func sumFolder(t *testing.T) (string, []*report.Report) {
	t.Helper()
	dir := t.TempDir()
	good := testbook.Units(t, dir, 10)
	os.WriteFile(filepath.Join(dir, "~$公安局.xlsx"), []byte("lock"), 0o644)
	os.WriteFile(filepath.Join(dir, templates.BlankName), templates.Blank(), 0o644)
	os.WriteFile(filepath.Join(dir, templates.ExampleName), templates.ExampleWorkbook(), 0o644)
	list, err := simplifiedchinese.GBK.NewEncoder().String("平罗县自然资源局\r\n平罗县教育局\r\n平罗县公安局\r\n平罗县财政局\r\n平罗县卫生健康局\r\n平罗县民政局\r\n")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "单位名单.txt"), []byte(list), 0o644)
	return dir, good
}

// pdfPages returns the text of every page of a PDF.
func pdfPages(t *testing.T, path string) []string {
	t.Helper()
	testtool.Need(t, "pdftotext")
	var pages []string
	for n := 1; ; n++ {
		out, err := exec.Command("pdftotext", "-layout", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), path, "-").Output()
		if err != nil {
			break
		}
		pages = append(pages, string(out))
		if n > 50 {
			t.Fatal("more than 50 pages")
		}
	}
	return pages
}

func TestSumCommand(t *testing.T) {
	dir, good := sumFolder(t)
	code, stdout, stderr := runArgs("sum", "--jobs", "2", dir)
	if code != exitProblems {
		t.Errorf("exit %d, want %d\n%s%s", code, exitProblems, stdout, stderr)
	}
	for _, s := range []string{
		"单位名单：", "（6 个单位）", "[8/8]",
		"跳过 " + templates.ExampleName + "：工具自带的示例工作簿", "跳过 ~$公安局.xlsx：", templates.BlankName + " … 空白的年报模板",
		"财政局.xlsx … 平罗县财政局，有 2 处错误",
		"2024 年，共 7 个工作簿：已汇总 3 个，有错误未汇总 1 个，名称重复未汇总 2 个，无法读取 1 个；单位名单 6 个单位，未提交 1 个，名称不一致 1 个。",
		"未提交（1 个）：平罗县民政局",
		"名称不一致？单位名单上是「平罗县教育局」，工作簿「平罗县教育体育局.xlsx」填的是「平罗县教育体育局」",
		"[有错误未汇总] 财政局.xlsx", "错误 [R1] 表三", "「标注-财政局.xlsx」",
		"[名称重复未汇总] 卫健局.xlsx", "与「卫健局（新）.xlsx」的机关名称和报告年度相同",
		"[无法读取] 损坏.xlsx",
		"汇总-2024.xlsx", "汇总-2024.csv", "汇总-2024.pdf",
	} {
		if !strings.Contains(stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, stdout)
		}
	}
	if strings.Contains(stdout, templates.ExampleName+" … ") || strings.Contains(stdout, "未汇总] "+templates.BlankName) {
		t.Errorf("the example or the blank template was taken for a unit:\n%s", stdout)
	}
	out := filepath.Join(dir, "输出")

	// Every figure of the roll-up workbook is the sum of the units'.
	wb := filepath.Join(out, "汇总-2024.xlsx")
	r, probs, err := xlsx.Read(wb)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(probs, report.Check(r)...) {
		if p.Severity == report.Error {
			t.Errorf("the roll-up workbook has an error: %s", p)
		}
	}
	if r.Agency != "平罗县汇总（3 个单位）" || r.Year != 2024 {
		t.Errorf("基本信息: %q %d", r.Agency, r.Year)
	}
	for _, tb := range report.Tables() {
		for _, f := range tb.Fields() {
			if f.IsFee() {
				want := new(big.Rat)
				for _, u := range good {
					x, _ := new(big.Rat).SetString(u.Fee.String())
					want.Add(want, x)
				}
				if got, _ := new(big.Rat).SetString(r.Fee.String()); got.Cmp(want) != 0 {
					t.Errorf("fee %s, want %s", r.Fee, want.FloatString(4))
				}
				continue
			}
			var want int64
			for _, u := range good {
				want += u.Count(f)
			}
			if got := r.Count(f); got != want {
				t.Errorf("%s %s: %d, want %d", tb.Sheet, report.FieldLabel(f), got, want)
			}
		}
	}
	if code, out, _ := runArgs("check", wb); code != exitOK {
		t.Errorf("check of the roll-up workbook: exit %d\n%s", code, out)
	}
	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("汇总单位")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	sheet := fmt.Sprint(rows)
	for _, s := range []string{"平罗县民政局  未提交", "平罗县教育体育局 平罗县教育体育局.xlsx 已汇总", "无法读取", "合计（已汇总 3 个单位）", "名称不一致？"} {
		if !strings.Contains(sheet, s) {
			t.Errorf("sheet 汇总单位 lacks %q: %v", s, rows)
		}
	}

	csv, err := os.ReadFile(filepath.Join(out, "汇总-2024.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(csv, []byte("\uFEFF序号,单位,文件,状态,新收,办结")) || !bytes.Contains(csv, []byte("平罗县民政局,,未提交")) ||
		!bytes.Contains(csv, []byte("名称不一致？单位名单上是「平罗县教育局」")) || bytes.Count(csv, []byte("\r\n")) != 9 {
		t.Errorf("CSV:\n%s", csv)
	}
	if _, err := os.Stat(filepath.Join(out, "标注-财政局.xlsx")); err != nil {
		t.Errorf("no marked copy: %v", err)
	}

	// The PDF: the overview first, then each table whole on its own page.
	pages := pdfPages(t, filepath.Join(out, "汇总-2024.pdf"))
	all := strings.Join(pages, "\f")
	overviewText := ""
	for _, p := range pages {
		if strings.Contains(p, "二、主动公开政府信息情况") {
			break
		}
		overviewText += p
	}
	for _, s := range []string{"年政府信息公开工作年度报告汇总表", "平罗县民政局", "名称不一致？", "平罗县教育局", "未汇总的工作簿", "财政局.xlsx", "跳过的文件", templates.BlankName} {
		if !strings.Contains(overviewText, s) {
			t.Errorf("the overview lacks %q:\n%s", s, all)
		}
	}
	heads := []struct{ first, last string }{
		{"二、主动公开政府信息情况", "行政事业性收费"},
		{"三、收到和处理政府信息公开申请情况", "四、结转下年度继续办理"},
		{"四、政府信息公开行政复议、行政诉讼情况", "复议后起诉"},
	}
	for _, h := range heads {
		found := 0
		for i, p := range pages {
			if strings.Contains(p, h.first) {
				found++
				if !strings.Contains(p, h.last) {
					t.Errorf("page %d has %s but not its end %s", i+1, h.first, h.last)
				}
				if strings.Contains(p, "汇总表") {
					t.Errorf("page %d has %s with the overview", i+1, h.first)
				}
			}
		}
		if found != 1 {
			t.Errorf("%s is on %d pages", h.first, found)
		}
	}
	if strings.Contains(all, "含未通过校验的单位") {
		t.Error("marked as including units with errors")
	}
}

func TestSumIncludeErrors(t *testing.T) {
	dir, _ := sumFolder(t)
	out := t.TempDir()
	code, stdout, stderr := runArgs("sum", "--include-errors", "--name", "平罗县各部门", "-o", out, dir)
	if code != exitProblems || !strings.Contains(stdout, "已汇总 4 个（其中 1 个有错误）") || !strings.Contains(stdout, "每页印有「含未通过校验的单位」") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	pages := pdfPages(t, filepath.Join(out, "汇总-2024.pdf"))
	for i, p := range pages {
		if strings.TrimSpace(p) != "" && !strings.Contains(p, "含未通过校验的单位") {
			t.Errorf("page %d is not marked:\n%s", i+1, p)
		}
	}
	if !strings.Contains(pages[0], "平罗县各部门") {
		t.Errorf("the name given is not the title:\n%s", pages[0])
	}
}

func TestSumExitCodes(t *testing.T) {
	two := func(t *testing.T, years ...int) string {
		dir := t.TempDir()
		for i, y := range years {
			testbook.Write(t, filepath.Join(dir, fmt.Sprintf("单位%d.xlsx", i)), testtool.Unit(fmt.Sprintf("平罗县第%d局", i), y, uint64(i)))
		}
		return dir
	}
	t.Run("all good", func(t *testing.T) {
		dir := two(t, 2024, 2024)
		expect(t, []string{"sum", dir}, exitOK, []string{"已汇总 2 个。", "汇总-2024.pdf"}, nil)
	})
	t.Run("listed unit missing", func(t *testing.T) {
		dir := two(t, 2024, 2024)
		list := filepath.Join(t.TempDir(), "名单.txt")
		os.WriteFile(list, []byte("平罗县第0局\n平罗县第1局\n平罗县第9局\n"), 0o644)
		expect(t, []string{"sum", "--units", list, dir}, exitOK, []string{"未提交（1 个）：平罗县第9局"}, nil)
	})
	t.Run("years differ", func(t *testing.T) {
		dir := two(t, 2024, 2023)
		expect(t, []string{"sum", dir}, exitUsage, nil, []string{"报告年度不一致：2023 年 1 个（「单位1.xlsx」），2024 年 1 个（「单位0.xlsx」）", "--year"})
		if _, err := os.Stat(filepath.Join(dir, "输出", "汇总-2024.xlsx")); err == nil {
			t.Error("a roll-up was written")
		}
	})
	t.Run("year chosen", func(t *testing.T) {
		dir := two(t, 2024, 2023)
		expect(t, []string{"sum", "--year", "2023", dir}, exitProblems, []string{"[其他年度未汇总] 单位0.xlsx", "已汇总 1 个"}, nil)
	})
	t.Run("empty folder", func(t *testing.T) {
		expect(t, []string{"sum", t.TempDir()}, exitUsage, nil, []string{"没有要汇总的工作簿"})
	})
	t.Run("nothing readable", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "坏.xlsx"), []byte("x"), 0o644)
		expect(t, []string{"sum", dir}, exitProblems, []string{"坏.xlsx … 无法读取"}, []string{"所有工作簿都无法读取"})
	})
	t.Run("no list file", func(t *testing.T) {
		expect(t, []string{"sum", "--units", filepath.Join(t.TempDir(), "无.txt"), two(t, 2024)}, exitUsage, nil, []string{"无法读取单位名单"})
	})
	t.Run("help", func(t *testing.T) {
		expect(t, []string{"help", "sum"}, exitOK, []string{"用法：nianbao sum", "单位名单", "--include-errors", "退出码"}, nil)
	})
	t.Run("bad year flag", func(t *testing.T) {
		expect(t, []string{"sum", "--year", "24", two(t, 2024)}, exitUsage, nil, []string{"--year"})
	})
	t.Run("output not writable", func(t *testing.T) {
		dir := two(t, 2024)
		blocker := filepath.Join(t.TempDir(), "文件")
		os.WriteFile(blocker, []byte("x"), 0o644)
		expect(t, []string{"sum", "-o", filepath.Join(blocker, "输出"), dir}, exitUsage, nil, []string{"无法建立输出文件夹"})
	})
}
