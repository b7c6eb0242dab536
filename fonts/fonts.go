// Package fonts holds the fonts nianbao sets reports in: the embedded free
// faces (SIL Open Font License, licences in files/), the roles of the
// official-document style, the official faces an office already has
// (found by the names inside the font files), glyph coverage and advance
// widths, and per-character fallback within a role.
package fonts

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
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

// MaxFileSize is the largest font file read.
const MaxFileSize = 50 << 20

// Face is one face of a font file (a .ttf, or one of a .ttc collection's),
// parsed the first time a glyph of it is asked for.
type Face struct {
	Name     string // as the console reports it: the family and the file
	PSName   string // the PostScript name, for the PDF
	Embedded bool   // one of nianbao's own free faces

	path   string // the file, "" for an embedded face
	strict bool   // the file may not be a link
	index  int    // in a collection
	data   []byte // the face as a font file of its own, once loaded

	once sync.Once
	err  error
	font *sfnt.Font
	upem float64

	mu  sync.Mutex
	adv map[rune]float64 // advance in ems; -1 for a missing glyph
	buf sfnt.Buffer
}

// load reads and parses the face once; a face that cannot be loaded has
// no glyphs.
func (f *Face) load() error {
	f.once.Do(func() {
		f.adv = map[rune]float64{}
		if f.data == nil {
			f.data, f.err = readFontFile(f.path, f.strict)
			if f.err != nil {
				return
			}
		}
		if string(f.data[:min(4, len(f.data))]) == "ttcf" {
			// A face of a collection becomes a font of its own.
			f.data, f.err = extract(f.data, f.index)
			if f.err != nil {
				return
			}
		}
		var sf *sfnt.Font
		if sf, f.err = sfnt.Parse(f.data); f.err != nil {
			// Tables not on four-byte boundaries, which the parser
			// refuses: lay them out again.
			if tables, err := tableDir(f.data, 0); err == nil {
				f.data = writeFont(tables)
				sf, f.err = sfnt.Parse(f.data)
			}
		}
		if f.err != nil {
			f.err = fmt.Errorf("无法读取字体：%v", f.err)
			return
		}
		f.font, f.upem = sf, float64(sf.UnitsPerEm())
	})
	return f.err
}

// extract returns the face of a collection as a font file of its own.
func extract(data []byte, index int) ([]byte, error) {
	if 16+4*index > len(data) || index >= int(binary.BigEndian.Uint32(data[8:])) {
		return nil, errors.New("字体集合里没有这个字体")
	}
	tables, err := tableDir(data, int(binary.BigEndian.Uint32(data[12+4*index:])))
	if err != nil {
		return nil, err
	}
	return writeFont(tables), nil
}

// readFontFile reads a font file after checking that it is a regular file
// (not a link when strict) of at most MaxFileSize bytes.
func readFontFile(path string, strict bool) ([]byte, error) {
	st, err := os.Stat(path)
	if strict {
		st, err = os.Lstat(path)
	}
	if err != nil {
		return nil, errors.New("无法打开")
	}
	if why := fileProblem(st); why != "" {
		return nil, errors.New(why)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, errors.New("无法读取")
	}
	if len(data) > MaxFileSize {
		return nil, errors.New("文件超过 50 MB")
	}
	return data, nil
}

// fileProblem says why a file may not be read as a font, or "".
func fileProblem(st os.FileInfo) string {
	switch {
	case !st.Mode().IsRegular():
		return "不是普通文件"
	case st.Size() > MaxFileSize:
		return "文件超过 50 MB"
	}
	return ""
}

// advance returns the advance width of r in ems, or -1 when the face has
// no glyph for it.
func (f *Face) advance(r rune) float64 {
	if f.load() != nil {
		return -1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.adv[r]; ok {
		return a
	}
	a := -1.0
	if g, err := f.font.GlyphIndex(&f.buf, r); err == nil && g != 0 {
		if w, err := f.font.GlyphAdvance(&f.buf, g, fixed.Int26_6(f.upem*64), font.HintingNone); err == nil {
			a = float64(w) / 64 / f.upem
		}
	}
	f.adv[r] = a
	return a
}

// Has reports whether the face can draw r: whether its cmap maps r, in
// the BMP or beyond it (a format 12 cmap).
func (f *Face) Has(r rune) bool { return f.advance(r) >= 0 }

// Advance returns the advance width of r in ems (1 = the font size); 1 for
// a rune the face lacks, so that layout can go on while the caller reports it.
func (f *Face) Advance(r rune) float64 {
	if a := f.advance(r); a >= 0 {
		return a
	}
	return 1
}

// Chain is the faces of a role in the order they are tried, character by
// character: the office's official faces, then the embedded one, then the
// fallback faces found for characters none of the role's faces has (the
// rare characters of the CJK extensions beyond the BMP).
type Chain struct {
	Name      string // the names of the role's faces, for messages
	faces     []*Face
	fallbacks []*Face
}

func newChain(faces, fallbacks []*Face) *Chain {
	names := make([]string, len(faces))
	for i, f := range faces {
		names[i] = f.Name
	}
	return &Chain{Name: strings.Join(names, "、"), faces: faces, fallbacks: fallbacks}
}

// FaceFor returns the first face of the chain that has r, or nil.
func (c *Chain) FaceFor(r rune) *Face {
	for _, fs := range [][]*Face{c.faces, c.fallbacks} {
		for _, f := range fs {
			if f.Has(r) {
				return f
			}
		}
	}
	return nil
}

// First returns the face tried first.
func (c *Chain) First() *Face { return c.faces[0] }

// Has reports whether some face of the chain can draw r.
func (c *Chain) Has(r rune) bool { return c.FaceFor(r) != nil }

// Advance returns the advance of r in ems in the face that draws it; 1
// when no face has it.
func (c *Chain) Advance(r rune) float64 {
	if f := c.FaceFor(r); f != nil {
		return f.Advance(r)
	}
	return 1
}

// Set is a chain of faces for every role.
type Set struct {
	chains [Roles]*Chain
	found  []candidate // every face found that may be embedded

	mu     sync.Mutex
	tables map[string]*Set // WithTable's answers
}

// Face returns the faces of a role.
func (s *Set) Face(r Role) *Chain { return s.chains[r] }

// Describe says which face each role uses first, for the console.
func (s *Set) Describe() string {
	var parts []string
	for r := Role(0); r < Roles; r++ {
		parts = append(parts, fmt.Sprintf("%s %s", r, s.chains[r].First().Name))
	}
	return strings.Join(parts, "；")
}

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
	embeddedOnce  sync.Once
	embeddedFaces [Roles]*Face
	embedded      *Set
	embeddedErr   error
)

type embeddedFile struct {
	name string // the PostScript name
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
			f, ok := parsed[file.name]
			if !ok {
				f = &Face{Name: file.name + "（内置）", PSName: file.name, Embedded: true, data: file.data}
				if err := f.load(); err != nil {
					embeddedErr = fmt.Errorf("%s: %v", file.name, err)
					return
				}
				parsed[file.name] = f
			}
			embeddedFaces[role] = f
			s.chains[role] = newChain([]*Face{f}, nil)
		}
		embedded = s
	})
	return embedded, embeddedErr
}

// Faces returns the faces of the chain in the order they are tried, the
// fallback faces last.
func (c *Chain) Faces() []*Face { return slices.Concat(c.faces, c.fallbacks) }

// Metrics are the dimensions of a face a PDF font descriptor states, in
// thousandths of an em, y upwards.
type Metrics struct {
	BBox      [4]float64 // xMin, yMin, xMax, yMax of all glyphs
	Ascent    float64
	Descent   float64 // below the baseline: negative
	CapHeight float64
}

// Metrics returns the face's dimensions.
func (f *Face) Metrics() (Metrics, error) {
	if err := f.load(); err != nil {
		return Metrics{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	ppem := fixed.Int26_6(f.upem * 64)
	m, err := f.font.Metrics(&f.buf, ppem, font.HintingNone)
	if err != nil {
		return Metrics{}, fmt.Errorf("无法读取字体：%v", err)
	}
	b, err := f.font.Bounds(&f.buf, ppem, font.HintingNone)
	if err != nil {
		return Metrics{}, fmt.Errorf("无法读取字体：%v", err)
	}
	// At a size of one em in font units, a 26.6 value over 64 is in font
	// units; the library's y grows downwards.
	k := func(v fixed.Int26_6) float64 { return math.Round(float64(v)/64/f.upem*1000*100) / 100 }
	capH := k(m.CapHeight)
	if capH <= 0 {
		capH = k(m.Ascent)
	}
	return Metrics{
		BBox:      [4]float64{k(b.Min.X), -k(b.Max.Y), k(b.Max.X), -k(b.Min.Y)},
		Ascent:    k(m.Ascent),
		Descent:   -k(m.Descent),
		CapHeight: capH,
	}, nil
}
