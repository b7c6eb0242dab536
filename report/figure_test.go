package report_test

import (
	"fmt"
	"testing"

	"nianbao/report"
)

func TestParseFigure(t *testing.T) {
	tests := []struct {
		in   string
		fee  bool
		want string // the figure, or the reason's start
	}{
		{"", false, "0"},
		{" 12 ", false, "12"},
		{"１２件", false, "12"},
		{"1,234", false, "1234"},
		{"47.10万元", true, "47.1"},
		{"/", false, "填的是「/」；没有就填 0"},
		{"／", false, "填的是「／」；没有就填 0"},
		{"—", false, "填的是「—」；没有就填 0"},
		{"无", true, "填的是「无」；没有就填 0"},
		{"1.5", false, "填的是「1.5」，数量应为整数"},
		{"约5", false, "填的是「约5」，不是数字"},
	}
	for _, tt := range tests {
		d, why := report.ParseFigure(tt.in, tt.fee)
		got := d.String()
		if why != "" {
			got = why[:len(tt.want)]
		}
		if got != tt.want {
			t.Errorf("ParseFigure(%q, %v) = %q, %q; want %q", tt.in, tt.fee, d, why, tt.want)
		}
	}
}

func ExampleParseFigure() {
	for _, cell := range []string{"１２件", "", "/"} {
		d, why := report.ParseFigure(cell, false)
		if why != "" {
			fmt.Printf("%q: %s\n", cell, why)
			continue
		}
		fmt.Printf("%q: %s\n", cell, d)
	}
	// Output:
	// "１２件": 12
	// "": 0
	// "/": 填的是「/」；没有就填 0，不要用「/」「-」或「无」。
}
