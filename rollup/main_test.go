package rollup_test

import (
	"os"
	"os/exec"
	"testing"

	"nianbao/app"
)

// The test binary serves as the worker process the roll-up reads in, as
// the program itself does.
func TestMain(m *testing.M) {
	if os.Getenv(app.WorkerEnv) == "1" {
		os.Exit(app.Serve(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

func worker() *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), app.WorkerEnv+"=1")
	return cmd
}
