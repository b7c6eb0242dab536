package xlsx

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// scan walks the XML of a large part (a sheet, the shared strings) an order
// of magnitude faster than encoding/xml, which matters for sheets of a
// million formatted rows. It checks what a reader relies on: tags balanced
// and nested at most maxDepth deep, attributes quoted, no document type
// declaration (so no entity of the document's own), only the predefined
// entities and character references, no control characters, valid UTF-8.
// Anything else is errDamaged.
type scan struct {
	data  []byte
	i     int
	stack [][]byte
	attrs []rawAttr
	text  []byte // decoded text, reused
	// rootDone is set once the root element has ended.
	rootDone bool
}

// rawAttr is an attribute under its full name, its value as written
// (entities not decoded).
type rawAttr struct{ name, value []byte }

// handlers of a scan: start gets a start tag's local name and attributes
// (valid until it returns), end an end tag's local name, text decoded
// character data (valid until it returns).
type handlers struct {
	start func(name []byte, attrs []rawAttr) error
	end   func(name []byte) error
	text  func(text []byte) error
}

func scanXML(data []byte, h handlers) error {
	s := &scan{data: bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))}
	return s.run(h)
}

func (s *scan) run(h handlers) error {
	d := s.data
	for s.i < len(d) {
		lt := bytes.IndexByte(d[s.i:], '<')
		if lt < 0 {
			lt = len(d) - s.i
		}
		if lt > 0 {
			raw := d[s.i : s.i+lt]
			s.i += lt
			if len(s.stack) == 0 {
				if len(bytes.TrimSpace(raw)) > 0 {
					return errDamaged
				}
			} else if err := s.chars(raw, h); err != nil {
				return err
			}
			continue
		}
		rest := d[s.i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end := bytes.Index(rest, []byte("?>"))
			if end < 0 {
				return errDamaged
			}
			s.i += end + 2
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return errDamaged
			}
			s.i += 4 + end + 3
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest[9:], []byte("]]>"))
			if end < 0 || len(s.stack) == 0 {
				return errDamaged
			}
			raw := rest[9 : 9+end]
			if !validChars(raw) {
				return errDamaged
			}
			if h.text != nil {
				if err := h.text(raw); err != nil {
					return err
				}
			}
			s.i += 9 + end + 3
		case bytes.HasPrefix(rest, []byte("<!")):
			return errDamaged // a document type declaration, or worse
		case bytes.HasPrefix(rest, []byte("</")):
			if err := s.endTag(h); err != nil {
				return err
			}
		default:
			if err := s.startTag(h); err != nil {
				return err
			}
		}
	}
	if len(s.stack) != 0 {
		return errDamaged
	}
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (s *scan) skipSpace() {
	for s.i < len(s.data) && isSpace(s.data[s.i]) {
		s.i++
	}
}

// name reads a name at the cursor.
func (s *scan) name() []byte {
	start := s.i
	for s.i < len(s.data) {
		c := s.data[s.i]
		if isSpace(c) || c == '/' || c == '>' || c == '=' || c == '<' || c == '"' || c == '\'' {
			break
		}
		s.i++
	}
	return s.data[start:s.i]
}

// local is a name without its namespace prefix.
func local(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func (s *scan) startTag(h handlers) error {
	s.i++ // <
	name := s.name()
	if len(name) == 0 {
		return errDamaged
	}
	s.attrs = s.attrs[:0]
	for {
		had := s.i
		s.skipSpace()
		if s.i >= len(s.data) {
			return errDamaged
		}
		c := s.data[s.i]
		if c == '>' || c == '/' {
			break
		}
		if s.i == had {
			return errDamaged // attributes must be set apart by white space
		}
		an := s.name()
		s.skipSpace()
		if len(an) == 0 || s.i >= len(s.data) || s.data[s.i] != '=' {
			return errDamaged
		}
		s.i++
		s.skipSpace()
		if s.i >= len(s.data) || s.data[s.i] != '"' && s.data[s.i] != '\'' {
			return errDamaged
		}
		q := s.data[s.i]
		end := bytes.IndexByte(s.data[s.i+1:], q)
		if end < 0 {
			return errDamaged
		}
		v := s.data[s.i+1 : s.i+1+end]
		if bytes.IndexByte(v, '<') >= 0 || !validChars(v) {
			return errDamaged
		}
		s.attrs = append(s.attrs, rawAttr{an, v})
		s.i += end + 2
	}
	self := s.data[s.i] == '/'
	if self {
		s.i++
		if s.i >= len(s.data) || s.data[s.i] != '>' {
			return errDamaged
		}
	}
	s.i++ // >
	if len(s.stack) == 0 && s.rootDone {
		return errDamaged // a second root element
	}
	s.stack = append(s.stack, name)
	if len(s.stack) > maxDepth {
		return errDamaged
	}
	if h.start != nil {
		if err := h.start(local(name), s.attrs); err != nil {
			return err
		}
	}
	if self {
		s.stack = s.stack[:len(s.stack)-1]
		if h.end != nil {
			return h.end(local(name))
		}
	}
	return nil
}

func (s *scan) endTag(h handlers) error {
	s.i += 2
	name := s.name()
	s.skipSpace()
	if s.i >= len(s.data) || s.data[s.i] != '>' || len(s.stack) == 0 || !bytes.Equal(s.stack[len(s.stack)-1], name) {
		return errDamaged
	}
	s.i++
	s.stack = s.stack[:len(s.stack)-1]
	if len(s.stack) == 0 {
		s.rootDone = true
	}
	if h.end != nil {
		return h.end(local(name))
	}
	return nil
}

// chars decodes character data and hands it on.
func (s *scan) chars(raw []byte, h handlers) error {
	if !validChars(raw) {
		return errDamaged
	}
	if h.text == nil {
		return nil
	}
	if bytes.IndexByte(raw, '&') < 0 {
		return h.text(raw)
	}
	t, ok := unentity(s.text[:0], raw)
	if !ok {
		return errDamaged
	}
	s.text = t
	return h.text(t)
}

// validChars reports whether raw XML text is valid UTF-8 without the
// control characters XML forbids.
func validChars(raw []byte) bool {
	for _, c := range raw {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return utf8.Valid(raw)
}

// unentity appends raw with its entities and character references decoded
// to dst; ok is false for an unknown entity or a forbidden character.
func unentity(dst, raw []byte) ([]byte, bool) {
	for len(raw) > 0 {
		amp := bytes.IndexByte(raw, '&')
		if amp < 0 {
			return append(dst, raw...), true
		}
		dst = append(dst, raw[:amp]...)
		raw = raw[amp:]
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 || semi > 12 {
			return dst, false
		}
		ent := raw[1:semi]
		raw = raw[semi+1:]
		switch string(ent) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return dst, false
			}
			var n uint64
			var err error
			if ent[1] == 'x' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			r := rune(n)
			if err != nil || !xmlChar(r) {
				return dst, false
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, true
}

// xmlChar reports whether XML 1.0 allows a character.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// attrOf returns an attribute's value, decoded, or "".
func attrOf(attrs []rawAttr, name string) string {
	for _, a := range attrs {
		if string(a.name) == name {
			if bytes.IndexByte(a.value, '&') < 0 {
				return string(a.value)
			}
			v, ok := unentity(nil, a.value)
			if !ok {
				return ""
			}
			return string(v)
		}
	}
	return ""
}
