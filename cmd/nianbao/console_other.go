//go:build !windows

package main

// setConsoleTitle does nothing: a terminal's title belongs to its user, and
// only Windows opens a console window for a double-clicked program.
func setConsoleTitle(string) {}

// tempDirs is empty: the check is for Windows' Explorer, which runs a
// program double-clicked inside a zip from a copy in the temporary folder.
func tempDirs() []string { return nil }

// parentCommandLine is empty: 生成年报.sh passes the dropped paths intact
// ("$@"), and only 生成年报.bat asks for cmd.exe's line.
func parentCommandLine() string { return "" }
