package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"nianbao/app"
	"nianbao/internal/oserr"
)

// noWaitFlag keeps a double-click run from waiting for Enter at its end;
// the scripts pass it, as they pause themselves.
const noWaitFlag = "--no-wait"

// executableDir is the folder the program sits in; tests replace it.
var executableDir = func() string {
	p, err := os.Executable()
	if err != nil {
		return "."
	}
	return filepath.Dir(p)
}

// dropped reports whether args are paths (workbooks or a folder dropped
// onto the program) rather than a command.
func dropped(args []string) bool {
	if strings.HasPrefix(args[0], "-") || findCommand(args[0]) != nil {
		return false
	}
	_, err := os.Stat(args[0])
	return err == nil
}

const batchHelp = `处理一个文件夹里的所有工作簿（.xlsx），或列出的几个工作簿：逐个检查，没有错误的生成 PDF，
并在输出文件夹里写「处理结果.txt」和「处理结果.csv」（可用记事本、Excel、WPS 打开），列出每个
工作簿的结果和每个问题所在的工作表、单元格。一个文件出错不影响其他文件。

跳过 Excel/WPS 的临时锁文件（~$ 开头）、空白模板「年报模板.xlsx」和输出文件夹。

选项：
  -o, --output 文件夹   PDF 和处理结果保存到哪里（默认：工作簿所在文件夹下的「输出」）
  -r, --recursive       也处理子文件夹里的工作簿
  -j, --jobs N          同时处理几个文件（默认：CPU 核数）
      --draft           有错误的工作簿也生成草稿 PDF
      --font-dir 文件夹 先在这个文件夹里找公文字体（见 nianbao help build）
      --table-font 字体名 表格用这种字体，如「宋体」；默认与正文相同（仿宋）

处理整个文件夹时，不使用工作簿「基本信息」里「字体」一栏的设置（各单位的工作簿不能指定
读取哪里的文件）。

退出码：0 全部生成；1 有工作簿存在错误或无法读取、无法写入；2 没有可处理的工作簿或无法写入输出文件夹。

例子：
  nianbao batch D:\各单位年报
  nianbao batch -r -o D:\年报PDF D:\各单位年报
  nianbao batch 平罗县自然资源局.xlsx 平罗县教育局.xlsx

不带参数运行 nianbao（例如双击程序），等于处理程序所在文件夹；把工作簿拖到程序上，只处理拖入的文件。
`

func runBatch(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	c := findCommand("batch")
	fs := newFlags(c, stdout, stderr)
	out := fs.StringP("output", "o", "", "")
	recursive := fs.BoolP("recursive", "r", false, "")
	jobs := fs.IntP("jobs", "j", runtime.NumCPU(), "")
	draft := fs.Bool("draft", false, "")
	fontDir := fs.String("font-dir", "", "")
	tableFont := fs.String("table-font", "", "")
	if code := parseFlags(fs, c, args, stdout, stderr); code >= 0 {
		return code
	}
	if *jobs < 1 {
		fmt.Fprintf(stderr, "参数有误：--jobs 至少为 1。\n")
		return exitUsage
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	inputs, skipped, base, outDir, err := gather(paths, *recursive, *out)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	return processAll(inputs, skipped, base, outDir, app.Options{Draft: *draft, TableFont: *tableFont, IgnoreFontSetting: folderFonts(paths)}, *fontDir, *jobs, stdout, stderr)
}

// gather turns the paths given (one folder, or files) into the inputs, the
// files passed over, the folder they are shown relative to, and the output
// folder. A file named is always taken: it is built or refused with a
// reason, whatever it is.
func gather(paths []string, recursive bool, out string) (inputs []string, skipped []app.Skipped, base, outDir string, err error) {
	if len(paths) == 1 {
		if st, serr := os.Stat(paths[0]); serr == nil && st.IsDir() {
			base = paths[0]
			outDir = out
			if outDir == "" {
				outDir = filepath.Join(base, app.DefaultOutDir)
			}
			inputs, skipped, err = app.Collect(base, recursive, outDir)
			if err != nil {
				return nil, nil, "", "", fmt.Errorf("无法读取文件夹「%s」：%s", base, oserr.Explain(err))
			}
			return inputs, skipped, base, outDir, nil
		}
	}
	for _, p := range paths {
		st, serr := os.Lstat(p)
		switch {
		case serr != nil:
			return nil, nil, "", "", fmt.Errorf("找不到「%s」，请检查文件名和所在文件夹。", p)
		case st.IsDir():
			return nil, nil, "", "", fmt.Errorf("「%s」是文件夹；一次只能处理一个文件夹，或列出几个工作簿。", p)
		}
		inputs = append(inputs, p)
	}
	base = filepath.Dir(paths[0])
	outDir = out
	if outDir == "" {
		outDir = filepath.Join(base, app.DefaultOutDir)
	}
	return inputs, nil, base, outDir, nil
}

// workerCommand starts this program as a worker process of a folder run.
func workerCommand() *exec.Cmd {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), app.WorkerEnv+"=1")
	return cmd
}

// processAll runs the batch, printing a line per file as it finishes and a
// summary, and writes the result logs.
func processAll(inputs []string, skipped []app.Skipped, base, outDir string, opt app.Options, fontDir string, jobs int, stdout, stderr io.Writer) int {
	if len(inputs) == 0 {
		for _, s := range skipped {
			fmt.Fprintf(stdout, "跳过 %s：%s\n", shown(base, s.Path), s.Why)
		}
		fmt.Fprintf(stderr, "「%s」里没有要处理的工作簿（.xlsx）。请把填好的工作簿放进这个文件夹，或把工作簿拖到程序上。\n", base)
		return exitUsage
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		fmt.Fprintf(stderr, "无法建立输出文件夹「%s」：%s请换一个文件夹（-o）。\n", outDir, oserr.Explain(err))
		return exitUsage
	}
	app.RemoveStale(outDir)
	faces, fontDirs, err := findFonts(fontDir, opt.TableFont, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "内置字体损坏，无法生成：%v\n", err)
		return exitUsage
	}
	opt.Fonts, opt.FontDirs, opt.OutDir = faces, fontDirs, outDir
	opt.MarkedName = app.MarkedNames(base)
	if opt.Worker == nil {
		opt.Worker = workerCommand
	}
	for _, s := range skipped {
		fmt.Fprintf(stdout, "跳过 %s：%s\n", shown(base, s.Path), s.Why)
	}
	total := len(inputs)
	results := app.Run(inputs, opt, jobs, func(done int, r app.Result) {
		line := fmt.Sprintf("[%d/%d] %s … ", done, total, shown(base, r.Input))
		line += r.Line()
		fmt.Fprintln(stdout, line)
		for _, n := range r.Notes {
			fmt.Fprintln(stdout, "    "+n)
		}
	})
	results = append(results, app.SkippedResults(skipped)...)
	sort.SliceStable(results, func(i, j int) bool { return results[i].Input < results[j].Input })
	fmt.Fprintf(stdout, "\n%s\n", app.Summary(results))
	if err := app.WriteLogs(outDir, base, results); err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "PDF 和处理结果（%s、%s）保存在：%s\n", app.LogText, app.LogCSV, outDir)
	for i := range results {
		if !results[i].OK() {
			fmt.Fprintf(stdout, "有问题的文件和要改的地方，请看「%s」。\n", app.LogText)
			return exitProblems
		}
	}
	return exitOK
}

// shown is a file's path as the console shows it: relative to base when
// it lies below it.
func shown(base, path string) string {
	if rel, err := filepath.Rel(base, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// runDoubleClick processes the program's own folder, or the workbooks
// dropped onto it, and waits for Enter so the window stays open.
func runDoubleClick(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	wait := true
	var paths []string
	for _, a := range args {
		if a == noWaitFlag {
			wait = false
		} else {
			paths = append(paths, a)
		}
	}
	fmt.Fprintf(stdout, "政府信息公开工作年度报告生成工具 nianbao %s\n\n", version)
	if len(paths) == 0 {
		paths = []string{executableDir()}
	}
	code := exitUsage
	if inputs, skipped, base, outDir, err := gather(paths, false, ""); err != nil {
		fmt.Fprintln(stderr, err)
	} else {
		code = processAll(inputs, skipped, base, outDir, app.Options{IgnoreFontSetting: folderFonts(paths)}, "", runtime.NumCPU(), stdout, stderr)
	}
	if wait {
		fmt.Fprint(stdout, "\n按回车键关闭窗口……")
		bufio.NewReader(stdin).ReadString('\n')
	}
	return code
}
