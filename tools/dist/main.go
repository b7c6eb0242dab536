// Command dist builds the release zips of nianbao: for each target, the
// folder 「年报生成工具」 with the program, its two double-click scripts
// (生成年报 for a unit's report, 汇总 for the county office's roll-up), the
// blank template, the example workbook, the staff's instructions and the
// font licences. The zips are reproducible: fixed file times and order,
// -trimpath builds.
//
//	go run ./tools/dist -version v1.0.0 -out dist
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// targets are the platforms staff use: Windows, and the domestic Linux
// desktops (统信 UOS, 麒麟 Kylin) on x86, ARM and LoongArch.
var targets = []struct{ goos, goarch string }{
	{"windows", "amd64"}, {"windows", "386"},
	{"linux", "amd64"}, {"linux", "arm64"}, {"linux", "loong64"},
}

const folder = "年报生成工具"

func main() {
	version := flag.String("version", "dev", "version shown by nianbao --version")
	out := flag.String("out", "dist", "output folder")
	epoch := flag.Int64("time", 0, "file time in the zips, as Unix seconds (default: the last commit's)")
	flag.Parse()
	if err := run(*version, *out, *epoch); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func run(version, out string, epoch int64) error {
	if epoch == 0 {
		b, err := exec.Command("git", "log", "-1", "--format=%ct").Output()
		if err == nil {
			fmt.Sscan(strings.TrimSpace(string(b)), &epoch)
		}
	}
	mtime := time.Unix(epoch, 0).UTC()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, t := range targets {
		exe := "nianbao"
		scripts := []string{"生成年报.sh", "汇总.sh"}
		if t.goos == "windows" {
			exe, scripts = "nianbao.exe", []string{"生成年报.bat", "汇总.bat"}
		}
		bin := filepath.Join(out, t.goos+"-"+t.goarch, exe)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -buildid= -X main.version="+version, "-o", bin, "./cmd/nianbao")
		cmd.Env = append(os.Environ(), "GOOS="+t.goos, "GOARCH="+t.goarch, "CGO_ENABLED=0")
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s/%s: %w", t.goos, t.goarch, err)
		}
		files := []struct {
			src, dst string
			mode     os.FileMode
		}{
			{bin, exe, 0o755},
			{filepath.Join("release", scripts[0]), scripts[0], 0o755},
			{filepath.Join("release", scripts[1]), scripts[1], 0o755},
			{filepath.Join("release", "使用说明.txt"), "使用说明.txt", 0o644},
			{filepath.Join("templates", "年报模板.xlsx"), "年报模板.xlsx", 0o644},
			{filepath.Join("templates", "示例-平罗县自然资源局-2024.xlsx"), "示例-平罗县自然资源局-2024.xlsx", 0o644},
		}
		licences, _ := filepath.Glob(filepath.Join("fonts", "files", "*.txt"))
		for _, l := range licences {
			files = append(files, struct {
				src, dst string
				mode     os.FileMode
			}{l, "字体许可/" + filepath.Base(l), 0o644})
		}
		name := filepath.Join(out, fmt.Sprintf("nianbao-%s-%s-%s.zip", version, t.goos, t.goarch))
		if err := writeZip(name, files, mtime); err != nil {
			return err
		}
		fmt.Println(name)
	}
	return nil
}

func writeZip(name string, files []struct {
	src, dst string
	mode     os.FileMode
}, mtime time.Time) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	z := zip.NewWriter(f)
	for _, file := range files {
		data, err := os.ReadFile(file.src)
		if err != nil {
			f.Close()
			return err
		}
		h := &zip.FileHeader{Name: folder + "/" + file.dst, Method: zip.Deflate, Modified: mtime}
		h.SetMode(file.mode)
		// Names are UTF-8, flagged so that Windows' own unzip shows them right.
		h.Flags |= 0x800
		w, err := z.CreateHeader(h)
		if err != nil {
			f.Close()
			return err
		}
		if _, err := w.Write(data); err != nil {
			f.Close()
			return err
		}
	}
	if err := z.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
