package report_test

import (
	"fmt"
	"testing"

	"nianbao/report"
)

func TestApplySignOffs(t *testing.T) {
	r7 := report.Problem{Rule: "R7", Severity: report.Warning, Sheet: "表三", Cell: "D7", Message: "本年的二、上年结转……"}
	r16 := report.Problem{Rule: "R16", Severity: report.Warning, Sheet: "正文", Message: "正文有 80% 与上年报告相同……"}
	r1 := report.Problem{Rule: "R1", Severity: report.Error, Sheet: "表三", Cell: "D6", Message: "一+二……"}
	tests := []struct {
		name string
		offs []report.SignOff
		want []report.Severity // of r1, r7, r16 after sorting: errors first
	}{
		{"none", nil, []report.Severity{report.Error, report.Warning, report.Warning}},
		{"R7 signed off", []report.SignOff{{Rule: "r7", Sheet: "表三", Cell: "d7", Note: "上年报告的结转数填错，已向县政务公开办说明"}},
			[]report.Severity{report.Error, report.Warning, report.Checked}},
		{"a warning with no cell", []report.SignOff{{Rule: "R16", Sheet: "正文", Note: "工作与上年相同"}},
			[]report.Severity{report.Error, report.Warning, report.Checked}},
		{"no 说明 signs nothing off", []report.SignOff{{Rule: "R7", Sheet: "表三", Cell: "D7"}},
			[]report.Severity{report.Error, report.Warning, report.Warning}},
		{"another cell", []report.SignOff{{Rule: "R7", Sheet: "表三", Cell: "E7", Note: "x"}},
			[]report.Severity{report.Error, report.Warning, report.Warning}},
		{"errors cannot be signed off", []report.SignOff{{Rule: "R1", Sheet: "表三", Cell: "D6", Note: "x"}},
			[]report.Severity{report.Error, report.Warning, report.Warning}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := report.ApplySignOffs([]report.Problem{r7, r16, r1}, tt.offs)
			for i, p := range got {
				if p.Severity != tt.want[i] {
					t.Errorf("problem %d %s is %s, want %s", i, p.Rule, p.Severity, tt.want[i])
				}
			}
		})
	}
}

func ExampleApplySignOffs() {
	ps := []report.Problem{{Rule: "R8", Severity: report.Warning, Sheet: "表二", Cell: "D6", Message: "现行有效件数是 40……"}}
	offs := []report.SignOff{{Rule: "R8", Sheet: "表二", Cell: "D6", Note: "本年修订 5 件，按新制发计"}}
	for _, p := range report.ApplySignOffs(ps, offs) {
		fmt.Println(p.Severity, p.Rule, p)
	}
	// Output: 已核对 R8 表二 D6：本年修订 5 件，按新制发计（原警告：现行有效件数是 40……）
}
