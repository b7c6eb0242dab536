// Command nianbao turns the workbook of a 政府信息公开工作年度报告 into a
// print-ready PDF, and checks every total of its tables.
package main

import (
	"os"
	"runtime/debug"

	"nianbao/app"
)

// version is set at build time (make build) from git.
var version = "dev"

func main() {
	// A run lasts well under a second and holds some 30 MB: collecting
	// garbage half as often saves a tenth of a build for 2 MB more.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	// A folder run builds each workbook in a worker process of this same
	// program (see app.Serve).
	if os.Getenv(app.WorkerEnv) == "1" {
		os.Exit(app.Serve(os.Stdin, os.Stdout))
	}
	os.Exit(start(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
