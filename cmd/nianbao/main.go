// Command nianbao turns the workbook of a 政府信息公开工作年度报告 into a
// print-ready PDF, and checks every total of its tables.
package main

import (
	"os"

	"nianbao/app"
)

// version is set at build time (make build) from git.
var version = "dev"

func main() {
	// A folder run builds each workbook in a worker process of this same
	// program (see app.Serve).
	if os.Getenv(app.WorkerEnv) == "1" {
		os.Exit(app.Serve(os.Stdin, os.Stdout))
	}
	os.Exit(start(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
