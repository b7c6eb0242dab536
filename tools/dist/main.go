// Command dist builds the release zips of nianbao: for each target, the
// folder 「年报生成工具」 with the program, its two double-click scripts
// (生成年报 for a unit's report, 汇总 for the county office's roll-up), the
// blank template, the example workbook, the staff's instructions and the
// font licences. The zips are reproducible: fixed file times and order,
// -trimpath builds.
//
//	go run ./tools/dist -version v1.0.0 -out dist
//	go run ./tools/dist -targets windows/amd64,linux/amd64
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

	"golang.org/x/text/encoding/simplifiedchinese"
)

// targets are the platforms staff use: Windows, and the domestic Linux
// desktops (统信 UOS, 麒麟 Kylin) on x86, ARM and LoongArch.
type target struct{ goos, goarch string }

var targets = []target{
	{"windows", "amd64"}, {"windows", "386"},
	{"linux", "amd64"}, {"linux", "arm64"}, {"linux", "loong64"},
}

const folder = "年报生成工具"

func main() {
	version := flag.String("version", "dev", "version shown by nianbao --version")
	out := flag.String("out", "dist", "output folder")
	epoch := flag.Int64("time", 0, "file time in the zips, as Unix seconds (default: the last commit's)")
	only := flag.String("targets", "", "comma-separated goos/goarch to build (default: all)")
	flag.Parse()
	chosen, err := pick(*only)
	if err == nil {
		err = run(chosen, *version, *out, *epoch)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

// pick returns the targets named in list ("windows/amd64,linux/amd64"), or
// all of them when list is empty.
func pick(list string) ([]target, error) {
	if list == "" {
		return targets, nil
	}
	var chosen []target
	for _, name := range strings.Split(list, ",") {
		found := false
		for _, t := range targets {
			if t.goos+"/"+t.goarch == strings.TrimSpace(name) {
				chosen, found = append(chosen, t), true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown target %q", name)
		}
	}
	return chosen, nil
}

func run(chosen []target, version, out string, epoch int64) error {
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
	for _, t := range chosen {
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
		files := []entry{
			{src: bin, dst: exe, mode: 0o755},
			{src: filepath.Join("release", scripts[0]), dst: scripts[0], mode: 0o755, gbk: t.goos == "windows"},
			{src: filepath.Join("release", scripts[1]), dst: scripts[1], mode: 0o755, gbk: t.goos == "windows"},
			{src: filepath.Join("release", "使用说明.txt"), dst: "使用说明.txt", mode: 0o644},
			{src: filepath.Join("templates", "年报模板.xlsx"), dst: "年报模板.xlsx", mode: 0o644},
			{src: filepath.Join("templates", "示例-平罗县自然资源局-2024.xlsx"), dst: "示例-平罗县自然资源局-2024.xlsx", mode: 0o644},
		}
		licences, _ := filepath.Glob(filepath.Join("fonts", "files", "*.txt"))
		for _, l := range licences {
			files = append(files, entry{src: l, dst: "字体许可/" + filepath.Base(l), mode: 0o644})
		}
		name := filepath.Join(out, fmt.Sprintf("nianbao-%s-%s-%s.zip", version, t.goos, t.goarch))
		if err := writeZip(name, files, mtime); err != nil {
			return err
		}
		fmt.Println(name)
	}
	return nil
}

// entry is a file of the zip: where it comes from, its name in the zip
// folder, and whether it is turned from UTF-8 into GBK (the .bat scripts,
// which cmd.exe reads in the console's code page).
type entry struct {
	src, dst string
	mode     os.FileMode
	gbk      bool
}

func writeZip(name string, files []entry, mtime time.Time) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	z := zip.NewWriter(f)
	for _, file := range files {
		data, err := os.ReadFile(file.src)
		if err == nil && file.gbk {
			data, err = simplifiedchinese.GBK.NewEncoder().Bytes(data)
		}
		if err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", file.src, err)
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
