// Command hostile writes the catalogue of broken and hostile inputs into a
// folder and runs `nianbao check` over each in its own process, printing
// per input the exit code, the wall time, the peak memory and the first
// line of the answer. It measures; the tests assert.
//
//	go run ./tools/hostile -bin bin/nianbao [-dir 文件夹]
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"nianbao/internal/hostile"
)

func main() {
	bin := flag.String("bin", "bin/nianbao", "the nianbao program to run")
	dir := flag.String("dir", "", "where to write the inputs (default: a temporary folder, removed after)")
	makeOnly := flag.Bool("make", false, "only write the inputs into -dir")
	flag.Parse()
	if *makeOnly {
		for _, c := range hostile.Catalogue() {
			if _, err := c.Make(*dir); err != nil {
				fail(err)
			}
		}
		return
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "hostile")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(d)
		*dir = d
	} else if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(err)
	}
	// The inputs are made by a child process: a child's peak memory counts
	// its parent's at the fork, so the parent stays small.
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	if out, err := exec.Command(self, "-make", "-dir", *dir).CombinedOutput(); err != nil {
		fail(fmt.Errorf("making the inputs: %v: %s", err, out))
	}
	fmt.Println("| input | class | exit | time (ms) | peak memory (MB) | answer |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, c := range hostile.Catalogue() {
		path := filepath.Join(*dir, c.Name)
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, *bin, "check", path)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err = cmd.Run()
		took := time.Since(start)
		cancel()
		code := 0
		if cmd.ProcessState != nil {
			code = cmd.ProcessState.ExitCode()
		} else if err != nil {
			fail(err)
		}
		rss := peakMB(cmd.ProcessState)
		fmt.Printf("| %s | %s | %d | %d | %d | %s |\n", c.Name, c.Class, code, took.Milliseconds(), rss, answer(out.String(), path))
	}
}

// answer is the first line that says something, without the file's path.
func answer(out, path string) string {
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(strings.ReplaceAll(l, path, filepath.Base(path)))
		if l != "" && !strings.HasSuffix(l, "：无法读取") && !strings.Contains(l, "处错误") {
			if r := []rune(l); len(r) > 90 {
				l = string(r[:90]) + "…"
			}
			return strings.ReplaceAll(l, "|", "/")
		}
	}
	return ""
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}
