package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/xlsx"
)

// isolateFonts keeps the tests from the machine's fonts: they see no
// system font folder, and keep their scan cache apart. It returns what
// removes that cache.
func isolateFonts() func() {
	systemFontDirs = func() []fonts.Dir { return nil }
	dir, err := os.MkdirTemp("", "nianbao-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("LOCALAPPDATA", dir)
	return func() { os.RemoveAll(dir) }
}

// exampleText is every character the example report prints.
func exampleText(t *testing.T) string {
	faces, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d, probs := layout.Typeset(sample.Example(), faces, layout.Style{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return strings.Join(d.PlainText(), "")
}

// A folder holding 仿宋 faces under any file names: the body is set in
// them, a character the first lacks comes from the second, and the PDF
// names each face by its PostScript name.
func TestBuildWithOfficialFonts(t *testing.T) {
	example, _, _ := files(t)
	dir := t.TempDir()
	text := exampleText(t)
	first := testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋_GB2312", "FangSong_GB2312"}, PSName: "FangSong_GB2312",
		Text: strings.ReplaceAll(text, "局", ""), From: fonts.Heading2})
	second := testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋", "FangSong"}, PSName: "FangSong", Text: "局", From: fonts.Heading2})
	os.WriteFile(filepath.Join(dir, "任意名称.ttf"), first, 0o644)
	os.WriteFile(filepath.Join(dir, "另一个.TTF"), second, 0o644)
	code, stdout, _ := runArgs("build", "--font-dir", dir, example)
	for _, want := range []string{"正文 仿宋_GB2312（任意名称.ttf）；表格 仿宋_GB2312（任意名称.ttf）", "标题 NotoSerifSC-Bold（内置）",
		"缺字改用其他字体：正文「局」用 仿宋（另一个.TTF）", "标题、一级标题、二级标题、页码使用了替代字体"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code != 0 || strings.Contains(stdout, "正文使用了替代字体") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	out, err := exec.Command(testtool.Need(t, "pdffonts"), filepath.Join(filepath.Dir(example), examplePDF)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	for _, ps := range []string{"FangSong_GB2312", "FangSong", "NotoSerifSC-Bold", "NotoSansSC-Medium"} {
		if !regexp.MustCompile(`(?m)^[A-Z]{6}\+` + ps + ` +CID TrueType +Identity-H +yes yes yes`).Match(out) {
			t.Errorf("pdffonts does not show %s as an embedded subset:\n%s", ps, out)
		}
	}

	code, stdout, _ = runArgs("build", "--font-dir", filepath.Join(dir, "没有"), example)
	if code != 0 || !strings.Contains(stdout, "找不到字体文件夹") || !strings.Contains(stdout, "正文使用了替代字体，安装 仿宋_GB2312 或 仿宋 后重新生成即可") {
		t.Errorf("missing font folder: exit %d:\n%s", code, stdout)
	}
}

// A folder run ignores the 字体 setting of the workbooks in it, with a note.
func TestFolderRunIgnoresFontSetting(t *testing.T) {
	dir := t.TempDir()
	r := sample.Example()
	r.Fonts = "字体"
	var b bytes.Buffer
	if err := xlsx.WriteTemplate(&b, r); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "甲.xlsx"), b.Bytes(), 0o644)
	os.MkdirAll(filepath.Join(dir, "字体"), 0o755)
	code, stdout, stderr := runArgs("batch", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	log, err := os.ReadFile(filepath.Join(dir, "输出", "处理结果.txt"))
	if err != nil || !strings.Contains(string(log), "处理整个文件夹时不使用工作簿「字体」一栏的设置") {
		t.Errorf("处理结果: %v\n%s", err, log)
	}
}

// --table-font sets the tables in a face found by its name.
func TestTableFont(t *testing.T) {
	example, _, _ := files(t)
	dir := t.TempDir()
	song := testtool.Font(t, testtool.FontSpec{Families: []string{"宋体", "SimSun"}, PSName: "SimSun", Text: "0123456789", From: fonts.Body})
	os.WriteFile(filepath.Join(dir, "s.ttf"), song, 0o644)
	code, stdout, _ := runArgs("build", "--font-dir", dir, "--table-font", "宋体", example)
	if code != 0 || !strings.Contains(stdout, "表格 宋体（s.ttf）") || !strings.Contains(stdout, "页码 宋体（s.ttf）") || !strings.Contains(stdout, "正文 NotoSerifSC-Regular（内置）") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
	code, stdout, _ = runArgs("build", "--table-font", "不存在的字体", example)
	if code != 0 || !strings.Contains(stdout, "找不到 --table-font 指定的字体「不存在的字体」") || !strings.Contains(stdout, "表格 NotoSerifSC-Regular（内置）") {
		t.Errorf("unknown table font: exit %d:\n%s", code, stdout)
	}
}
