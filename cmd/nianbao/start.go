package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// scriptEnv names the variable in which 生成年报.bat gives the program
// its own file name.
const scriptEnv = "NIANBAO_SCRIPT"

// consoleTitle names the window of a double-click run.
const consoleTitle = "政府信息公开年报生成工具"

// unpackHint is what a double-click run from inside a zip tells the user.
const unpackHint = "请先把压缩包解压（右键 → 全部解压缩），再双击解压出来的「生成年报.bat」"

// start runs the program as the system started it: it takes the workbooks
// dropped onto 生成年报.bat from cmd.exe's command line, names the console
// window of a double-click run, and stops a double-click of a copy that an
// archive viewer made in the temporary folder.
func start(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if script := os.Getenv(scriptEnv); script != "" && len(args) > 0 && args[0] == noWaitFlag {
		args = scriptArgs(args, parentCommandLine(), script)
	}
	if len(args) == 0 || args[0] == noWaitFlag || dropped(args) {
		setConsoleTitle(consoleTitle)
	}
	if insideArchive(args, executableDir(), tempDirs()) {
		fmt.Fprintln(stderr, unpackHint)
		if len(args) == 0 {
			fmt.Fprint(stdout, "\n按回车键关闭窗口……")
			bufio.NewReader(stdin).ReadString('\n')
		}
		return exitUsage
	}
	return run(args, stdin, stdout, stderr)
}

// scriptArgs returns the arguments to run with. 生成年报.bat passes
// --no-wait and its own arguments; cmdline is the command line of the
// cmd.exe running it. Explorer, starting the script with the files dropped
// onto it, quotes only the paths with spaces, so cmd.exe cuts a path such
// as D:\A&B\x.xlsx in two before the script sees it. The paths are read
// again from that line. When the line is not that of a script named script
// (one typed at a prompt, say), args are returned as they are.
func scriptArgs(args []string, cmdline, script string) []string {
	if len(args) == 0 || args[0] != noWaitFlag || cmdline == "" || script == "" {
		return args
	}
	i := strings.Index(strings.ToLower(cmdline), "/c")
	if i < 0 {
		return args
	}
	rest := strings.TrimSpace(cmdline[i+2:])
	// cmd.exe strips the first quote and the last one of such a line.
	if strings.HasPrefix(rest, `"`) {
		rest = rest[1:]
		if j := strings.LastIndex(rest, `"`); j >= 0 {
			rest = rest[:j] + rest[j+1:]
		}
	}
	words := splitCommandLine(rest)
	if len(words) == 0 || !strings.EqualFold(baseName(words[0]), script) {
		return args
	}
	paths := []string{noWaitFlag}
	for _, w := range words[1:] {
		// A redirection (> log.txt) ends the paths: no file name holds <, > or |.
		if strings.ContainsAny(w, "<>|") {
			break
		}
		paths = append(paths, w)
	}
	return paths
}

// splitCommandLine splits a command line as Explorer writes one: paths
// apart by spaces, those with spaces quoted.
func splitCommandLine(s string) []string {
	var words []string
	var w strings.Builder
	quoted, started := false, false
	for _, c := range s {
		switch {
		case c == '"':
			quoted, started = !quoted, true
		case (c == ' ' || c == '\t') && !quoted:
			if started {
				words = append(words, w.String())
			}
			w.Reset()
			started = false
		default:
			w.WriteRune(c)
			started = true
		}
	}
	if started {
		words = append(words, w.String())
	}
	return words
}

// baseName is the last element of a Windows or Unix path.
func baseName(p string) string {
	return p[strings.LastIndexAny(p, `\/`)+1:]
}

// insideArchive reports whether this is a double-click run (no workbooks
// named) of a program that lies in a temporary folder: where Explorer, or
// an archive program, puts a file double-clicked inside a zip, without the
// files beside it.
func insideArchive(args []string, exeDir string, temps []string) bool {
	if len(args) > 1 || len(args) == 1 && args[0] != noWaitFlag {
		return false
	}
	for _, t := range temps {
		if t != "" && within(exeDir, t) {
			return true
		}
	}
	return false
}

// within reports whether path is dir or lies inside it, comparing as
// Windows does: either slash, any case.
func within(path, dir string) bool {
	norm := func(s string) string {
		return strings.TrimRight(strings.ToLower(strings.ReplaceAll(s, `\`, "/")), "/") + "/"
	}
	return strings.HasPrefix(norm(path), norm(dir))
}
