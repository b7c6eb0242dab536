package fonts

import (
	"encoding/binary"
	"errors"
)

// RewriteCmap returns a TrueType font with its cmap written anew from the
// mapping its format 4 subtable gives, and every table checksum right.
// The PDF library cuts embedded fonts with a cmap whose declared length
// does not match its glyph array, which strict font readers refuse.
func RewriteCmap(ttf []byte) ([]byte, error) {
	tables, err := tableDir(ttf, 0)
	if err != nil {
		return nil, err
	}
	m, err := readCmap4(tables["cmap"])
	if err != nil {
		return nil, err
	}
	ids := map[int]int{}
	for _, g := range m {
		ids[g] = g
	}
	out := map[string][]byte{}
	for tag, data := range tables {
		out[tag] = data
	}
	out["cmap"] = cmap4(m, ids)
	if head := out["head"]; len(head) >= 12 {
		head = append([]byte(nil), head...)
		binary.BigEndian.PutUint32(head[8:], 0)
		out["head"] = head
	}
	return writeFont(out), nil
}

// readCmap4 reads the mapping of the first format 4 subtable of a cmap,
// trusting only its segment arrays (not its declared length).
func readCmap4(t []byte) (map[rune]int, error) {
	bad := errors.New("字体的 cmap 表不完整")
	if len(t) < 4 {
		return nil, bad
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(t) {
			return nil, bad
		}
		off := int(binary.BigEndian.Uint32(t[rec+4:]))
		if off+14 > len(t) || binary.BigEndian.Uint16(t[off:]) != 4 {
			continue
		}
		sub := t[off:]
		segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
		ends, starts := 14, 16+2*segs
		deltas, ranges := starts+2*segs, starts+4*segs
		if ranges+2*segs > len(sub) {
			return nil, bad
		}
		m := map[rune]int{}
		for s := 0; s < segs; s++ {
			start := int(binary.BigEndian.Uint16(sub[starts+2*s:]))
			end := int(binary.BigEndian.Uint16(sub[ends+2*s:]))
			delta := int(binary.BigEndian.Uint16(sub[deltas+2*s:]))
			rangeOff := int(binary.BigEndian.Uint16(sub[ranges+2*s:]))
			for c := start; c <= end && c < 0xFFFF; c++ {
				g := 0
				if rangeOff == 0 {
					g = (c + delta) & 0xFFFF
				} else if at := ranges + 2*s + rangeOff + 2*(c-start); at+2 <= len(sub) {
					if g = int(binary.BigEndian.Uint16(sub[at:])); g != 0 {
						g = (g + delta) & 0xFFFF
					}
				}
				if g != 0 {
					m[rune(c)] = g
				}
			}
		}
		return m, nil
	}
	return nil, bad
}
