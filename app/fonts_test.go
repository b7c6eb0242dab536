package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/fonts"
	"nianbao/internal/testtool"
)

// A worker process finds the faces of the run in the folders the request
// names, and says which characters fell back.
func TestWorkerFonts(t *testing.T) {
	dir, in, out := t.TempDir(), t.TempDir(), t.TempDir()
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the worker's scan cache
	fang := testtool.Font(t, testtool.FontSpec{Families: []string{"仿宋", "FangSong"}, PSName: "FangSong", Text: "平罗县自然资源局", From: fonts.Heading2})
	song := testtool.Font(t, testtool.FontSpec{Families: []string{"宋体", "SimSun"}, PSName: "SimSun", Text: "0123456789", From: fonts.Body})
	os.WriteFile(filepath.Join(dir, "任意.ttf"), fang, 0o644)
	os.WriteFile(filepath.Join(dir, "s.ttf"), song, 0o644)
	wb := filepath.Join(in, "甲.xlsx")
	writeWorkbook(t, wb, "甲局")
	opt := Options{OutDir: out, Worker: testWorker, FontDirs: []fonts.Dir{{Path: dir}}, TableFont: "SimSun"}
	res := Run([]string{wb}, opt, 1, nil)[0]
	if res.Output == "" || !strings.Contains(res.Faces, "正文 仿宋（任意.ttf）") || !strings.Contains(res.Faces, "表格 宋体（s.ttf）") {
		t.Errorf("faces %q, err %v, problems %v", res.Faces, res.Err, res.Problems)
	}
	if !strings.Contains(res.Fallbacks, "正文「") || !strings.Contains(res.Fallbacks, "NotoSerifSC-Regular（内置）") {
		t.Errorf("fallbacks: %q", res.Fallbacks)
	}
}
