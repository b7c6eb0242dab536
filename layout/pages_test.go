package layout_test

import (
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"nianbao/fonts"
	"nianbao/internal/sample"
	"nianbao/internal/testtool"
	"nianbao/layout"
	"nianbao/report"
)

// bodyLine is a line of 16 pt text as the document places it.
type bodyLine struct {
	page     int
	y, x     layout.Pt
	text     string
	end      layout.Pt // the right edge of its last glyph, with the grid's tracking
	indented bool      // starts a paragraph
	flush    bool      // at the 版心's left edge (a paragraph's later line)
}

func bodyLines(d *layout.Document) []bodyLine {
	fontSet := d.Faces
	var out []bodyLine
	for _, p := range d.Pages {
		byY := map[layout.Pt]*bodyLine{}
		var ys []layout.Pt
		for _, it := range p.Items {
			if it.Kind != layout.Text || it.Size != layout.BodySize {
				continue
			}
			l := byY[it.Y]
			if l == nil {
				l = &bodyLine{page: p.Number, y: it.Y, x: it.X}
				byY[it.Y] = l
				ys = append(ys, it.Y)
			}
			l.x = min(l.x, it.X)
			l.text += it.Text
			rs := []rune(it.Text)
			end := it.Xs[len(rs)-1] + layout.Pt(fontSet.Face(it.Role).Advance(rs[len(rs)-1]))*it.Size
			if rs[len(rs)-1] > 0x7f {
				end += layout.CharPitch - layout.BodySize
			}
			l.end = max(l.end, end)
		}
		sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
		left := layout.Left(p.Number)
		for _, y := range ys {
			l := byY[y]
			l.indented = math.Abs(float64(l.x-left-2*layout.CharPitch)) < 0.5
			l.flush = math.Abs(float64(l.x-left)) < 0.5 || math.Abs(float64(l.x+layout.BodySize/2-left)) < 0.5
			out = append(out, *l)
		}
	}
	return out
}

func stressReports() map[string]*report.Report {
	rs := testtool.Stress()
	rs["example"] = sample.Example()
	rs["big"] = testtool.Large()
	return rs
}

// A paragraph split across pages leaves two lines or more on each side,
// the signature has two lines of text above it on its page, and no page
// holds a single line of text alone.
func TestNoWidowOrOrphan(t *testing.T) {
	for name, r := range stressReports() {
		d := typeset(t, r, layout.Style{})
		lines := bodyLines(d)
		var para []bodyLine
		check := func() {
			if len(para) == 0 || para[0].page == para[len(para)-1].page {
				return
			}
			first, last := 0, 0
			for _, l := range para {
				if l.page == para[0].page {
					first++
				}
				if l.page == para[len(para)-1].page {
					last++
				}
			}
			if first < 2 || last < 2 {
				t.Errorf("%s: paragraph split %d/%d over pages %d-%d: %s…", name, first, last, para[0].page, para[len(para)-1].page, para[0].text)
			}
		}
		perPage := map[int]int{}
		for _, l := range lines {
			switch {
			case l.indented:
				check()
				para = []bodyLine{l}
			case l.flush:
				para = append(para, l)
			default: // the signature
				if perPage[l.page] < 2 {
					t.Errorf("%s: 「%s」 on page %d with %d lines of text", name, l.text, l.page, perPage[l.page])
				}
				continue
			}
			perPage[l.page]++
		}
		check()
		for _, p := range d.Pages {
			table := false
			for _, it := range p.Items {
				table = table || it.Kind == layout.Text && it.Size == d.TableSize
			}
			if !table && perPage[p.Number] < 2 {
				t.Errorf("%s: page %d holds %d lines of text", name, p.Number, perPage[p.Number])
			}
		}
	}
}

// GB/T 9704 7.3.5.2: one empty line under the text, the agency 右空二字 and
// the date starting 2 字 right of it; a longer date 右空二字, the agency 2 字
// left of it.
func TestSignaturePlace(t *testing.T) {
	tests := []struct {
		agency string
		date   report.Date
		longer bool // the date is longer than the agency
	}{
		{"宁夏回族自治区平罗县自然资源局", report.Date{Year: 2025, Month: 1, Day: 20}, false},
		{"平罗县自然资源局", report.Date{Year: 2025, Month: 1, Day: 20}, true},
		{"某县局", report.Date{Year: 2025, Month: 12, Day: 31}, true},
	}
	for _, tt := range tests {
		r := sample.Example()
		r.Agency, r.Published = tt.agency, tt.date
		lines := bodyLines(typeset(t, r, layout.Style{}))
		n := len(lines)
		text, name, date := lines[n-3], lines[n-2], lines[n-1]
		if name.text != tt.agency || date.text != tt.date.String() {
			t.Fatalf("last lines %q %q", name.text, date.text)
		}
		if name.page != text.page || date.page != name.page {
			t.Errorf("%s: text, agency and date on pages %d, %d, %d", tt.agency, text.page, name.page, date.page)
		}
		if d := name.y - text.y; math.Abs(float64(d-2*layout.LinePitch)) > 0.01 {
			t.Errorf("%s: agency %.1f pt under the text, want one empty line", tt.agency, d)
		}
		if d := date.y - name.y; math.Abs(float64(d-layout.LinePitch)) > 0.01 {
			t.Errorf("%s: date %.1f pt under the agency", tt.agency, d)
		}
		if d := date.x - name.x; math.Abs(float64(d-2*layout.CharPitch)) > 0.01 {
			t.Errorf("%s: date begins %.2f 字 right of the agency, want 2", tt.agency, d/layout.CharPitch)
		}
		right := name
		if tt.longer {
			right = date
		}
		if d := layout.Left(right.page) + layout.TextWidth - right.end; math.Abs(float64(d-2*layout.CharPitch)) > 0.5 {
			t.Errorf("%s: 「%s」 ends %.2f 字 from the right edge, want 2", tt.agency, right.text, d/layout.CharPitch)
		}
	}
}

// A city's own 「四、政府信息公开申请情况」 does not take the place of 表四's
// heading; a numbered paragraph longer than a heading is not set in 黑体.
func TestOwnSectionHeadings(t *testing.T) {
	r := sample.Example()
	long := "四、本机关依申请公开工作情况。本年度共收到政府信息公开申请9件，均在法定期限内答复，无行政复议和行政诉讼案件，较上年有所下降"
	var ps []report.Paragraph
	for _, p := range r.Paragraphs {
		if strings.HasPrefix(p.Head, "五、") {
			ps = append(ps, report.ParseParagraph("四、政府信息公开申请情况"), report.ParseParagraph(long))
		}
		ps = append(ps, p)
	}
	r.Paragraphs = ps
	d := typeset(t, r, layout.Style{})
	var order []string
	for _, p := range d.Pages {
		for _, it := range p.Items {
			if it.Kind != layout.Text {
				continue
			}
			if it.Role == fonts.Heading1 && len([]rune(it.Text)) > 40 {
				t.Errorf("set whole in 黑体: %s", it.Text)
			}
			switch {
			case it.Text == "四、政府信息公开申请情况", it.Text == report.TableByID(report.TableAppeals).Heading, it.Text == "复议后起诉", it.Text == "五、存在主要问题及改进情况":
				order = append(order, it.Text)
			}
		}
	}
	want := "四、政府信息公开申请情况|四、政府信息公开行政复议、行政诉讼情况|复议后起诉|五、存在主要问题及改进情况"
	if got := strings.Join(order, "|"); got != want {
		t.Errorf("order:\n got %s\nwant %s", got, want)
	}
}

// tableItems returns the table text items and rules of the page holding a
// table's heading, with the heading's page.
func tableItems(t *testing.T, d *layout.Document, tb *report.Table) (texts, rules []layout.Item) {
	for _, p := range d.Pages {
		found := false
		for _, it := range p.Items {
			found = found || it.Kind == layout.Text && it.Text == tb.Heading
		}
		if !found {
			continue
		}
		for _, it := range p.Items {
			switch {
			case it.Kind == layout.Text && it.Size == d.TableSize:
				texts = append(texts, it)
			case it.Kind == layout.Rule && it.X == it.X2 && it.Role != fonts.PageNumber:
				rules = append(rules, it)
			}
		}
		return texts, rules
	}
	t.Fatalf("%s not found", tb.Heading)
	return nil, nil
}

func TestTableCells(t *testing.T) {
	f := faces(t)
	for _, r := range []*report.Report{sample.Example(), big()} {
		d := typeset(t, r, layout.Style{})
		for _, tb := range report.Tables() {
			texts, rules := tableItems(t, d, tb)
			seen := map[string]bool{}
			for _, it := range texts {
				seen[it.Text] = true
				if it.Text == "、" {
					continue // the upright label's mark hangs in its square
				}
				// 3 pt or more between the text and the rules either side.
				last := []rune(it.Text)[len([]rune(it.Text))-1]
				end := it.Xs[len(it.Xs)-1] + layout.Pt(f.Face(fonts.Table).Advance(last))*it.Size
				l, rt := layout.Pt(-1), layout.Pt(math.Inf(1))
				for _, ru := range rules {
					if ru.Y <= it.Y && ru.Y2 >= it.Y-it.Size/2 {
						if ru.X <= it.X+0.01 {
							l = max(l, ru.X)
						}
						if ru.X >= end-0.01 {
							rt = min(rt, ru.X)
						}
					}
				}
				if it.X-l < 3-0.01 || rt-end < 3-0.01 {
					t.Errorf("%s: 「%s」 %.2f pt from the left rule, %.2f from the right", tb.Sheet, it.Text, it.X-l, rt-end)
				}
			}
			// Header labels break only between words.
			for _, c := range tb.Cells {
				if c.Kind != report.Header {
					continue
				}
				for _, w := range []string{"自然人", "社会", "公益", "组织", "商业", "企业", "科研", "机构", "法律", "服务", "结果", "维持", "纠正", "尚未", "审结", "本年", "件数"} {
					if strings.Contains(c.Text, w) && !anyContains(texts, w) {
						t.Errorf("%s: 「%s」 of 「%s」 is split", tb.Sheet, w, c.Text)
					}
				}
			}
		}
		// The upright label: one character a line, each centred on its column.
		texts, rules := tableItems(t, d, report.TableByID(report.TableRequests))
		var xs []layout.Pt
		for _, ru := range rules {
			if !slices.Contains(xs, ru.X) {
				xs = append(xs, ru.X)
			}
		}
		slices.Sort(xs)
		mid := (xs[0] + xs[1]) / 2
		for _, c := range "本年度办理结果" {
			n := 0
			for _, it := range texts {
				if it.Text == string(c) && it.X < xs[1] {
					n++
					if d := it.X + it.Size/2 - mid; d > 0.01 || d < -0.01 {
						t.Errorf("upright %c %.2f pt off its column's centre", c, d)
					}
				}
			}
			if n != 1 {
				t.Errorf("upright %c found %d times", c, n)
			}
		}
	}
}

func anyContains(items []layout.Item, s string) bool {
	for _, it := range items {
		if strings.Contains(it.Text, s) {
			return true
		}
	}
	return false
}

// Figures are in tabular digits: down a column, the digits of a place
// value share their centre.
func TestTabularDigits(t *testing.T) {
	d := typeset(t, big(), layout.Style{})
	f := faces(t).Face(fonts.Table)
	texts, _ := tableItems(t, d, report.TableByID(report.TableRequests))
	byEnd := map[int][]layout.Item{}
	for _, it := range texts {
		if strings.Trim(it.Text, "0123456789") != "" {
			continue
		}
		rs := []rune(it.Text)
		n := len(rs) - 1
		end := it.Xs[n] + layout.Pt(f.Advance(rs[n]))*it.Size/2
		byEnd[int(math.Round(float64(end)))] = append(byEnd[int(math.Round(float64(end)))], it)
	}
	columns := 0
	for _, col := range byEnd {
		if len(col) < 10 {
			continue
		}
		columns++
		centre := func(it layout.Item, k int) layout.Pt {
			rs := []rune(it.Text)
			return it.Xs[k] + layout.Pt(f.Advance(rs[k]))*it.Size/2
		}
		ref := col[0]
		for _, it := range col[1:] {
			if len(it.Text) != len(ref.Text) {
				continue
			}
			for k := range len(it.Text) {
				if d := centre(it, k) - centre(ref, k); d > 0.01 || d < -0.01 {
					t.Errorf("%s and %s: digit %d off by %.2f pt", it.Text, ref.Text, k+1, d)
				}
			}
		}
	}
	if columns < 7 {
		t.Errorf("%d columns of figures found, want 7", columns)
	}
}

// The 第二十条 band rows are centred across the table.
func TestBandRows(t *testing.T) {
	d := typeset(t, sample.Example(), layout.Style{})
	texts, _ := tableItems(t, d, report.TableByID(report.TableActive))
	n := 0
	for _, it := range texts {
		if !strings.HasPrefix(it.Text, "第二十条") {
			continue
		}
		n++
		p := 0
		for _, pg := range d.Pages {
			for _, x := range pg.Items {
				if x.Text == it.Text && x.Y == it.Y {
					p = pg.Number
				}
			}
		}
		end := it.Xs[len(it.Xs)-1] + layout.CharPitch*it.Size/layout.BodySize
		if c := (it.X+end)/2 - layout.Left(p) - layout.TextWidth/2; c > 1 || c < -1 {
			t.Errorf("「%s」 %.1f pt off the table's centre", it.Text, c)
		}
	}
	if n != 4 {
		t.Errorf("%d band rows", n)
	}
}
