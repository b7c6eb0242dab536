package oserr_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"nianbao/internal/oserr"
)

// The errors Windows gives when another program holds a file, as Excel or
// a PDF viewer does, are explained in Chinese. Run under Wine by make
// wintest.
func TestExplainWindows(t *testing.T) {
	// Not t.TempDir: Wine cannot remove a folder the way its clean-up does.
	dir, err := os.MkdirTemp("", "oserr")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(dir)
	held := filepath.Join(dir, "平罗县教育局.xlsx")
	if err := os.WriteFile(held, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(held)
	name, _ := syscall.UTF16PtrFromString(held)
	// Held with no sharing at all, as a program that opens it exclusively.
	h, err := syscall.CreateFile(name, syscall.GENERIC_READ, 0, nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, errShared := os.Open(held)
	syscall.CloseHandle(h)

	// Shared for reading only, as Excel or a PDF viewer holds what it
	// shows: it cannot be replaced.
	h, err = syscall.CreateFile(name, syscall.GENERIC_READ, syscall.FILE_SHARE_READ, nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "new.xlsx")
	os.WriteFile(tmp, []byte("y"), 0o644)
	defer os.Remove(tmp)
	errReplace := os.Rename(tmp, held)
	syscall.CloseHandle(h)

	// A folder where a file is expected to be written.
	errDir := os.WriteFile(dir, []byte("x"), 0o644)

	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"held exclusively", errShared, []string{oserr.Locked}},
		{"replaced while open", errReplace, []string{oserr.Locked, oserr.Permission}},
		{"a folder", errDir, []string{oserr.Permission, oserr.IsDir}},
	}
	for _, tt := range tests {
		if tt.err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		got := oserr.Explain(tt.err)
		ok := false
		for _, w := range tt.want {
			ok = ok || got == w
		}
		if !ok {
			t.Errorf("%s: Explain(%v) = %q, want one of %q", tt.name, tt.err, got, tt.want)
		}
	}
}
