package fonts_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"nianbao/fonts"
	"nianbao/internal/testtool"
)

func TestMain(m *testing.M) {
	// The scan cache goes to a folder of the test's own.
	dir, err := os.MkdirTemp("", "fonts-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	os.Setenv("LOCALAPPDATA", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const sample = "平罗县自然资源局年度报告一二三"

// officeFolder writes the fonts an office might have, under file names
// that say nothing of what they are.
func officeFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a1.TTF", testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋_GB2312", "FangSong_GB2312"}, PSName: "FangSong_GB2312", Text: sample, From: fonts.Heading2}))
	write("a2.ttf", testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋", "FangSong"}, PSName: "FangSong", Text: sample + "堃玥", From: fonts.Heading2}))
	song := testtool.Font(t, testtool.FontSpec{Families: []string{"宋体", "SimSun"}, PSName: "SimSun", Text: "— 0123456789", From: fonts.Body})
	nsong := testtool.Font(t, testtool.FontSpec{Families: []string{"新宋体", "NSimSun"}, PSName: "NSimSun", Text: "— 0123456789", From: fonts.Body})
	write("c.ttc", testtool.Collection(nsong, song))
	kai := testtool.Font(t, testtool.FontSpec{Families: []string{"楷体"}, PSName: "KaiTi", Text: sample, From: fonts.Heading2, FsType: 0x0002})
	write("k.ttf", kai)
	// A CFF OpenType 黑体: only its table directory matters to a scan.
	hei := testtool.Font(t, testtool.FontSpec{Families: []string{"黑体", "SimHei"}, PSName: "SimHei", Text: sample, From: fonts.Heading1})
	copy(hei, "OTTO")
	hei = bytes.Replace(hei, []byte("glyf"), []byte("CFF "), 1)
	write("h.otf", hei)
	write("broken.ttf", []byte("not a font at all"))
	write("readme.txt", []byte("not a font"))
	return dir
}

func TestFind(t *testing.T) {
	dir := officeFolder(t)
	set, notes, err := fonts.Find([]fonts.Dir{{Path: dir, What: "测试文件夹", Strict: true}})
	if err != nil {
		t.Fatal(err)
	}
	body := set.Face(fonts.Body)
	if got := body.First().Name; got != "仿宋_GB2312（a1.TTF）" {
		t.Errorf("body: %s", set.Describe())
	}
	if set.Face(fonts.Table) != body {
		t.Error("tables must use the body faces")
	}
	if f := body.FaceFor('堃'); f == nil || f.PSName != "FangSong" {
		t.Errorf("堃 comes from %v, want the second 仿宋", f)
	}
	if f := body.FaceFor('鑫'); f == nil || !f.Embedded {
		t.Errorf("鑫 comes from %v, want the embedded face", f)
	}
	if body.Has(0x20000) {
		t.Error("no face of the folder has a character beyond the BMP")
	}
	if got := set.Face(fonts.PageNumber).First(); got.PSName != "SimSun" || got.Name != "宋体（c.ttc）" {
		t.Errorf("folio: %s (%s)", got.Name, got.PSName)
	}
	for _, role := range []fonts.Role{fonts.Title, fonts.Heading1, fonts.Heading2} {
		if !set.Face(role).First().Embedded {
			t.Errorf("%s: %s", role, set.Face(role).First().Name)
		}
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{"楷体（k.ttf）", "禁止嵌入", "黑体（h.otf）", "CFF", "broken.ttf"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes lack %q:\n%s", want, joined)
		}
	}
	if strings.Contains(joined, "readme") || strings.Contains(joined, "新宋体") {
		t.Errorf("notes on files that are no font or no official face:\n%s", joined)
	}
	advice := strings.Join(set.Advice(), "\n")
	if !strings.Contains(advice, "标题、一级标题、二级标题使用了替代字体，安装 方正小标宋简体，黑体，楷体_GB2312 或 楷体 后重新生成即可") || strings.Contains(advice, "正文") {
		t.Errorf("advice: %s", advice)
	}
	again, _, _ := fonts.Find([]fonts.Dir{{Path: dir, What: "测试文件夹", Strict: true}})
	if again != set {
		t.Error("a second Find of the same folders must not scan again")
	}
}

func TestFindOrder(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(first, "x.ttf"), testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋"}, PSName: "FangSong", Text: sample, From: fonts.Heading2}), 0o644)
	os.WriteFile(filepath.Join(second, "y.ttf"), testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋_GB2312"}, PSName: "FangSong_GB2312", Text: sample, From: fonts.Heading2}), 0o644)
	set, _, err := fonts.Find([]fonts.Dir{{Path: first}, {Path: second}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range set.Face(fonts.Body).Faces() {
		names = append(names, f.PSName)
	}
	if got := strings.Join(names, " "); got != "FangSong FangSong_GB2312 NotoSerifSC-Regular" {
		t.Errorf("folders in order, then the embedded face: %s", got)
	}
	_, notes, _ := fonts.Find([]fonts.Dir{{Path: filepath.Join(first, "没有"), What: "测试文件夹", Strict: true}, {Path: filepath.Join(first, "也没有")}})
	if len(notes) != 1 || !strings.Contains(notes[0], "找不到字体文件夹") {
		t.Errorf("a missing folder asked for by name is noted, a missing system folder is not: %v", notes)
	}
}

func TestStrictFolder(t *testing.T) {
	dir, other := t.TempDir(), t.TempDir()
	target := filepath.Join(other, "f.ttf")
	os.WriteFile(target, testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋"}, PSName: "FangSong", Text: sample, From: fonts.Heading2}), 0o644)
	if err := os.Symlink(target, filepath.Join(dir, "link.ttf")); err != nil {
		t.Skip(err)
	}
	big, err := os.Create(filepath.Join(dir, "big.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(fonts.MaxFileSize + 1)
	big.Close()
	set, notes, err := fonts.Find([]fonts.Dir{{Path: dir, What: "测试文件夹", Strict: true}})
	if err != nil {
		t.Fatal(err)
	}
	if !set.Face(fonts.Body).First().Embedded {
		t.Errorf("a link out of a workbook's font folder was followed: %s", set.Describe())
	}
	joined := strings.Join(notes, "\n")
	if !strings.Contains(joined, "link.ttf") || !strings.Contains(joined, "不是普通文件") || !strings.Contains(joined, "超过 50 MB") {
		t.Errorf("notes: %s", joined)
	}
	// The same folder searched as a system folder follows the link.
	set, _, _ = fonts.Find([]fonts.Dir{{Path: dir}})
	if set.Face(fonts.Body).First().PSName != "FangSong" {
		t.Errorf("system folder: %s", set.Describe())
	}
}

func TestCollectionSubset(t *testing.T) {
	set, _, err := fonts.Find([]fonts.Dir{{Path: officeFolder(t)}})
	if err != nil {
		t.Fatal(err)
	}
	face := set.Face(fonts.PageNumber).First()
	sub, err := face.Subset([]rune("— 12 —"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(sub.Data)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	if g, err := f.GlyphIndex(&b, '2'); err != nil || g == 0 {
		t.Errorf("2 is not in the subset of the collection's second face: %v", err)
	}
	if name, _ := f.Name(&b, sfnt.NameIDPostScript); name != "SimSun" {
		t.Errorf("the subset is of %q, want SimSun", name)
	}
}

// A subset keeps its characters and its glyph numbers, and is a well-formed
// TrueType file.
func TestSubsetFile(t *testing.T) {
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := set.Face(fonts.Heading2).First().Subset([]rune("仿宋体"))
	if err != nil {
		t.Fatal(err)
	}
	out := sub.Data
	f, err := sfnt.Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	var b sfnt.Buffer
	for _, r := range "仿宋体" {
		if g, err := f.GlyphIndex(&b, r); err != nil || g == 0 || uint16(g) != sub.Glyph[r] {
			t.Errorf("%c: glyph %d in the font, %d said (%v)", r, g, sub.Glyph[r], err)
		}
	}
	// Every table's checksum is right, and the whole file sums to B1B0AFBA.
	var sum uint32
	for i := 0; i+4 <= len(out); i += 4 {
		sum += binary.BigEndian.Uint32(out[i:])
	}
	if sum != 0xB1B0AFBA {
		t.Errorf("file checksum %08X", sum)
	}
}

func ExampleFind() {
	set, _, err := fonts.Find(nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(set.Describe())
	for _, a := range set.Advice() {
		fmt.Println(a)
	}
	// Output:
	// 标题 NotoSerifSC-Bold（内置）；一级标题 NotoSansSC-Medium（内置）；二级标题 LXGWWenKai-Regular（内置）；正文 NotoSerifSC-Regular（内置）；表格 NotoSerifSC-Regular（内置）；页码 NotoSerifSC-Regular（内置）
	// 正文使用了替代字体，安装 仿宋_GB2312 或 仿宋 后重新生成即可
	// 标题、一级标题、二级标题、页码使用了替代字体，安装 方正小标宋简体，黑体，楷体_GB2312 或 楷体，宋体 后重新生成即可
}

func TestWithTable(t *testing.T) {
	set, _, err := fonts.Find([]fonts.Dir{{Path: officeFolder(t)}})
	if err != nil {
		t.Fatal(err)
	}
	song, ok := set.WithTable("simsun")
	if !ok || song.Face(fonts.Table).First().PSName != "SimSun" || song.Face(fonts.Body) != set.Face(fonts.Body) {
		t.Errorf("宋体 tables: %v %s", ok, song.Describe())
	}
	if f := song.Face(fonts.Table).FaceFor('平'); f != set.Face(fonts.Body).First() {
		t.Errorf("a character the table face lacks comes from the body's faces, not %v", f)
	}
	if again, _ := set.WithTable("simsun"); again != song {
		t.Error("WithTable is not remembered")
	}
	if hei, ok := set.WithTable("NotoSansSC-Medium"); !ok || !hei.Face(fonts.Table).First().Embedded {
		t.Errorf("an embedded face by its PostScript name: %v %s", ok, hei.Describe())
	}
	if same, ok := set.WithTable("没有这种字体"); ok || same != set {
		t.Error("an unknown name changes nothing")
	}
}

// unaligned lays a font's tables out two bytes off the four-byte
// boundaries, as some real fonts do.
func unaligned(font []byte) []byte {
	n := int(binary.BigEndian.Uint16(font[4:]))
	out := append([]byte(nil), font[:12+16*n]...)
	for i := 0; i < n; i++ {
		rec := out[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		out = append(out, 0, 0)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		out = append(out, font[off:off+length]...)
	}
	return out
}

func TestOddFontFiles(t *testing.T) {
	dir := t.TempDir()
	first := testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋_GB2312"}, PSName: "FangSong_GB2312", Text: sample, From: fonts.Heading2})
	// A table that runs past the end of the file: the face cannot be read.
	n := int(binary.BigEndian.Uint16(first[4:]))
	for i := 0; i < n; i++ {
		if rec := first[12+16*i:]; string(rec[:4]) == "maxp" {
			binary.BigEndian.PutUint32(rec[12:], 1<<24)
		}
	}
	os.WriteFile(filepath.Join(dir, "1.ttf"), first, 0o644)
	second := testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋"}, PSName: "FangSong", Text: sample, From: fonts.Heading2})
	os.WriteFile(filepath.Join(dir, "2.ttf"), unaligned(second), 0o644)
	set, notes, err := fonts.Find([]fonts.Dir{{Path: dir}})
	if err != nil {
		t.Fatal(err)
	}
	body := set.Face(fonts.Body)
	if body.First().PSName != "FangSong" || !body.Has('平') {
		t.Errorf("body: %s", set.Describe())
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "仿宋_GB2312（1.ttf）") || !strings.Contains(notes[0], "无法读取字体") {
		t.Errorf("notes: %v", notes)
	}
	if _, err := body.First().Subset([]rune("平罗")); err != nil {
		t.Errorf("subset of a font with unaligned tables: %v", err)
	}
}

// A character none of a role's faces has comes from a fallback face found
// by its family name, and only such a character.
func TestFallbackFaces(t *testing.T) {
	const rare, other = 0x2000B, 0x2A6D6
	dir := t.TempDir()
	write := func(name string, spec testtool.FontSpec) {
		if err := os.WriteFile(filepath.Join(dir, name), testtool.Font(t, spec), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.ttf", testtool.FontSpec{Families: []string{"仿宋_GB2312"}, PSName: "FangSong_GB2312", Text: sample, From: fonts.Heading2})
	write("b.ttf", testtool.FontSpec{Families: []string{"SimSun-ExtB"}, PSName: "SimSun-ExtB", Text: "平罗", From: fonts.Body, Alias: map[rune]rune{rare: '平'}})
	// Not one of the fallback faces, though it has both characters.
	write("c.ttf", testtool.FontSpec{Families: []string{"Some Ext"}, PSName: "SomeExt", Text: "平", From: fonts.Body, Alias: map[rune]rune{rare: '平', other: '平'}})
	// A fallback face that may not be embedded is passed over unnoted.
	write("d.ttf", testtool.FontSpec{Families: []string{"SimSun-ExtG"}, PSName: "SimSun-ExtG", Text: "平", From: fonts.Body, Alias: map[rune]rune{other: '平'}, FsType: 0x0002})
	set, notes, err := fonts.Find([]fonts.Dir{{Path: dir, What: "测试文件夹", Strict: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) > 0 {
		t.Errorf("notes: %v", notes)
	}
	if got := set.Describe(); strings.Contains(got, "Ext") {
		t.Errorf("a fallback face is no role's first face: %s", got)
	}
	for _, role := range []fonts.Role{fonts.Title, fonts.Heading1, fonts.Heading2, fonts.Body, fonts.Table, fonts.PageNumber} {
		c := set.Face(role)
		if strings.Contains(c.Name, "Ext") {
			t.Errorf("%s: the role's faces are named without the fallback faces: %s", role, c.Name)
		}
		tests := []struct {
			r    rune
			want string // PostScript name of the face, "" for none
		}{
			{'平', c.First().PSName},
			{'鑫', c.Faces()[len(c.Faces())-2].PSName},
			{rare, "SimSun-ExtB"},
			{other, ""},
			{0x2000C, ""},
		}
		for _, tt := range tests {
			got := ""
			if f := c.FaceFor(tt.r); f != nil {
				got = f.PSName
			}
			if got != tt.want {
				t.Errorf("%s: U+%04X comes from %q, want %q", role, tt.r, got, tt.want)
			}
		}
	}
	ext := set.Face(fonts.Body).FaceFor(rare)
	if ext == nil || ext.Name != "SimSun-ExtB（b.ttf）" || ext.Embedded {
		t.Fatalf("fallback face %v", ext)
	}
	if a, want := ext.Advance(rare), ext.Advance('平'); a != want || a <= 0 {
		t.Errorf("advance of U+2000B %v, of 平 %v", a, want)
	}
	if _, _, _, _, ok := ext.Ink(rare); !ok {
		t.Error("U+2000B draws nothing")
	}
	sub, err := ext.Subset([]rune{'平', rare})
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := sub.Glyph[rare]; !ok || g == sub.Glyph['平'] {
		t.Errorf("the subset gives U+2000B glyph %d (%v), 平 %d", g, ok, sub.Glyph['平'])
	}
	if table, ok := set.WithTable("仿宋_GB2312"); !ok || table.Face(fonts.Table).FaceFor(rare) != ext {
		t.Error("tables set in a named face keep the fallback faces")
	}
}
