package report

import "strings"

// SignOff is one line of the 核对说明 sheet: a warning that staff have
// checked, where it is and why it stands.
type SignOff struct {
	Rule  string // R7, R14 …
	Sheet string // 表三, 正文 …; empty for a warning on the whole workbook
	Cell  string // A1 address; empty when the warning names none
	Note  string // 说明: why the warning stands; a line without one signs nothing off
}

// ApplySignOffs turns the warnings listed in 核对说明 with a 说明 into
// Checked problems whose message is the 说明, the warning following it:
// they are shown as 「已核对：<说明>」 and no longer count as warnings.
// Errors cannot be signed off. The problems come back sorted, errors first.
func ApplySignOffs(ps []Problem, offs []SignOff) []Problem {
	for i := range ps {
		p := &ps[i]
		if p.Severity != Warning {
			continue
		}
		for _, o := range offs {
			if o.Note != "" && o.matches(*p) {
				p.Severity = Checked
				p.Message = strings.TrimSpace(o.Note) + "（原警告：" + p.Message + "）"
				break
			}
		}
	}
	return SortProblems(ps)
}

func (o SignOff) matches(p Problem) bool {
	norm := func(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }
	return norm(o.Rule) == norm(p.Rule) && norm(o.Sheet) == norm(p.Sheet) && norm(o.Cell) == norm(p.Cell)
}
