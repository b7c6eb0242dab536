package layout

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"nianbao/fonts"
)

// Line-breaking classes: UAX #14 reduced to what these reports contain
// (Han, full-width punctuation, Latin words, digits, URLs), with the
// GB/T 15834-2011 §5.1 override sets.
const (
	// noStart may not begin a line: 点号, closing marks, 连接/间隔/分隔 marks
	// and units after a number.
	noStart = "。．，、：；！？" + "”’）》〉」』】〕〗］｝" + "～–—·・‧/／" + "%％‰℃°" + ")]}" + ",.:;!?"
	// noEnd may not end a line: opening marks and the 分隔号.
	noEnd = "“‘（《〈「『【〔〖［｛" + "([{" + "/／"
	// halfMarks are full-width punctuation whose glyph fills one half of
	// its em box; the other half may be squeezed away (GB/T 15834 §5.1.10).
	openMarks  = "“‘（《〈「『【〔〖［｛"
	closeMarks = "。．，、：；！？”’）》〉」』】〕〗］｝"
)

// unitKind classifies a unit for spacing.
type unitKind uint8

const (
	kHan   unitKind = iota // a Han character or other full-width letter
	kWord                  // a Latin word, digit run or URL: never broken
	kOpen                  // opening full-width mark
	kClose                 // closing full-width mark or 点号
	kOther                 // other full-width symbols (——, ……, ·)
)

// glyph is one rune to draw.
type glyph struct {
	r    rune
	role fonts.Role
	w    Pt // advance
	adv  Pt // the face's own advance at the size: how far a PDF viewer moves after drawing it
	dx   Pt // drawn this far right of its pen position (a squeezed opening mark)
}

// unit is what line breaking never splits.
type unit struct {
	glyphs  []glyph
	kind    unitKind
	space   bool // a typed space stood before it
	squeeze Pt   // how much of its width may be squeezed away
	left    bool // the squeezable half is on the left (opening marks)
	date    bool // 年 or 月 right after digits: part of a date such as 2024年1月1日
	cut     bool // a piece of a word too long for a line: a line may break before it
	// soft marks a piece of a URL, e-mail address or phone number after
	// its first: a line may break before it, at a cost.
	soft bool
}

func (u *unit) width() Pt {
	var w Pt
	for _, g := range u.glyphs {
		w += g.w
	}
	return w
}

func (u *unit) first() rune { return u.glyphs[0].r }
func (u *unit) last() rune  { return u.glyphs[len(u.glyphs)-1].r }

// span is a piece of text in one role.
type span struct {
	role fonts.Role
	text string
}

// setter measures text in a face set at one size, with a tracking applied
// to every full-width glyph (the body grid's −0.207 pt at 16 pt).
type setter struct {
	faces *fonts.Set
	size  Pt
	track Pt
}

func isWordRune(r rune) bool { return r > ' ' && r < 0x7f }

func isFullWidth(r rune) bool {
	return r >= 0x2E80 || strings.ContainsRune("—–…·‧“”‘’°", r) || unicode.Is(unicode.Han, r)
}

// units cuts spans into units.
func (s setter) units(spans []span) []unit {
	var us []unit
	space := false
	for _, sp := range spans {
		face := s.faces.Face(sp.role)
		rs := []rune(sp.text)
		for i := 0; i < len(rs); i++ {
			r := rs[i]
			if r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0' {
				space = true
				continue
			}
			adv := Pt(face.Advance(r)) * s.size
			g := glyph{r: r, role: sp.role, w: adv, adv: adv}
			switch {
			case isWordRune(r):
				u := unit{kind: kWord, space: space}
				for ; i < len(rs) && isWordRune(rs[i]); i++ {
					adv := Pt(face.Advance(rs[i])) * s.size
					u.glyphs = append(u.glyphs, glyph{r: rs[i], role: sp.role, w: adv, adv: adv})
				}
				i--
				us = append(us, pieces(u)...)
			case (r == '—' || r == '…') && i+1 < len(rs) && rs[i+1] == r:
				g.w += s.track
				g2 := glyph{r: r, role: sp.role, w: g.adv + s.track, adv: g.adv}
				us = append(us, unit{kind: kOther, space: space, glyphs: []glyph{g, g2}})
				i++
			default:
				if isFullWidth(r) {
					g.w += s.track
				}
				u := unit{kind: kHan, space: space, glyphs: []glyph{g}}
				if n := len(us); (r == '年' || r == '月') && n > 0 && us[n-1].kind == kWord && isDigits(us[n-1]) {
					u.date = true
				}
				switch {
				case strings.ContainsRune(openMarks, r):
					u.kind, u.squeeze, u.left = kOpen, g.w/2, true
				case strings.ContainsRune(closeMarks, r):
					u.kind, u.squeeze = kClose, g.w/2
				case !unicode.Is(unicode.Han, r) && isFullWidth(r) && !unicode.IsLetter(r) && !unicode.IsDigit(r):
					u.kind = kOther
				}
				us = append(us, u)
			}
			space = false
		}
	}
	return us
}

// gap returns the natural space between two units and whether a line may
// break there.
func (s setter) gap(a, b *unit) (Pt, bool) {
	quarter := s.size / 4
	if b.cut || b.soft {
		return 0, true
	}
	ok := !strings.ContainsRune(noStart, b.first()) && !strings.ContainsRune(noEnd, a.last())
	// A number stays with its 年, 月 or 日: 「2024年」「31日」.
	if a.kind == kWord && isDigits(*a) && strings.ContainsRune("年月日", b.first()) {
		ok = false
	}
	if a.kind == kOther && b.kind == kOther && a.last() == b.first() && (a.last() == '—' || a.last() == '…') {
		ok = false
	}
	switch {
	case a.kind == kWord && b.kind == kWord:
		if b.space {
			return Pt(s.faces.Face(b.glyphs[0].role).Advance(' ')) * s.size, ok
		}
		return 0, false
	case a.kind == kWord && b.kind == kHan && alnum(a.last()), a.kind == kHan && b.kind == kWord && alnum(b.first()):
		// ¼ 字 between Han and Latin letters or digits, none next to
		// punctuation (「1.加大」); a typed space becomes that same gap.
		return quarter, ok
	case b.space && a.kind == kHan && b.kind == kHan:
		return s.size / 2, ok
	case b.space:
		return Pt(s.faces.Face(b.glyphs[0].role).Advance(' ')) * s.size, ok
	}
	return 0, ok
}

// line is a laid-out line: glyphs with their x from the line's start.
type line struct {
	glyphs []glyph
	xs     []Pt
	width  Pt // the width the glyphs take
}

// Costs of total-fit line breaking. A justified line costs up to 100 as its
// gaps stretch to 1/8 字; beyond that it costs more than any break, so that
// a date is split, or a URL or a phone number broken, only when no line
// could otherwise stay within 1/8 字 a gap.
const (
	costStretched = 1e6 // per 1/8 字 a gap beyond the first
	costOneChar   = 1e5 // a paragraph's last line of one character
	costCut       = 5e4 // a break inside a word too long for a line
	costSoft      = 2e4 // a break inside a URL, e-mail address or phone number
	costDate      = 3e3 // a break inside a date: 2024年|1月1日
	costMarks     = 50  // a line that squeezes marks inside it
	costOverflow  = 1e12
)

// breakLines breaks units into lines of the given widths (first line
// first, then rest). Justified text (a paragraph) is broken as a whole
// (total fit): the breaks are chosen together so that no line stretches
// more than it must, squeezing punctuation before pushing a character down
// (先挤进，后推出); every line but the last is justified, a line-initial
// opening bracket after the first line is set flush, and a paragraph never
// ends in a line of one character. Other text (titles, table cells) fills
// each line in turn.
func (s setter) breakLines(us []unit, first, rest Pt, justify bool) []line {
	us = cutLongWords(us, min(first, rest))
	var cuts []int
	if justify {
		cuts = s.totalFit(us, first, rest)
	} else {
		cuts = s.greedy(us, first, rest)
	}
	var lines []line
	from := 0
	for i, to := range cuts {
		w := rest
		if i == 0 {
			w = first
		}
		last := i == len(cuts)-1
		lines = append(lines, s.set(us[from:to], w, justify && !last, justify && i > 0))
		from = to
	}
	return lines
}

// greedy fills each line in turn and returns where lines end.
func (s setter) greedy(us []unit, first, rest Pt) []int {
	var cuts []int
	width := first
	for start := 0; start < len(us); {
		end := s.fit(us, start, width)
		cuts = append(cuts, end)
		start = end
		width = rest
	}
	// No text ends in a one-character line: pull one down.
	if n := len(cuts); n >= 2 {
		from := 0
		if n >= 3 {
			from = cuts[n-3]
		}
		if chars(us[cuts[n-2]:cuts[n-1]]) == 1 {
			for k := cuts[n-2] - 1; k > from+1; k-- {
				if _, ok := s.gap(&us[k-1], &us[k]); ok {
					cuts[n-2] = k
					break
				}
			}
		}
	}
	return cuts
}

// metrics holds, for every boundary k between units k-1 and k, prefix sums
// over boundaries 1..k and units 0..k-1, so that a line's natural width,
// what it may shrink and its stretchable gaps are found in constant time.
type metrics struct {
	width   []Pt // units' widths
	gap     []Pt // natural gaps less the squeezes of adjacent marks
	shrink  []Pt // what the gaps between Han and Latin may give up (¼ → ⅛ 字)
	marks   []Pt // units': the blank halves of marks not squeezed in a pair
	slots   []int
	ok      []bool // a line may break before unit k
	penalty []float64
}

func (s setter) metrics(us []unit) metrics {
	n := len(us)
	m := metrics{width: make([]Pt, n+1), gap: make([]Pt, n+1), shrink: make([]Pt, n+1), marks: make([]Pt, n+1),
		slots: make([]int, n+1), ok: make([]bool, n+1), penalty: make([]float64, n+1)}
	sq := pairSqueezes(us)
	for k := 0; k < n; k++ {
		m.width[k+1] = m.width[k] + us[k].width()
		m.marks[k+1] = m.marks[k]
		if sq[k] == 0 {
			m.marks[k+1] += us[k].squeeze
		}
		if k == 0 {
			continue
		}
		g, ok := s.gap(&us[k-1], &us[k])
		m.ok[k] = ok
		switch {
		case us[k].cut:
			m.penalty[k] = costCut
		case us[k].soft:
			m.penalty[k] = costSoft
		case inDate(&us[k-1], &us[k]):
			m.penalty[k] = costDate
		}
		m.gap[k] = m.gap[k-1] + g - sq[k]
		m.shrink[k] = m.shrink[k-1]
		if s.hanLatin(&us[k-1], &us[k]) {
			m.shrink[k] += s.size / 8
		}
		m.slots[k] = m.slots[k-1]
		if !us[k].cut {
			m.slots[k]++
		}
	}
	m.ok[n] = true
	return m
}

// line returns the natural width of units [i, j) set as a line, what its
// last mark and its gaps between Han and Latin may shrink, what the marks
// inside it may give up besides, and its stretchable gaps.
func (m *metrics) line(us []unit, i, j int) (w, shrink, marks Pt, slots int) {
	w = m.width[j] - m.width[i] + m.gap[j-1] - m.gap[i]
	if i > 0 && us[i].kind == kOpen {
		w -= us[i].squeeze // set flush
	}
	shrink = m.shrink[j-1] - m.shrink[i]
	if us[j-1].kind == kClose {
		shrink += us[j-1].squeeze
	}
	if j-1 > i+1 {
		marks = m.marks[j-1] - m.marks[i+1]
	}
	return w, shrink, marks, m.slots[j-1] - m.slots[i]
}

// totalFit chooses all the breaks of a paragraph together, at the least
// total cost, and returns where lines end.
func (s setter) totalFit(us []unit, first, rest Pt) []int {
	n := len(us)
	if n == 0 {
		return nil
	}
	m := s.metrics(us)
	cost := make([]float64, n+1)
	from := make([]int, n+1)
	starts := []int{0}
	limit := s.size / 8
	for j := 1; j <= n; j++ {
		if !m.ok[j] {
			continue
		}
		best, bi := math.Inf(1), -1
		for q := len(starts) - 1; q >= 0; q-- {
			i := starts[q]
			lw := rest
			if i == 0 {
				lw = first
			}
			w, shrink, marks, slots := m.line(us, i, j)
			if w-shrink-marks > lw+0.01 {
				if w-shrink-marks-s.size > lw {
					break
				}
				continue
			}
			c := cost[i] + 1 + m.penalty[j]
			if w-shrink > lw+0.01 {
				c += costMarks
			}
			switch extra := lw - w; {
			case j == n:
				if i > 0 && chars(us[i:j]) == 1 {
					c += costOneChar
				}
			case extra > 0:
				per := extra
				if slots > 0 {
					per /= Pt(slots)
				}
				r := float64(per / limit)
				if r <= 1 {
					c += 100 * r * r * r
				} else {
					c += costStretched * r
				}
			}
			if c < best {
				best, bi = c, i
			}
		}
		if bi < 0 { // nothing fits: let the line from the last start overflow
			bi = starts[len(starts)-1]
			best = cost[bi] + costOverflow
		}
		cost[j], from[j] = best, bi
		starts = append(starts, j)
	}
	var cuts []int
	for j := n; j > 0; j = from[j] {
		cuts = append(cuts, j)
	}
	slices.Reverse(cuts)
	return cuts
}

// chars counts the characters of units that are not punctuation.
func chars(us []unit) int {
	n := 0
	for _, u := range us {
		if u.kind == kHan || u.kind == kWord {
			n += len(u.glyphs)
		}
	}
	return n
}

// pairSqueezes returns how much of each unit adjacent marks squeeze away:
// of two adjacent full-width marks such as 「）。」 or 「，“」, the opening
// mark when there is one (its blank left half), else the first (its blank
// right half). In a run of marks such as 「”“‘」 each pair squeezes once:
// an opening mark's blank half goes even when the mark before it lost its
// own.
func pairSqueezes(us []unit) []Pt {
	sq := make([]Pt, len(us))
	for i := 1; i < len(us); i++ {
		a, b := &us[i-1], &us[i]
		if a.squeeze == 0 || b.squeeze == 0 || a.cut || b.cut {
			continue
		}
		k := i - 1
		if b.left {
			k = i
		}
		if sq[k] == 0 {
			sq[k] = min(a.squeeze, b.squeeze)
		}
	}
	return sq
}

// hanLatin reports whether the gap between two units is the ¼ 字 between
// Han and Latin letters or digits.
func (s setter) hanLatin(a, b *unit) bool {
	return a.kind == kWord && b.kind == kHan && alnum(a.last()) || a.kind == kHan && b.kind == kWord && alnum(b.first())
}

// natural returns the width of units[from:to] set naturally (adjacent marks
// squeezed), and how much more it may shrink.
func (s setter) natural(us []unit, from, to int) (w, shrink Pt) {
	sq := pairSqueezes(us[from:to])
	for i := from; i < to; i++ {
		w += us[i].width() - sq[i-from]
		if i > from {
			g, _ := s.gap(&us[i-1], &us[i])
			w += g
			if s.hanLatin(&us[i-1], &us[i]) {
				shrink += s.size / 8
			}
		}
	}
	if to-1 >= from && us[to-1].kind == kClose {
		shrink += us[to-1].squeeze
	}
	return w, shrink
}

// fit returns the end of the line that starts at unit start.
func (s setter) fit(us []unit, start int, width Pt) int {
	end := start + 1
	for end < len(us) {
		w, sq := s.natural(us, start, end+1)
		if w-sq > width+0.01 {
			break
		}
		end++
	}
	if end == len(us) {
		return end
	}
	// Push back to the nearest place a line may break, keeping dates whole
	// unless that would leave the line spaced out by more than ¼ 字 a gap.
	soft := -1
	for k := end; k > start+1; k-- {
		if _, ok := s.gap(&us[k-1], &us[k]); !ok {
			continue
		}
		if !inDate(&us[k-1], &us[k]) {
			w, _ := s.natural(us, start, k)
			if soft < 0 || (width-w)/Pt(k-start-1) <= s.size/4 {
				return k
			}
			return soft
		}
		if soft < 0 {
			soft = k
		}
	}
	if soft > 0 {
		return soft
	}
	return end
}

// inDate reports whether a break between a and b would split a date
// between its parts: 「2024年|1月1日」.
func inDate(a, b *unit) bool {
	return a.date && b.kind == kWord && isDigits(*b)
}

// place positions units on a line of the given width, justified when asked.
func (s setter) place(us []unit, width Pt, justify bool) line {
	return s.set(us, width, justify, false)
}

// set positions units on a line of the given width: adjacent marks always
// squeezed, a line-initial opening bracket set flush when asked; when too
// wide, the mark at the line's end squeezed, then the gaps between Han and
// Latin shrunk to ⅛ 字, then the marks inside the line squeezed; when justified and too narrow, the spare space
// spread over the gaps between units (never inside a word; between the
// pieces of a URL).
func (s setter) set(us []unit, width Pt, justify, flush bool) line {
	sq := pairSqueezes(us)
	if flush && len(us) > 0 && us[0].kind == kOpen {
		sq[0] = us[0].squeeze
	}
	var w Pt
	slots, hl := 0, 0
	for i := range us {
		w += us[i].width() - sq[i]
		if i > 0 {
			g, _ := s.gap(&us[i-1], &us[i])
			w += g
			if !us[i].cut {
				slots++
			}
			if s.hanLatin(&us[i-1], &us[i]) {
				hl++
			}
		}
	}
	extra := width - w
	if n := len(us); extra < 0 && n > 0 && us[n-1].kind == kClose && sq[n-1] == 0 {
		take := min(-extra, us[n-1].squeeze)
		sq[n-1] = take
		extra += take
	}
	var shrink Pt // per gap between Han and Latin
	if extra < 0 && hl > 0 {
		shrink = min(-extra/Pt(hl), s.size/8)
		extra += shrink * Pt(hl)
	}
	// Still too wide: the marks inside the line give up their blank halves,
	// evenly.
	var marks []int
	for i := 1; i < len(us)-1 && extra < 0; i++ {
		if us[i].squeeze > 0 && sq[i] == 0 {
			marks = append(marks, i)
		}
	}
	for k, i := range marks {
		take := min(-extra/Pt(len(marks)-k), us[i].squeeze)
		sq[i] = take
		extra += take
	}
	var per Pt
	if justify && slots > 0 && extra > 0 {
		per = extra / Pt(slots)
	}
	var ln line
	x := Pt(0)
	for i := range us {
		if i > 0 {
			g, _ := s.gap(&us[i-1], &us[i])
			hanLatin := s.hanLatin(&us[i-1], &us[i])
			if hanLatin {
				g -= shrink
			}
			if us[i].space && !hanLatin {
				// A typed space between words stays in the text, so that
				// it is copied out of the PDF; the ¼ 字 between Han and
				// Latin letters is spacing only.
				role := us[i].glyphs[0].role
				ln.glyphs = append(ln.glyphs, glyph{r: ' ', role: role, w: g, adv: Pt(s.faces.Face(role).Advance(' ')) * s.size})
				ln.xs = append(ln.xs, x)
			}
			x += g
			if !us[i].cut {
				x += per
			}
		}
		u := us[i]
		for j, g := range u.glyphs {
			if j == 0 && u.left {
				g.dx = -sq[i]
			}
			ln.glyphs = append(ln.glyphs, g)
			ln.xs = append(ln.xs, x+g.dx)
			x += g.w
		}
		x -= sq[i]
	}
	ln.width = x
	return ln
}

// isDigits reports whether a unit is a run of ASCII digits.
func isDigits(u unit) bool {
	for _, g := range u.glyphs {
		if g.r < '0' || g.r > '9' {
			return false
		}
	}
	return true
}

// alnum reports whether r is an ASCII letter or digit.
func alnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// pieces cuts a URL or an e-mail address after each / . - _ ? & = @ (not
// inside a run of them, as in 「://」), and a phone number after each
// hyphen, into pieces a line may break between.
func pieces(u unit) []unit {
	var text strings.Builder
	for _, g := range u.glyphs {
		text.WriteRune(g.r)
	}
	t := text.String()
	var seps string
	switch {
	case strings.Contains(t, "://") || strings.HasPrefix(t, "www.") || strings.Contains(t, "@") && strings.Contains(t, "."):
		seps = "/.-_?&=@"
	case isPhone(t):
		seps = "-"
	default:
		return []unit{u}
	}
	var out []unit
	piece := unit{kind: kWord, space: u.space}
	for i, g := range u.glyphs {
		piece.glyphs = append(piece.glyphs, g)
		if i+1 < len(u.glyphs) && strings.ContainsRune(seps, g.r) && !strings.ContainsRune(seps, u.glyphs[i+1].r) {
			out = append(out, piece)
			piece = unit{kind: kWord, soft: true}
		}
	}
	return append(out, piece)
}

// isPhone reports whether a word is a phone number: digits in groups
// joined by hyphens, seven digits or more.
func isPhone(t string) bool {
	digits := 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r != '-':
			return false
		}
	}
	return digits >= 7 && strings.Contains(t, "-")
}

// cutLongWords cuts a word wider than a line (a long URL, say) into pieces
// that fit, so that it breaks rather than running past the 版心.
func cutLongWords(us []unit, width Pt) []unit {
	var out []unit
	for _, u := range us {
		if u.kind != kWord || u.width() <= width {
			out = append(out, u)
			continue
		}
		piece := unit{kind: kWord, space: u.space, soft: u.soft}
		var w Pt
		for _, g := range u.glyphs {
			if w+g.w > width && len(piece.glyphs) > 0 {
				out = append(out, piece)
				piece, w = unit{kind: kWord, cut: true}, 0
			}
			piece.glyphs = append(piece.glyphs, g)
			w += g.w
		}
		out = append(out, piece)
	}
	return out
}
