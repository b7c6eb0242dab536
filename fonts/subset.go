package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
)

// SubsetFont is a face cut down to some characters.
type SubsetFont struct {
	// Data is a TrueType font of its own holding only the glyphs of the
	// characters (and the glyphs their composite glyphs use), renumbered,
	// with a cmap of the characters.
	Data []byte
	// Glyph is the glyph of each character in Data, a different one for
	// every character; a character the face lacks is absent.
	Glyph map[rune]uint16
}

// Subset cuts the face down to the glyphs of runes, for embedding: a PDF
// carries the few hundred glyphs a report draws, not the 20,000 of a
// Chinese face.
func (f *Face) Subset(runes []rune) (*SubsetFont, error) {
	if err := f.load(); err != nil {
		return nil, err
	}
	tables, err := tableDir(f.data, 0)
	if err != nil {
		return nil, err
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "post", "name", "OS/2"} {
		if _, ok := tables[t]; !ok {
			return nil, fmt.Errorf("字体缺少 %s 表", t)
		}
	}
	head, hhea, maxp := tables["head"], tables["hhea"], tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("字体的 head、hhea 或 maxp 表不完整")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	loca, glyf := tables["loca"], tables["glyf"]
	glyph := func(g int) ([]byte, error) {
		var a, b int
		if longLoca {
			if 4*g+8 > len(loca) {
				return nil, errors.New("字体的 loca 表不完整")
			}
			a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
		} else {
			if 2*g+4 > len(loca) {
				return nil, errors.New("字体的 loca 表不完整")
			}
			a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
		}
		if a > b || b > len(glyf) {
			return nil, errors.New("字体的 glyf 表不完整")
		}
		return glyf[a:b], nil
	}

	// The glyphs to keep: .notdef, those of the runes, and the components
	// of composite glyphs, recursively.
	gids := map[int]bool{0: true}
	cmap := map[rune]int{}
	f.mu.Lock()
	for _, r := range runes {
		g, err := f.font.GlyphIndex(&f.buf, r)
		if err == nil && g != 0 {
			cmap[r] = int(g)
			gids[int(g)] = true
		}
	}
	f.mu.Unlock()
	queue := make([]int, 0, len(gids))
	for g := range gids {
		queue = append(queue, g)
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		data, err := glyph(g)
		if err != nil {
			return nil, err
		}
		for _, c := range components(data) {
			if c.gid < numGlyphs && !gids[c.gid] {
				gids[c.gid] = true
				queue = append(queue, c.gid)
			}
		}
	}
	order := make([]int, 0, len(gids))
	for g := range gids {
		order = append(order, g)
	}
	sort.Ints(order)
	newID := map[int]int{}
	for i, g := range order {
		newID[g] = i
	}
	// Each character gets a glyph of its own, so that a PDF can give each
	// its own character back: a glyph two characters share (／ and ∕ in
	// many faces, a Kangxi radical and its ideograph in others) is
	// copied, for all but the lowest of them, after the others.
	sorted := make([]rune, 0, len(cmap))
	for r := range cmap {
		sorted = append(sorted, r)
	}
	slices.Sort(sorted)
	ids := make(map[rune]uint16, len(cmap))
	taken := map[int]bool{}
	for _, r := range sorted {
		g := cmap[r]
		if !taken[g] {
			taken[g] = true
			ids[r] = uint16(newID[g])
			continue
		}
		ids[r] = uint16(len(order))
		order = append(order, g)
	}
	if len(order) > 0xFFFF {
		return nil, errors.New("字体子集的字形超过 65535 个")
	}

	// glyf and loca, with composite components renumbered.
	var newGlyf []byte
	newLoca := make([]byte, 4*(len(order)+1))
	for i, g := range order {
		data, err := glyph(g)
		if err != nil {
			return nil, err
		}
		data = append([]byte(nil), data...)
		for _, c := range components(data) {
			binary.BigEndian.PutUint16(data[c.at:], uint16(newID[c.gid]))
		}
		newGlyf = append(newGlyf, data...)
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
		binary.BigEndian.PutUint32(newLoca[4*(i+1):], uint32(len(newGlyf)))
	}

	// hmtx: a long metric for every glyph.
	hmtx := tables["hmtx"]
	numLong := int(binary.BigEndian.Uint16(hhea[34:]))
	if numLong == 0 || 4*numLong > len(hmtx) {
		return nil, errors.New("字体的 hmtx 表不完整")
	}
	newHmtx := make([]byte, 4*len(order))
	for i, g := range order {
		var adv, lsb uint16
		switch {
		case g < numLong:
			adv, lsb = binary.BigEndian.Uint16(hmtx[4*g:]), binary.BigEndian.Uint16(hmtx[4*g+2:])
		default:
			adv = binary.BigEndian.Uint16(hmtx[4*(numLong-1):])
			if at := 4*numLong + 2*(g-numLong); at+2 <= len(hmtx) {
				lsb = binary.BigEndian.Uint16(hmtx[at:])
			}
		}
		binary.BigEndian.PutUint16(newHmtx[4*i:], adv)
		binary.BigEndian.PutUint16(newHmtx[4*i+2:], lsb)
	}

	newHead := append([]byte(nil), head...)
	binary.BigEndian.PutUint32(newHead[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(newHead[50:], 1) // long loca
	newHhea := append([]byte(nil), hhea...)
	binary.BigEndian.PutUint16(newHhea[34:], uint16(len(order)))
	newMaxp := append([]byte(nil), maxp...)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(len(order)))
	post := tables["post"]
	if len(post) < 32 {
		return nil, errors.New("字体的 post 表不完整")
	}
	newPost := append([]byte(nil), post[:32]...)
	binary.BigEndian.PutUint32(newPost[0:], 0x00030000) // no glyph names

	out := map[string][]byte{
		"head": newHead, "hhea": newHhea, "maxp": newMaxp, "hmtx": newHmtx,
		"loca": newLoca, "glyf": newGlyf, "post": newPost, "cmap": cmapTable(ids),
		"name": tables["name"], "OS/2": tables["OS/2"],
	}
	for _, t := range []string{"cvt ", "fpgm", "prep"} {
		if d, ok := tables[t]; ok {
			out[t] = d
		}
	}
	return &SubsetFont{Data: writeFont(out), Glyph: ids}, nil
}

// tableDir returns the tables of a TrueType font whose table directory
// starts at off (0, or a face's offset in a collection) by tag.
func tableDir(data []byte, off int) (map[string][]byte, error) {
	if off < 0 || off+12 > len(data) {
		return nil, errors.New("字体文件不完整")
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := off + 12 + 16*i
		if rec+16 > len(data) {
			return nil, errors.New("字体文件不完整")
		}
		off := int(binary.BigEndian.Uint32(data[rec+8:]))
		length := int(binary.BigEndian.Uint32(data[rec+12:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, errors.New("字体文件不完整")
		}
		tables[string(data[rec:rec+4])] = data[off : off+length]
	}
	return tables, nil
}

// component is a glyph a composite glyph uses, and where its index stands.
type component struct{ gid, at int }

// components lists the components of a composite glyph (none for a simple one).
func components(g []byte) []component {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	const (
		argsAreWords = 0x0001
		haveScale    = 0x0008
		moreComps    = 0x0020
		haveXYScale  = 0x0040
		haveTwoByTwo = 0x0080
	)
	var cs []component
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		cs = append(cs, component{gid: int(binary.BigEndian.Uint16(g[p+2:])), at: p + 2})
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComps == 0 {
			break
		}
	}
	return cs
}

// cmapTable writes a cmap with one Windows Unicode subtable: format 4
// (BMP), or format 12 when the characters are too many and too scattered
// for format 4's 65,535 bytes.
func cmapTable(cmap map[rune]uint16) []byte {
	runes := make([]rune, 0, len(cmap))
	for r := range cmap {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	sub := cmap4(cmap, runes)
	encoding := uint16(1) // Unicode BMP
	if sub == nil {
		sub, encoding = cmap12(cmap, runes), 10 // Unicode full repertoire
	}
	table := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(table[2:], 1) // one subtable
	binary.BigEndian.PutUint16(table[4:], 3) // Windows
	binary.BigEndian.PutUint16(table[6:], encoding)
	binary.BigEndian.PutUint32(table[8:], 12) // offset
	return append(table, sub...)
}

// cmap12 is a format 12 subtable: a group for each run of consecutive
// characters whose glyphs are consecutive too.
func cmap12(cmap map[rune]uint16, runes []rune) []byte {
	type group struct {
		start, end rune
		glyph      uint16
	}
	var groups []group
	for _, r := range runes {
		if n := len(groups); n > 0 && groups[n-1].end+1 == r && rune(groups[n-1].glyph)+r-groups[n-1].start == rune(cmap[r]) {
			groups[n-1].end = r
		} else {
			groups = append(groups, group{r, r, cmap[r]})
		}
	}
	sub := make([]byte, 16+12*len(groups))
	binary.BigEndian.PutUint16(sub[0:], 12)
	binary.BigEndian.PutUint32(sub[4:], uint32(len(sub)))
	binary.BigEndian.PutUint32(sub[12:], uint32(len(groups)))
	for i, g := range groups {
		binary.BigEndian.PutUint32(sub[16+12*i:], uint32(g.start))
		binary.BigEndian.PutUint32(sub[20+12*i:], uint32(g.end))
		binary.BigEndian.PutUint32(sub[24+12*i:], uint32(g.glyph))
	}
	return sub
}

// cmap4 is a format 4 subtable of sorted runes, or nil when they do not
// fit in one: a rune beyond the BMP, or more than 65,535 bytes.
func cmap4(cmap map[rune]uint16, runes []rune) []byte {
	if len(runes) > 0 && runes[len(runes)-1] >= 0xFFFF {
		return nil
	}
	// One segment per run of consecutive code points, plus the final 0xFFFF.
	type seg struct{ start, end rune }
	var segs []seg
	for _, r := range runes {
		if n := len(segs); n > 0 && segs[n-1].end+1 == r {
			segs[n-1].end = r
		} else {
			segs = append(segs, seg{r, r})
		}
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF})
	n := len(segs)
	if 16+8*n+2*len(runes) > 0xFFFF {
		return nil
	}
	sub := make([]byte, 16+8*n+2*len(runes))
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*n))
	search := 1
	for search*2 <= n {
		search *= 2
	}
	binary.BigEndian.PutUint16(sub[8:], uint16(2*search))
	log := 0
	for 1<<(log+1) <= search {
		log++
	}
	binary.BigEndian.PutUint16(sub[10:], uint16(log))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*n-2*search))
	ends, starts := 14, 16+2*n
	deltas, offsets := starts+2*n, starts+4*n
	glyphs := starts + 6*n
	k := 0
	for i, s := range segs {
		binary.BigEndian.PutUint16(sub[ends+2*i:], uint16(s.end))
		binary.BigEndian.PutUint16(sub[starts+2*i:], uint16(s.start))
		if s.start == 0xFFFF {
			binary.BigEndian.PutUint16(sub[deltas+2*i:], 1)
			continue
		}
		// Glyph ids through the glyph array: idRangeOffset counts bytes
		// from this entry of the offsets array.
		binary.BigEndian.PutUint16(sub[offsets+2*i:], uint16(glyphs+2*k-(offsets+2*i)))
		for r := s.start; r <= s.end; r++ {
			binary.BigEndian.PutUint16(sub[glyphs+2*k:], cmap[r])
			k++
		}
	}
	return sub
}

// writeFont lays tables out as a TrueType file with checksums.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	search := 1
	for search*2 <= n {
		search *= 2
	}
	log := 0
	for 1<<(log+1) <= search {
		log++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out[0:], 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*search))
	binary.BigEndian.PutUint16(out[8:], uint16(log))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*search))
	headAt := 0
	for i, t := range tags {
		data := tables[t]
		rec := 12 + 16*i
		copy(out[rec:], t)
		binary.BigEndian.PutUint32(out[rec+4:], checksum(data))
		binary.BigEndian.PutUint32(out[rec+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[rec+12:], uint32(len(data)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
