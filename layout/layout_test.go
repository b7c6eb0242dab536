package layout_test

import (
	"flag"
	"os"
	"strings"
	"testing"

	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/report"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func faces(t testing.TB) *fonts.Set {
	t.Helper()
	s, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func typeset(t testing.TB, r *report.Report, st layout.Style) *layout.Document {
	t.Helper()
	d, probs := layout.Typeset(r, faces(t), st)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	return d
}

func big() *report.Report { return testtool.Large() }

func TestGolden(t *testing.T) {
	for name, r := range map[string]*report.Report{"example": sample.Example(), "big": big()} {
		got := typeset(t, r, layout.Style{}).Dump()
		path := "testdata/" + name + ".dump"
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s: layout differs from %s (go test ./layout -update to accept):\n%s", name, path, firstDiff(got, string(want)))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "got:  " + al[i] + "\nwant: " + bl[i]
		}
	}
	return "lengths differ"
}

// lines groups a page's body text items into lines by baseline.
func lines(p layout.Page, size layout.Pt) []string {
	var out []string
	var y layout.Pt = -1
	for _, it := range p.Items {
		if it.Kind != layout.Text || it.Size != size {
			continue
		}
		if it.Y != y {
			out = append(out, "")
			y = it.Y
		}
		out[len(out)-1] += it.Text
	}
	return out
}

func TestLineBreaking(t *testing.T) {
	for _, r := range []*report.Report{sample.Example(), big()} {
		d := typeset(t, r, layout.Style{})
		prev := ""
		for _, p := range d.Pages {
			for _, ln := range lines(p, layout.BodySize) {
				rs := []rune(ln)
				// A number never parts from its 年, 月 or 日.
				if strings.ContainsRune("年月日", rs[0]) && prev != "" && prev[len(prev)-1] >= '0' && prev[len(prev)-1] <= '9' {
					t.Errorf("a date is split after its number: %q / %q", prev, ln)
				}
				prev = ln
				if strings.ContainsRune("。，、：；！？”’）》」』】〕", rs[0]) {
					t.Errorf("page %d: line starts with a closing mark: %s", p.Number, ln)
				}
				if strings.ContainsRune("“‘（《「『【〔", rs[len(rs)-1]) {
					t.Errorf("page %d: line ends with an opening mark: %s", p.Number, ln)
				}
			}
		}
		text := strings.Join(d.PlainText(), "")
		for _, word := range []string{"http://www.pingluo.gov.cn", "0952-6095185", "100%", "12月31日"} {
			if !strings.Contains(text, word) {
				t.Errorf("%q was broken across lines", word)
			}
		}
	}
}

func TestJustification(t *testing.T) {
	d := typeset(t, sample.Example(), layout.Style{})
	// Every full line of a paragraph ends at the right edge of the 版心.
	right := func(p layout.Page, it layout.Item) layout.Pt {
		return it.Xs[len(it.Xs)-1] - layout.Left(p.Number)
	}
	full := 0
	for _, p := range d.Pages {
		byLine := map[layout.Pt]layout.Item{}
		for _, it := range p.Items {
			if it.Kind == layout.Text && it.Size == layout.BodySize {
				if prev, ok := byLine[it.Y]; !ok || it.X > prev.X {
					byLine[it.Y] = it
				}
			}
		}
		for _, it := range byLine {
			last := []rune(it.Text)[len([]rune(it.Text))-1]
			adv := layout.CharPitch
			if last < 0x7f {
				adv = layout.Pt(faces(t).Face(it.Role).Advance(last)) * layout.BodySize
			}
			end := right(p, it) + adv
			if last == '。' || last == '，' || last == '；' || last == '：' || last == '、' {
				end -= layout.CharPitch / 2 // a squeezed mark ends the line
			}
			if end > layout.TextWidth+0.5 {
				t.Errorf("page %d: line at y=%.1f runs past the 版心: %s", p.Number, it.Y, it.Text)
			}
			if end > layout.TextWidth-1 {
				full++
			}
		}
	}
	if full < 60 {
		t.Errorf("only %d lines reach the right edge", full)
	}
}

func TestNoOneCharacterLastLine(t *testing.T) {
	r := sample.Example()
	// 27 characters after the indent fill the first line (26) and leave one.
	r.Paragraphs = append(r.Paragraphs, report.ParseParagraph(strings.Repeat("字", 27)))
	d := typeset(t, r, layout.Style{})
	last := d.Pages[len(d.Pages)-1]
	ls := lines(last, layout.BodySize)
	for _, l := range ls {
		if l == "字" {
			t.Errorf("a paragraph ends in a one-character line: %q", ls)
		}
	}
}

// distinct are labels each found in one table only and never wrapped.
var distinct = map[report.TableID][]string{
	report.TableActive:   {"第二十条第（一）项", "行政许可", "行政事业性收费", "现行有效件数"},
	report.TableRequests: {"申请人情况", "（七）总计", "（一）予以公开", "3.其他", "法人或其他组织"},
	report.TableAppeals:  {"行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"},
}

func TestTablesWholeOnOnePage(t *testing.T) {
	for _, r := range []*report.Report{sample.Example(), big()} {
		d := typeset(t, r, layout.Style{})
		for _, tb := range report.Tables() {
			pages := map[int]bool{}
			for _, p := range d.Pages {
				for _, it := range p.Items {
					for _, l := range distinct[tb.ID] {
						if it.Kind == layout.Text && it.Size == d.TableSize && it.Text == l {
							pages[p.Number] = true
						}
					}
				}
			}
			if len(pages) != 1 {
				t.Errorf("%s of %s is on pages %v", tb.Sheet, r.Agency, pages)
			}
			for _, p := range d.Pages {
				for _, l := range lines(p, layout.BodySize) {
					if l == tb.Heading && !pages[p.Number] {
						t.Errorf("%s: heading on page %d, table on %v", tb.Sheet, p.Number, pages)
					}
				}
			}
		}
	}
}

func TestOneTableSize(t *testing.T) {
	tests := []struct {
		name string
		r    *report.Report
		want layout.Pt
	}{
		{"example", sample.Example(), 10.5},
		{"big", big(), 10.5},
		{"six digits in every applicant column", func() *report.Report {
			r := big()
			r.Requests[report.ReqCarriedIn][0] += 900000
			r.Requests[report.ReqCarriedOut][0] += 900000
			return r
		}(), 9},
	}
	for _, tt := range tests {
		d := typeset(t, tt.r, layout.Style{})
		if d.TableSize != tt.want {
			t.Errorf("%s: table size %.1f, want %.1f", tt.name, d.TableSize, tt.want)
		}
		for _, p := range d.Pages {
			for _, it := range p.Items {
				if it.Kind == layout.Text && it.Size < layout.BodySize && it.Size != layout.FolioSize && it.Size != d.TableSize {
					t.Errorf("%s: a table cell at %.1f pt: %s", tt.name, it.Size, it.Text)
				}
			}
		}
	}
	r := big()
	r.Requests[report.ReqCarriedIn][report.RequestTotal] = 123456789012
	_, probs := layout.Typeset(r, faces(t), layout.Style{})
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "表三 J7 的数字 123456789012") || !strings.Contains(probs[0].Message, "9 磅") {
		t.Errorf("oversized figure: %v", probs)
	}
}

func TestPageNumbers(t *testing.T) {
	d := typeset(t, sample.Example(), layout.Style{})
	if len(d.Pages) < 5 {
		t.Fatalf("%d pages", len(d.Pages))
	}
	for _, p := range d.Pages {
		var folio *layout.Item
		var dashes []layout.Item
		for i, it := range p.Items {
			switch {
			case it.Kind == layout.Text && it.Role == fonts.PageNumber:
				folio = &p.Items[i]
			case it.Kind == layout.Rule && it.Role == fonts.PageNumber:
				dashes = append(dashes, it)
			}
		}
		want := "— " + itoa(p.Number) + " —"
		if folio == nil || folio.Text != want || folio.Size != layout.FolioSize {
			t.Fatalf("page %d: folio %+v, want %q", p.Number, folio, want)
		}
		// The embedded face's U+2014 is narrower than a 字: each 一字线 is
		// drawn as a rule of one full 字.
		if len(dashes) != 2 {
			t.Fatalf("page %d: %d dashes drawn, want 2", p.Number, len(dashes))
		}
		x := folio.X
		for _, d := range dashes {
			if w := d.X2 - d.X; w < layout.FolioSize-0.01 || w > layout.FolioSize+0.01 {
				t.Errorf("page %d: a dash %.2f pt long, want one 字 (%.0f pt)", p.Number, w, layout.FolioSize)
			}
			x = min(x, d.X)
		}
		left := layout.Left(p.Number)
		if p.Number%2 == 1 && x < left+layout.TextWidth/2 || p.Number%2 == 0 && (x > left+layout.FolioSize+0.01 || x < left+layout.FolioSize-0.01) {
			t.Errorf("page %d: folio at x=%.1f", p.Number, x)
		}
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

func TestHeadingNeverEndsAPage(t *testing.T) {
	// Push section 六's heading to the foot of a page by varying how much
	// text comes before it.
	for extra := 0; extra < 22; extra++ {
		r := sample.Example()
		var ps []report.Paragraph
		for i, p := range r.Paragraphs {
			if strings.HasPrefix(p.Head, "六、") {
				for k := 0; k < extra; k++ {
					ps = append(ps, report.ParseParagraph("补充说明。"))
				}
			}
			ps = append(ps, r.Paragraphs[i])
		}
		r.Paragraphs = ps
		d := typeset(t, r, layout.Style{})
		for _, p := range d.Pages {
			ls := lines(p, layout.BodySize)
			if len(ls) == 0 {
				continue
			}
			last := ls[len(ls)-1]
			if strings.HasPrefix(last, "六、") || strings.HasPrefix(last, "（一）2024") {
				t.Errorf("extra %d: page %d ends with the heading %q", extra, p.Number, last)
			}
		}
	}
}

func TestCoverage(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"本年新增𠀀件。", []string{"正文 A7", "第 5 个字「𠀀」（U+20000）是扩展区的生僻字，这台电脑上的字体里都没有这个字", "SimSun-ExtB", "程序旁的「字体」文件夹"}},
		{"私用区\uE000字。", []string{"正文 A7", "第 4 个字", "U+E000", "正文字体"}},
		{"控制\u0007字符。", []string{"正文 A7", "控制字符（U+0007）"}},
		{"反向\u202E字符。", []string{"正文 A7", "看不见的字符（U+202E）"}},
	}
	for _, tt := range tests {
		r := sample.Example()
		p := report.ParseParagraph(tt.text)
		p.Cell = "A7"
		r.Paragraphs = append(r.Paragraphs, p)
		d, probs := layout.Typeset(r, faces(t), layout.Style{})
		if d != nil || len(probs) != 1 {
			t.Fatalf("%q: %v", tt.text, probs)
		}
		for _, s := range tt.want {
			if !strings.Contains(probs[0].String(), s) {
				t.Errorf("%q lacks %q", probs[0], s)
			}
		}
	}
}

func TestDraftAndOutline(t *testing.T) {
	d := typeset(t, sample.Example(), layout.Style{Draft: true})
	for _, p := range d.Pages {
		if it := p.Items[0]; it.Text != layout.DraftMark || it.Angle != 45 || it.Grey == 0 {
			t.Errorf("page %d: first item %+v, want the draft mark under the rest", p.Number, it)
		}
	}
	var titles []string
	for _, m := range d.Outline {
		titles = append(titles, m.Title)
	}
	want := "一、总体情况|二、主动公开政府信息情况|三、收到和处理政府信息公开申请情况|四、政府信息公开行政复议、行政诉讼情况|五、存在主要问题及改进情况|六、其他需要报告的事项"
	if strings.Join(titles, "|") != want {
		t.Errorf("outline %v", titles)
	}
}

func TestSignature(t *testing.T) {
	r := sample.Example()
	r.Published = report.Date{Year: 2025, Month: 1, Day: 20}
	d := typeset(t, r, layout.Style{})
	ls := lines(d.Pages[len(d.Pages)-1], layout.BodySize)
	if len(ls) < 2 || ls[len(ls)-2] != "平罗县自然资源局" || ls[len(ls)-1] != "2025年1月20日" {
		t.Errorf("last lines %q", ls)
	}
}

func BenchmarkTypeset(b *testing.B) {
	f := faces(b)
	r := sample.Example()
	for b.Loop() {
		layout.Typeset(r, f, layout.Style{})
	}
}

func TestLongTitle(t *testing.T) {
	r := sample.Example()
	r.Agency = "宁夏回族自治区石嘴山市平罗县人民政府办公室政务公开与政务服务科"
	d := typeset(t, r, layout.Style{})
	var title []layout.Item
	for _, it := range d.Pages[0].Items {
		if it.Role == fonts.Title {
			title = append(title, it)
		}
	}
	if len(title) != 3 {
		t.Fatalf("%d title lines, want the agency on two and the report on one", len(title))
	}
	for _, it := range title {
		left := it.X - layout.Left(1)
		right := layout.Left(1) + layout.TextWidth - (it.Xs[len(it.Xs)-1] + layout.TitleSize)
		if left < -0.01 || right < -0.5 || left-right > 1 || right-left > 1 {
			t.Errorf("title line %q not centred in the 版心: %.1f left, %.1f right", it.Text, left, right)
		}
	}
}

// A table's section typed in 正文 heads the table (once), and what staff
// wrote under it follows the table.
func TestTypedTableSection(t *testing.T) {
	r := sample.Example()
	var ps []report.Paragraph
	for _, p := range r.Paragraphs {
		if strings.HasPrefix(p.Head, "五、") {
			ps = append(ps, report.ParseParagraph("四、政府信息公开行政复议、行政诉讼情况"), report.ParseParagraph("注：行政复议、行政诉讼数量含上年度结转数量。"))
		}
		ps = append(ps, p)
	}
	r.Paragraphs = ps
	d := typeset(t, r, layout.Style{})
	var order []string
	for _, p := range d.Pages {
		for _, it := range p.Items {
			switch {
			case it.Text == "四、政府信息公开行政复议、行政诉讼情况", it.Text == "复议后起诉", strings.HasPrefix(it.Text, "注："), it.Text == "五、存在主要问题及改进情况":
				order = append(order, it.Text)
			}
		}
	}
	want := "四、政府信息公开行政复议、行政诉讼情况|复议后起诉|注：行政复议、行政诉讼数量含上年度结转数量。|五、存在主要问题及改进情况"
	if got := strings.Join(order, "|"); got != want {
		t.Errorf("order:\n got %s\nwant %s", got, want)
	}
}

func TestLongWordBreaks(t *testing.T) {
	r := sample.Example()
	url := "https://www.example.gov.cn/" + strings.Repeat("zfxxgk/nb/", 8) + "index.html"
	r.Paragraphs = append(r.Paragraphs, report.ParseParagraph("详见"+url+"。"))
	d := typeset(t, r, layout.Style{})
	face := faces(t).Face(fonts.Body)
	var got string
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind != layout.Text || it.Size != layout.BodySize {
				continue
			}
			last := []rune(it.Text)[len([]rune(it.Text))-1]
			end := it.Xs[len(it.Xs)-1] + layout.Pt(face.Advance(last))*layout.BodySize
			if last < 0x7f && end > layout.Left(p.Number)+layout.TextWidth+0.5 {
				t.Errorf("page %d: %q runs past the 版心 (%.1f)", p.Number, it.Text, end-layout.Left(p.Number))
			}
			if strings.ContainsAny(it.Text, "zfxxgk") || strings.Contains(it.Text, "详见") {
				got += it.Text
			}
		}
	}
	if !strings.Contains(got, url) {
		t.Errorf("the URL did not come back whole across lines: %q", got)
	}
}

// BenchmarkTypesetLong typesets a report with ten times the example's
// narrative: line breaking over whole paragraphs and pagination dominate.
func BenchmarkTypesetLong(b *testing.B) {
	f := faces(b)
	r := sample.Example()
	ps := r.Paragraphs
	for range 9 {
		for _, p := range ps {
			if p.Level == 0 {
				r.Paragraphs = append(r.Paragraphs, p)
			}
		}
	}
	for b.Loop() {
		layout.Typeset(r, f, layout.Style{})
	}
}
