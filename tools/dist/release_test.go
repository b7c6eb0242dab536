package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The Windows scripts have CRLF line ends and are ASCII where cmd.exe reads
// them in the console's code page, whatever it is (生成年报.bat switches to
// 936 before its Chinese lines, which the zip holds in GBK); the
// instructions are UTF-8 with a byte order mark and CRLF (Notepad), the
// Linux scripts LF.
func TestReleaseFiles(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "..", "release", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	bat := read("生成年报.bat")
	// Every line up to the first "chcp 936" is ASCII; all of it fits GBK.
	head, _, found := bytes.Cut(bat, []byte("\r\nchcp 936 >nul\r\n"))
	if !found {
		t.Fatal("生成年报.bat never switches to code page 936 for its Chinese lines")
	}
	for i, c := range head {
		if c >= 0x80 {
			t.Fatalf("生成年报.bat has a non-ASCII byte at %d, before chcp 936", i)
		}
	}
	if _, err := simplifiedchinese.GBK.NewEncoder().Bytes(bat); err != nil || !utf8.Valid(bat) {
		t.Errorf("生成年报.bat is not UTF-8 that fits GBK: %v", err)
	}
	crlf := func(name string, data []byte) {
		if bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) || !bytes.HasSuffix(data, []byte("\r\n")) {
			t.Errorf("%s: not every line ends in CRLF", name)
		}
	}
	crlf("生成年报.bat", bat)
	for _, s := range []string{`pushd "%~dp0"`, "nianbao.exe --no-wait %*", "pause", "%cmdcmdline:&=%", `set "NIANBAO_SCRIPT=%~nx0"`, `if not exist "%~dp0nianbao.exe"`, "LSS 10"} {
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
	files := []entry{{src: src, dst: "说明.txt", mode: 0o644}}
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

func TestPick(t *testing.T) {
	tests := []struct {
		list string
		want int
		ok   bool
	}{
		{"", len(targets), true},
		{"windows/amd64", 1, true},
		{"windows/amd64, linux/amd64", 2, true},
		{"windows/arm", 0, false},
	}
	for _, tt := range tests {
		got, err := pick(tt.list)
		if (err == nil) != tt.ok || len(got) != tt.want {
			t.Errorf("pick(%q) = %v, %v; want %d targets, ok %v", tt.list, got, err, tt.want, tt.ok)
		}
	}
}

func TestZipBatInGBK(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.bat")
	os.WriteFile(src, []byte("echo 请先解压「生成年报.bat」\r\n"), 0o644)
	name := filepath.Join(dir, "a.zip")
	if err := writeZip(name, []entry{{src: src, dst: "a.bat", mode: 0o755, gbk: true}}, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	r, err := z.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	want := []byte("echo \xc7\xeb\xcf\xc8\xbd\xe2\xd1\xb9\xa1\xb8\xc9\xfa\xb3\xc9\xc4\xea\xb1\xa8.bat\xa1\xb9\r\n")
	if !bytes.Equal(got, want) {
		t.Errorf("got % x, want % x", got, want)
	}
}
