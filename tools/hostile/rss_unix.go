//go:build !windows

package main

import (
	"os"
	"syscall"
)

// peakMB is a finished process's peak resident memory in MB.
func peakMB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss >> 10
	}
	return 0
}
