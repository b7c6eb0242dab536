// Command nianbao turns the workbook of a 政府信息公开工作年度报告 into a
// print-ready PDF, and checks every total of its tables.
package main

import "os"

// version is set at build time (make build) from git.
var version = "dev"

func main() {
	os.Exit(start(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
