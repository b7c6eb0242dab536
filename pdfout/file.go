package pdfout

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
)

// file is a PDF being written: numbered objects, then the cross-reference
// table and the trailer. Objects may be reserved before their body is
// known, so that a page can name its parent and the parent its pages.
type file struct {
	objs [][]byte // the body of object n at n-1
}

// ref is a reference to object n.
func ref(n int) string { return strconv.Itoa(n) + " 0 R" }

// reserve gives the number of an object whose body comes later.
func (f *file) reserve() int {
	f.objs = append(f.objs, nil)
	return len(f.objs)
}

// set gives object n its body.
func (f *file) set(n int, body []byte) { f.objs[n-1] = body }

// add is a new object.
func (f *file) add(body []byte) int {
	n := f.reserve()
	f.set(n, body)
	return n
}

// dict is an object of a dictionary's entries.
func dict(entries ...string) []byte {
	var b bytes.Buffer
	b.WriteString("<<")
	for _, e := range entries {
		b.WriteString("\n")
		b.WriteString(e)
	}
	b.WriteString("\n>>")
	return b.Bytes()
}

// writers are zlib writers kept between streams and documents: each holds a
// megabyte of tables.
var writers = [...]sync.Pool{
	{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed); return w }},
	{New: func() any { w, _ := zlib.NewWriterLevel(nil, zlib.DefaultCompression); return w }},
}

// Compression levels of a stream.
const (
	fast  = 0 // fonts: large, and the time of a build is mostly theirs
	small = 1 // page contents: small, and compressed well
)

// stream is a stream object compressed with Flate, its dictionary's other
// entries given.
func stream(data []byte, level int, entries ...string) []byte {
	var z bytes.Buffer
	zw := writers[level].Get().(*zlib.Writer)
	zw.Reset(&z)
	zw.Write(data)
	zw.Close()
	writers[level].Put(zw)
	entries = append(entries, "/Filter /FlateDecode", "/Length "+strconv.Itoa(z.Len()))
	b := dict(entries...)
	b = append(b, "\nstream\n"...)
	b = append(b, z.Bytes()...)
	return append(b, "\nendstream"...)
}

// write writes the whole file: header, objects, cross-reference table and
// trailer. The file's identifier is a hash of its objects, so the same
// document gives the same bytes.
func (f *file) write(w io.Writer, root, info int) error {
	var b bytes.Buffer
	// The comment of high bytes tells transfer programs the file is binary.
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(f.objs))
	id := sha256.New()
	for i, body := range f.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		b.Write(body)
		b.WriteString("\nendobj\n")
		id.Write(body)
	}
	at := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	sum := fmt.Sprintf("<%X>", id.Sum(nil)[:16])
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", dict(
		"/Size "+strconv.Itoa(len(f.objs)+1),
		"/Root "+ref(root),
		"/Info "+ref(info),
		"/ID ["+sum+" "+sum+"]",
	), at)
	_, err := w.Write(b.Bytes())
	return err
}

// num writes a length in points to a hundredth, the precision of every
// position in the file.
func num(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// text is a PDF text string: UTF-16BE with its byte-order mark, in hex, so
// that any title a workbook gives is written safely; a long one goes on
// over lines of 32 characters, as a reader skips white space in hex.
func text(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for i, u := range utf16.Encode([]rune(s)) {
		if i > 0 && i%32 == 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// array is a PDF array of values, a line to every group of them, so that
// no line outside a stream is longer than 255 bytes (PDF 1.7 §7.5.1).
func array(values []string, group int) string {
	var b strings.Builder
	b.WriteString("[")
	for i, v := range values {
		switch {
		case i == 0:
		case i%group == 0:
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
		b.WriteString(v)
	}
	b.WriteString("]")
	return b.String()
}

// beijing is the time of the offices a report comes from: its 发布日期 is
// a day there.
var beijing = time.FixedZone("CST", 8*3600)

// date is a PDF date (PDF 1.7 §7.9.4) with its offset from UT spelled
// out, the form strict readers require.
func date(t time.Time) string {
	return "(D:" + t.Format("20060102150405-07'00'") + ")"
}
