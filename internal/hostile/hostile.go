// Package hostile makes a catalogue of broken and hostile inputs: workbooks
// damaged, oversized, full of formulas or odd cells, written as other
// programs or an attacker would, and files that are not files at all. Each
// case says what a reader must answer. The tests of the reader and of the
// folder run go through it, and tools/hostile measures each case's time and
// memory in a real process.
package hostile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"nianbao/templates"
)

// Case is one input of the catalogue.
type Case struct {
	Name  string // the file name it is made under
	Class string // what kind of trouble it is
	// Want is a part of the message the reader must give, "" for an input
	// that must read (with Problem, if set, among the problems found).
	Want    string
	Problem string
	Cell    string // the cell the message must name, if any
	// Make writes the input into dir and returns its path.
	Make func(dir string) (string, error)
}

// Sheet parts of the example workbook.
const (
	partInfo   = "xl/worksheets/sheet2.xml"
	partText   = "xl/worksheets/sheet3.xml"
	partActive = "xl/worksheets/sheet4.xml"
	partReq    = "xl/worksheets/sheet5.xml"
	partWB     = "xl/workbook.xml"
	partSST    = "xl/sharedStrings.xml"
	partStyles = "xl/styles.xml"
)

// parts is a workbook's zip as part name → content.
type parts map[string][]byte

func unzip(data []byte) parts {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		panic(err)
	}
	p := parts{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			panic(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		p[f.Name] = b.Bytes()
	}
	return p
}

// zipped writes the parts into a zip, sorted by name.
func (p parts) zipped() []byte {
	names := slices.Sorted(maps.Keys(p))
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		fw, _ := w.Create(n)
		fw.Write(p[n])
	}
	w.Close()
	return b.Bytes()
}

var cellRe = map[string]*regexp.Regexp{}

// setCell replaces a cell of a sheet part with the XML given.
func (p parts) setCell(part, ref, xml string) {
	re, ok := cellRe[ref]
	if !ok {
		re = regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
		cellRe[ref] = re
	}
	s := string(p[part])
	loc := re.FindStringIndex(s)
	if loc == nil {
		panic("no cell " + ref + " in " + part)
	}
	p[part] = []byte(s[:loc[0]] + xml + s[loc[1]:])
}

// replace replaces the first old in a part.
func (p parts) replace(part, old, new string) {
	s := string(p[part])
	if !strings.Contains(s, old) {
		panic(fmt.Sprintf("%q not in %s", old, part))
	}
	p[part] = []byte(strings.Replace(s, old, new, 1))
}

// addStyle adds a cell style with a number format to styles.xml and
// returns its index.
func (p parts) addStyle(numFmt int) int {
	s := string(p[partStyles])
	m := regexp.MustCompile(`<cellXfs count="(\d+)"`).FindStringSubmatch(s)
	var n int
	fmt.Sscan(m[1], &n)
	s = strings.Replace(s, m[0], fmt.Sprintf(`<cellXfs count="%d"`, n+1), 1)
	s = strings.Replace(s, "</cellXfs>", fmt.Sprintf(`<xf numFmtId="%d" applyNumberFormat="1"/></cellXfs>`, numFmt), 1)
	p[partStyles] = []byte(s)
	return n
}

// appendRows adds rows at the end of a sheet's data.
func (p parts) appendRows(part, rows string) {
	p.replace(part, "</sheetData>", rows+"</sheetData>")
}

func example() parts { return unzip(templates.ExampleWorkbook()) }

// workbook is a case made from the example workbook changed by change.
func workbook(name, class, want, cell string, change func(p parts)) Case {
	return Case{Name: name, Class: class, Want: want, Cell: cell, Make: func(dir string) (string, error) {
		p := example()
		change(p)
		return write(dir, name, p.zipped())
	}}
}

// reads is a case that must read, with problem among its problems.
func reads(name, class, problem, cell string, change func(p parts)) Case {
	c := workbook(name, class, "", cell, change)
	c.Problem = problem
	return c
}

func raw(name, class, want string, data func() []byte) Case {
	return Case{Name: name, Class: class, Want: want, Make: func(dir string) (string, error) {
		return write(dir, name, data())
	}}
}

func write(dir, name string, data []byte) (string, error) {
	path := filepath.Join(dir, name)
	return path, os.WriteFile(path, data, 0o644)
}

// Messages the reader gives, in part.
const (
	noValue   = "是公式，但没有保存计算结果"
	damaged   = "文件已损坏"
	bomb      = "解压后异常巨大"
	tooBig    = "太大了"
	notFile   = "不是工作簿"
	circular  = "循环引用"
	deep      = "层次太多"
	external  = "外部链接"
	hiddenMsg = "被隐藏了"
)

// Catalogue returns every case, in a fixed order.
func Catalogue() []Case {
	d7 := func(xml string) func(p parts) {
		return func(p parts) { p.setCell(partReq, "D7", `<c r="D7">`+xml+`</c>`) }
	}
	cs := []Case{
		// Formulas: never evaluated.
		workbook("公式-没有结果.xlsx", "公式", noValue, "D7", d7(`<f>1+1</f>`)),
		workbook("公式-错误值.xlsx", "公式", noValue, "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
		}),
		workbook("公式-引用无效.xlsx", "公式", noValue, "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7" t="e"><f>#REF!+1</f><v>#REF!</v></c>`)
		}),
		workbook("公式-十万层.xlsx", "公式", "有内容的行超过 5000 行", "", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7"><f>Z100</f></c>`)
			p.appendRows(partReq, chain(100, 100000, false))
		}),
		workbook("公式-十万层有结果.xlsx", "公式", deep, "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7"><f>Z100</f><v>1</v></c>`)
			p.appendRows(partReq, chain(100, 4000, true))
		}),
		workbook("公式-REPT.xlsx", "公式", noValue, "D7", d7(`<f>LEN(REPT("x",1000000000))</f>`)),
		workbook("公式-循环.xlsx", "公式", circular, "D7", d7(`<f>D7+1</f><v>0</v>`)),
		workbook("公式-间接循环.xlsx", "公式", circular, "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7"><f>表三!Z40</f><v>0</v></c>`)
			p.appendRows(partReq, `<row r="40"><c r="Z40"><f>'表三'!D7*2</f><v>0</v></c></row>`)
		}),
		workbook("公式-外部链接.xlsx", "公式", external, "D7", d7(`<f>[1]Sheet1!A1</f><v>5</v>`)),
		workbook("公式-共享外部链接.xlsx", "公式", external, "E7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7"><f t="shared" ref="D7:E7" si="0">[1]Sheet1!A1</f><v>0</v></c>`)
			p.setCell(partReq, "E7", `<c r="E7"><f t="shared" si="0"/><v>0</v></c>`)
		}),
		reads("公式-有结果.xlsx", "公式", "", "", d7(`<f>0*1</f><v>0</v>`)),
		// Cells shown otherwise than as numbers.
		workbook("逻辑值.xlsx", "格式", "TRUE（逻辑值）", "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7" t="b"><v>1</v></c>`)
		}),
		workbook("百分比.xlsx", "格式", "50%", "D7", func(p parts) {
			s := p.addStyle(9)
			p.setCell(partReq, "D7", fmt.Sprintf(`<c r="D7" s="%d"><v>0.5</v></c>`, s))
		}),
		workbook("日期格式的数字.xlsx", "格式", "日期格式", "D7", func(p parts) {
			s := p.addStyle(14)
			p.setCell(partReq, "D7", fmt.Sprintf(`<c r="D7" s="%d"><v>45000</v></c>`, s))
		}),
		workbook("发布日期-7444年.xlsx", "格式", "不是日期", "B4", func(p parts) {
			s := p.addStyle(14)
			p.setCell(partInfo, "B4", fmt.Sprintf(`<c r="B4" s="%d"><v>2000000</v></c>`, s))
		}),
		workbook("错误值.xlsx", "格式", "错误值「#N/A」", "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7" t="e"><v>#N/A</v></c>`)
		}),
		// What the user sees.
		workbook("隐藏的表三.xlsx", "工作表", hiddenMsg, "", func(p parts) {
			p.replace(partWB, `<sheet name="表三" sheetId="5" r:id="rId8">`, `<sheet name="表三" sheetId="5" state="hidden" r:id="rId8">`)
		}),
		workbook("两张表三.xlsx", "工作表", "有两张「表三」", "", func(p parts) {
			p["xl/worksheets/sheet7.xml"] = p[partReq]
			p.replace(partWB, `</sheets>`, `<sheet name="表三 (2)" sheetId="7" r:id="rId70"></sheet></sheets>`)
			p.replace("xl/_rels/workbook.xml.rels", `</Relationships>`,
				`<Relationship Id="rId70" Target="worksheets/sheet7.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"></Relationship></Relationships>`)
		}),
		workbook("表内插入行.xlsx", "工作表", "不是模板里的行", "D12", func(p parts) {
			insertRow(p, partReq, 12, `<c r="C12" t="inlineStr"><is><t>（补充）其他</t></is></c><c r="D12"><v>5</v></c>`)
		}),
		// Damage.
		raw("校验和错误.xlsx", "损坏", damaged, func() []byte { return badCRC(example()) }),
		workbook("XML被截断.xlsx", "损坏", damaged, "", func(p parts) { p[partReq] = p[partReq][:len(p[partReq])/2] }),
		workbook("共享字符串缺失.xlsx", "损坏", damaged, "", func(p parts) {
			s := string(p[partSST])
			p[partSST] = []byte(s[:strings.Index(s, "<si>")] + "</sst>")
		}),
		workbook("共享字符串越界.xlsx", "损坏", damaged, "", func(p parts) {
			p.setCell(partReq, "C11", `<c r="C11" t="s"><v>99999999</v></c>`)
		}),
		workbook("实体炸弹.xlsx", "损坏", damaged, "", func(p parts) {
			p.replace(partSST, "<sst", `<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><sst`)
			p.replace(partSST, "<t>", "<t>&lol2;")
		}),
		workbook("深层嵌套.xlsx", "损坏", damaged, "", func(p parts) {
			p.replace(partText, "</sheetData>", "</sheetData>"+strings.Repeat("<x>", 200000))
		}),
		workbook("行号倒序.xlsx", "损坏", damaged, "", func(p parts) {
			p.appendRows(partReq, `<row r="3"><c r="Z3"><v>1</v></c></row>`)
		}),
		raw("截断.xlsx", "损坏", "不完整或已损坏", func() []byte { d := templates.ExampleWorkbook(); return d[:len(d)/2] }),
		// Size.
		raw("压缩炸弹.xlsx", "大小", bomb, func() []byte { return zipBomb(1, 60<<20) }),
		raw("分散的压缩炸弹.xlsx", "大小", bomb, func() []byte { return zipBomb(110, 900<<10) }),
		workbook("大量无用部件.xlsx", "大小", "", "", func(p parts) {
			r := rand.New(rand.NewSource(1))
			junk := make([]byte, 30<<20)
			r.Read(junk)
			p["xl/media/junk.bin"] = junk
		}),
		workbook("大量无用共享字符串.xlsx", "大小", "", "", func(p parts) {
			var b strings.Builder
			for i := 0; i < 400000; i++ {
				fmt.Fprintf(&b, "<si><t>没用的字符串 %d</t></si>", i)
			}
			p.replace(partSST, "</sst>", b.String()+"</sst>")
		}),
		workbook("大量空行.xlsx", "大小", "", "", func(p parts) {
			var b strings.Builder
			for r := 1000; r <= 1000000; r++ {
				fmt.Fprintf(&b, `<row r="%d" s="1" customFormat="1"/>`, r)
			}
			p.appendRows(partText, b.String())
		}),
		reads("远处的一格.xlsx", "大小", "", "", func(p parts) {
			p.appendRows(partActive, `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>`)
		}),
		workbook("行太多.xlsx", "大小", "有内容的行超过 5000 行", "", func(p parts) {
			var b strings.Builder
			for r := 1000; r < 6800; r++ {
				fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>一段</t></is></c></row>`, r, r)
			}
			p.appendRows(partText, b.String())
		}),
		workbook("格子太多.xlsx", "大小", "有内容的格子超过 50000 个", "", func(p parts) {
			var b strings.Builder
			for r := 200; r < 1500; r++ {
				fmt.Fprintf(&b, `<row r="%d">`, r)
				for c := 1; c <= 40; c++ {
					fmt.Fprintf(&b, `<c r="%s%d"><v>1</v></c>`, colName(c), r)
				}
				b.WriteString("</row>")
			}
			p.appendRows(partActive, b.String())
		}),
		workbook("正文太长.xlsx", "大小", "太长", "", func(p parts) {
			var b strings.Builder
			long := strings.Repeat("本机关认真贯彻落实政府信息公开条例。", 1800)
			for r := 1000; r < 1010; r++ {
				fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>`, r, r, long)
			}
			p.appendRows(partText, b.String())
		}),
		workbook("一格超长.xlsx", "大小", "32767", "", func(p parts) {
			p.appendRows(partText, `<row r="1000"><c r="A1000" t="inlineStr"><is><t>`+strings.Repeat("长", 40000)+`</t></is></c></row>`)
		}),
		workbook("工作表太多.xlsx", "大小", "多得异常", "", func(p parts) {
			var b strings.Builder
			for i := 0; i < 1200; i++ {
				fmt.Fprintf(&b, `<sheet name="S%d" sheetId="%d" r:id="rIdX"/>`, i, 100+i)
			}
			p.replace(partWB, "</sheets>", b.String()+"</sheets>")
		}),
		// Text that must not reach a terminal as it is.
		workbook("终端控制符.xlsx", "文字", "U+001B", "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7" t="inlineStr"><is><t>5_x001B_[2J</t></is></c>`)
		}),
		workbook("反向字符.xlsx", "文字", "U+202E", "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7" t="inlineStr"><is><t>5`+"\u202e"+`01</t></is></c>`)
		}),
		workbook("超长文字的数字格.xlsx", "文字", "……", "D7", func(p parts) {
			p.setCell(partReq, "D7", `<c r="D7" t="inlineStr"><is><t>`+strings.Repeat("很长的说明", 2000)+`</t></is></c>`)
		}),
		// Not workbooks.
		raw("空文件.xlsx", "不是工作簿", "文件是空的", func() []byte { return nil }),
		raw("旧版.xls", "不是工作簿", ".xls", func() []byte { return ole("Workbook") }),
		raw("改名的CSV.xlsx", "不是工作簿", "文本文件", func() []byte { return []byte("机关名称,报告年度\r\n某局,2024\r\n") }),
		{Name: "两GB.xlsx", Class: "不是文件", Want: tooBig, Make: func(dir string) (string, error) {
			path := filepath.Join(dir, "两GB.xlsx")
			f, err := os.Create(path)
			if err != nil {
				return "", err
			}
			defer f.Close()
			return path, f.Truncate(2 << 30)
		}},
		{Name: "管道.xlsx", Class: "不是文件", Want: "管道", Make: func(dir string) (string, error) {
			path := filepath.Join(dir, "管道.xlsx")
			return path, mkfifo(path)
		}},
		{Name: "文件夹.xlsx", Class: "不是文件", Want: "文件夹", Make: func(dir string) (string, error) {
			path := filepath.Join(dir, "文件夹.xlsx")
			return path, os.Mkdir(path, 0o755)
		}},
		{Name: "链接循环.xlsx", Class: "不是文件", Want: "符号链接循环", Make: func(dir string) (string, error) {
			path := filepath.Join(dir, "链接循环.xlsx")
			return path, os.Symlink(path, path)
		}},
		{Name: "设备.xlsx", Class: "不是文件", Want: "设备", Make: func(dir string) (string, error) {
			path := filepath.Join(dir, "设备.xlsx")
			return path, os.Symlink("/dev/zero", path)
		}},
	}
	return cs
}

// chain is a chain of n formula cells in column Z from row first on, each
// referring to the next; with values, each stores a result.
func chain(first, n int, values bool) string {
	var b strings.Builder
	v := ""
	if values {
		v = "<v>1</v>"
	}
	for r := first; r < first+n; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="Z%d"><f>Z%d+0</f>%s</c></row>`, r, r, r+1, v)
	}
	return b.String()
}

// insertRow puts a row into a sheet before row at, moving the rows from at
// on down by one, as a spreadsheet program's 「插入行」 does (formulas are
// not rewritten: none of the moved rows' figures are formulas).
func insertRow(p parts, part string, at int, cells string) {
	s := string(p[part])
	rowRe := regexp.MustCompile(`<row r="(\d+)"`)
	cellRe := regexp.MustCompile(`<c r="([A-Z]+)(\d+)"`)
	start := strings.Index(s, fmt.Sprintf(`<row r="%d"`, at))
	end := strings.Index(s, "</sheetData>")
	tail := s[start:end]
	tail = rowRe.ReplaceAllStringFunc(tail, func(m string) string {
		var n int
		fmt.Sscan(rowRe.FindStringSubmatch(m)[1], &n)
		return fmt.Sprintf(`<row r="%d"`, n+1)
	})
	tail = cellRe.ReplaceAllStringFunc(tail, func(m string) string {
		sm := cellRe.FindStringSubmatch(m)
		var n int
		fmt.Sscan(sm[2], &n)
		return fmt.Sprintf(`<c r="%s%d"`, sm[1], n+1)
	})
	p[part] = []byte(s[:start] + fmt.Sprintf(`<row r="%d">%s</row>`, at, cells) + tail + s[end:])
}

// badCRC zips the parts with the sheet 表三 stored uncompressed and one
// byte of it changed after the checksum was taken.
func badCRC(p parts) []byte {
	names := slices.Sorted(maps.Keys(p))
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	var at int64
	for _, n := range names {
		method := zip.Deflate
		if n == partReq {
			method = zip.Store
		}
		fw, _ := w.CreateHeader(&zip.FileHeader{Name: n, Method: method})
		if n == partReq {
			w.Flush()
			at = int64(b.Len()) + 100
		}
		fw.Write(p[n])
	}
	w.Close()
	data := b.Bytes()
	data[at] ^= 0x20
	return data
}

// zipBomb is a zip with the parts of a workbook's outline and n parts of
// size zero bytes each.
func zipBomb(n, size int) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		fw, _ := w.Create(name)
		fw.Write([]byte("<x/>"))
	}
	zeros := make([]byte, size)
	for i := 0; i < n; i++ {
		fw, _ := w.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		fw.Write(zeros)
	}
	w.Close()
	return b.Bytes()
}

// ole is the start of an OLE compound file holding a stream of that name.
func ole(stream string) []byte {
	b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	b = append(b, make([]byte, 504)...)
	for _, r := range stream {
		b = append(b, byte(r), 0)
	}
	return b
}

// colName is a column's letters (1 → A).
func colName(col int) string {
	s := ""
	for col > 0 {
		col--
		s = string(rune('A'+col%26)) + s
		col /= 26
	}
	return s
}
