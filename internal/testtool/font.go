package testtool

import (
	"encoding/binary"
	"sort"
	"testing"
	"unicode"
	"unicode/utf16"

	"nianbao/fonts"
)

// FontSpec describes a font file a test makes from an embedded face.
type FontSpec struct {
	Families []string // family names (name IDs 1 and 4); a name with Han in it is recorded as Chinese
	PSName   string   // name ID 6
	Text     string   // the characters it has
	From     fonts.Role
	FsType   uint16 // OS/2 embedding permissions
	// Alias gives glyphs of Text more code points: Alias[0x2000B] = '平'
	// draws U+2000B with the glyph of 平. The font then has a format 12
	// cmap subtable (Windows, full repertoire) beside its format 4 one.
	Alias map[rune]rune
}

// Font returns a TrueType font with the glyphs of Text cut from the
// embedded face of a role (OFL fonts: a test font is a modified version
// under the same licence) and a name table of its own: an office's
// official face under whatever name a test needs.
func Font(t testing.TB, spec FontSpec) []byte {
	t.Helper()
	set, err := fonts.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := set.Face(spec.From).First().Subset([]rune(spec.Text))
	if err != nil {
		t.Fatal(err)
	}
	for alias, r := range spec.Alias {
		if _, ok := sub.Glyph[r]; !ok {
			t.Fatalf("alias U+%04X: %q is not in the font's text", alias, r)
		}
	}
	data := sub.Data
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		tables[string(rec[:4])] = append([]byte(nil), data[off:off+length]...)
	}
	tables["name"] = nameTable(spec.Families, spec.PSName)
	if len(spec.Alias) > 0 {
		tables["cmap"] = withFormat12(tables["cmap"], sub.Glyph, spec.Alias)
	}
	binary.BigEndian.PutUint16(tables["OS/2"][8:], spec.FsType)
	return sfnt(tables)
}

// nameTable writes a format 0 name table of Windows Unicode records.
func nameTable(families []string, ps string) []byte {
	type rec struct {
		lang, id uint16
		s        string
	}
	var recs []rec
	for _, f := range families {
		lang := uint16(0x0409)
		for _, r := range f {
			if unicode.Is(unicode.Han, r) {
				lang = 0x0804
			}
		}
		recs = append(recs, rec{lang, 1, f}, rec{lang, 4, f})
	}
	recs = append(recs, rec{0x0409, 6, ps})
	sort.SliceStable(recs, func(i, j int) bool {
		if recs[i].lang != recs[j].lang {
			return recs[i].lang < recs[j].lang
		}
		return recs[i].id < recs[j].id
	})
	head := make([]byte, 6+12*len(recs))
	binary.BigEndian.PutUint16(head[2:], uint16(len(recs)))
	binary.BigEndian.PutUint16(head[4:], uint16(len(head)))
	var strs []byte
	for i, r := range recs {
		var s []byte
		for _, u := range utf16.Encode([]rune(r.s)) {
			s = binary.BigEndian.AppendUint16(s, u)
		}
		at := 6 + 12*i
		binary.BigEndian.PutUint16(head[at:], 3)
		binary.BigEndian.PutUint16(head[at+2:], 1)
		binary.BigEndian.PutUint16(head[at+4:], r.lang)
		binary.BigEndian.PutUint16(head[at+6:], r.id)
		binary.BigEndian.PutUint16(head[at+8:], uint16(len(s)))
		binary.BigEndian.PutUint16(head[at+10:], uint16(len(strs)))
		strs = append(strs, s...)
	}
	return append(head, strs...)
}

// withFormat12 returns a cmap of the first subtable of cmap (format 4,
// Windows BMP) and a format 12 subtable (Windows, full repertoire) of
// glyphs and of the aliases, one group per character.
func withFormat12(cmap []byte, glyphs map[rune]uint16, alias map[rune]rune) []byte {
	all := map[rune]uint16{}
	for r, g := range glyphs {
		all[r] = g
	}
	for a, r := range alias {
		all[a] = glyphs[r]
	}
	runes := make([]rune, 0, len(all))
	for r := range all {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	f12 := make([]byte, 16, 16+12*len(runes))
	binary.BigEndian.PutUint16(f12, 12)
	binary.BigEndian.PutUint32(f12[4:], uint32(16+12*len(runes)))
	binary.BigEndian.PutUint32(f12[12:], uint32(len(runes)))
	for _, r := range runes {
		f12 = binary.BigEndian.AppendUint32(f12, uint32(r))
		f12 = binary.BigEndian.AppendUint32(f12, uint32(r))
		f12 = binary.BigEndian.AppendUint32(f12, uint32(all[r]))
	}
	first := cmap[binary.BigEndian.Uint32(cmap[8:]):]
	out := make([]byte, 20, 20+len(first)+len(f12))
	binary.BigEndian.PutUint16(out[2:], 2)
	copy(out[4:8], cmap[4:8]) // platform and encoding of the first
	binary.BigEndian.PutUint32(out[8:], 20)
	binary.BigEndian.PutUint16(out[12:], 3)
	binary.BigEndian.PutUint16(out[14:], 10)
	binary.BigEndian.PutUint32(out[16:], uint32(20+len(first)))
	out = append(out, first...)
	return append(out, f12...)
}

// sfnt lays tables out as a TrueType file.
func sfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	out := make([]byte, 12+16*len(tags))
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(len(tags)))
	for i, t := range tags {
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(tables[t])))
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// Collection joins fonts into a .ttc collection.
func Collection(fonts ...[]byte) []byte {
	out := []byte("ttcf\x00\x01\x00\x00")
	out = binary.BigEndian.AppendUint32(out, uint32(len(fonts)))
	at := len(out) + 4*len(fonts)
	var body []byte
	for _, f := range fonts {
		out = binary.BigEndian.AppendUint32(out, uint32(at+len(body)))
		// Table offsets count from the start of the collection.
		f = append([]byte(nil), f...)
		n := int(binary.BigEndian.Uint16(f[4:]))
		for i := 0; i < n; i++ {
			rec := f[12+16*i:]
			binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+uint32(at+len(body)))
		}
		body = append(body, f...)
	}
	return append(out, body...)
}
