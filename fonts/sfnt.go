package fonts

import (
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// faceInfo is what a font file says about one of its faces, read from the
// table directory, the name table and OS/2 without parsing any outline.
type faceInfo struct {
	Index    int      // in a .ttc collection; 0 for a single font
	Families []string // family, typographic family and full names, every language
	PSName   string   // PostScript name (name ID 6)
	FsType   uint16   // OS/2 embedding permissions
	Outlines string   // "glyf", "CFF " or "" when neither
}

// Limits on what a scan reads of one file.
const (
	maxFaces     = 64      // faces in one collection
	maxTables    = 256     // tables in one face
	maxNameTable = 1 << 20 // bytes of a name table
)

var errNotFont = errors.New("不是 TrueType 或 OpenType 字体文件")

// readInfo reads the faces of a font file: one for a .ttf or .otf, each of
// a .ttc collection's.
func readInfo(r io.ReaderAt, size int64) ([]faceInfo, error) {
	var head [12]byte
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return nil, errNotFont
	}
	if string(head[:4]) != "ttcf" {
		fi, err := readFaceInfo(r, size, 0)
		if err != nil {
			return nil, err
		}
		return []faceInfo{fi}, nil
	}
	n := int(binary.BigEndian.Uint32(head[8:]))
	if n < 1 || n > maxFaces {
		return nil, errNotFont
	}
	offs := make([]byte, 4*n)
	if _, err := r.ReadAt(offs, 12); err != nil {
		return nil, errNotFont
	}
	var out []faceInfo
	for i := 0; i < n; i++ {
		fi, err := readFaceInfo(r, size, int64(binary.BigEndian.Uint32(offs[4*i:])))
		if err != nil {
			return nil, err
		}
		fi.Index = i
		out = append(out, fi)
	}
	return out, nil
}

// readFaceInfo reads one face whose table directory starts at off.
func readFaceInfo(r io.ReaderAt, size, off int64) (faceInfo, error) {
	var fi faceInfo
	var head [12]byte
	if _, err := r.ReadAt(head[:], off); err != nil {
		return fi, errNotFont
	}
	switch string(head[:4]) {
	case "\x00\x01\x00\x00", "true", "OTTO":
	default:
		return fi, errNotFont
	}
	n := int(binary.BigEndian.Uint16(head[4:]))
	if n > maxTables {
		return fi, errNotFont
	}
	dir := make([]byte, 16*n)
	if _, err := r.ReadAt(dir, off+12); err != nil {
		return fi, errNotFont
	}
	read := func(at, length uint32, limit int) ([]byte, error) {
		if int64(at)+int64(length) > size || int(length) > limit {
			return nil, errNotFont
		}
		b := make([]byte, length)
		if _, err := r.ReadAt(b, int64(at)); err != nil {
			return nil, errNotFont
		}
		return b, nil
	}
	var name []byte
	for i := 0; i < n; i++ {
		rec := dir[16*i:]
		at, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		switch tag := string(rec[:4]); tag {
		case "glyf", "CFF ", "CFF2":
			if fi.Outlines == "" || tag == "glyf" {
				fi.Outlines = tag
			}
		case "name":
			b, err := read(at, length, maxNameTable)
			if err != nil {
				return fi, err
			}
			name = b
		case "OS/2":
			b, err := read(at, min(length, 10), 10)
			if err != nil {
				return fi, err
			}
			if len(b) >= 10 {
				fi.FsType = binary.BigEndian.Uint16(b[8:])
			}
		}
	}
	if fi.Outlines == "CFF2" {
		fi.Outlines = "CFF "
	}
	fi.Families, fi.PSName = parseNames(name)
	return fi, nil
}

// parseNames returns the family, typographic family and full names of a
// name table in every language it has, and the PostScript name.
func parseNames(t []byte) (families []string, ps string) {
	if len(t) < 6 {
		return nil, ""
	}
	count := int(binary.BigEndian.Uint16(t[2:]))
	strings0 := int(binary.BigEndian.Uint16(t[4:]))
	seen := map[string]bool{}
	for i := 0; i < count; i++ {
		rec := 6 + 12*i
		if rec+12 > len(t) {
			break
		}
		platform := binary.BigEndian.Uint16(t[rec:])
		encoding := binary.BigEndian.Uint16(t[rec+2:])
		id := binary.BigEndian.Uint16(t[rec+6:])
		length := int(binary.BigEndian.Uint16(t[rec+8:]))
		at := strings0 + int(binary.BigEndian.Uint16(t[rec+10:]))
		if id != 1 && id != 4 && id != 6 && id != 16 || at+length > len(t) {
			continue
		}
		s := decodeName(platform, encoding, t[at:at+length])
		if s == "" {
			continue
		}
		if id == 6 {
			if ps == "" {
				ps = s
			}
			continue
		}
		if !seen[s] {
			seen[s] = true
			families = append(families, s)
		}
	}
	return families, ps
}

// decodeName decodes a name record: UTF-16 for Unicode and Windows
// Unicode records, GBK for Chinese ones (Windows PRC, Mac simplified
// Chinese), ASCII for Mac Roman; "" for what it cannot read.
func decodeName(platform, encoding uint16, b []byte) string {
	var s string
	switch {
	case platform == 0 || platform == 3 && (encoding == 0 || encoding == 1 || encoding == 10):
		if len(b)%2 != 0 {
			return ""
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(b[2*i:])
		}
		s = string(utf16.Decode(u))
	case platform == 3 && encoding == 3, platform == 1 && encoding == 25:
		// GB2312 in 16-bit units: an ASCII byte comes after a zero byte.
		var g []byte
		for _, c := range b {
			if c != 0 {
				g = append(g, c)
			}
		}
		out, err := simplifiedchinese.GBK.NewDecoder().Bytes(g)
		if err != nil {
			return ""
		}
		s = string(out)
	case platform == 1 && encoding == 0:
		for _, c := range b {
			if c >= 0x80 {
				return ""
			}
		}
		s = string(b)
	default:
		return ""
	}
	s = strings.TrimSpace(strings.ToValidUTF8(s, ""))
	if strings.ContainsRune(s, '\uFFFD') || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 }) {
		return ""
	}
	return s
}

// Embedding permissions of OS/2 fsType.
const (
	fsRestricted = 0x0002 // may not be embedded at all
	fsNoSubset   = 0x0100 // may be embedded only whole
	fsBitmapOnly = 0x0200 // only its bitmaps may be embedded
)

// embeddable says why a face may not go into a PDF, or "" when it may.
func (fi *faceInfo) embeddable() string {
	switch {
	case fi.Outlines == "CFF ":
		return "是 CFF 轮廓的 OpenType 字体，无法嵌入 PDF"
	case fi.Outlines != "glyf":
		return "没有字形轮廓"
	case fi.FsType&0x000F == fsRestricted:
		return "字体厂商禁止嵌入（OS/2 fsType 为受限许可）"
	case fi.FsType&fsBitmapOnly != 0:
		return "字体厂商只允许嵌入点阵字形"
	case fi.FsType&fsNoSubset != 0:
		return "字体厂商不允许只嵌入用到的字（不可子集化）"
	}
	return ""
}
