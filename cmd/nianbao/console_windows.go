package main

import (
	"os"
	"syscall"
	"unsafe"
)

var setConsoleTitleW = syscall.NewLazyDLL("kernel32.dll").NewProc("SetConsoleTitleW")

// setConsoleTitle names the console window; without a console it does
// nothing.
func setConsoleTitle(title string) {
	p, err := syscall.UTF16PtrFromString(title)
	if err != nil || setConsoleTitleW.Find() != nil {
		return
	}
	setConsoleTitleW.Call(uintptr(unsafe.Pointer(p)))
}

// tempDirs are the user's temporary folders, where Explorer and archive
// programs put what is double-clicked inside a zip.
func tempDirs() []string {
	return []string{os.TempDir(), os.Getenv("TEMP"), os.Getenv("TMP")}
}
