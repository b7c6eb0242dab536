package pdfout

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"sync"

	"nianbao/fonts"
	"nianbao/internal/lazyre"
)

// writers are zlib writers at the fastest level, kept between fonts and
// documents.
var writers = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

var (
	startXref  = lazyre.New(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHeader = lazyre.New(`^xref\s+0\s+(\d+)\s+`)
	lengthKey  = lazyre.New(`/Length (\d+)`)
	length1Key = lazyre.New(`/Length1 (\d+)`)
)

// rewrite finishes the PDF the library wrote, object by object, with a new
// cross-reference table: each font's BaseFont and FontName become the
// subset names given (the library writes "/utf8" and its family), and each
// embedded TrueType font gets a well-formed cmap (the library's declares a
// length that does not match its glyph array).
func rewrite(pdf []byte, names map[string]string) ([]byte, error) {
	m := startXref().FindSubmatch(pdf)
	if m == nil {
		return nil, errors.New("没有 startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(pdf) {
		return nil, errors.New("startxref 越界")
	}
	h := xrefHeader().FindSubmatchIndex(pdf[xref:])
	if h == nil {
		return nil, errors.New("交叉引用表无法读取")
	}
	n, _ := strconv.Atoi(string(pdf[xref+h[2] : xref+h[3]]))
	rows := bytes.Fields(pdf[xref+h[1]:])
	if n < 1 || len(rows) < 3*n {
		return nil, errors.New("交叉引用表不完整")
	}
	offs := make([]int, n)
	for i := 1; i < n; i++ {
		offs[i], _ = strconv.Atoi(string(rows[3*i]))
	}
	trailer := bytes.Index(pdf[xref:], []byte("trailer"))
	if trailer < 0 {
		return nil, errors.New("没有 trailer")
	}
	sorted := append([]int(nil), offs[1:]...)
	sort.Ints(sorted)
	end := func(off int) int {
		i := sort.SearchInts(sorted, off+1)
		if i < len(sorted) {
			return sorted[i]
		}
		return xref
	}
	first := sorted[0]
	var out bytes.Buffer
	out.Write(pdf[:first])
	newOffs := make([]int, n)
	// Objects go out in their old order, so the file reads as before.
	byOff := make([]int, n-1)
	for i := range byOff {
		byOff[i] = i + 1
	}
	sort.Slice(byOff, func(a, b int) bool { return offs[byOff[a]] < offs[byOff[b]] })
	for _, obj := range byOff {
		off := offs[obj]
		if off <= 0 || off >= xref {
			return nil, fmt.Errorf("对象 %d 的位置无法读取", obj)
		}
		body := pdf[off:end(off)]
		var err error
		if body, err = rewriteObject(body, names); err != nil {
			return nil, fmt.Errorf("对象 %d：%v", obj, err)
		}
		newOffs[obj] = out.Len()
		out.Write(body)
	}
	at := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", n)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", newOffs[i])
	}
	tail := pdf[xref+trailer:]
	tail = tail[:startXref().FindIndex(tail)[0]]
	out.Write(tail)
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes(), nil
}

// rewriteObject renames fonts in an object, and rewrites the cmap of an
// embedded TrueType font (the stream whose dictionary has /Length1).
func rewriteObject(body []byte, names map[string]string) ([]byte, error) {
	s := bytes.Index(body, []byte("stream\n"))
	dict := body
	if s >= 0 {
		dict = body[:s]
	}
	if s < 0 || !bytes.Contains(dict, []byte("/Length1")) {
		if s >= 0 || !bytes.Contains(body, []byte("/utf8")) {
			return body, nil
		}
		for _, old := range sortedKeys(names) {
			body = replaceName(body, []byte(old), []byte(names[old]))
		}
		return body, nil
	}
	lm := lengthKey().FindSubmatch(dict)
	if lm == nil || !bytes.Contains(dict, []byte("/FlateDecode")) {
		return nil, errors.New("字体流无法读取")
	}
	length, _ := strconv.Atoi(string(lm[1]))
	data := body[s+len("stream\n"):]
	if length > len(data) {
		return nil, errors.New("字体流不完整")
	}
	zr, err := zlib.NewReader(bytes.NewReader(data[:length]))
	if err != nil {
		return nil, err
	}
	ttf, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if ttf, err = fonts.RewriteCmap(ttf); err != nil {
		return nil, err
	}
	// The fastest level: the font was compressed once by the PDF library
	// already, and this second pass was a quarter of a build's time at the
	// default level; the PDF grows by some 6 %. Writers are reused: each
	// holds a megabyte of tables.
	var z bytes.Buffer
	zw := writers.Get().(*zlib.Writer)
	zw.Reset(&z)
	zw.Write(ttf)
	zw.Close()
	writers.Put(zw)
	head := length1Key().ReplaceAll(lengthKey().ReplaceAll(dict, []byte("/Length "+strconv.Itoa(z.Len()))), []byte("/Length1 "+strconv.Itoa(len(ttf))))
	var out bytes.Buffer
	out.Write(head)
	out.WriteString("stream\n")
	out.Write(z.Bytes())
	out.Write(data[length:])
	return out.Bytes(), nil
}

// replaceName replaces a PDF name where it stands whole (followed by a
// delimiter or white space, not by more name characters).
func replaceName(b, old, repl []byte) []byte {
	var out []byte
	for {
		i := bytes.Index(b, old)
		if i < 0 {
			return append(out, b...)
		}
		j := i + len(old)
		if j < len(b) && !bytes.ContainsRune([]byte(" \t\r\n/()<>[]{}%"), rune(b[j])) {
			out = append(out, b[:j]...)
			b = b[j:]
			continue
		}
		out = append(append(out, b[:i]...), repl...)
		b = b[j:]
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
