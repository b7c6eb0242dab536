package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// The Windows script must be plain ASCII with CRLF line ends (cmd.exe reads
// it in the console's code page), the instructions UTF-8 with a byte order
// mark and CRLF (Notepad), the Linux script LF.
func TestReleaseFiles(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "..", "release", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	bat := read("生成年报.bat")
	for i, c := range bat {
		if c >= 0x80 {
			t.Fatalf("生成年报.bat has a non-ASCII byte at %d", i)
		}
	}
	crlf := func(name string, data []byte) {
		if bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) || !bytes.HasSuffix(data, []byte("\r\n")) {
			t.Errorf("%s: not every line ends in CRLF", name)
		}
	}
	crlf("生成年报.bat", bat)
	for _, s := range []string{`pushd "%~dp0"`, "nianbao.exe --no-wait %*", "pause"} {
		if !bytes.Contains(bat, []byte(s)) {
			t.Errorf("生成年报.bat lacks %q", s)
		}
	}
	sum := read("汇总.bat")
	for i, c := range sum {
		if c >= 0x80 {
			t.Fatalf("汇总.bat has a non-ASCII byte at %d", i)
		}
	}
	crlf("汇总.bat", sum)
	for _, s := range []string{`pushd "%~dp0"`, "nianbao.exe sum %*", "pause"} {
		if !bytes.Contains(sum, []byte(s)) {
			t.Errorf("汇总.bat lacks %q", s)
		}
	}
	txt := read("使用说明.txt")
	crlf("使用说明.txt", txt)
	if !bytes.HasPrefix(txt, []byte("\xEF\xBB\xBF")) || !utf8.Valid(txt) {
		t.Error("使用说明.txt is not UTF-8 with a byte order mark")
	}
	for _, name := range []string{"生成年报.sh", "汇总.sh"} {
		sh := read(name)
		if bytes.Contains(sh, []byte("\r")) || !bytes.HasPrefix(sh, []byte("#!/bin/sh\n")) {
			t.Errorf("%s must be a /bin/sh script with LF line ends", name)
		}
	}
	if sh := read("汇总.sh"); !bytes.Contains(sh, []byte(`./nianbao sum "$@"`)) {
		t.Error("汇总.sh does not run nianbao sum")
	}
}

func TestZipReproducible(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.txt")
	os.WriteFile(src, []byte("hello"), 0o644)
	files := []struct {
		src, dst string
		mode     os.FileMode
	}{{src, "说明.txt", 0o644}}
	a, b := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip")
	when := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	if err := writeZip(a, files, when); err != nil {
		t.Fatal(err)
	}
	writeZip(b, files, when)
	x, _ := os.ReadFile(a)
	y, _ := os.ReadFile(b)
	if !bytes.Equal(x, y) || !bytes.Contains(x, []byte(folder+"/说明.txt")) {
		t.Error("zips differ or lack the folder")
	}
}
