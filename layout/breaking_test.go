package layout

import (
	"strings"
	"testing"

	"nianbao/fonts"
	"nianbao/report"
)

func bodySetter(t *testing.T) setter {
	t.Helper()
	faces, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return body(faces)
}

func textOf(ln line) string {
	var b strings.Builder
	for _, g := range ln.glyphs {
		b.WriteRune(g.r)
	}
	return b.String()
}

// x returns the x of the i-th glyph that is r.
func x(t *testing.T, ln line, r rune) Pt {
	t.Helper()
	for i, g := range ln.glyphs {
		if g.r == r {
			return ln.xs[i]
		}
	}
	t.Fatalf("no %c in %q", r, textOf(ln))
	return 0
}

// Adjacent marks are squeezed even on a line with room to spare.
func TestPairsAlwaysSqueezed(t *testing.T) {
	s := bodySetter(t)
	half := CharPitch / 2
	tests := []struct {
		text string
		a, b rune
		want Pt // from a to b
	}{
		{"见《条例》，另", '》', '，', half},
		{"（注）。后", '）', '。', half},
		{"说，“好”", '，', '“', half}, // the opening mark's blank half goes
		{"者”“‘浙’些", '”', '“', half},
		{"者”“‘浙’些", '“', '‘', half}, // each pair of a run of three
		{"甲乙", '甲', '乙', CharPitch},
	}
	for _, tt := range tests {
		ln := s.place(s.units([]span{{fonts.Body, tt.text}}), TextWidth, false)
		if d := x(t, ln, tt.b) - x(t, ln, tt.a); d < tt.want-0.01 || d > tt.want+0.01 {
			t.Errorf("%s: %c to %c %.2f pt, want %.2f", tt.text, tt.a, tt.b, d, tt.want)
		}
	}
}

// A line-initial opening bracket after a paragraph's first line is set
// flush: its blank half hangs outside the 版心.
func TestFlushOpeningBracket(t *testing.T) {
	s := bodySetter(t)
	text := strings.Repeat("政", 26) + "（一）" + strings.Repeat("府", 30)
	lines := s.breakLines(s.units([]span{{fonts.Body, text}}), TextWidth-2*CharPitch, TextWidth, true)
	if len(lines) < 2 || lines[1].glyphs[0].r != '（' {
		t.Fatalf("second line %q", textOf(lines[1]))
	}
	if got := lines[1].xs[0]; got > -CharPitch/2+0.01 || got < -CharPitch/2-0.01 {
		t.Errorf("line-initial （ at %.2f, want %.2f", got, -CharPitch/2)
	}
	first := s.breakLines(s.units([]span{{fonts.Body, "（一）" + text}}), TextWidth-2*CharPitch, TextWidth, true)
	if first[0].xs[0] != 0 {
		t.Errorf("a paragraph's first （ moved to %.2f", first[0].xs[0])
	}
}

// URLs, e-mail addresses and phone numbers break inside only when a line
// would otherwise stretch beyond 1/8 字 a gap.
func TestBreaksInsideWords(t *testing.T) {
	s := bodySetter(t)
	tests := []struct {
		text  string
		whole string // stays on one line
		split bool   // is broken at one of its break points
	}{
		{"如对本报告有疑问或建议，请与平罗县自然资源局办公室联系（电话：0952-6095185）。", "0952-6095185", false},
		{"本报告全文可登录平罗县人民政府门户网站 http://www.pingluo.gov.cn/xxgk/zfxxgkzl/zfxxgknb/index.html?id=2024 查阅。", "", true},
		{"可发送电子邮件至 zrzyj-xxgk@pingluo.gov.cn 咨询。", "zrzyj-xxgk@pingluo.gov.cn", false},
	}
	for _, tt := range tests {
		lines := s.breakLines(s.units([]span{{fonts.Body, tt.text}}), TextWidth-2*CharPitch, TextWidth, true)
		var texts []string
		for _, ln := range lines {
			texts = append(texts, textOf(ln))
		}
		joined := strings.Join(texts, "|")
		if tt.whole != "" && !strings.Contains(joined, tt.whole) {
			t.Errorf("%q broken: %s", tt.whole, joined)
		}
		if tt.split {
			ok := false
			for _, l := range texts[:len(texts)-1] {
				if c := l[len(l)-1]; strings.ContainsRune("/.-_?&=@", rune(c)) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("not broken after / . - _ ? & = @: %s", joined)
			}
		}
	}
}

func TestPieces(t *testing.T) {
	s := bodySetter(t)
	tests := []struct{ word, want string }{
		{"https://www.gov.cn/a_b/c?x=1&y=2", "https://|www.|gov.|cn/|a_|b/|c?|x=|1&|y=|2"},
		{"xxgk@pingluo.gov.cn", "xxgk@|pingluo.|gov.|cn"},
		{"0952-6095185", "0952-|6095185"},
		{"33.9%", "33.9%"},
		{"2024-01", "2024-01"},
	}
	for _, tt := range tests {
		var got []string
		for _, u := range s.units([]span{{fonts.Body, tt.word}}) {
			var b strings.Builder
			for _, g := range u.glyphs {
				b.WriteRune(g.r)
			}
			got = append(got, b.String())
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%s: %s, want %s", tt.word, g, tt.want)
		}
	}
}

func TestHeading(t *testing.T) {
	tests := []struct {
		p          report.Paragraph
		head, text string
	}{
		{report.ParseParagraph("一、总体情况"), "一、总体情况", ""},
		{report.ParseParagraph("（一）主动公开。本年发布信息360条。"), "（一）主动公开。", "本年发布信息360条。"},
		{report.ParseParagraph("四、本机关依申请公开工作情况，本年度共收到政府信息公开申请9件，均在法定期限内答复，无行政复议和行政诉讼案件"),
			"四、本机关依申请公开工作情况，", "本年度共收到政府信息公开申请9件，均在法定期限内答复，无行政复议和行政诉讼案件"},
		{report.ParseParagraph("四、" + strings.Repeat("很长的一句话没有标点", 5)), "", "四、" + strings.Repeat("很长的一句话没有标点", 5)},
	}
	for _, tt := range tests {
		if h, x := heading(tt.p); h != tt.head || x != tt.text {
			t.Errorf("%q: %q + %q, want %q + %q", tt.p, h, x, tt.head, tt.text)
		}
	}
}

// A line too wide by a little squeezes the marks inside it rather than
// leave the line before spaced out (a paragraph of a published report).
func TestMarksInsideSqueezed(t *testing.T) {
	s := bodySetter(t)
	text := "二是深化沟通联动，筑牢矛盾化解“第一道防线”。2025年，累计开展办前主动沟通49次，成功推动化解各类争议纠纷33件。"
	lines := s.breakLines(s.units([]span{{fonts.Body, text}}), TextWidth-2*CharPitch, TextWidth, true)
	if got := textOf(lines[0]); !strings.Contains(got, "2025年，") {
		t.Fatalf("first line %q", got)
	}
	ln := lines[0]
	if ln.width > TextWidth-2*CharPitch+0.01 {
		t.Errorf("first line %.2f pt wide, past the 版心", ln.width)
	}
	if d := x(t, ln, '筑') - x(t, ln, '，'); d > CharPitch-0.01 {
		t.Errorf("「，」 inside the line takes %.2f pt, not squeezed", d)
	}
}
