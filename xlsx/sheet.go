package xlsx

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"nianbao/internal/lazyre"
	"nianbao/report"
)

// cellKind is the type a cell's value was stored with.
type cellKind uint8

const (
	kindNumber cellKind = iota
	kindString
	kindBool
	kindError
	kindDate // an ISO date stored as text (t="d")
)

// cell is one cell of a sheet that holds a value or a formula.
type cell struct {
	v    string // as stored: a number's text, a string, "1"/"0", "#REF!"
	kind cellKind
	show numShow // for numbers: how the cell's format shows them
	// hasFormula is set for a cell with a formula; formula is its text
	// ("" for a cell that shares another cell's formula).
	hasFormula bool
	formula    string
	external   bool // the formula refers to another workbook
	sharedIdx  int  // the shared string to resolve, or -1
}

// grid is one sheet: its cells with a value or a formula, by position, and
// where each text stands.
type grid struct {
	cells map[pos]*cell
	rows  []int            // the sheet rows that hold a cell, ascending
	cols  map[int][]int    // row → its columns that hold a cell, ascending
	index map[string][]pos // key(text) → where it stands
}

type pos struct{ row, col int } // 1-based

// Limits of one sheet. A filled template's sheets have some 30 rows of 15
// columns, 正文 a few hundred rows; Excel's own grid is 1,048,576 × 16,384.
const (
	maxRows  = 5000  // rows that hold a value
	maxCells = 50000 // cells that hold a value
	maxRow   = 1 << 20
	maxCol   = 1 << 14
)

// at returns the text of a cell, "" when it is empty.
func (g *grid) at(row, col int) string {
	if c := g.cells[pos{row, col}]; c != nil {
		return c.v
	}
	return ""
}

// cell returns a cell, or nil when it is empty.
func (g *grid) cell(row, col int) *cell { return g.cells[pos{row, col}] }

// limitError is a sheet too large to be a filled template; it names the
// first cell past the limit.
type limitError struct {
	cell string
	text string
	rows bool // the limit of rows, not of cells
}

func (e *limitError) Error() string {
	what := fmt.Sprintf("有内容的格子超过 %d 个", maxCells)
	if e.rows {
		what = fmt.Sprintf("有内容的行超过 %d 行", maxRows)
	}
	s := fmt.Sprintf("%s（从 %s 起", what, e.cell)
	if e.text != "" {
		s += "，内容是「" + e.text + "」"
	}
	return s + "），不像是年报模板。请删除多余的内容，或从空白模板重新填写。"
}

// parseSheet reads a sheet's XML as a stream into a grid. Shared strings
// are left as indices in wanted, to be resolved once all sheets are read.
func parseSheet(data []byte, b *book, wanted map[int]bool) (*grid, error) {
	g := &grid{cells: map[pos]*cell{}, cols: map[int][]int{}, index: map[string][]pos{}}
	sharedFormula := map[string]string{} // si → the master's text
	var cur *cell
	var at pos
	row, col := 0, 0
	inData, inV, inF, inIS, inT, rPh := false, false, false, false, false, 0
	var text strings.Builder
	var fShared string
	add := func() error {
		c := cur
		cur = nil
		if c.v == "" && c.sharedIdx < 0 && !c.hasFormula && !inIS {
			return nil
		}
		if _, dup := g.cells[at]; dup {
			return errDamaged
		}
		if len(g.cells) == maxCells {
			return &limitError{cell: report.A1(at.row, at.col), text: report.Quote(c.v, 20)}
		}
		if n := len(g.rows); n == 0 || g.rows[n-1] != at.row {
			if n > 0 && g.rows[n-1] > at.row {
				return errDamaged
			}
			if n == maxRows {
				return &limitError{cell: report.A1(at.row, at.col), text: report.Quote(c.v, 20), rows: true}
			}
			g.rows = append(g.rows, at.row)
		}
		g.cols[at.row] = append(g.cols[at.row], at.col)
		g.cells[at] = c
		return nil
	}
	err := scanXML(data, handlers{
		start: func(name []byte, attrs []rawAttr) error {
			switch string(name) {
			case "sheetData":
				inData = true
			case "row":
				if !inData {
					return nil
				}
				if r := attrOf(attrs, "r"); r != "" {
					n, err := strconv.Atoi(r)
					if err != nil || n < 1 || n > maxRow || n <= row {
						return errDamaged
					}
					row = n
				} else {
					row++
				}
				col = 0
			case "c":
				if !inData {
					return nil
				}
				if r := attrOf(attrs, "r"); r != "" {
					rr, cc, ok := parseRef(r)
					if !ok || rr != row && row != 0 {
						return errDamaged
					}
					row, col = rr, cc
				} else {
					col++
				}
				if col > maxCol || row < 1 {
					return errDamaged
				}
				at = pos{row, col}
				cur = &cell{sharedIdx: -1}
				if s := attrOf(attrs, "s"); s != "" {
					n, _ := strconv.Atoi(s)
					cur.show = b.style(n)
				}
				switch attrOf(attrs, "t") {
				case "s":
					cur.kind = kindString
					cur.sharedIdx = -2 // set when the <v> is read
				case "str", "inlineStr":
					cur.kind = kindString
				case "b":
					cur.kind = kindBool
				case "e":
					cur.kind = kindError
				case "d":
					cur.kind = kindDate
				}
			case "v":
				inV = cur != nil
				text.Reset()
			case "f":
				if cur == nil {
					return nil
				}
				inF = true
				cur.hasFormula = true
				text.Reset()
				fShared = ""
				if attrOf(attrs, "t") == "shared" {
					fShared = attrOf(attrs, "si")
				}
			case "is":
				inIS = cur != nil
				text.Reset()
			case "rPh":
				rPh++
			case "t":
				inT = inIS && rPh == 0
			}
			return nil
		},
		end: func(name []byte) error {
			switch string(name) {
			case "sheetData":
				inData = false
			case "v":
				if !inV {
					return nil
				}
				inV = false
				if cur.sharedIdx == -2 {
					n, err := strconv.Atoi(strings.TrimSpace(text.String()))
					if err != nil || n < 0 {
						return errDamaged
					}
					cur.sharedIdx = n
					wanted[n] = true
				} else {
					cur.v = text.String()
				}
			case "f":
				if !inF {
					return nil
				}
				inF = false
				cur.formula = text.String()
				if fShared != "" {
					if cur.formula != "" {
						sharedFormula[fShared] = cur.formula
					} else {
						cur.external = strings.Contains(sharedFormula[fShared], "[")
					}
				}
				if strings.Contains(cur.formula, "[") {
					cur.external = true
				}
			case "is":
				if inIS {
					cur.v = text.String()
				}
				inIS = false
			case "rPh":
				rPh--
			case "t":
				inT = false
			case "c":
				if cur == nil {
					return nil
				}
				if cur.sharedIdx == -2 {
					cur.sharedIdx = -1
				}
				return add()
			}
			return nil
		},
		text: func(t []byte) error {
			if inV || inF || inT {
				if text.Len()+len(t) > maxCellBytes {
					return errCellTooLong
				}
				text.Write(t)
			}
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	return g, nil
}

// resolve puts the shared strings into the cells that use them and indexes
// every text of the grid.
func (g *grid) resolve(b *book) error {
	for _, r := range g.rows {
		for _, c := range g.cols[r] {
			cl := g.cells[pos{r, c}]
			if cl.sharedIdx >= 0 {
				if cl.sharedIdx >= len(b.shared) {
					return errDamaged
				}
				cl.v = b.shared[cl.sharedIdx]
			}
			if cl.kind == kindString {
				cl.v = unescape(cl.v)
			}
			if k := key(cl.v); k != "" && cl.kind == kindString {
				g.index[k] = append(g.index[k], pos{r, c})
			}
		}
	}
	return nil
}

// parseRef splits an A1 reference into row and column (1-based).
func parseRef(s string) (row, col int, ok bool) {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		col = col*26 + int(s[i]-'A'+1)
		i++
		if col > maxCol {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(s) {
		return 0, 0, false
	}
	n, err := strconv.Atoi(s[i:])
	if err != nil || n < 1 || n > maxRow {
		return 0, 0, false
	}
	return n, col, true
}

// sortedCols returns a row's columns that hold a cell, ascending.
func (g *grid) sortedCols(row int) []int {
	cs := g.cols[row]
	if !sort.IntsAreSorted(cs) {
		sort.Ints(cs)
	}
	return cs
}

// errLimit tells a limit error apart.
func asLimit(err error) (*limitError, bool) {
	var le *limitError
	ok := errors.As(err, &le)
	return le, ok
}

var escapeRe = lazyre.New(`_x([0-9A-Fa-f]{4})_`)

// unescape decodes the _xHHHH_ escapes in which spreadsheet programs store
// characters XML cannot hold (control characters).
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return escapeRe().ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[2:6], 16, 32)
		return string(rune(n))
	})
}
