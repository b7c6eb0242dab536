package main

import (
	"os"
	"testing"

	"nianbao/app"
)

// The test binary serves as the worker process of the folder runs that the
// tests start, as the program itself does.
func TestMain(m *testing.M) {
	if os.Getenv(app.WorkerEnv) == "1" {
		os.Exit(app.Serve(os.Stdin, os.Stdout))
	}
	cleanup := isolateFonts()
	code := m.Run()
	cleanup()
	os.Exit(code)
}
