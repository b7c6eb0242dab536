package report

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"nianbao/internal/lazyre"
)

// Check runs every consistency rule of the format over a report and returns
// its problems, errors first, each in the order of the rules.
func Check(r *Report) []Problem {
	var ps []Problem
	ps = append(ps, checkSigns(r)...)
	ps = append(ps, checkR1(r)...)
	sums, wrong := checkSums(r)
	ps = append(ps, sums...)
	ps = append(ps, checkRules(r)...)
	ps = append(ps, checkAllZero(r)...)
	ps = append(ps, checkSections(r)...)
	ps = append(ps, checkYears(r)...)
	ps = append(ps, checkNarrative(r, wrong)...)
	return SortProblems(ps)
}

// SortProblems puts errors before warnings, keeping the order within each.
func SortProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Severity < ps[j].Severity })
	return ps
}

func (r *Report) at(f Field) (sheet, cell, label string) {
	return TableByID(f.Table).Sheet, r.CellOf(f), FieldLabel(f)
}

func (r *Report) problem(rule string, sev Severity, f Field, msg string, args ...any) Problem {
	sheet, cell, label := r.at(f)
	return Problem{Rule: rule, Severity: sev, Sheet: sheet, Cell: cell, Label: label, Message: fmt.Sprintf(msg, args...)}
}

// checkSigns is R5 on the model: no figure is negative. (Text, fractions
// and other non-numbers in a workbook are refused by the reader, also as R5.)
func checkSigns(r *Report) []Problem {
	var ps []Problem
	for _, t := range Tables() {
		for _, f := range t.Fields() {
			if f.IsFee() {
				if r.Fee.Sign() < 0 {
					ps = append(ps, r.problem("R5", Error, f, "收费金额是 %s，不能为负数；请填不小于 0 的金额（单位：万元）。", r.Fee))
				}
				continue
			}
			if v := r.Count(f); v < 0 {
				ps = append(ps, r.problem("R5", Error, f, "数量是 %d，不能为负数；请填不小于 0 的整数。", v))
			}
		}
	}
	return ps
}

// checkR1: for each column of table 三, the balance R1 holds.
func checkR1(r *Report) []Problem {
	var ps []Problem
	b := R1
	for c := 0; c < RequestCols; c++ {
		f := func(row int) Field { return Field{TableRequests, row, c} }
		side := func(rows []int) (cells, figures []string, sum int64) {
			for _, row := range rows {
				v := r.Requests[row][c]
				cells = append(cells, r.CellOf(f(row)))
				figures = append(figures, fmt.Sprint(v))
				sum += v
			}
			return
		}
		inCells, inFigs, in := side(b.In)
		outCells, outFigs, out := side(b.Out)
		if in == out {
			continue
		}
		ps = append(ps, r.problem(b.Rule, Error, f(b.In[0]),
			"%s（%s）= %s = %d，但%s（%s）= %s = %d；本列两者应相等，请核对第三项各行及第一、二、四项。",
			b.InText, strings.Join(inCells, "+"), strings.Join(inFigs, "+"), in,
			b.OutText, strings.Join(outCells, "+"), strings.Join(outFigs, "+"), out))
	}
	return ps
}

// checkSums: every total of the format equals the sum of its parts (R2, R3, R4).
// A sum one of whose parts is a total already found wrong is not checked
// again: the first error is the one to mend. It returns the totals found
// wrong too.
func checkSums(r *Report) ([]Problem, map[Field]bool) {
	var ps []Problem
	wrong := map[Field]bool{}
	for _, t := range Tables() {
	sums:
		for _, s := range t.Sums {
			for _, p := range s.Parts {
				if wrong[p] {
					continue sums
				}
			}
			var sum int64
			var terms []string
			for _, p := range s.Parts {
				v := r.Count(p)
				sum += v
				terms = append(terms, strconv.FormatInt(v, 10))
			}
			got := r.Count(s.Total)
			if got == sum {
				continue
			}
			wrong[s.Total] = true
			ps = append(ps, r.problem(s.Rule, Error, s.Total, "%s = %s，但此格填的是 %d；请改为 %d，或核对%s。",
				sumName(s), sumTerms(r, s, terms, sum), got, sum, partsName(s)))
		}
	}
	return ps, wrong
}

// sumName names the parts of a sum in words.
func sumName(s Sum) string {
	switch s.Rule {
	case "R2":
		return "六类申请人之和"
	case "R3":
		return "（一）至（六）各项之和"
	default:
		return strings.Join(AppealColumns[:AppealTotal], "+")
	}
}

func partsName(s Sum) string {
	switch s.Rule {
	case "R2":
		return "本行各格"
	case "R3":
		return "本列第三项各行"
	default:
		return AppealGroupNames[s.Total.Row] + "各格"
	}
}

// sumTerms writes a sum with its terms; long sums list only the non-zero
// terms with their cells.
func sumTerms(r *Report, s Sum, terms []string, sum int64) string {
	if len(terms) <= 6 {
		return fmt.Sprintf("%s = %d", strings.Join(terms, "+"), sum)
	}
	var nz []string
	for _, p := range s.Parts {
		if v := r.Count(p); v != 0 {
			nz = append(nz, fmt.Sprintf("%s %d", r.CellOf(p), v))
		}
	}
	if len(nz) == 0 {
		return "0（各项均为 0）"
	}
	return fmt.Sprintf("%d（非零的有：%s）", sum, strings.Join(nz, "，"))
}

// checkRules is R9: 规章 are made only by bodies with 规章制定权.
func checkRules(r *Report) []Problem {
	for c := 0; c < 3; c++ {
		if r.Active[ActiveRules][c] == 0 {
			continue
		}
		if mayMakeRules(r.Agency) {
			return nil
		}
		return []Problem{r.problem("R9", Warning, Field{TableActive, ActiveRules, c},
			"规章一行有数字（%d），但只有国务院部门、省级人民政府和设区的市、自治州人民政府（及代其报告的办公厅、办公室）有规章制定权；本机关如无此权限，请把规章一行填 0，规范性文件填在下一行。", r.Active[ActiveRules][c])}
	}
	return nil
}

var (
	// governmentRe: a people's government, or its 办公厅/办公室 reporting for it.
	governmentRe = lazyre.New(`人民政府(?:办公厅|办公室)?$`)
	// stateCouncilRe: a department of the State Council (部门规章).
	stateCouncilRe = lazyre.New(`^(?:中华人民共和国|国家|国务院|中国人民银行|审计署|海关总署)`)
	municipalities = []string{"北京市", "上海市", "天津市", "重庆市"}
)

// mayMakeRules reports whether an agency, by its name, has 规章制定权: a
// department of the State Council; a province, autonomous region or 直辖市
// government; a 设区的市 or 自治州 government; or the 办公厅/办公室 of one of
// these reporting for it. A city's name does not tell a 设区的市 from a
// county-level city, so any 市 government that is not a 区 or 县 counts.
func mayMakeRules(agency string) bool {
	agency = strings.TrimSpace(agency)
	if stateCouncilRe().MatchString(agency) && !strings.ContainsAny(agency, "省市县区") {
		return true
	}
	if !governmentRe().MatchString(agency) {
		return false
	}
	name := governmentRe().ReplaceAllString(agency, "")
	for _, m := range municipalities {
		if name == m {
			return true
		}
	}
	switch {
	case strings.HasSuffix(name, "省"), strings.HasSuffix(name, "自治区"), strings.HasSuffix(name, "自治州"):
		return true
	case strings.HasSuffix(name, "市"):
		return !strings.HasSuffix(name, "区") && !strings.Contains(name, "县")
	}
	return false
}

// checkAllZero warns when every figure of every table is 0.
func checkAllZero(r *Report) []Problem {
	for _, t := range Tables() {
		for _, f := range t.Fields() {
			if f.IsFee() && r.Fee.Sign() != 0 || !f.IsFee() && r.Count(f) != 0 {
				return nil
			}
		}
	}
	return []Problem{{Rule: "全零", Severity: Warning, Message: "表二、表三、表四的所有数字都是 0。如果本年度确实没有任何数据可以不改；否则请检查是否漏填或填错了文件。"}}
}

// sectionWords tell a heading's section by its title, whatever its number:
// the national heading and the variants real reports use.
var sectionWords = [6]func() *regexp.Regexp{
	lazyre.New(`总体情况|总体工作情况|概述`),
	lazyre.New(`主动公开政府信息`),
	lazyre.New(`收到和处理|处理政府信息公开申请`),
	lazyre.New(`行政复议|行政诉讼`),
	lazyre.New(`问题|改进|整改`),
	lazyre.New(`其他需要报告|其他事项|需要报告的`),
}

// sectionByTitle returns the national section (1–6) a heading's title
// names, or 0.
func sectionByTitle(head string) int {
	for i, re := range sectionWords {
		if re().MatchString(head) {
			return i + 1
		}
	}
	return 0
}

// feeRe finds the statement on the 信息处理费 in the wordings real reports use.
var feeRe = lazyre.New(`处理费|(?:未|没有|无|不)[^。；]{0,20}?(?:收费|收取[^。；]{0,20}?费)`)

// checkSections is R14: sections 一、五、六 are in the narrative, under the
// national headings and in order (二、三、四 are the tables), and the
// narrative states the 信息处理费.
func checkSections(r *Report) []Problem {
	var ps []Problem
	warn := func(p Paragraph, format string, args ...any) {
		ps = append(ps, Problem{Rule: "R14", Severity: Warning, Sheet: SheetText, Cell: p.Cell, Message: fmt.Sprintf(format, args...)})
	}
	present := map[int]Paragraph{}
	last := 0
	for _, p := range r.Paragraphs {
		if p.Level != 1 {
			continue
		}
		n := SectionNumber(p.Head)
		byTitle := sectionByTitle(p.Head)
		switch {
		case n >= 1 && n <= 6 && byTitle == n:
			if n < last {
				warn(p, "「%s」排在第%s部分之后，顺序不对；六个部分应按一至六排列。", p.Head, hanNumber(last))
			}
		case byTitle != 0:
			warn(p, "「%s」的编号与国家格式不符：这一部分在国家格式里是「%s」；请改用这个标题和编号。", p.Head, Sections[byTitle-1])
		case n >= 2 && n <= 4:
			warn(p, "「%s」不是国家格式的第%s部分：国家格式的第%s部分是「%s」（表格，不在正文里写）；请把这一节改为第一部分「一、总体情况」下的小标题（如「（二）……」），或并入第五、六部分。", p.Head, hanNumber(n), hanNumber(n), Sections[n-1])
		case n >= 1 && n <= 6:
			warn(p, "「%s」不是国家格式的第%s部分：国家格式的第%s部分是「%s」；请改用这个标题，原来的内容改为小标题（如「（一）……」）放在合适的部分下。", p.Head, hanNumber(n), hanNumber(n), Sections[n-1])
		default:
			warn(p, "「%s」不是年度报告格式规定的六个部分之一；请改为（一）（二）等小标题，或并入第六部分。", p.Head)
		}
		if byTitle != 0 {
			if _, ok := present[byTitle]; !ok {
				present[byTitle] = p
			}
			if byTitle > last {
				last = byTitle
			}
		}
	}
	for _, n := range []int{1, 5, 6} {
		if _, ok := present[n]; !ok {
			ps = append(ps, Problem{Rule: "R14", Severity: Warning, Sheet: SheetText,
				Message: fmt.Sprintf("缺少「%s」一节；请在正文中加上这一行标题及其内容。", Sections[n-1])})
		}
	}
	if six, ok := present[6]; ok {
		stated := false
		for _, p := range r.Paragraphs {
			stated = stated || feeRe().MatchString(spaceRemover.Replace(p.String()))
		}
		if !stated {
			warn(six, "正文没有说明信息处理费的收取情况；请在第六部分写明本年度是否收取信息处理费（例如「本年度未收取信息处理费」）。")
		}
	}
	return ps
}

// SectionNumber returns the number of a 一、 heading: 1 for 「一、总体情况」,
// 0 when it has none.
func SectionNumber(head string) int {
	n := 0
	for _, r := range head {
		i := strings.IndexRune(hanNumerals, r)
		if i < 0 {
			break
		}
		d := i/len("一") + 1
		if d == 10 {
			if n == 0 {
				n = 10
			} else {
				n *= 10
			}
		} else if n >= 10 && n%10 == 0 {
			n += d
		} else {
			n = n*10 + d
		}
	}
	return n
}

func hanNumber(n int) string {
	if n >= 1 && n <= 10 {
		return string([]rune(hanNumerals)[n-1])
	}
	return strconv.Itoa(n)
}

var yearRe = lazyre.New(`(20\d\d)\s*年`)

// checkYears is R15: the report year, the statistics period and the year the
// text talks about agree.
func checkYears(r *Report) []Problem {
	return append(checkPeriod(r), checkYearCounts(r)...)
}

// checkPeriod is R15 on the opening paragraph: the statistics period it
// states is the report year. The opening paragraph is always whole, even in
// a report of which only the beginning is at hand.
func checkPeriod(r *Report) []Problem {
	var ps []Problem
	for _, p := range r.Intro() {
		if p.Cell == "" || !strings.Contains(p.Text, "统计") {
			continue
		}
		for _, m := range yearRe().FindAllStringSubmatch(p.Text, -1) {
			if y, _ := strconv.Atoi(m[1]); y != r.Year {
				ps = append(ps, Problem{Rule: "R15", Severity: Warning, Sheet: SheetText, Cell: p.Cell,
					Message: fmt.Sprintf("开头一段说统计期限是 %d 年，但基本信息的报告年度是 %d 年；请核对。", y, r.Year)})
				break
			}
		}
	}
	return ps
}

// checkYearCounts is R15 on the whole narrative: the year it names most
// is the report year.
func checkYearCounts(r *Report) []Problem {
	counts := map[int]int{}
	first := map[int]Paragraph{}
	for _, p := range r.Paragraphs {
		for _, m := range yearRe().FindAllStringSubmatch(p.String(), -1) {
			y, _ := strconv.Atoi(m[1])
			counts[y]++
			if _, ok := first[y]; !ok {
				first[y] = p
			}
		}
	}
	most, mostN := 0, 0
	for y, n := range counts {
		if n > mostN || n == mostN && y > most {
			most, mostN = y, n
		}
	}
	if mostN > 0 && most != r.Year && counts[r.Year] < mostN {
		return []Problem{{Rule: "R15", Severity: Warning, Sheet: SheetText, Cell: first[most].Cell,
			Message: fmt.Sprintf("正文提到 %d 年 %d 次、%d 年 %d 次，但报告年度是 %d 年；请核对基本信息的报告年度，或正文是否沿用了往年的文字。", most, mostN, r.Year, counts[r.Year], r.Year)}}
	}
	return nil
}
