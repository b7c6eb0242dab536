package main

import (
	"fmt"
	"io"
	"os"

	"nianbao/fonts"
)

// systemFontDirs are the system's and the user's font folders; tests
// replace it.
var systemFontDirs = fonts.SystemDirs

// findFonts finds the faces of a run, in this order: the --font-dir
// folder, the 字体 folder beside the program, the system's and the user's
// font folders, then the embedded faces; the tables in the --table-font
// face, if any. It prints the faces, what could not be used and what to
// install.
func findFonts(fontDir, tableFont string, w io.Writer) (*fonts.Set, []fonts.Dir, error) {
	var dirs []fonts.Dir
	if fontDir != "" {
		dirs = append(dirs, fonts.Dir{Path: fontDir, What: "--font-dir 指定的文件夹", Recursive: true, Strict: true})
	}
	dirs = append(dirs, fonts.ProgramDir(executableDir()))
	dirs = append(dirs, systemFontDirs()...)
	set, notes, err := fonts.Find(dirs)
	if err != nil {
		return nil, nil, err
	}
	if tableFont != "" {
		var ok bool
		if set, ok = set.WithTable(tableFont); !ok {
			notes = append(notes, fmt.Sprintf("找不到 --table-font 指定的字体「%s」（按字体文件里的名称查找，如「宋体」「黑体」），表格仍用正文字体", tableFont))
		}
	}
	fmt.Fprintf(w, "字体：%s\n", set.Describe())
	for _, n := range notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	for _, a := range set.Advice() {
		fmt.Fprintf(w, "  %s\n", a)
	}
	fmt.Fprintln(w)
	return set, dirs, nil
}

// folderFonts says why a folder run does not use a workbook's 字体
// setting: the workbooks come from other units, and their settings may
// not make the program read other places. "" when the run is over
// workbooks named one by one.
func folderFonts(paths []string) string {
	if len(paths) != 1 {
		return ""
	}
	if st, err := os.Stat(paths[0]); err != nil || !st.IsDir() {
		return ""
	}
	return "处理整个文件夹时不使用工作簿「字体」一栏的设置，已按程序的字体查找顺序（--font-dir、程序旁的「字体」文件夹、系统字体）选用字体。"
}
