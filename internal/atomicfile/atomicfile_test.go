package atomicfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"nianbao/internal/atomicfile"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "报告.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(data) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("got %q, mode %v", data, st.Mode().Perm())
	}
	// A folder where the file should go: nothing written, nothing left.
	if err := atomicfile.Write(dir, []byte("x")); err == nil {
		t.Error("wrote over a folder")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if err := atomicfile.Write(filepath.Join(dir, "没有", "a.pdf"), []byte("x")); err == nil {
		t.Error("wrote into a missing folder")
	}
}
