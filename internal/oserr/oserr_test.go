//go:build !windows

package oserr_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/oserr"
)

// Errors the system really gives are explained in Chinese.
func TestExplainReal(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop.xlsx")
	if err := os.Symlink(loop, loop); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "a.xlsx")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errMissing := os.Open(filepath.Join(dir, "missing.xlsx"))
	_, errLoop := os.Open(loop)
	_, errLong := os.Open(filepath.Join(dir, strings.Repeat("年", 100)+".xlsx"))
	_, errNotDir := os.Open(filepath.Join(file, "b.xlsx"))
	errExist := os.Mkdir(dir, 0o755)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"missing", errMissing, oserr.NotExist},
		{"loop", errLoop, oserr.LinkLoop},
		{"long", errLong, oserr.NameTooLong},
		{"not a folder", errNotDir, oserr.NotDir},
		{"exists", errExist, oserr.Exists},
		{"wrapped", fmt.Errorf("writing: %w", errMissing), oserr.NotExist},
		{"fs", fs.ErrPermission, oserr.Permission},
		{"other", errors.New("something"), oserr.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no error to explain")
			}
			if got := oserr.Explain(tt.err); got != tt.want {
				t.Errorf("Explain(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}

func ExampleExplain() {
	_, err := os.Open("没有这个文件.xlsx")
	fmt.Println(oserr.Explain(err))
	// Output: 找不到这个文件或文件夹，请检查名称和所在位置。
}
