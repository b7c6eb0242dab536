package layout

import (
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
			g := glyph{r: r, role: sp.role, w: Pt(face.Advance(r)) * s.size}
			switch {
			case isWordRune(r):
				u := unit{kind: kWord, space: space}
				for ; i < len(rs) && isWordRune(rs[i]); i++ {
					u.glyphs = append(u.glyphs, glyph{r: rs[i], role: sp.role, w: Pt(face.Advance(rs[i])) * s.size})
				}
				i--
				us = append(us, u)
			case (r == '—' || r == '…') && i+1 < len(rs) && rs[i+1] == r:
				g.w += s.track
				g2 := glyph{r: r, role: sp.role, w: Pt(face.Advance(r))*s.size + s.track}
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
	if b.cut {
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

// breakLines breaks units into lines of the given widths (first line
// first, then rest) and justifies every line but the last. It squeezes
// punctuation before pushing a character down (先挤进，后推出), and never
// ends a paragraph on a line of one character.
func (s setter) breakLines(us []unit, first, rest Pt, justify bool) []line {
	us = cutLongWords(us, min(first, rest))
	type cut struct{ from, to int } // units [from, to)
	var cuts []cut
	start := 0
	width := first
	for start < len(us) {
		end := s.fit(us, start, width)
		cuts = append(cuts, cut{start, end})
		start = end
		width = rest
	}
	// No paragraph ends in a one-character line: pull one down.
	if n := len(cuts); n >= 2 && chars(us[cuts[n-1].from:cuts[n-1].to]) == 1 {
		prev := cuts[n-2]
		for k := prev.to - 1; k > prev.from+1; k-- {
			if _, ok := s.gap(&us[k-1], &us[k]); ok {
				cuts[n-2].to, cuts[n-1].from = k, k
				break
			}
		}
	}
	var lines []line
	for i, c := range cuts {
		w := rest
		if i == 0 {
			w = first
		}
		last := i == len(cuts)-1
		lines = append(lines, s.place(us[c.from:c.to], w, justify && !last))
	}
	return lines
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

// natural returns the width of units[from:to] set naturally, and how much
// squeezing could take away.
func (s setter) natural(us []unit, from, to int) (w, squeeze Pt) {
	for i := from; i < to; i++ {
		w += us[i].width()
		if i > from {
			g, _ := s.gap(&us[i-1], &us[i])
			w += g
			// Adjacent marks such as 「）。」 squeeze.
			if us[i-1].squeeze > 0 && us[i].squeeze > 0 {
				squeeze += min(us[i-1].squeeze, us[i].squeeze)
			}
		}
	}
	if to-1 >= from && us[to-1].kind == kClose {
		squeeze += us[to-1].squeeze
	}
	return w, squeeze
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

// place positions units on a line of the given width, justified when asked:
// squeezed when too wide, the spare space spread between characters when
// too narrow.
func (s setter) place(us []unit, width Pt, justify bool) line {
	w, _ := s.natural(us, 0, len(us))
	extra := width - w
	// Squeezing, in order: the mark at the line's end, then adjacent marks.
	squeezed := make([]Pt, len(us))
	if extra < 0 && len(us) > 0 && us[len(us)-1].kind == kClose {
		take := min(-extra, us[len(us)-1].squeeze)
		squeezed[len(us)-1] = take
		extra += take
	}
	for i := 1; i < len(us) && extra < 0; i++ {
		if us[i-1].squeeze > 0 && us[i].squeeze > 0 {
			take := min(-extra, min(us[i-1].squeeze, us[i].squeeze))
			// Squeeze the opening mark when there is one, else the first.
			k := i - 1
			if us[i].left {
				k = i
			}
			if squeezed[k] == 0 {
				squeezed[k] = take
				extra += take
			}
		}
	}
	if !justify {
		extra = min(extra, 0)
	}
	// Spread what is left over the gaps between units.
	slots := len(us) - 1
	var per Pt
	if slots > 0 && extra > 0 {
		per = extra / Pt(slots)
	}
	var ln line
	x := Pt(0)
	for i := range us {
		if i > 0 {
			g, _ := s.gap(&us[i-1], &us[i])
			hanLatin := us[i-1].kind == kWord && us[i].kind == kHan && alnum(us[i-1].last()) || us[i-1].kind == kHan && us[i].kind == kWord && alnum(us[i].first())
			if us[i].space && !hanLatin {
				// A typed space between words stays in the text, so that
				// it is copied out of the PDF; the ¼ 字 between Han and
				// Latin letters is spacing only.
				ln.glyphs = append(ln.glyphs, glyph{r: ' ', role: us[i].glyphs[0].role, w: g})
				ln.xs = append(ln.xs, x)
			}
			x += g + per
		}
		u := us[i]
		for j, g := range u.glyphs {
			if j == 0 && u.left {
				g.dx = -squeezed[i]
			}
			ln.glyphs = append(ln.glyphs, g)
			ln.xs = append(ln.xs, x+g.dx)
			x += g.w
		}
		x -= squeezed[i]
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

// cutLongWords cuts a word wider than a line (a long URL, say) into pieces
// that fit, so that it breaks rather than running past the 版心.
func cutLongWords(us []unit, width Pt) []unit {
	var out []unit
	for _, u := range us {
		if u.kind != kWord || u.width() <= width {
			out = append(out, u)
			continue
		}
		piece := unit{kind: kWord, space: u.space}
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
