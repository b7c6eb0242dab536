// Package fonts holds the fonts nianbao sets reports in: the embedded free
// faces (SIL Open Font License, licences in files/), the roles of the
// official-document style, glyph coverage and advance widths, and licensed
// official fonts an office may point it at.
package fonts

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Role is what a face is used for in the document.
type Role int

// The roles of GB/T 9704 for this report.
const (
	Title      Role = iota // 小标宋: the two title lines
	Heading1               // 黑体: 一、
	Heading2               // 楷体: （一）
	Body                   // 仿宋: paragraphs, 1. and （1） heads
	Table                  // 仿宋: every table cell
	PageNumber             // 宋体: 「— N —」
	Roles
)

var roleNames = [Roles]string{"标题", "一级标题", "二级标题", "正文", "表格", "页码"}

// String names the role in Chinese.
func (r Role) String() string { return roleNames[r] }

// Face is one font file, parsed.
type Face struct {
	Name string // as the console reports it
	Data []byte // the .ttf bytes, for embedding
	font *sfnt.Font
	upem float64

	mu  sync.Mutex
	adv map[rune]float64 // advance in ems; -1 for a missing glyph
	buf sfnt.Buffer
}

// Parse reads a single-face TrueType (.ttf with glyf outlines) font.
func Parse(name string, data []byte) (*Face, error) {
	if !hasGlyf(data) {
		return nil, errors.New("不是 TrueType 轮廓（glyf）字体；只能使用单个字体的 .ttf 文件，不能用 .ttc 或 .otf")
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("无法读取字体：%v", err)
	}
	return &Face{Name: name, Data: data, font: f, upem: float64(f.UnitsPerEm()), adv: map[rune]float64{}}, nil
}

// hasGlyf reports whether data is a TrueType font with a glyf table.
func hasGlyf(data []byte) bool {
	if len(data) < 12 {
		return false
	}
	tag := string(data[:4])
	if tag != "\x00\x01\x00\x00" && tag != "true" {
		return false
	}
	n := int(binary.BigEndian.Uint16(data[4:6]))
	for i := 0; i < n; i++ {
		off := 12 + 16*i
		if off+16 > len(data) {
			return false
		}
		if bytes.Equal(data[off:off+4], []byte("glyf")) {
			return true
		}
	}
	return false
}

// advance returns the advance width of r in ems, or -1 when the face has
// no glyph for it.
func (f *Face) advance(r rune) float64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.adv[r]; ok {
		return a
	}
	a := -1.0
	if r <= 0xFFFF {
		if g, err := f.font.GlyphIndex(&f.buf, r); err == nil && g != 0 {
			if w, err := f.font.GlyphAdvance(&f.buf, g, fixed.Int26_6(f.upem*64), font.HintingNone); err == nil {
				a = float64(w) / 64 / f.upem
			}
		}
	}
	f.adv[r] = a
	return a
}

// Has reports whether the face can draw r. Runes above U+FFFF are never
// drawable: the PDF writer cannot encode them.
func (f *Face) Has(r rune) bool { return f.advance(r) >= 0 }

// Advance returns the advance width of r in ems (1 = the font size); 1 for
// a rune the face lacks, so that layout can go on while the caller reports it.
func (f *Face) Advance(r rune) float64 {
	if a := f.advance(r); a >= 0 {
		return a
	}
	return 1
}

// Set is a face for every role.
type Set struct {
	Faces [Roles]*Face
}

// Face returns the face of a role.
func (s *Set) Face(r Role) *Face { return s.Faces[r] }

// The embedded files, as variables so that no copy is made of them.
var (
	//go:embed files/NotoSerifSC-Bold.ttf
	serifBold []byte
	//go:embed files/NotoSansSC-Medium.ttf
	sansMedium []byte
	//go:embed files/LXGWWenKai-Regular.ttf
	wenkai []byte
	//go:embed files/NotoSerifSC-Regular.ttf
	serifRegular []byte
)

var (
	embeddedOnce sync.Once
	embedded     *Set
	embeddedErr  error
)

type embeddedFile struct {
	name string
	data []byte
}

// The embedded faces and the roles they serve: Noto Serif SC Bold stands in
// for 小标宋 (a heavy Song), Noto Sans SC Medium for 黑体 (whose strokes are
// heavier than Noto Sans's Regular), LXGW WenKai for 楷体, and Noto Serif SC
// Regular for 仿宋 and 宋体 (no free 仿宋 with simplified coverage exists).
var embeddedFiles = [Roles]embeddedFile{
	Title:      {"NotoSerifSC-Bold", serifBold},
	Heading1:   {"NotoSansSC-Medium", sansMedium},
	Heading2:   {"LXGWWenKai-Regular", wenkai},
	Body:       {"NotoSerifSC-Regular", serifRegular},
	Table:      {"NotoSerifSC-Regular", serifRegular},
	PageNumber: {"NotoSerifSC-Regular", serifRegular},
}

// Embedded returns the embedded faces, parsed once per process.
func Embedded() (*Set, error) {
	embeddedOnce.Do(func() {
		s := &Set{}
		parsed := map[string]*Face{}
		for role, file := range embeddedFiles {
			if f, ok := parsed[file.name]; ok {
				s.Faces[role] = f
				continue
			}
			f, err := Parse(file.name+"（内置）", file.data)
			if err != nil {
				embeddedErr = fmt.Errorf("%s: %v", file.name, err)
				return
			}
			parsed[file.name] = f
			s.Faces[role] = f
		}
		embedded = s
	})
	return embedded, embeddedErr
}
