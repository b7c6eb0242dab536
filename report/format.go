package report

import "fmt"

// This file holds the 2021 national format (国办公开办函〔2021〕30号) as data:
// the three tables with every label, merge and total, and the six sections.
// The template writer, the reader, the checks and the table layout are all
// driven by it; a future format is a new value of these variables.

// TableID names one of the three statistical tables by its section number.
type TableID int

// The three tables of the format.
const (
	TableActive   TableID = 2 // 二、主动公开政府信息情况
	TableRequests TableID = 3 // 三、收到和处理政府信息公开申请情况
	TableAppeals  TableID = 4 // 四、政府信息公开行政复议、行政诉讼情况
)

// Kind says what a cell of a table grid holds.
type Kind uint8

// Cell kinds.
const (
	Header   Kind = iota // a column heading, centred
	Label                // a row label, left aligned
	Band                 // a band row across the table (第二十条第（一）项)
	Vertical             // a label set vertically, one upright character per line
	Note                 // the printed note in the top-left block of table 三
	Input                // a figure staff type
	Total                // a figure that is the sum of others
)

// Field addresses one figure of a report: the table, and the row and column
// of that table's figures (not of its printed grid).
type Field struct {
	Table    TableID
	Row, Col int
}

// Cell is one cell of a table's printed grid. Grid rows and columns count
// from 0; a merged cell covers RowSpan × ColSpan grid cells from (Row, Col).
type Cell struct {
	Row, Col         int
	RowSpan, ColSpan int
	Kind             Kind
	Text             string // the label, for every kind but Input and Total
	Field            Field  // the figure, for Input and Total
}

// Sum says that one figure is the sum of others; Rule is the check rule that
// compares them.
type Sum struct {
	Rule  string
	Total Field
	Parts []Field
}

// Table is one statistical table of the format.
type Table struct {
	ID      TableID
	Sheet   string // the workbook sheet and the name used in messages: 表二
	Heading string // the section heading printed above it
	Rows    int    // grid rows
	Cols    int    // grid columns
	Cells   []Cell
	Sums    []Sum
	// Widths are the relative widths of the grid columns, used by the
	// workbook and by the page layout.
	Widths []float64
}

// Row indexes of table 二's figures. 规章 and 行政规范性文件 have three columns
// (本年制发件数, 本年废止件数, 现行有效件数); the other rows one.
const (
	ActiveRules = iota
	ActiveNormative
	ActiveLicensing
	ActivePenalty
	ActiveEnforcement
	ActiveFee
	ActiveRows
)

// Table 三: figures by row (the 25 body rows) and column (the 7 columns).
const (
	ReqNew         = 0  // 一、本年新收
	ReqCarriedIn   = 1  // 二、上年结转
	ReqFirstResult = 2  // （一）予以公开, the first row of 三、本年度办理结果
	ReqOpened      = 2  // （一）予以公开
	ReqPartly      = 3  // （二）部分公开
	ReqTotal       = 23 // （七）总计
	ReqCarriedOut  = 24 // 四、结转下年度继续办理
	RequestRows    = 25
	RequestTotal   = 6 // the 总计 column
	RequestCols    = 7
)

// Table 四: three groups of five columns.
const (
	AppealReview      = iota // 行政复议
	AppealDirect             // 行政诉讼·未经复议直接起诉
	AppealAfterReview        // 行政诉讼·复议后起诉
	AppealGroups
)

// AppealTotal is the column of each group of table 四 that holds its 总计.
const (
	AppealTotal = 4
	AppealCols  = 5
)

// RequestColumns are the column labels of table 三's figures, in order.
var RequestColumns = [RequestCols]string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}

// AppealColumns are the column labels of each group of table 四.
var AppealColumns = [AppealCols]string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}

// AppealGroupNames are the groups of table 四 as messages name them.
var AppealGroupNames = [AppealGroups]string{"行政复议", "未经复议直接起诉", "复议后起诉"}

// requestRow is one body row of table 三: its group label (（三）不予公开 …)
// and its own label.
type requestRow struct {
	group string
	label string
	short string // the row as messages name it
}

var requestBody = func() [RequestRows]requestRow {
	var rows [RequestRows]requestRow
	i := 0
	add := func(group, label, short string) {
		rows[i] = requestRow{group, label, short}
		i++
	}
	add("", "一、本年新收政府信息公开申请数量", "一、本年新收")
	add("", "二、上年结转政府信息公开申请数量", "二、上年结转")
	add("", "（一）予以公开", "（一）予以公开")
	add("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开")
	groups := []struct {
		head  string
		items []string
	}{
		{GroupWithheld, []string{"1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"}},
		{GroupNotHeld, []string{"1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"}},
		{GroupNotDealt, []string{"1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"}},
		{GroupOther, []string{"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"}},
	}
	for _, g := range groups {
		for _, it := range g.items {
			add(g.head, it, g.head+it)
		}
	}
	add("", "（七）总计", "（七）总计")
	add("", "四、结转下年度继续办理", "四、结转下年度")
	return rows
}()

// RequestRowLabel returns the label of a body row of table 三 as printed, and
// RequestRowShort the shorter form that messages use.
func RequestRowLabel(row int) string { return requestBody[row].label }

// RequestRowShort returns the name of a body row of table 三 as messages use it.
func RequestRowShort(row int) string { return requestBody[row].short }

// The request-table note printed in its top-left block.
const requestNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

// VerticalResults is the vertical label of table 三's result rows.
const VerticalResults = "三、本年度办理结果"

var activeTable = func() Table {
	t := Table{ID: TableActive, Sheet: SheetActive, Heading: "二、主动公开政府信息情况", Cols: 4,
		Widths: []float64{34, 22, 22, 22}}
	row := 0
	band := func(text string) {
		t.Cells = append(t.Cells, Cell{Row: row, Col: 0, RowSpan: 1, ColSpan: 4, Kind: Band, Text: text})
		row++
	}
	header := func(texts ...string) {
		if len(texts) == 2 {
			t.Cells = append(t.Cells,
				Cell{Row: row, Col: 0, RowSpan: 1, ColSpan: 1, Kind: Header, Text: texts[0]},
				Cell{Row: row, Col: 1, RowSpan: 1, ColSpan: 3, Kind: Header, Text: texts[1]})
		} else {
			for c, s := range texts {
				t.Cells = append(t.Cells, Cell{Row: row, Col: c, RowSpan: 1, ColSpan: 1, Kind: Header, Text: s})
			}
		}
		row++
	}
	three := func(label string, figRow int) {
		t.Cells = append(t.Cells, Cell{Row: row, Col: 0, RowSpan: 1, ColSpan: 1, Kind: Label, Text: label})
		for c := 0; c < 3; c++ {
			t.Cells = append(t.Cells, Cell{Row: row, Col: 1 + c, RowSpan: 1, ColSpan: 1, Kind: Input, Field: Field{TableActive, figRow, c}})
		}
		row++
	}
	one := func(label string, figRow int) {
		t.Cells = append(t.Cells,
			Cell{Row: row, Col: 0, RowSpan: 1, ColSpan: 1, Kind: Label, Text: label},
			Cell{Row: row, Col: 1, RowSpan: 1, ColSpan: 3, Kind: Input, Field: Field{TableActive, figRow, 0}})
		row++
	}
	band("第二十条第（一）项")
	header("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
	three("规章", ActiveRules)
	three("行政规范性文件", ActiveNormative)
	band("第二十条第（五）项")
	header("信息内容", "本年处理决定数量")
	one("行政许可", ActiveLicensing)
	band("第二十条第（六）项")
	header("信息内容", "本年处理决定数量")
	one("行政处罚", ActivePenalty)
	one("行政强制", ActiveEnforcement)
	band("第二十条第（八）项")
	header("信息内容", "本年收费金额（单位：万元）")
	one("行政事业性收费", ActiveFee)
	t.Rows = row
	return t
}()

var requestTable = func() Table {
	t := Table{ID: TableRequests, Sheet: SheetRequests, Heading: "三、收到和处理政府信息公开申请情况",
		Rows: 3 + RequestRows, Cols: 3 + RequestCols,
		Widths: []float64{18, 44, 140, 33.5, 33.5, 33.5, 33.5, 33.5, 33.5, 39}}
	add := func(r, c, rs, cs int, k Kind, text string) {
		t.Cells = append(t.Cells, Cell{Row: r, Col: c, RowSpan: rs, ColSpan: cs, Kind: k, Text: text})
	}
	add(0, 0, 3, 3, Note, requestNote)
	add(0, 3, 1, 7, Header, "申请人情况")
	add(1, 3, 2, 1, Header, RequestColumns[0])
	add(1, 4, 1, 5, Header, "法人或其他组织")
	add(1, 9, 2, 1, Header, RequestColumns[RequestTotal])
	for c := 1; c <= 5; c++ {
		add(2, 3+c, 1, 1, Header, RequestColumns[c])
	}
	add(3+ReqFirstResult, 0, ReqTotal-ReqFirstResult+1, 1, Vertical, VerticalResults)
	for b := 0; b < RequestRows; b++ {
		r := 3 + b
		rr := requestBody[b]
		switch {
		case b == ReqNew || b == ReqCarriedIn || b == ReqCarriedOut:
			add(r, 0, 1, 3, Label, rr.label)
		case rr.group == "":
			add(r, 1, 1, 2, Label, rr.label)
		default:
			if b == 0 || requestBody[b-1].group != rr.group {
				n := 0
				for _, x := range requestBody {
					if x.group == rr.group {
						n++
					}
				}
				add(r, 1, n, 1, Label, rr.group)
			}
			add(r, 2, 1, 1, Label, rr.label)
		}
		for c := 0; c < RequestCols; c++ {
			k := Input
			if c == RequestTotal || b == ReqTotal {
				k = Total
			}
			t.Cells = append(t.Cells, Cell{Row: r, Col: 3 + c, RowSpan: 1, ColSpan: 1, Kind: k, Field: Field{TableRequests, b, c}})
		}
	}
	for b := 0; b < RequestRows; b++ {
		s := Sum{Rule: "R2", Total: Field{TableRequests, b, RequestTotal}}
		for c := 0; c < RequestTotal; c++ {
			s.Parts = append(s.Parts, Field{TableRequests, b, c})
		}
		t.Sums = append(t.Sums, s)
	}
	for c := 0; c < RequestCols; c++ {
		s := Sum{Rule: "R3", Total: Field{TableRequests, ReqTotal, c}}
		for b := ReqFirstResult; b < ReqTotal; b++ {
			s.Parts = append(s.Parts, Field{TableRequests, b, c})
		}
		t.Sums = append(t.Sums, s)
	}
	return t
}()

var appealTable = func() Table {
	t := Table{ID: TableAppeals, Sheet: SheetAppeals, Heading: "四、政府信息公开行政复议、行政诉讼情况",
		Rows: 4, Cols: AppealGroups * AppealCols}
	for i := 0; i < t.Cols; i++ {
		t.Widths = append(t.Widths, 1)
	}
	add := func(r, c, rs, cs int, k Kind, text string) {
		t.Cells = append(t.Cells, Cell{Row: r, Col: c, RowSpan: rs, ColSpan: cs, Kind: k, Text: text})
	}
	add(0, 0, 1, AppealCols, Header, "行政复议")
	add(0, AppealCols, 1, 2*AppealCols, Header, "行政诉讼")
	for c, s := range AppealColumns {
		add(1, c, 2, 1, Header, s)
	}
	add(1, AppealCols, 1, AppealCols, Header, AppealGroupNames[AppealDirect])
	add(1, 2*AppealCols, 1, AppealCols, Header, AppealGroupNames[AppealAfterReview])
	for g := AppealDirect; g < AppealGroups; g++ {
		for c, s := range AppealColumns {
			add(2, g*AppealCols+c, 1, 1, Header, s)
		}
	}
	for g := 0; g < AppealGroups; g++ {
		s := Sum{Rule: "R4", Total: Field{TableAppeals, g, AppealTotal}}
		for c := 0; c < AppealCols; c++ {
			k := Input
			if c == AppealTotal {
				k = Total
			} else {
				s.Parts = append(s.Parts, Field{TableAppeals, g, c})
			}
			t.Cells = append(t.Cells, Cell{Row: 3, Col: g*AppealCols + c, RowSpan: 1, ColSpan: 1, Kind: k, Field: Field{TableAppeals, g, c}})
		}
		t.Sums = append(t.Sums, s)
	}
	return t
}()

// Tables returns the three tables of the format in order. The values are
// shared: callers must not modify them.
func Tables() []*Table { return []*Table{&activeTable, &requestTable, &appealTable} }

// TableByID returns the table with the given id.
func TableByID(id TableID) *Table {
	for _, t := range Tables() {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Sections are the six section headings of the report, in order.
var Sections = [6]string{
	"一、总体情况",
	activeTable.Heading,
	requestTable.Heading,
	appealTable.Heading,
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
}

// OverviewSubheads are the customary run-in sub-heads of section 一.
var OverviewSubheads = []string{"（一）主动公开。", "（二）依申请公开。", "（三）政府信息管理。", "（四）政府信息公开平台建设。", "（五）监督保障。"}

// Trial2019Labels are labels of the 2019 trial format (国办公开办函〔2019〕60号)
// that a 2021-format report must not contain (rule R13).
var Trial2019Labels = []string{
	"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
	"其他对外管理服务事项", "第二十条第（九）项", "政府集中采购",
}

// FieldLabel names a figure by its column and row labels, as messages do:
// 「自然人·一、本年新收」.
func FieldLabel(f Field) string {
	switch f.Table {
	case TableActive:
		names := [ActiveRows]string{"规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"}
		if f.Row <= ActiveNormative {
			cols := [3]string{"本年制发件数", "本年废止件数", "现行有效件数"}
			return names[f.Row] + "·" + cols[f.Col]
		}
		return names[f.Row]
	case TableRequests:
		return RequestColumns[f.Col] + "·" + RequestRowShort(f.Row)
	case TableAppeals:
		return AppealGroupNames[f.Row] + "·" + AppealColumns[f.Col]
	}
	return ""
}

// Fields returns every figure of a table in grid order.
func (t *Table) Fields() []Field {
	var fs []Field
	for _, c := range t.Cells {
		if c.Kind == Input || c.Kind == Total {
			fs = append(fs, c.Field)
		}
	}
	return fs
}

// CellOf returns the grid cell that holds a figure.
func (t *Table) CellOf(f Field) (Cell, bool) {
	for _, c := range t.Cells {
		if (c.Kind == Input || c.Kind == Total) && c.Field == f {
			return c, true
		}
	}
	return Cell{}, false
}

// IsFee reports whether a figure is table 二's 行政事业性收费, a decimal in 万元.
func (f Field) IsFee() bool { return f.Table == TableActive && f.Row == ActiveFee }

// TemplateFirstRow is the workbook row of a table's first grid row in the
// template: row 1 holds the section heading, row 2 a hint for staff.
// Grid column 0 is column A.
const TemplateFirstRow = 3

// TemplateCell returns the A1 address that the template gives a figure.
func TemplateCell(f Field) string {
	t := TableByID(f.Table)
	if t == nil {
		return ""
	}
	c, ok := t.CellOf(f)
	if !ok {
		return ""
	}
	return A1(TemplateFirstRow+c.Row, c.Col+1)
}

// A1 returns the A1 address of a 1-based row and column.
func A1(row, col int) string {
	name := ""
	for col > 0 {
		col--
		name = string(rune('A'+col%26)) + name
		col /= 26
	}
	return fmt.Sprintf("%s%d", name, row)
}

// SumsInOrder returns the table's sums so that each comes after the sums
// whose totals it adds up: computing them in this order, every total is
// the sum of figures typed or of totals already computed.
func (t *Table) SumsInOrder() []Sum {
	var out []Sum
	done := map[Field]bool{}
	pending := append([]Sum(nil), t.Sums...)
	totals := map[Field]bool{}
	for _, s := range t.Sums {
		totals[s.Total] = true
	}
	for len(pending) > 0 {
		var later []Sum
		for _, s := range pending {
			ready := true
			for _, p := range s.Parts {
				if totals[p] && !done[p] {
					ready = false
					break
				}
			}
			if ready {
				out = append(out, s)
				done[s.Total] = true
			} else {
				later = append(later, s)
			}
		}
		if len(later) == len(pending) {
			panic("report: the sums of table " + t.Sheet + " depend on each other in a circle")
		}
		pending = later
	}
	return out
}

// Balance is an equality that holds in every column of table 三: the rows
// In add up to the same as the rows Out. The checker and the template's
// red-column warning are both made from it.
type Balance struct {
	Rule    string
	In, Out []int  // body rows of table 三
	InText  string // how messages write the rows: 「一+二」
	OutText string // 「（七）总计+四」
}

// R1 is the balance of table 三: 一、本年新收 + 二、上年结转 = 三（七）总计 +
// 四、结转下年度继续办理.
var R1 = Balance{Rule: "R1", In: []int{ReqNew, ReqCarriedIn}, Out: []int{ReqTotal, ReqCarriedOut},
	InText: "一+二", OutText: "（七）总计+四"}

// The groups of 办理结果 of table 三 that have numbered rows.
const (
	GroupWithheld = "（三）不予公开"
	GroupNotHeld  = "（四）无法提供"
	GroupNotDealt = "（五）不予处理"
	GroupOther    = "（六）其他处理"
)

// GroupRows returns the body rows of table 三 under a group heading, in
// order.
func GroupRows(group string) []int {
	var rows []int
	for i, r := range requestBody {
		if r.group == group {
			rows = append(rows, i)
		}
	}
	return rows
}
