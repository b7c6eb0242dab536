package fonts

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// officialFiles are the file names under which the licensed official fonts
// are installed, by role, in the order they are preferred.
var officialFiles = [Roles][]string{
	Title:      {"方正小标宋简体.ttf", "FZXBSJW.ttf", "方正小标宋_GBK.ttf", "FZXBSK.ttf"},
	Heading1:   {"黑体.ttf", "simhei.ttf", "方正黑体_GBK.ttf", "FZHTK.ttf", "方正黑体简体.ttf", "FZHTJW.ttf"},
	Heading2:   {"楷体_GB2312.ttf", "simkai.ttf", "楷体.ttf", "方正楷体_GBK.ttf", "FZKTK.ttf", "方正楷体简体.ttf", "FZKTJW.ttf"},
	Body:       {"仿宋_GB2312.ttf", "simfang.ttf", "仿宋.ttf", "方正仿宋_GBK.ttf", "FZFSK.ttf", "方正仿宋简体.ttf", "FZFSJW.ttf"},
	Table:      {"仿宋_GB2312.ttf", "simfang.ttf", "仿宋.ttf", "方正仿宋_GBK.ttf", "FZFSK.ttf", "方正仿宋简体.ttf", "FZFSJW.ttf"},
	PageNumber: {"宋体.ttf", "simsun.ttf", "方正书宋_GBK.ttf", "FZSSK.ttf", "方正书宋简体.ttf", "FZSSJW.ttf"},
}

var (
	loadedMu sync.Mutex
	loaded   = map[string]loadResult{}
)

type loadResult struct {
	set   *Set
	notes []string
}

// Load returns the faces of a folder of licensed official fonts: each role
// uses the first of its usual file names found there (case does not
// matter), and falls back to its embedded face otherwise. The notes say,
// in Chinese, what could not be used. A folder is read once per process.
func Load(dir string) (*Set, []string, error) {
	base, err := Embedded()
	if err != nil {
		return nil, nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	loadedMu.Lock()
	defer loadedMu.Unlock()
	if r, ok := loaded[abs]; ok {
		return r.set, r.notes, nil
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return nil, nil, fmt.Errorf("找不到字体文件夹「%s」", dir)
	}
	byName := map[string]string{}
	for _, e := range entries {
		if !e.IsDir() {
			byName[strings.ToLower(e.Name())] = e.Name()
		}
	}
	set := &Set{Faces: base.Faces}
	var notes []string
	parsed := map[string]*Face{}
	bad := map[string]bool{}
	for role, names := range officialFiles {
		for _, n := range names {
			file, ok := byName[strings.ToLower(n)]
			if !ok || bad[file] {
				continue
			}
			f, ok := parsed[file]
			if !ok {
				data, err := os.ReadFile(filepath.Join(abs, file))
				if err == nil {
					f, err = Parse(file, data)
				}
				if err != nil {
					notes = append(notes, fmt.Sprintf("字体「%s」不能使用（%v），%s改用内置字体", file, err, Role(role)))
					bad[file] = true
					continue
				}
				parsed[file] = f
			}
			set.Faces[role] = f
			break
		}
	}
	loaded[abs] = loadResult{set, notes}
	return set, notes, nil
}

// Describe says which face each role uses, for the console.
func (s *Set) Describe() string {
	var parts []string
	for r := Role(0); r < Roles; r++ {
		parts = append(parts, fmt.Sprintf("%s %s", r, s.Faces[r].Name))
	}
	return strings.Join(parts, "；")
}
