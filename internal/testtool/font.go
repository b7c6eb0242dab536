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
	data := sub.Data
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		tables[string(rec[:4])] = append([]byte(nil), data[off:off+length]...)
	}
	tables["name"] = nameTable(spec.Families, spec.PSName)
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
