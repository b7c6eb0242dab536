package layout_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/report"
)

// rare is a character of CJK Extension B, beyond the BMP.
const rare = '\U0002000B'

// rareFaces returns the faces found in a folder that holds, when ext is
// true, a SimSun-ExtB drawing rare (with the glyph of 平).
func rareFaces(t *testing.T, ext bool) *fonts.Set {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	if ext {
		font := testtool.Font(t, testtool.FontSpec{Families: []string{"SimSun-ExtB"}, PSName: "SimSun-ExtB", Text: "平", From: fonts.Body, Alias: map[rune]rune{rare: '平'}})
		if err := os.WriteFile(filepath.Join(dir, "simsunb.ttf"), font, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, _, err := fonts.Find([]fonts.Dir{{Path: dir}})
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// A character beyond the BMP is set in a face of the computer that has it,
// and is refused, saying what to do, when none has it.
func TestRareCharacter(t *testing.T) {
	tests := []struct {
		name  string
		ext   bool
		probs []string // each problem's text holds its words
	}{
		{"with SimSun-ExtB", true, nil},
		{"without", false, []string{
			"基本信息 B6（联系部门）：第 5 个字「𠀋」（U+2000B）是扩展区的生僻字，这台电脑上的字体里都没有这个字；请安装带有这个字的字体（例如 Windows 自带的「宋体-扩展B」SimSun-ExtB，文件名 simsunb.ttf），或把这样的字体文件放进程序旁的「字体」文件夹，再生成；也可以换一种写法（例如用拼音或说明代替）。",
			"正文 A7：第 5 个字「𠀋」（U+2000B）是扩展区的生僻字，这台电脑上的字体里都没有这个字",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sample.Example()
			r.Contact = "办公室王𠀋等"
			r.InfoCells = map[report.InfoKey]string{report.InfoContact: "B6"}
			p := report.ParseParagraph("本年新增𠀋件。")
			p.Cell = "A7"
			r.Paragraphs = append(r.Paragraphs, p)
			d, probs := layout.Typeset(r, rareFaces(t, tt.ext), layout.Style{})
			if len(probs) != len(tt.probs) {
				t.Fatalf("problems: %v", probs)
			}
			for i, want := range tt.probs {
				if got := probs[i].String(); !strings.Contains(got, want) {
					t.Errorf("problem %d:\n%s\nlacks\n%s", i, got, want)
				}
			}
			if len(tt.probs) > 0 {
				return
			}
			if got := d.Fallbacks(); got != "正文「𠀋」用 SimSun-ExtB（simsunb.ttf）" {
				t.Errorf("fallbacks: %s", got)
			}
			text := strings.Join(d.PlainText(), "")
			for _, want := range []string{"王𠀋等", "本年新增𠀋件。"} {
				if !strings.Contains(text, want) {
					t.Errorf("the text lacks %s", want)
				}
			}
		})
	}
}

// The roll-up's overview likewise.
func TestRareCharacterOverview(t *testing.T) {
	tests := []struct {
		name string
		ext  bool
		want string
	}{
		{"with SimSun-ExtB", true, ""},
		{"without", false, "「平罗县第𠀋个单位」里的「𠀋」（U+2000B）是扩展区的生僻字，这台电脑上的字体里都没有这个字；请安装带有这个字的字体（例如 Windows 自带的「宋体-扩展B」SimSun-ExtB，文件名 simsunb.ttf），或把这样的字体文件放进程序旁的「字体」文件夹，再生成；也可以在这个单位的工作簿里换一种写法。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ov := overview(3, "1")
			ov.Rows[1][1] = "平罗县第𠀋个单位"
			d, probs := layout.TypesetOverview(ov, rareFaces(t, tt.ext))
			if tt.want != "" {
				if len(probs) != 1 || probs[0].String() != tt.want {
					t.Errorf("problems: %v", probs)
				}
				return
			}
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			if got := d.Fallbacks(); got != "表格「𠀋」用 SimSun-ExtB（simsunb.ttf）" {
				t.Errorf("fallbacks: %s", got)
			}
			if text := strings.Join(d.PlainText(), ""); !strings.Contains(text, "平罗县第𠀋个单位") {
				t.Error("the overview lacks the unit's name")
			}
		})
	}
}
