package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"nianbao/app"
	"nianbao/fonts"
	"nianbao/internal/oserr"
	"nianbao/report"
	"nianbao/rollup"
)

const sumHelp = `县（市、区）政务公开办公室汇总各单位的年度报告：逐个读取并检查各单位的工作簿（与
nianbao check 相同），把没有错误的加总，在输出文件夹里生成：
  · 汇总-<年度>.xlsx   与年报模板格式相同的汇总工作簿（表二、表三、表四为各单位之和，
                       收费金额精确到万元的小数），另有「汇总单位」工作表列出每个单位
  · 汇总-<年度>.pdf    先是汇总表（每个单位一行：状态、新收、办结、结转下年、复议、诉讼、
                       收费、错误和警告数），列出未提交、名称不一致和未汇总的单位及原因；
                       然后是汇总后的表二、表三、表四，每张表完整地排在一页上
  · 汇总-<年度>.csv    汇总表，可用 Excel、WPS 打开
有错误的单位不计入合计，并生成「标注-工作簿名.xlsx」标出有问题的格子。两个工作簿的机关名称
和年度相同时，两个都不计入，请核对。所有工作簿必须是同一个报告年度。

单位名单：一个文本文件，每行一个机关名称（记事本保存的即可，UTF-8 或 GBK 编码都行；也可以
从 Excel 复制序号和名称两列粘贴进来）。文件夹里有「单位名单.txt」时自动使用。名单上有、但没有收到工作簿的单位列为「未提交」；名称相近但
不完全相同的（如「平罗县教育局」与「平罗县教育体育局」）列为「名称不一致？」，请核对后统一。

跳过 Excel/WPS 的临时锁文件、空白模板、示例工作簿、标注副本、汇总结果和输出文件夹。

选项：
  -o, --output 文件夹     汇总结果保存到哪里（默认：工作簿所在文件夹下的「输出」）
      --units 文件        单位名单（默认：文件夹里的「单位名单.txt」，没有就不核对名单）
      --year 年度         只汇总这一年度的工作簿（文件夹里有几个年度时用）
      --name 名称         汇总的机关名称（默认：各单位共同的上级名称加「汇总（N 个单位）」，
                          如「平罗县汇总（25 个单位）」）
      --include-errors    有错误的单位也计入合计；每页印上「含未通过校验的单位」
  -r, --recursive         也汇总子文件夹里的工作簿
  -j, --jobs N            同时读取几个文件（默认：CPU 核数）

退出码：0 所有工作簿都已汇总（可以有警告，未提交的单位不影响）；1 有工作簿存在错误、重复、
年度不符或无法读取；2 参数有误、没有可汇总的工作簿、年度不一致或无法写入输出文件夹。

例子：
  nianbao sum D:\各单位年报
  nianbao sum --units D:\单位名单.txt --name 平罗县 D:\各单位年报
  nianbao sum --year 2024 -o D:\汇总 D:\各单位年报
`

func runSum(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	c := findCommand("sum")
	fs := newFlags(c, stdout, stderr)
	out := fs.StringP("output", "o", "", "")
	unitsFile := fs.String("units", "", "")
	year := fs.Int("year", 0, "")
	name := fs.String("name", "", "")
	includeErrors := fs.Bool("include-errors", false, "")
	recursive := fs.BoolP("recursive", "r", false, "")
	jobs := fs.IntP("jobs", "j", runtime.NumCPU(), "")
	if code := parseFlags(fs, c, args, stdout, stderr); code >= 0 {
		return code
	}
	if *jobs < 1 {
		fmt.Fprintf(stderr, "参数有误：--jobs 至少为 1。\n")
		return exitUsage
	}
	if *year != 0 && (*year < 2021 || *year > 2100) {
		fmt.Fprintf(stderr, "参数有误：--year 应是四位数的报告年度，如 2024（本格式自 2021 年度起使用）。\n")
		return exitUsage
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	return sumAll(paths, *out, *unitsFile, rollup.Options{Year: *year, Name: strings.TrimSpace(*name), IncludeErrors: *includeErrors, Jobs: *jobs, Worker: workerCommand}, *recursive, stdout, stderr)
}

// sumAll gathers the workbooks, sums them and writes the roll-up.
func sumAll(paths []string, out, unitsFile string, opt rollup.Options, recursive bool, stdout, stderr io.Writer) int {
	all, skipped, base, outDir, err := gather(paths, recursive, out)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	var inputs []string
	for _, p := range all {
		if why := rollup.NotUnit(p); why != "" {
			skipped = append(skipped, app.Skipped{Path: p, Why: why})
			continue
		}
		inputs = append(inputs, p)
	}
	for _, s := range skipped {
		fmt.Fprintf(stdout, "跳过 %s：%s\n", shown(base, s.Path), s.Why)
	}
	if len(inputs) == 0 {
		fmt.Fprintf(stderr, "「%s」里没有要汇总的工作簿（.xlsx）。请把各单位填好的工作簿放进这个文件夹。\n", base)
		return exitUsage
	}
	opt.Skipped = skipped
	if unitsFile == "" {
		if st, err := os.Stat(paths[0]); err == nil && st.IsDir() && len(paths) == 1 {
			if p := filepath.Join(paths[0], rollup.ListName); fileExists(p) {
				unitsFile = p
			}
		}
	}
	if unitsFile != "" {
		data, err := os.ReadFile(unitsFile)
		if err != nil {
			fmt.Fprintf(stderr, "无法读取单位名单「%s」：%s\n", unitsFile, oserr.Explain(err))
			return exitUsage
		}
		opt.Units = rollup.ParseList(data)
		fmt.Fprintf(stdout, "单位名单：%s（%d 个单位）\n", unitsFile, len(opt.Units))
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		fmt.Fprintf(stderr, "无法建立输出文件夹「%s」：%s可以用 -o 换一个文件夹。\n", outDir, oserr.Explain(err))
		return exitUsage
	}
	faces, err := fonts.Embedded()
	if err != nil {
		fmt.Fprintf(stderr, "内置字体损坏，无法生成：%v\n", err)
		return exitUsage
	}
	opt.MarkDir, opt.MarkedName = outDir, app.MarkedNames(base)
	total := len(inputs)
	opt.Progress = func(done int, u *rollup.Unit) {
		line := fmt.Sprintf("[%d/%d] %s … ", done, total, shown(base, u.File))
		switch {
		case u.Skip != "":
			line += u.Skip
		case u.Status == rollup.Unreadable:
			line += "无法读取：" + strings.Join(u.Reasons, "；")
		case u.Errors > 0:
			line += fmt.Sprintf("%s，有 %d 处错误", report.Quote(u.Name, 60), u.Errors)
		case u.Warnings > 0:
			line += fmt.Sprintf("%s，没有错误（%d 处警告）", report.Quote(u.Name, 60), u.Warnings)
		default:
			line += report.Quote(u.Name, 60) + "，没有错误"
		}
		fmt.Fprintln(stdout, line)
	}
	ro, err := rollup.Sum(inputs, opt)
	var ye *rollup.YearsError
	switch {
	case errors.As(err, &ye):
		fmt.Fprintf(stderr, "\n未汇总：%v\n", err)
		return exitUsage
	case errors.Is(err, rollup.ErrNothing):
		fmt.Fprintf(stderr, "\n%v：所有工作簿都无法读取或已跳过，请看上面每个文件的原因。\n", err)
		return exitProblems
	case err != nil:
		fmt.Fprintf(stderr, "\n未汇总：%v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "\n%s\n", ro.Summary())
	printRollup(stdout, ro, base)
	outs, probs, err := ro.Write(outDir, base, faces)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	code := exitOK
	if !ro.OK() {
		code = exitProblems
	}
	fmt.Fprintf(stdout, "\n汇总结果保存在：%s\n  %s（汇总工作簿，另有「汇总单位」工作表）\n  %s（汇总表，可用 Excel、WPS 打开）\n", outDir, filepath.Base(outs.Workbook), filepath.Base(outs.CSV))
	if len(probs) > 0 {
		fmt.Fprintln(stdout, "  汇总 PDF 未生成：")
		for _, p := range probs {
			fmt.Fprintf(stdout, "    %s\n", p)
		}
		return exitProblems
	}
	mark := ""
	if ro.WithErrors {
		mark = "，每页印有「" + rollup.WithErrorsMark + "」"
	}
	fmt.Fprintf(stdout, "  %s（汇总表和汇总后的表二、表三、表四，%d 页%s）\n", filepath.Base(outs.PDF), outs.Pages, mark)
	return code
}

// printRollup lists on the console what needs the office's attention: the
// units missing, the names that differ, and the workbooks not summed.
func printRollup(w io.Writer, ro *rollup.Rollup, base string) {
	var missing []string
	for i := range ro.Units {
		if u := &ro.Units[i]; u.Status == rollup.Missing {
			missing = append(missing, report.Quote(u.Name, 60))
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "未提交（%d 个）：%s\n", len(missing), strings.Join(missing, "、"))
	}
	for i := range ro.Units {
		u := &ro.Units[i]
		if u.Listed != "" {
			fmt.Fprintf(w, "名称不一致？单位名单上是「%s」，工作簿「%s」填的是「%s」；请核对是否同一单位，并统一名称。\n", report.Quote(u.Listed, 60), shown(base, u.File), report.Quote(u.Name, 60))
		}
		if u.Unlisted {
			fmt.Fprintf(w, "不在单位名单上：%s（%s）\n", report.Quote(u.Name, 60), shown(base, u.File))
		}
	}
	for i := range ro.Units {
		u := &ro.Units[i]
		if u.Status == rollup.Summed || u.Status == rollup.Missing {
			continue
		}
		fmt.Fprintf(w, "[%s] %s\n", u.Status, shown(base, u.File))
		for _, r := range u.Reasons {
			fmt.Fprintf(w, "    %s\n", r)
		}
		for _, l := range u.ErrorLines {
			fmt.Fprintf(w, "    %s\n", l)
		}
		if u.Marked != "" {
			fmt.Fprintf(w, "    %s\n", app.MarkedLine(u.Marked))
		}
		if u.MarkNote != "" {
			fmt.Fprintf(w, "    %s。\n", u.MarkNote)
		}
	}
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}
