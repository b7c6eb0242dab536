package report

import "fmt"

// Severity says whether a problem stops the PDF (Error), is shown only
// (Warning), or is a warning staff have checked and signed off (Checked).
type Severity int

// Severities, in the order problems are listed.
const (
	Error Severity = iota
	Warning
	Checked
)

// String returns the severity in Chinese, as users read it.
func (s Severity) String() string {
	switch s {
	case Warning:
		return "警告"
	case Checked:
		return "已核对"
	}
	return "错误"
}

// MarshalText writes the severity as "error", "warning" or "checked" (for --json).
func (s Severity) MarshalText() ([]byte, error) {
	switch s {
	case Warning:
		return []byte("warning"), nil
	case Checked:
		return []byte("checked"), nil
	}
	return []byte("error"), nil
}

// Problem is one thing wrong with a report, where it is and what to do.
type Problem struct {
	Rule     string   // R1 … R16, or a reader rule such as 格式
	Severity Severity // Error or Warning
	Sheet    string   // workbook sheet: 表三, 正文, 基本信息; empty for the whole file
	Cell     string   // A1 address; empty for the whole sheet
	Label    string   // the cell's row and column labels: 自然人·一、本年新收
	Message  string   // Chinese: what is wrong, with the numbers, and what to do
}

// Where returns the location as messages print it: 「表三 D4（自然人·一、本年新收）」.
func (p Problem) Where() string {
	s := p.Sheet
	if p.Cell != "" {
		if s != "" {
			s += " "
		}
		s += p.Cell
	}
	if p.Label != "" {
		s += "（" + p.Label + "）"
	}
	return s
}

// String returns the location and the message.
func (p Problem) String() string {
	if w := p.Where(); w != "" {
		return fmt.Sprintf("%s：%s", w, p.Message)
	}
	return p.Message
}

// HasErrors reports whether any problem is an error.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// UnmarshalText reads what MarshalText writes.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("report: unknown severity %q", b)
	}
	return nil
}

// RuleFont is the rule of a character that no face can print, and of the
// notes about the faces used.
const RuleFont = "字体"
