package xlsx

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// key normalises a label for comparison: widths folded (（ ）→( ), ．→.),
// white space removed, quotes unified.
func key(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r == '"' || r == '“' || r == '”':
			b.WriteRune('"')
		case r == '\'' || r == '‘' || r == '’':
			b.WriteRune('\'')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// aliases are other spellings of labels seen in real reports that mean the
// same row; each maps the key of the variant to the key of the label.
var aliases = map[string]string{
	key("规范性文件"): key("行政规范性文件"),
}
