package report_test

import (
	"strings"
	"testing"

	"nianbao/report"
)

func TestHeadsTable(t *testing.T) {
	tests := []struct {
		head string
		id   report.TableID
		want bool
	}{
		{"四、政府信息公开行政复议、行政诉讼情况", report.TableAppeals, true},
		{"四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", report.TableAppeals, true},
		{"四、政府信息公开申请情况", report.TableAppeals, false},
		{"三、政府信息公开申请情况", report.TableRequests, true},
		{"三、收到和处理政府信息公开申请情况", report.TableRequests, true},
		{"二、主动公开政府信息情况", report.TableActive, true},
		{"二、重点领域信息公开情况", report.TableActive, false},
		{"三、主动公开政府信息情况", report.TableRequests, false},
	}
	for _, tt := range tests {
		if got := report.HeadsTable(tt.head, report.TableByID(tt.id)); got != tt.want {
			t.Errorf("%s heads %v: %v, want %v", tt.head, tt.id, got, tt.want)
		}
	}
}

// outline writes an outline one block a line: tables as 〔表N〕.
func outline(r *report.Report) string {
	var lines []string
	for _, b := range r.Outline() {
		if b.Table != nil {
			lines = append(lines, "〔"+b.Table.Sheet+"〕")
			continue
		}
		lines = append(lines, b.Paragraph.String())
	}
	return strings.Join(lines, "\n")
}

// Each table stands in its section's place: under the heading typed for it
// (text typed under that heading follows the table), else under its own
// heading before the next section; an own numbering does not take a
// table's place.
func TestOutline(t *testing.T) {
	paras := func(lines ...string) []report.Paragraph {
		var ps []report.Paragraph
		for _, l := range lines {
			ps = append(ps, report.ParseParagraph(l))
		}
		return ps
	}
	tests := []struct {
		name  string
		paras []report.Paragraph
		want  []string
	}{
		{"national six, tables not typed", paras("一、总体情况", "正文一", "五、存在的主要问题及改进情况", "正文五", "六、其他需要报告的事项", "正文六"),
			[]string{"一、总体情况", "正文一", "二、主动公开政府信息情况", "〔表二〕", "三、收到和处理政府信息公开申请情况", "〔表三〕",
				"四、政府信息公开行政复议、行政诉讼情况", "〔表四〕", "五、存在的主要问题及改进情况", "正文五", "六、其他需要报告的事项", "正文六"}},
		{"a table's heading typed, a note under it", paras("一、总体情况", "四、政府信息公开行政复议、行政诉讼情况", "注：无。", "五、问题"),
			[]string{"一、总体情况", "二、主动公开政府信息情况", "〔表二〕", "三、收到和处理政府信息公开申请情况", "〔表三〕",
				"四、政府信息公开行政复议、行政诉讼情况", "〔表四〕", "注：无。", "五、问题"}},
		{"an own numbering", paras("一、总体情况", "四、政府信息公开申请情况", "正文"),
			[]string{"一、总体情况", "二、主动公开政府信息情况", "〔表二〕", "三、收到和处理政府信息公开申请情况", "〔表三〕",
				"四、政府信息公开申请情况", "正文", "四、政府信息公开行政复议、行政诉讼情况", "〔表四〕"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &report.Report{Agency: "某局", Year: 2024, Paragraphs: tt.paras}
			got := outline(r)
			want := strings.Join(append([]string{r.Intro()[0].Text}, tt.want...), "\n")
			if got != want {
				t.Errorf("outline:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
