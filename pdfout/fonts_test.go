package pdfout_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/pdfout"
	"nianbao/report"
)

// embeddedFonts returns the TrueType fonts a PDF embeds.
func embeddedFonts(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	dict := regexp.MustCompile(`<<([^<>]*/Length1 \d+[^<>]*)>>\s*stream\n`)
	length := regexp.MustCompile(`/Length (\d+)`)
	length1 := regexp.MustCompile(`/Length1 (\d+)`)
	for _, m := range dict.FindAllSubmatchIndex(pdf, -1) {
		entries := pdf[m[2]:m[3]]
		if !bytes.Contains(entries, []byte("/FlateDecode")) {
			t.Fatalf("font stream not compressed: %s", entries)
		}
		n, _ := strconv.Atoi(string(length.FindSubmatch(entries)[1]))
		want, _ := strconv.Atoi(string(length1.FindSubmatch(entries)[1]))
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil || len(data) != want {
			t.Fatalf("font stream: %v, %d bytes, /Length1 %d", err, len(data), want)
		}
		out = append(out, data)
	}
	return out
}

// checkCmap checks a font's cmap as a strict reader does: the declared
// length of each subtable is what its arrays take, and it ends in its table.
func checkCmap(t *testing.T, ttf []byte) {
	t.Helper()
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := 0; i < n; i++ {
		rec := ttf[12+16*i:]
		if string(rec[:4]) != "cmap" {
			continue
		}
		off, length := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		cmap := ttf[off : off+length]
		for k := 0; k < int(binary.BigEndian.Uint16(cmap[2:])); k++ {
			at := int(binary.BigEndian.Uint32(cmap[4+8*k+4:]))
			sub := cmap[at:]
			if binary.BigEndian.Uint16(sub) != 4 {
				continue
			}
			declared := int(binary.BigEndian.Uint16(sub[2:]))
			segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
			if declared%2 != 0 || declared < 16+8*segs || at+declared != length {
				t.Errorf("cmap format 4: length %d, %d segments, table %d bytes from %d", declared, segs, length, at)
			}
		}
		return
	}
	t.Error("no cmap")
}

func TestEmbeddedCmaps(t *testing.T) {
	data := build(t, sample.Example(), layout.Style{})
	fs := embeddedFonts(t, data)
	if len(fs) != 4 {
		t.Fatalf("%d fonts", len(fs))
	}
	for _, f := range fs {
		checkCmap(t, f)
	}
}

// writeChecked writes a document as PDF to a file that qpdf finds sound.
func writeChecked(t *testing.T, d *layout.Document) (*bytes.Buffer, string) {
	t.Helper()
	var b bytes.Buffer
	if err := pdfout.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "qpdf", "--check", path)
	return &b, path
}

// A character the first face of its role lacks is drawn in the next face,
// at the place layout measured for it.
func TestFallbackFace(t *testing.T) {
	dir := t.TempDir()
	r := sample.Example()
	r.Contact = "办公室王堃"
	embedded, _ := fonts.Embedded()
	plain, _ := layout.Typeset(r, embedded, layout.Style{})
	text := strings.ReplaceAll(strings.Join(plain.PlainText(), ""), "堃", "")
	first := testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋_GB2312"}, PSName: "FangSong_GB2312", Text: text, From: fonts.Heading2})
	os.WriteFile(filepath.Join(dir, "1.ttf"), first, 0o644)
	set, _, err := fonts.Find([]fonts.Dir{{Path: dir}})
	if err != nil {
		t.Fatal(err)
	}
	d, probs := layout.Typeset(r, set, layout.Style{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := d.Fallbacks(); got != "正文「堃」用 NotoSerifSC-Regular（内置）" {
		t.Errorf("fallbacks: %s", got)
	}
	b, path := writeChecked(t, d)
	list := run(t, "pdffonts", path)
	if !regexp.MustCompile(`(?m)^[A-Z]{6}\+FangSong_GB2312 `).MatchString(list) || !regexp.MustCompile(`(?m)^[A-Z]{6}\+NotoSerifSC-Regular `).MatchString(list) {
		t.Errorf("pdffonts:\n%s", list)
	}
	if text := run(t, "pdftotext", path, "-"); !strings.Contains(squash(text), "办公室王堃") {
		t.Errorf("the text across two faces does not read back whole")
	}
	for _, f := range embeddedFonts(t, b.Bytes()) {
		checkCmap(t, f)
	}
}

// Each character reads back as itself, even two a face draws with one
// glyph: a stray ∕ (or a Kangxi radical pasted from another PDF) must not
// turn every ／ of the report into it for search and copy.
func TestSharedGlyphReadsBack(t *testing.T) {
	r := sample.Example()
	r.Contact = "办公室（是／否∕）"
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, build(t, r, layout.Style{}), 0o644)
	if text := squash(run(t, "pdftotext", path, "-")); !strings.Contains(text, "办公室（是／否∕）") {
		t.Errorf("the text read back lacks 办公室（是／否∕）")
	}
}

// Two different faces with one PostScript name drawing the same
// characters are two fonts in the PDF with two names: a printer or viewer
// that keeps fonts by name must not draw one face's text with the other's
// glyphs.
func TestSubsetTagsDiffer(t *testing.T) {
	dir := t.TempDir()
	for i, spec := range []testtool.FontSpec{
		{Families: []string{"仿宋_GB2312"}, PSName: "Same", Text: "年度", From: fonts.Body},
		{Families: []string{"楷体_GB2312"}, PSName: "Same", Text: "年度", From: fonts.Heading2},
	} {
		os.WriteFile(filepath.Join(dir, strconv.Itoa(i)+".ttf"), testtool.Font(t, spec), 0o644)
	}
	set, _, err := fonts.Find([]fonts.Dir{{Path: dir}})
	if err != nil {
		t.Fatal(err)
	}
	if set.Face(fonts.Body).First() == set.Face(fonts.Heading2).First() {
		t.Fatal("one face for both roles")
	}
	item := func(role fonts.Role, y layout.Pt) layout.Item {
		return layout.Item{Kind: layout.Text, Role: role, Size: 16, Text: "年度", X: 100, Y: y, Xs: []layout.Pt{100, 116}, Advances: []layout.Pt{16, 16}}
	}
	d := &layout.Document{Faces: set, Pages: []layout.Page{{Number: 1, Items: []layout.Item{item(fonts.Body, 100), item(fonts.Heading2, 200)}}}}
	var b bytes.Buffer
	if err := pdfout.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, m := range regexp.MustCompile(`/FontName /([A-Z]{6}\+Same)\n`).FindAllSubmatch(b.Bytes(), -1) {
		names[string(m[1])] = true
	}
	if len(names) != 2 {
		t.Errorf("two faces named Same embedded as %v", names)
	}
}

// A face's PostScript name becomes the name of its font in the PDF, kept
// to what a name may hold and to the 63 characters of a PostScript name,
// so that with its subset tag it stays within the 127 bytes readers take
// (PDF 1.7 Annex C).
func TestFontName(t *testing.T) {
	dir := t.TempDir()
	ps := "Fang(Song)/" + strings.Repeat("Very-Long-Name", 12)
	os.WriteFile(filepath.Join(dir, "1.ttf"), testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋_GB2312"}, PSName: ps, Text: "年度", From: fonts.Body}), 0o644)
	set, _, err := fonts.Find([]fonts.Dir{{Path: dir}})
	if err != nil {
		t.Fatal(err)
	}
	d := &layout.Document{Faces: set, Pages: []layout.Page{{Number: 1, Items: []layout.Item{
		{Kind: layout.Text, Role: fonts.Body, Size: 16, Text: "年度", X: 100, Y: 100, Xs: []layout.Pt{100, 116}, Advances: []layout.Pt{16, 16}},
	}}}}
	var b bytes.Buffer
	if err := pdfout.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	want := "/" + strings.Repeat("_", 6) + "+FangSong" + strings.Repeat("Very-Long-Name", 12)[:63-len("FangSong")]
	m := regexp.MustCompile(`/FontName (/[A-Z]{6}\+\S*)`).FindSubmatch(b.Bytes())
	if m == nil || len(m[1]) != len(want) || !strings.HasSuffix(string(m[1]), want[7:]) {
		t.Errorf("font name %q, want %q after the tag", m, want[7:])
	}
}

// A character beyond the BMP, drawn by a face found for it (SimSun-ExtB),
// is embedded with a format 12 cmap, stands where the layout put it and
// reads back as itself: the ToUnicode map gives its surrogate pair. So in
// a report and in a roll-up's overview.
func TestRareCharacter(t *testing.T) {
	const rare = '\U0002000B'
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	ext := testtool.Font(t, testtool.FontSpec{Families: []string{"SimSun-ExtB"}, PSName: "SimSun-ExtB", Text: "平", From: fonts.Body, Alias: map[rune]rune{rare: '平'}})
	os.WriteFile(filepath.Join(dir, "simsunb.ttf"), ext, 0o644)
	set, _, err := fonts.Find([]fonts.Dir{{Path: dir}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		typeset   func() (*layout.Document, []report.Problem)
		fallbacks string
		texts     []string // read back
		fonts     int      // embedded
	}{
		{"report", func() (*layout.Document, []report.Problem) {
			r := sample.Example()
			r.Contact = "办公室王𠀋等"
			p := report.ParseParagraph("本年新增𠀋件。")
			p.Cell = "A7"
			r.Paragraphs = append(r.Paragraphs, p)
			return layout.Typeset(r, set, layout.Style{})
		}, "正文「𠀋」用 SimSun-ExtB（simsunb.ttf）", []string{"办公室王𠀋等", "本年新增𠀋件。"}, 5},
		{"overview", func() (*layout.Document, []report.Problem) {
			return layout.TypesetOverview(&layout.Overview{
				Title:   [2]string{"平罗县汇总（2 个单位）", "2024年政府信息公开工作年度报告汇总表"},
				Columns: []string{"序号", "单位", "新收"},
				Numeric: []bool{true, false, true},
				Rows:    [][]string{{"1", "平罗县𠀋局", "3"}, {"2", "平罗县民政局", "4"}},
				Total:   []string{"", "合计", "7"},
			}, set)
		}, "表格「𠀋」用 SimSun-ExtB（simsunb.ttf）", []string{"平罗县𠀋局"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, probs := tt.typeset()
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			if got := d.Fallbacks(); got != tt.fallbacks {
				t.Errorf("fallbacks: %s", got)
			}
			b, path := writeChecked(t, d)
			if list := run(t, "pdffonts", path); !regexp.MustCompile(`(?m)^[A-Z]{6}\+SimSun-ExtB `).MatchString(list) {
				t.Errorf("pdffonts:\n%s", list)
			}
			text := squash(run(t, "pdftotext", path, "-"))
			for _, want := range tt.texts {
				if !strings.Contains(text, want) {
					t.Errorf("pdftotext: the text read back lacks %s", want)
				}
			}
			fs := embeddedFonts(t, b.Bytes())
			if len(fs) != tt.fonts {
				t.Fatalf("%d fonts", len(fs))
			}
			ots := testtool.Need(t, "ots-sanitize")
			mapped := 0
			for i, f := range fs {
				checkCmap(t, f)
				if font, err := sfnt.Parse(f); err != nil {
					t.Errorf("font %d: %v", i, err)
				} else if g, err := font.GlyphIndex(nil, rare); err == nil && g != 0 {
					mapped++
				}
				name := filepath.Join(t.TempDir(), strconv.Itoa(i)+".ttf")
				os.WriteFile(name, f, 0o644)
				if out, err := exec.Command(ots, name, os.DevNull).CombinedOutput(); err != nil {
					t.Errorf("font %d: ots-sanitize: %v\n%s", i, err, out)
				}
			}
			if mapped != 1 {
				t.Errorf("%d embedded fonts map U+2000B in their cmap, want 1", mapped)
			}

			// PyMuPDF finds the character where the layout put it.
			out, err := exec.Command(testtool.NeedPython(t, "fitz", "python3-fitz"), "-c", glyphsScript, path).Output()
			if err != nil {
				t.Fatal(err)
			}
			var found [][3]float64
			for _, ln := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				var page int
				var x, y float64
				var c rune
				if _, err := fmt.Sscan(ln, &page, &x, &y, &c); err != nil {
					t.Fatalf("%q: %v", ln, err)
				}
				if c == rare {
					found = append(found, [3]float64{float64(page), x, y})
				}
			}
			var want [][3]float64
			for _, pg := range d.Pages {
				for _, it := range pg.Items {
					for i, c := range []rune(it.Text) {
						if it.Kind == layout.Text && c == rare {
							want = append(want, [3]float64{float64(pg.Number), float64(it.Xs[i]), float64(it.Y)})
						}
					}
				}
			}
			if len(want) != strings.Count(strings.Join(tt.texts, ""), string(rare)) || len(found) != len(want) {
				t.Fatalf("PyMuPDF finds U+2000B at %v, the layout put it at %v", found, want)
			}
			for i := range want {
				if math.Abs(found[i][1]-want[i][1]) > 0.01 || math.Abs(found[i][2]-want[i][2]) > 0.01 || found[i][0] != want[i][0] {
					t.Errorf("U+2000B at %v, laid out at %v", found[i], want[i])
				}
			}
		})
	}
}
