package main

import (
	"reflect"
	"testing"
)

func TestScriptArgs(t *testing.T) {
	const bat = `C:\Users\张三\Desktop\年报生成工具\生成年报.bat`
	tests := []struct {
		name    string
		args    []string
		cmdline string
		want    []string
	}{
		{"double-click", []string{"--no-wait"}, `C:\WINDOWS\system32\cmd.exe /c ""` + bat + `" "`, []string{"--no-wait"}},
		{"drop with & and no space", []string{"--no-wait", `D:\A`},
			`C:\WINDOWS\system32\cmd.exe /c ""` + bat + `" D:\A&B\平罗县教育局.xlsx "D:\有 空格\x.xlsx""`,
			[]string{"--no-wait", `D:\A&B\平罗县教育局.xlsx`, `D:\有 空格\x.xlsx`}},
		{"caret and percent kept", []string{"--no-wait", `D:\ab.xlsx`},
			`cmd.exe /C ""` + bat + `" D:\a^b.xlsx D:\100%.xlsx"`,
			[]string{"--no-wait", `D:\a^b.xlsx`, `D:\100%.xlsx`}},
		{"unquoted script", []string{"--no-wait", `x.xlsx`}, `cmd /c ` + bat + ` x.xlsx`, []string{"--no-wait", "x.xlsx"}},
		{"output to a file", []string{"--no-wait", "a.xlsx"}, `cmd.exe /c ""` + bat + `" a.xlsx > D:\log.txt"`, []string{"--no-wait", "a.xlsx"}},
		{"from a prompt", []string{"--no-wait", "a b.xlsx"}, `"C:\WINDOWS\system32\cmd.exe" `, []string{"--no-wait", "a b.xlsx"}},
		{"another script", []string{"--no-wait", "a.xlsx"}, `cmd /c ""D:\其他.bat" b.xlsx"`, []string{"--no-wait", "a.xlsx"}},
		{"no line", []string{"--no-wait", "a.xlsx"}, "", []string{"--no-wait", "a.xlsx"}},
		{"not from the script", []string{"check", "a.xlsx"}, `cmd /c ""` + bat + `" b.xlsx"`, []string{"check", "a.xlsx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := scriptArgs(tt.args, tt.cmdline, "生成年报.bat")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestInsideArchive(t *testing.T) {
	temps := []string{`C:\Users\张三\AppData\Local\Temp\`, ""}
	zip := `C:\Users\张三\AppData\Local\Temp\Temp1_nianbao-v1.0-windows-amd64.zip\年报生成工具`
	tests := []struct {
		name string
		args []string
		dir  string
		want bool
	}{
		{"double-click in a zip", nil, zip, true},
		{"from the script in a zip", []string{"--no-wait"}, zip, true},
		{"other case and slashes", nil, `c:/users/张三/appdata/local/temp/7zO1A2B/年报生成工具`, true},
		{"unpacked", nil, `C:\Users\张三\Desktop\年报生成工具`, false},
		{"a folder named like the temporary one", nil, `C:\Users\张三\AppData\Local\Temporary`, false},
		{"workbooks named", []string{"--no-wait", `D:\a.xlsx`}, zip, false},
		{"a command", []string{"check", `D:\a.xlsx`}, zip, false},
	}
	for _, tt := range tests {
		if got := insideArchive(tt.args, tt.dir, temps); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	if insideArchive(nil, zip, nil) {
		t.Error("no temporary folders: nothing is inside an archive")
	}
}
