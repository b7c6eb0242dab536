package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"nianbao/app"
	"nianbao/internal/atomicfile"
	"nianbao/internal/lazyre"
	"nianbao/internal/oserr"
	"nianbao/report"
	"nianbao/xlsx"
)

// Exit codes.
const (
	exitOK       = 0 // no file has errors (warnings allowed)
	exitProblems = 1 // some file has errors
	exitUsage    = 2 // usage errors, or a file could not be read
)

type command struct {
	name    string
	summary string
	usage   string
	help    string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{name: "template", summary: "生成空白的年报模板工作簿", usage: "nianbao template [-o 文件名] [--from 上年.xlsx]", help: templateHelp, run: runTemplate},
		{name: "build", summary: "检查并生成可直接打印的 PDF 年度报告", usage: "nianbao build [-o 文件夹] [--draft] [--previous 上年.xlsx] 工作簿.xlsx...", help: buildHelp, run: runBuild},
		{name: "batch", summary: "处理一个文件夹里的所有工作簿，生成 PDF 和处理结果清单", usage: "nianbao batch [文件夹 | 工作簿.xlsx...] [-o 输出文件夹] [--jobs N] [-r]", help: batchHelp, run: runBatch},
		{name: "sum", summary: "汇总各单位的工作簿：合计表格、列出未提交和有错误的单位", usage: "nianbao sum [文件夹 | 工作簿.xlsx...] [-o 输出文件夹] [--units 单位名单.txt] [--year 年度] [--name 汇总名称] [--include-errors] [-r]", help: sumHelp, run: runSum},
		{name: "check", summary: "检查填好的工作簿：表格总计、勾稽关系、正文与表格是否一致", usage: "nianbao check [--json] [--previous 上年.xlsx] 工作簿.xlsx...", help: checkHelp, run: runCheck},
		{name: "help", summary: "显示某个命令的说明", usage: "nianbao help 命令", run: nil},
	}
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return &c
		}
	}
	return nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Started with no arguments (a double-click), or with workbooks dropped
	// onto the program.
	if len(args) == 0 || args[0] == noWaitFlag || dropped(args) {
		return runDoubleClick(args, stdin, stdout, stderr)
	}
	switch args[0] {
	case "-h", "--help":
		usage(stdout)
		return exitOK
	case "-v", "--version":
		fmt.Fprintf(stdout, "nianbao %s\n", version)
		return exitOK
	case "help":
		if len(args) < 2 {
			usage(stdout)
			return exitOK
		}
		c := known(args[1], stderr)
		if c == nil {
			return exitUsage
		}
		fmt.Fprintf(stdout, "用法：%s\n\n%s", c.usage, c.help)
		return exitOK
	}
	c := known(args[0], stderr)
	if c == nil {
		return exitUsage
	}
	return c.run(args[1:], stdin, stdout, stderr)
}

// known returns the command of that name, or says there is none.
func known(name string, stderr io.Writer) *command {
	c := findCommand(name)
	if c == nil || c.run == nil {
		fmt.Fprintf(stderr, "没有「%s」这个命令。\n\n", name)
		usage(stderr)
		return nil
	}
	return c
}

func usage(w io.Writer) {
	fmt.Fprint(w, "nianbao：把填好的政府信息公开工作年度报告工作簿变成可直接打印的 PDF，并核对表格里的每个总计。\n\n命令：\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
例子：
  nianbao build 平罗县自然资源局.xlsx     检查并生成 PDF（与工作簿放在同一文件夹）
  nianbao batch D:\年报                   处理文件夹里的所有工作簿，PDF 放在 D:\年报\输出
  nianbao template -o 年报模板.xlsx      生成空白模板，发给各单位填写

不带参数运行（例如双击程序），会处理程序所在文件夹里的所有工作簿。
  nianbao check 平罗县自然资源局.xlsx     检查一个填好的工作簿

每个命令的详细说明：nianbao help 命令，例如 nianbao help check
`)
}

// newFlags returns a flag set whose errors and help are in Chinese.
func newFlags(c *command, stdout, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolP("help", "h", false, "显示本说明")
	return fs
}

// parseFlags parses args; it returns the exit code to stop with, or -1 to go on.
func parseFlags(fs *pflag.FlagSet, c *command, args []string, stdout, stderr io.Writer) int {
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "参数有误：%s\n用法：%s\n详细说明：nianbao help %s\n", flagError(err), c.usage, c.name)
		return exitUsage
	}
	if h, _ := fs.GetBool("help"); h {
		fmt.Fprintf(stdout, "用法：%s\n\n%s", c.usage, c.help)
		return exitOK
	}
	return -1
}

var invalidArg = lazyre.New(`^invalid argument "(.*)" for "(.*?)" flag`)

// flagError puts pflag's English error into Chinese.
func flagError(err error) string {
	s := err.Error()
	switch {
	case strings.HasPrefix(s, "unknown flag: "), strings.HasPrefix(s, "unknown shorthand flag: "):
		return "没有这个选项 " + s[strings.LastIndex(s, " ")+1:]
	case strings.HasPrefix(s, "flag needs an argument: "):
		return "选项后面缺少值：" + strings.TrimPrefix(s, "flag needs an argument: ")
	case strings.HasPrefix(s, "invalid argument "):
		if m := invalidArg().FindStringSubmatch(s); m != nil {
			return fmt.Sprintf("选项 %s 的值「%s」不对，应为整数", m[2], report.Quote(m[1], 40))
		}
		return "选项的值不对"
	case strings.HasPrefix(s, "bad flag syntax: "):
		return "选项的写法不对：" + report.Quote(strings.TrimPrefix(s, "bad flag syntax: "), 40)
	}
	return s
}

const templateHelp = `生成空白的年报模板工作簿（.xlsx），发给各单位填写。模板里有填写说明、基本信息、
正文、表二、表三、表四六张工作表，表格的文字和格式与国办公开办函〔2021〕30号一致。

选项：
  -o, --output 文件名   保存到哪里（默认：当前文件夹的「年报模板.xlsx」；用 --from 时为上年工作簿
                        旁边的「<机关名称><年度>年.xlsx」）
      --from 上年.xlsx  从本单位上一年度的工作簿生成下一年度的工作簿：报告年度加 1，基本信息照抄，
                        表三「二、上年结转」按列填上年的「四、结转下年度继续办理」，表二现行有效件数
                        照抄，其他数字留空；正文保留上年的标题和段落（段落为灰色），请逐段改写

例子：
  nianbao template
  nianbao template -o D:\年报\年报模板.xlsx
  nianbao template --from 平罗县自然资源局2024.xlsx
`

func runTemplate(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	c := findCommand("template")
	fs := newFlags(c, stdout, stderr)
	out := fs.StringP("output", "o", "年报模板.xlsx", "")
	from := fs.String("from", "", "")
	if code := parseFlags(fs, c, args, stdout, stderr); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "参数有误：template 不需要「%s」。\n用法：%s\n", fs.Arg(0), c.usage)
		return exitUsage
	}
	if *from != "" {
		return templateFrom(*from, *out, fs.Changed("output"), stdout, stderr)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(stderr, "「%s」已经存在，没有覆盖它（里面可能有已填的内容）。请换一个文件名：nianbao template -o 新文件名.xlsx\n", *out)
		return exitUsage
	}
	app.RemoveStale(filepath.Dir(*out))
	var b bytes.Buffer
	if err := xlsx.WriteTemplate(&b, nil); err != nil {
		fmt.Fprintf(stderr, "生成模板失败（%s），请重新解压工具后再试。\n", report.Quote(err.Error(), 80))
		return exitUsage
	}
	if err := atomicfile.Write(*out, b.Bytes()); err != nil {
		fmt.Fprintf(stderr, "无法保存「%s」：%s\n", *out, oserr.Explain(err))
		return exitUsage
	}
	fmt.Fprintf(stdout, "已生成空白模板：%s\n", *out)
	return exitOK
}

// templateFrom writes next year's workbook started from last year's.
func templateFrom(from, out string, outGiven bool, stdout, stderr io.Writer) int {
	last, _, err := xlsx.Read(from)
	if err != nil {
		fmt.Fprintf(stderr, "无法读取上年的工作簿：%v\n", err)
		return exitUsage
	}
	if last.Agency == "" || last.Year == 0 {
		fmt.Fprintf(stderr, "「%s」的基本信息里没有机关名称或报告年度，无法生成下一年度的工作簿；请先补上。\n", from)
		return exitUsage
	}
	if !outGiven {
		out = filepath.Join(filepath.Dir(from), app.SafeName(fmt.Sprintf("%s%d年", last.Agency, last.Year+1))+".xlsx")
	}
	if _, err := os.Stat(out); err == nil {
		fmt.Fprintf(stderr, "「%s」已经存在，没有覆盖它（里面可能有已填的内容）。请换一个文件名：nianbao template --from %s -o 新文件名.xlsx\n", out, from)
		return exitUsage
	}
	var b bytes.Buffer
	if err := xlsx.WriteNextYear(&b, last); err != nil {
		fmt.Fprintf(stderr, "生成工作簿失败（%s），请重新解压工具后再试。\n", report.Quote(err.Error(), 80))
		return exitUsage
	}
	if err := atomicfile.Write(out, b.Bytes()); err != nil {
		fmt.Fprintf(stderr, "无法保存「%s」：%s\n", out, oserr.Explain(err))
		return exitUsage
	}
	fmt.Fprintf(stdout, "已生成 %d 年度的工作簿：%s\n表三「二、上年结转」和表二现行有效件数已按上年填好，其他数字请填写；正文里灰色的段落是上年的，请逐段改写。\n", last.Year+1, out)
	return exitOK
}

// previousExists says whether the workbook given to --previous is there;
// an empty name is none given.
func previousExists(path string, stderr io.Writer) bool {
	if path == "" {
		return true
	}
	if st, err := os.Stat(path); err != nil || st.IsDir() {
		fmt.Fprintf(stderr, "找不到上年的工作簿「%s」；请检查 --previous 后面的文件名。\n", path)
		return false
	}
	return true
}

const checkHelp = `检查填好的年报工作簿，不生成 PDF。核对的内容：
  · 表三每一列：一+二 = （七）总计+四（勾稽关系）
  · 表三每一行的总计、（七）总计行，表四的三个总计
  · 数字是否为不小于 0 的整数（收费金额可带小数）
  · 正文里提到的件数与表格是否一致，六个部分是否齐全，年份是否一致

每个问题都指出工作表和单元格。有「错误」的工作簿不能生成报告；「警告」请核对，不影响生成。

选项：
      --json                以 JSON 输出问题清单（每项有 file、rule、severity、sheet、cell、message）
      --previous 上年.xlsx  同时与本单位上一年度的工作簿核对：本年「二、上年结转」应等于上年
                            「四、结转下年度继续办理」，现行有效件数应接得上，正文不宜照抄上年

退出码：0 没有错误（可以有警告）；1 有工作簿存在错误；2 参数有误或有文件无法读取。

例子：
  nianbao check 平罗县自然资源局.xlsx
  nianbao check *.xlsx
  nianbao check --previous 平罗县自然资源局2024.xlsx 平罗县自然资源局2025.xlsx
`

type jsonProblem struct {
	File     string          `json:"file"`
	Rule     string          `json:"rule"`
	Severity report.Severity `json:"severity"`
	Sheet    string          `json:"sheet"`
	Cell     string          `json:"cell"`
	Message  string          `json:"message"`
}

func runCheck(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	c := findCommand("check")
	fs := newFlags(c, stdout, stderr)
	asJSON := fs.Bool("json", false, "")
	previous := fs.String("previous", "", "")
	if code := parseFlags(fs, c, args, stdout, stderr); code >= 0 {
		return code
	}
	if !previousExists(*previous, stderr) {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "请给出要检查的工作簿。\n用法：%s\n", c.usage)
		return exitUsage
	}
	code := exitOK
	list := []jsonProblem{}
	for _, path := range fs.Args() {
		if xlsx.IsLockFile(path) {
			if !*asJSON {
				fmt.Fprintf(stdout, "%s：Excel 或 WPS 的临时锁文件，已跳过\n\n", path)
			}
			continue
		}
		app.RemoveStale(filepath.Dir(path))
		r, res := app.Check(path)
		if r != nil {
			app.ComparePrevious(r, &res, *previous)
		}
		if res.Err != nil {
			code = exitUsage
			if *asJSON {
				list = append(list, jsonProblem{File: path, Rule: "读取", Severity: report.Error, Message: res.Err.Error()})
				continue
			}
			fmt.Fprintf(stdout, "%s：%v\n\n", path, res.Err)
			continue
		}
		if res.Refused != nil {
			var re *xlsx.RefusedError
			rule := "读取"
			if errors.As(res.Refused, &re) && re.Rule != "" {
				rule = re.Rule
			}
			code = exitUsage
			if *asJSON {
				sheet := ""
				if re != nil {
					sheet = re.Sheet
				}
				list = append(list, jsonProblem{File: path, Rule: rule, Severity: report.Error, Sheet: sheet, Message: res.Refused.Error()})
				continue
			}
			fmt.Fprintf(stdout, "%s：无法读取\n  %s\n\n", path, strings.TrimPrefix(res.Refused.Error(), filepath.Base(path)+"："))
			continue
		}
		if report.HasErrors(res.Problems) && code == exitOK {
			code = exitProblems
		}
		if *asJSON {
			for _, p := range res.Problems {
				list = append(list, jsonProblem{File: path, Rule: p.Rule, Severity: p.Severity, Sheet: p.Sheet, Cell: p.Cell, Message: p.String()})
			}
			continue
		}
		printProblems(stdout, path, res.Problems)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
	}
	return code
}

func printProblems(w io.Writer, file string, ps []report.Problem) {
	errs, warns := 0, 0
	for _, p := range ps {
		switch p.Severity {
		case report.Error:
			errs++
		case report.Warning:
			warns++
		}
	}
	switch {
	case len(ps) == 0:
		fmt.Fprintf(w, "%s：没有发现问题\n\n", file)
		return
	case errs == 0 && warns == 0:
		fmt.Fprintf(w, "%s：没有错误和警告，%d 处警告已核对\n", file, len(ps))
	case errs == 0:
		fmt.Fprintf(w, "%s：没有错误，有 %d 处警告\n", file, warns)
	case warns == 0:
		fmt.Fprintf(w, "%s：有 %d 处错误\n", file, errs)
	default:
		fmt.Fprintf(w, "%s：有 %d 处错误、%d 处警告\n", file, errs, warns)
	}
	for _, p := range ps {
		fmt.Fprintf(w, "  %s [%s] %s\n", p.Severity, p.Rule, p)
	}
	fmt.Fprintln(w)
}

const buildHelp = `先检查工作簿（同 nianbao check），没有错误就生成 A4 PDF 年度报告，文件名为
「<机关名称><年度>年政府信息公开工作年度报告.pdf」。版式按 GB/T 9704 公文格式：
标题、各级标题、正文仿宋三号，每张表完整地排在一页上，所有表格用同一字体字号。

有错误时不生成 PDF，并列出每个错误所在的工作表和单元格。

选项：
  -o, --output 文件夹   PDF 保存到哪个文件夹（默认：与工作簿相同的文件夹）
      --draft           即使有错误也生成 PDF，每页印上「草稿 — 未通过校验」，供内部核对
      --previous 上年.xlsx 同时与本单位上一年度的工作簿核对（上年结转、现行有效件数、正文重复）
      --font-dir 文件夹 先在这个文件夹里找公文字体
      --table-font 字体名 表格用这种字体（字体文件里的名称，如「宋体」「SimSun」）；
                        默认与正文相同（仿宋）

字体：按字体文件里的名称（不看文件名）依次在 --font-dir 指定的文件夹、工作簿「基本信息」
「字体」一栏所填的文件夹（只能是工作簿旁边的文件夹）、程序旁的「字体」文件夹、本机的字体
文件夹（Windows 的 Fonts 文件夹，统信 UOS、麒麟的系统、用户和 WPS 字体文件夹）里找
方正小标宋简体、黑体、楷体_GB2312（楷体）、仿宋_GB2312（仿宋）和宋体；找不到的用内置的
免费字体代替。某个字在第一种字体里没有时，用同一用途的下一种字体印这个字，并在屏幕上列出。
禁止嵌入的字体和 CFF 轮廓的 .otf 字体无法使用，会跳过并说明。

退出码：0 全部生成（可以有警告）；1 有工作簿存在错误未生成；2 参数有误、文件无法读取或无法写入。

例子：
  nianbao build 平罗县自然资源局.xlsx
  nianbao build -o D:\年报\PDF 平罗县自然资源局.xlsx 平罗县教育局.xlsx
  nianbao build --draft 平罗县自然资源局.xlsx
`

func runBuild(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	c := findCommand("build")
	fs := newFlags(c, stdout, stderr)
	out := fs.StringP("output", "o", "", "")
	draft := fs.Bool("draft", false, "")
	fontDir := fs.String("font-dir", "", "")
	tableFont := fs.String("table-font", "", "")
	previous := fs.String("previous", "", "")
	if code := parseFlags(fs, c, args, stdout, stderr); code >= 0 {
		return code
	}
	if !previousExists(*previous, stderr) {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "请给出要生成报告的工作簿。\n用法：%s\n", c.usage)
		return exitUsage
	}
	if *out != "" {
		if st, err := os.Stat(*out); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "输出文件夹「%s」不存在，请先建立它，或换一个文件夹。\n", *out)
			return exitUsage
		}
	}
	faces, fontDirs, err := findFonts(*fontDir, *tableFont, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "内置字体损坏，无法生成：%v\n", err)
		return exitUsage
	}
	code := exitOK
	var paths []string
	for _, path := range fs.Args() {
		if xlsx.IsLockFile(path) {
			fmt.Fprintf(stdout, "%s：Excel 或 WPS 的临时锁文件，已跳过\n\n", path)
			continue
		}
		paths = append(paths, path)
		if *out == "" {
			app.RemoveStale(filepath.Dir(path))
		}
	}
	if *out != "" {
		app.RemoveStale(*out)
	}
	// One after the other in this process; of two workbooks that would
	// give the same PDF name, the first named gets it.
	results := app.Run(paths, app.Options{OutDir: *out, Draft: *draft, Fonts: faces, FontDirs: fontDirs, TableFont: *tableFont, Previous: *previous}, 1, nil)
	for _, res := range results {
		path := res.Input
		for _, n := range res.Notes {
			fmt.Fprintf(stdout, "%s：%s\n", path, n)
		}
		switch res.Outcome() {
		case app.Passed:
			fmt.Fprintf(stdout, "%s：%s\n\n", path, res.Line())
			continue
		case app.Unreadable, app.Unwritten:
			fmt.Fprintf(stdout, "%s：%s\n  %s\n\n", path, res.Status(), res.Detail()[0])
			code = exitUsage
			continue
		}
		if res.Output == "" {
			printProblems(stdout, path, res.Problems)
			if res.Marked != "" {
				fmt.Fprintf(stdout, "  %s\n", app.MarkedLine(res.Marked))
			}
			fmt.Fprintf(stdout, "  %s 有错误，未生成 PDF。请在原工作簿里改正后再运行；如需内部核对，可加 --draft 生成草稿。\n\n", filepath.Base(path))
			if code == exitOK {
				code = exitProblems
			}
			continue
		}
		if len(res.Problems) > 0 {
			printProblems(stdout, path, res.Problems)
		}
		draftNote := ""
		if report.HasErrors(res.Problems) {
			draftNote = "（草稿，未通过校验）"
			if code == exitOK {
				code = exitProblems
			}
		}
		if res.Faces != faces.Describe() {
			fmt.Fprintf(stdout, "字体：%s\n", res.Faces)
		}
		if res.Fallbacks != "" {
			fmt.Fprintf(stdout, "缺字改用其他字体：%s\n", res.Fallbacks)
		}
		fmt.Fprintf(stdout, "已生成%s：%s（%d 页）\n", draftNote, res.Output, res.Pages)
	}
	return code
}
