package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// A workbook is read part by part: only the parts a filled template needs
// (the workbook, its relationships, the styles, the shared strings and the
// sheets nianbao reads) are inflated, each through a limited reader, and
// parsed as a stream. Nothing in the workbook is evaluated: a formula
// counts with the value the spreadsheet program stored for it.

// errDamaged is what a part that cannot be inflated or parsed gives: a bad
// checksum, cut XML, an index out of range.
var errDamaged = errors.New("damaged")

// damagedWhy is the Chinese message for a damaged workbook.
const damagedWhy = "文件已损坏（压缩数据或表格内容不完整），无法读取。请用 Excel 或 WPS 打开它：能打开的话另存为一个新的 .xlsx 文件再试；打不开的话请找回原来的文件或重新拷贝一份。"

// sheetRef is a sheet as the workbook lists it.
type sheetRef struct {
	name   string
	part   string // the zip part of its XML
	hidden bool   // hidden or very hidden
}

// book is a workbook's zip opened for reading.
type book struct {
	files  map[string]*zip.File
	sheets []sheetRef
	// numFmt gives, by cell style index, how a number shows.
	numFmt []numShow
	shared []string // the shared strings the sheets read use; others stay ""
	// sharedPart is the part of the shared strings, if any.
	sharedPart string
}

// numShow is how a number shows in a cell, as far as messages care.
type numShow uint8

const (
	showNumber numShow = iota
	showPercent
	showDate
)

// openBook opens the zip, checking the sizes it declares before inflating
// anything: no part over maxPartSize, all parts together under maxUnzipped,
// and no part (nor the whole) inflating more than maxPartRatio times.
func openBook(data []byte) (*book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errDamaged
	}
	b := &book{files: map[string]*zip.File{}}
	var total, packed uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		packed += f.CompressedSize64
		if f.UncompressedSize64 > maxPartSize || total > maxUnzipped || inflates(f.UncompressedSize64, f.CompressedSize64) {
			return nil, errBomb
		}
		b.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	if inflates(total, packed) {
		return nil, errBomb
	}
	return b, nil
}

// errBomb is a zip whose parts inflate to far more than a workbook holds.
var errBomb = errors.New("bomb")

// inflates reports whether size bytes packed into packed bytes exceed the
// ratio a workbook's XML reaches (some 10 to 50).
func inflates(size, packed uint64) bool {
	return size > 1<<20 && size > maxPartRatio*packed
}

// part inflates one part, or returns nil when the workbook has none of
// that name. A part that does not inflate whole (bad checksum, cut data,
// more bytes than declared) is damaged.
func (b *book) part(name string) ([]byte, error) {
	f := b.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errDamaged
	}
	defer rc.Close()
	// The declared size was checked against the limits when the zip was
	// opened; the part is read into a buffer of that size at once.
	buf := bytes.NewBuffer(make([]byte, 0, int(f.UncompressedSize64)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(rc, maxPartSize+1)); err != nil || buf.Len() > maxPartSize {
		return nil, errDamaged
	}
	return buf.Bytes(), nil
}

// rels reads a relationships part: id → target part, resolved against the
// folder of the part the relationships belong to.
func (b *book) rels(owner string) (map[string]string, error) {
	dir, file := path.Split(owner)
	data, err := b.part(dir + "_rels/" + file + ".rels")
	if err != nil || data == nil {
		return nil, err
	}
	out := map[string]string{}
	err = eachStart(data, func(d *xml.Decoder, e xml.StartElement) error {
		if e.Name.Local != "Relationship" {
			return nil
		}
		target := attr(e, "Target")
		if strings.EqualFold(attr(e, "TargetMode"), "External") {
			return nil
		}
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Clean(dir + target)
		}
		out[attr(e, "Id")] = target
		// The type is kept under its last path segment, for the parts
		// found by type (styles, sharedStrings).
		if t := attr(e, "Type"); t != "" {
			out["type:"+path.Base(t)] = target
		}
		return nil
	})
	return out, err
}

// load reads the workbook part: its sheets, in order, and the styles.
func (b *book) load() error {
	root, err := b.rels("")
	if err != nil {
		return err
	}
	wbPart := root["type:officeDocument"]
	if wbPart == "" {
		wbPart = "xl/workbook.xml"
	}
	data, err := b.part(wbPart)
	if err != nil {
		return err
	}
	if data == nil {
		return errNotWorkbook
	}
	rels, err := b.rels(wbPart)
	if err != nil {
		return err
	}
	err = eachStart(data, func(d *xml.Decoder, e xml.StartElement) error {
		if e.Name.Local != "sheet" {
			return nil
		}
		state := attr(e, "state")
		b.sheets = append(b.sheets, sheetRef{
			name:   attr(e, "name"),
			part:   rels[attrNS(e, "id")],
			hidden: state == "hidden" || state == "veryHidden",
		})
		if len(b.sheets) > maxSheets {
			return errTooMany
		}
		return nil
	})
	if err != nil {
		return err
	}
	if p := rels["type:styles"]; p != "" {
		if err := b.loadStyles(p); err != nil {
			return err
		}
	}
	b.sharedPart = rels["type:sharedStrings"]
	return nil
}

// errNotWorkbook is a zip without a workbook part.
var errNotWorkbook = errors.New("not a workbook")

// errTooMany is a workbook with more sheets than a person makes.
var errTooMany = errors.New("too many sheets")

const maxSheets = 1000

// loadStyles reads, for each cell style, whether its number format shows a
// percentage or a date.
func (b *book) loadStyles(part string) error {
	data, err := b.part(part)
	if err != nil || data == nil {
		return err
	}
	custom := map[int]numShow{}
	inXfs := false
	return eachToken(data, func(d *xml.Decoder, t xml.Token) error {
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "numFmt":
				id, _ := strconv.Atoi(attr(e, "numFmtId"))
				custom[id] = classifyFormat(attr(e, "formatCode"))
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					if len(b.numFmt) >= maxStyles {
						return errTooMany
					}
					id, _ := strconv.Atoi(attr(e, "numFmtId"))
					show, ok := custom[id]
					if !ok {
						show = builtinFormat(id)
					}
					b.numFmt = append(b.numFmt, show)
				}
			}
		case xml.EndElement:
			if e.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
		return nil
	})
}

const maxStyles = 65000 // Excel's own limit is 64,000 cell formats

// builtinFormat classifies Excel's built-in number formats.
func builtinFormat(id int) numShow {
	switch {
	case id == 9 || id == 10:
		return showPercent
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return showDate
	}
	return showNumber
}

// classifyFormat tells a custom number format that shows a percentage or a
// date: a % or a date letter outside quotes, brackets and escapes.
func classifyFormat(code string) numShow {
	quoted, bracket := false, false
	show := showNumber
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case bracket:
		case c == '%':
			return showPercent
		case strings.IndexByte("yYdD", c) >= 0:
			show = showDate
		case c == ';':
			return show
		}
	}
	return show
}

// style returns how a number in cell style s shows.
func (b *book) style(s int) numShow {
	if s >= 0 && s < len(b.numFmt) {
		return b.numFmt[s]
	}
	return showNumber
}

// loadShared reads the shared strings whose indices are wanted; the others
// are passed over. An index beyond the part's strings is damage.
func (b *book) loadShared(wanted map[int]bool) error {
	if len(wanted) == 0 {
		return nil
	}
	if b.sharedPart == "" {
		return errDamaged
	}
	data, err := b.part(b.sharedPart)
	if err != nil {
		return err
	}
	if data == nil {
		return errDamaged
	}
	b.shared = nil
	idx := -1
	var text strings.Builder
	keep := false
	depthRPh := 0
	inT := false
	err = scanXML(data, handlers{
		start: func(name []byte, _ []rawAttr) error {
			switch string(name) {
			case "si":
				idx++
				keep = wanted[idx]
				text.Reset()
			case "rPh":
				depthRPh++
			case "t":
				inT = depthRPh == 0
			}
			return nil
		},
		end: func(name []byte) error {
			switch string(name) {
			case "si":
				if keep {
					for len(b.shared) < idx {
						b.shared = append(b.shared, "")
					}
					b.shared = append(b.shared, text.String())
				}
			case "rPh":
				depthRPh--
			case "t":
				inT = false
			}
			return nil
		},
		text: func(t []byte) error {
			if inT && keep {
				if text.Len()+len(t) > maxCellBytes {
					return errCellTooLong
				}
				text.Write(t)
			}
			return nil
		},
	})
	if err != nil {
		return err
	}
	for i := range wanted {
		if i > idx {
			return errDamaged
		}
	}
	return nil
}

// errCellTooLong is a cell holding more text than Excel allows (32,767
// characters).
var errCellTooLong = errors.New("cell too long")

// maxCellBytes bounds one cell's text: Excel's 32,767 characters, each up
// to three bytes in UTF-8.
const maxCellBytes = 3 * 32767

// eachStart calls fn for every start element of an XML part.
func eachStart(data []byte, fn func(*xml.Decoder, xml.StartElement) error) error {
	return eachToken(data, func(d *xml.Decoder, t xml.Token) error {
		if e, ok := t.(xml.StartElement); ok {
			return fn(d, e)
		}
		return nil
	})
}

// maxDepth bounds the nesting of XML elements: a sheet's is five deep.
const maxDepth = 64

// eachToken streams the tokens of an XML part to fn; malformed XML is
// damage.
func eachToken(data []byte, fn func(*xml.Decoder, xml.Token) error) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	depth := 0
	for {
		t, err := d.RawToken()
		if err == io.EOF {
			if depth != 0 {
				return errDamaged
			}
			return nil
		}
		if err != nil {
			return errDamaged
		}
		switch t.(type) {
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return errDamaged
			}
		case xml.EndElement:
			if depth--; depth < 0 {
				return errDamaged
			}
		}
		if err := fn(d, t); err != nil {
			return err
		}
	}
}

// attr returns an attribute's value by its local name, without namespace.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// attrNS returns an attribute's value by its local name in any namespace
// prefix (r:id).
func attrNS(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && a.Name.Space != "" {
			return a.Value
		}
	}
	return ""
}

// describe is a cell's value as the user sees it in the spreadsheet
// program, for messages.
func describe(c *cell) string {
	switch c.kind {
	case kindBool:
		if c.v == "1" || strings.EqualFold(c.v, "true") {
			return "TRUE（逻辑值）"
		}
		return "FALSE（逻辑值）"
	case kindError:
		return c.v + "（错误值）"
	case kindDate:
		return c.v + "（日期）"
	}
	if c.kind == kindNumber {
		switch c.show {
		case showPercent:
			if f, err := strconv.ParseFloat(c.v, 64); err == nil {
				return strconv.FormatFloat(f*100, 'f', -1, 64) + "%"
			}
		case showDate:
			if d, ok := serialDate(c.v); ok {
				return fmt.Sprintf("%d/%d/%d（日期）", d.Year, d.Month, d.Day)
			}
		}
	}
	return c.v
}
