package main

import (
	"os"
	"path/filepath"
	"syscall"
	"unsafe"
)

var (
	kernel32                  = syscall.NewLazyDLL("kernel32.dll")
	setConsoleTitleW          = kernel32.NewProc("SetConsoleTitleW")
	readProcessMemory         = kernel32.NewProc("ReadProcessMemory")
	ntQueryInformationProcess = syscall.NewLazyDLL("ntdll.dll").NewProc("NtQueryInformationProcess")
)

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
// programs put what is double-clicked inside a zip, also in their long
// form: for a user named Administrator, TEMP is C:\Users\ADMINI~1\...,
// while the program's own path is written out in full.
func tempDirs() []string {
	var dirs []string
	for _, d := range []string{os.TempDir(), os.Getenv("TEMP"), os.Getenv("TMP")} {
		if d != "" {
			dirs = append(dirs, d, longPath(d))
		}
	}
	if local := os.Getenv("LOCALAPPDATA"); local != "" {
		dirs = append(dirs, filepath.Join(local, "Temp"))
	}
	return dirs
}

// longPath returns the long form of a path with 8.3 short names in it, or
// the path itself.
func longPath(p string) string {
	u, err := syscall.UTF16PtrFromString(p)
	if err != nil {
		return p
	}
	b := make([]uint16, 32768)
	n, err := syscall.GetLongPathName(u, &b[0], uint32(len(b)))
	if err != nil || n == 0 || int(n) > len(b) {
		return p
	}
	return syscall.UTF16ToString(b[:n])
}

// unicodeString is the system's UNICODE_STRING.
type unicodeString struct {
	length, maxLength uint16
	buffer            uintptr
}

// parentCommandLine returns the command line of the process that started
// this one (the cmd.exe running 生成年报.bat), or "" when it cannot be read.
func parentCommandLine() string {
	const queryInformation, vmRead = 0x0400, 0x0010
	h, err := syscall.OpenProcess(queryInformation|vmRead, false, uint32(os.Getppid()))
	if err != nil || ntQueryInformationProcess.Find() != nil {
		return ""
	}
	defer syscall.CloseHandle(h)
	// ProcessCommandLineInformation (60): Windows 8.1 and later.
	buf := make([]byte, 1<<16)
	var n uint32
	if status, _, _ := ntQueryInformationProcess.Call(uintptr(h), 60, uintptr(unsafe.Pointer(&buf[0])), uintptr(len(buf)), uintptr(unsafe.Pointer(&n))); status == 0 {
		s := (*unicodeString)(unsafe.Pointer(&buf[0]))
		start := s.buffer - uintptr(unsafe.Pointer(&buf[0]))
		if start+uintptr(s.length) <= uintptr(len(buf)) {
			return utf16Bytes(buf[start : start+uintptr(s.length)])
		}
		return ""
	}
	// Elsewhere (Wine), from the parent's process block, of the same
	// bitness: PEB.ProcessParameters, then its CommandLine.
	var basic [6]uintptr // PROCESS_BASIC_INFORMATION
	if status, _, _ := ntQueryInformationProcess.Call(uintptr(h), 0, uintptr(unsafe.Pointer(&basic[0])), unsafe.Sizeof(basic), 0); status != 0 {
		return ""
	}
	ptr := unsafe.Sizeof(uintptr(0))
	var params uintptr
	if !readMemory(h, basic[1]+4*ptr, unsafe.Pointer(&params), ptr) {
		return ""
	}
	cmdlineOffset := uintptr(0x40)
	if ptr == 8 {
		cmdlineOffset = 0x70
	}
	var s unicodeString
	if !readMemory(h, params+cmdlineOffset, unsafe.Pointer(&s), unsafe.Sizeof(s)) || s.length == 0 {
		return ""
	}
	b := make([]byte, s.length)
	if !readMemory(h, s.buffer, unsafe.Pointer(&b[0]), uintptr(len(b))) {
		return ""
	}
	return utf16Bytes(b)
}

func readMemory(h syscall.Handle, addr uintptr, to unsafe.Pointer, size uintptr) bool {
	var done uintptr
	ok, _, _ := readProcessMemory.Call(uintptr(h), addr, uintptr(to), size, uintptr(unsafe.Pointer(&done)))
	return ok != 0 && done == size
}

// utf16Bytes decodes little-endian UTF-16.
func utf16Bytes(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
	}
	return syscall.UTF16ToString(u)
}
