package fonts

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// roleFamilies are the family names of the official faces of each role,
// Chinese and English, in the order they are preferred.
var roleFamilies = [Roles][]string{
	Title:      {"方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"},
	Heading1:   {"黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S"},
	Heading2:   {"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK", "FZKai-Z03", "方正楷体简体", "FZKai-Z03S"},
	Body:       {"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "FZFangSong-Z02", "方正仿宋简体", "FZFangSong-Z02S"},
	PageNumber: {"宋体", "SimSun", "方正书宋_GBK", "FZShuSong-Z01", "方正书宋简体", "FZShuSong-Z01S"},
}

// fallbackFamilies are the faces tried, in this order, for a character
// none of a role's faces has: the rare characters of names of people and
// places (CJK Extension B and later, beyond the BMP). SimSun-ExtB
// (simsunb.ttf) comes with every Windows since Vista and SimSun-ExtG
// (SimsunExtG.ttf) with Windows 11, both with the mainland's forms; the
// Linux desktops may have 花园明朝 (HanaMinB for the extensions, HanaMinA for
// Extension A); Windows has MingLiU-ExtB and PMingLiU-ExtB (mingliub.ttc)
// too, with Taiwan's forms, last.
var fallbackFamilies = []string{"SimSun-ExtB", "SimSun-ExtG", "HanaMinB", "HanaMinA", "MingLiU-ExtB", "PMingLiU-ExtB"}

// install says what to install when a role has only its embedded face.
var install = [Roles]string{
	Title:      "方正小标宋简体",
	Heading1:   "黑体",
	Heading2:   "楷体_GB2312 或 楷体",
	Body:       "仿宋_GB2312 或 仿宋",
	PageNumber: "宋体",
}

// normName folds a family name for comparison: case, spaces, - and _ do
// not matter.
func normName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '_' || r == '\u3000' {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}

// roleNorms are roleFamilies folded by normName.
var roleNorms = func() (out [Roles][]string) {
	for r, names := range roleFamilies {
		for _, n := range names {
			out[r] = append(out[r], normName(n))
		}
	}
	return out
}()

// fallbackNorms are fallbackFamilies folded by normName.
var fallbackNorms = func() (out []string) {
	for _, n := range fallbackFamilies {
		out = append(out, normName(n))
	}
	return out
}()

// ranks returns the preference of a face for each role (0 best), -1 for a
// role none of its names is one of, and its preference among the fallback
// faces, -1 when it is none of them.
func ranks(families []string) (out [Roles]int, fallback int) {
	norms := make([]string, len(families))
	for i, f := range families {
		norms[i] = normName(f)
	}
	for r := range out {
		out[r] = -1
		for i, want := range roleNorms[r] {
			if slices.Contains(norms, want) {
				out[r] = i
				break
			}
		}
	}
	fallback = -1
	for i, want := range fallbackNorms {
		if slices.Contains(norms, want) {
			fallback = i
			break
		}
	}
	return out, fallback
}

// Dir is a folder searched for official faces.
type Dir struct {
	Path string
	// What names the folder in notes, e.g. 「--font-dir 指定的文件夹」.
	What string
	// Recursive: its subfolders too (the system's font folders).
	Recursive bool
	// Strict: a folder that was asked for by name (on the command line or
	// in a workbook): a missing folder and every file that cannot be used
	// are noted; with Strict, links are not followed either.
	Strict bool
}

// ProgramDir is the 字体 folder beside the program, where a county can
// ship licensed fonts with the tool.
func ProgramDir(exeDir string) Dir {
	return Dir{Path: filepath.Join(exeDir, "字体"), What: "程序旁的「字体」文件夹"}
}

// SystemDirs are the user's and the system's font folders, and those of
// WPS Office on the domestic Linux desktops.
func SystemDirs() []Dir {
	var paths []string
	if runtime.GOOS == "windows" {
		win := os.Getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		paths = append(paths, filepath.Join(win, "Fonts"))
		if local := os.Getenv("LOCALAPPDATA"); local != "" {
			paths = append(paths, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
	} else {
		if home, err := os.UserHomeDir(); err == nil {
			paths = append(paths, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"))
		}
		paths = append(paths, "/usr/share/fonts", "/usr/local/share/fonts",
			"/opt/kingsoft/wps-office/office6/fonts",
			"/opt/apps/cn.wps.wps-office-pro/files/kingsoft/wps-office/office6/fonts")
	}
	dirs := make([]Dir, len(paths))
	for i, p := range paths {
		dirs[i] = Dir{Path: p, What: "系统字体文件夹", Recursive: true}
	}
	return dirs
}

// candidate is a face found in a folder that may be embedded.
type candidate struct {
	dir    int // index of its folder
	strict bool
	path   string
	info   faceInfo
	ranks  [Roles]int // -1 for a role it is not a face of
	// fallback is its rank among the fallback faces, -1 when it is none.
	fallback int
}

var (
	findMu   sync.Mutex
	found    = map[string]findResult{}
	facesMu  sync.Mutex
	fileFace = map[string]*Face{} // by path and index: each file parsed once per process
	scanned  = map[string]scanResult{}
)

type scanResult struct {
	files []fontFile
	notes []string
}

type findResult struct {
	set   *Set
	notes []string
}

// Find returns the faces of every role: for each role, the official faces
// found in the folders (identified by the family names inside the files,
// whatever the files are called), folder by folder in the order given,
// then the embedded face; a character a face lacks comes from the next.
// After them come the fallback faces found in the folders (SimSun-ExtB and
// the like, see fallbackFamilies), tried only for a character none of the
// role's faces has; one that may not be embedded is passed over unnoted.
// The notes say, in Chinese, what could not be used. A folder is scanned
// once per process (and what a scan learns is cached on disk), and a face
// is parsed only when a glyph of it is first needed.
func Find(dirs []Dir) (*Set, []string, error) {
	base, err := Embedded()
	if err != nil {
		return nil, nil, err
	}
	var key strings.Builder
	for _, d := range dirs {
		fmt.Fprintf(&key, "%s\x00%t%t\x00", d.Path, d.Recursive, d.Strict)
	}
	findMu.Lock()
	defer findMu.Unlock()
	if r, ok := found[key.String()]; ok {
		return r.set, r.notes, nil
	}
	var notes []string
	var cands []candidate
	for i, d := range dirs {
		dk := fmt.Sprintf("%s\x00%t%t", d.Path, d.Recursive, d.Strict)
		sc, ok := scanned[dk]
		if !ok {
			sc.files, sc.notes = scan(d)
			scanned[dk] = sc
		}
		files := sc.files
		notes = append(notes, sc.notes...)
		for _, f := range files {
			for _, info := range f.faces {
				c := candidate{dir: i, strict: d.Strict, path: f.path, info: info}
				c.ranks, c.fallback = ranks(info.Families)
				official := slices.ContainsFunc(c.ranks[:], func(k int) bool { return k >= 0 })
				if why := info.embeddable(); why != "" {
					if official {
						notes = append(notes, fmt.Sprintf("字体「%s」（%s）不能使用：%s，已跳过", faceName(f.path, info), f.path, why))
					}
					continue
				}
				cands = append(cands, c)
			}
		}
	}
	set := &Set{found: cands}
	fallbacks := fallbackFaces(cands)
	failed := map[*Face]bool{}
	for r := Role(0); r < Roles; r++ {
		if r == Table {
			continue
		}
		var mine []candidate
		for _, c := range cands {
			if c.ranks[r] >= 0 {
				mine = append(mine, c)
			}
		}
		sort.SliceStable(mine, func(i, j int) bool {
			if mine[i].dir != mine[j].dir {
				return mine[i].dir < mine[j].dir
			}
			return mine[i].ranks[r] < mine[j].ranks[r]
		})
		var chain []*Face
		seen := map[string]bool{}
		for _, c := range mine {
			if seen[c.id()] {
				continue
			}
			seen[c.id()] = true
			f := faceOf(c)
			// The first face of a role is needed by every document: it is
			// parsed now, so that one that cannot be read is noted and
			// passed over rather than named on the console.
			if len(chain) == 0 {
				if err := f.load(); err != nil {
					if !failed[f] {
						failed[f] = true
						notes = append(notes, fmt.Sprintf("字体「%s」（%s）不能使用：%v，已跳过", f.Name, c.path, err))
					}
					continue
				}
			}
			chain = append(chain, f)
		}
		set.chains[r] = newChain(append(chain, base.chains[r].faces...), fallbacks)
	}
	set.chains[Table] = set.chains[Body]
	found[key.String()] = findResult{set, notes}
	return set, notes, nil
}

// id tells faces apart: the same face in two folders is one.
func (c candidate) id() string {
	if c.info.PSName != "" {
		return c.info.PSName
	}
	return fmt.Sprintf("%s#%d", c.path, c.info.Index)
}

// fallbackFaces returns the fallback faces among the candidates, folder by
// folder and in the order of fallbackFamilies within a folder. They are
// parsed only when a character no face of a role has is asked for; one
// that cannot be read has no characters.
func fallbackFaces(cands []candidate) []*Face {
	var mine []candidate
	for _, c := range cands {
		if c.fallback >= 0 {
			mine = append(mine, c)
		}
	}
	sort.SliceStable(mine, func(i, j int) bool {
		if mine[i].dir != mine[j].dir {
			return mine[i].dir < mine[j].dir
		}
		return mine[i].fallback < mine[j].fallback
	})
	var out []*Face
	seen := map[string]bool{}
	for _, c := range mine {
		if !seen[c.id()] {
			seen[c.id()] = true
			out = append(out, faceOf(c))
		}
	}
	return out
}

// faceOf returns the face of a candidate, the same one for the same file
// and index throughout the process.
func faceOf(c candidate) *Face {
	facesMu.Lock()
	defer facesMu.Unlock()
	id := fmt.Sprintf("%s#%d", c.path, c.info.Index)
	if f, ok := fileFace[id]; ok {
		return f
	}
	f := &Face{Name: faceName(c.path, c.info), PSName: c.info.PSName, path: c.path, strict: c.strict, index: c.info.Index}
	if f.PSName == "" {
		f.PSName = strings.TrimSuffix(filepath.Base(c.path), filepath.Ext(c.path))
	}
	fileFace[id] = f
	return f
}

// faceName names a face for the console: its family (the Chinese name
// when it has one) and its file, 「仿宋（simfang.ttf）」.
func faceName(path string, info faceInfo) string {
	fam := ""
	for _, f := range info.Families {
		if fam == "" || !hasHan(fam) && hasHan(f) {
			fam = f
		}
	}
	if fam == "" {
		fam = info.PSName
	}
	return fmt.Sprintf("%s（%s）", fam, filepath.Base(path))
}

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// WithTable returns the set with the tables set in the faces named name
// (a family name inside the font files found, such as 宋体 or SimSun, or
// the PostScript name of an embedded face), then in the body's faces; ok
// is false when no face has that name.
func (s *Set) WithTable(name string) (set *Set, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tables[name]; ok {
		return t, t != s
	}
	var faces []*Face
	for _, c := range s.found {
		for _, f := range c.info.Families {
			if normName(f) == normName(name) {
				faces = append(faces, faceOf(c))
				break
			}
		}
	}
	for _, f := range embeddedFaces {
		if normName(f.PSName) == normName(name) && !slices.Contains(faces, f) {
			faces = append(faces, f)
		}
	}
	set = s
	if len(faces) > 0 {
		body := s.chains[Body]
		for _, f := range body.faces {
			if !slices.Contains(faces, f) {
				faces = append(faces, f)
			}
		}
		set = &Set{chains: s.chains, found: s.found}
		set.chains[Table] = newChain(faces, body.fallbacks)
	}
	if s.tables == nil {
		s.tables = map[string]*Set{}
	}
	s.tables[name] = set
	return set, set != s
}

// Advice says what to install when roles have only their embedded face:
// 「正文使用了替代字体，安装 仿宋_GB2312 或 仿宋 后重新生成即可」, and one line
// for the other roles together.
func (s *Set) Advice() []string {
	var out, roles, names []string
	for r := Role(0); r < Roles; r++ {
		switch {
		case r == Table || !s.chains[r].First().Embedded:
		case r == Body:
			out = append([]string{fmt.Sprintf("%s使用了替代字体，安装 %s 后重新生成即可", r, install[r])}, out...)
		default:
			roles, names = append(roles, r.String()), append(names, install[r])
		}
	}
	if len(roles) > 0 {
		out = append(out, fmt.Sprintf("%s使用了替代字体，安装 %s 后重新生成即可", strings.Join(roles, "、"), strings.Join(names, "，")))
	}
	return out
}

// fontFile is what a scan found in one file.
type fontFile struct {
	path  string
	faces []faceInfo
}

// Limits of a scan.
const maxFontFiles = 20000

var fontExts = map[string]bool{".ttf": true, ".ttc": true, ".otf": true, ".otc": true}

// scan lists the font files of a folder and what they say about their faces.
func scan(d Dir) ([]fontFile, []string) {
	var notes []string
	note := func(format string, args ...any) {
		if d.Strict {
			notes = append(notes, fmt.Sprintf(format, args...))
		}
	}
	st, err := os.Stat(d.Path)
	if d.Strict {
		st, err = os.Lstat(d.Path)
	}
	if err != nil || !st.IsDir() {
		note("找不到字体文件夹「%s」（%s），已跳过", d.Path, d.What)
		return nil, notes
	}
	var paths []string
	visit := func(path string, e fs.DirEntry) {
		if e.IsDir() || !fontExts[strings.ToLower(filepath.Ext(path))] || len(paths) >= maxFontFiles {
			return
		}
		paths = append(paths, path)
	}
	if d.Recursive {
		filepath.WalkDir(d.Path, func(path string, e fs.DirEntry, err error) error {
			if err == nil {
				visit(path, e)
			}
			return nil
		})
	} else if entries, err := os.ReadDir(d.Path); err == nil {
		for _, e := range entries {
			visit(filepath.Join(d.Path, e.Name()), e)
		}
	}
	sort.Strings(paths)
	cache := loadCache()
	var files []fontFile
	for _, p := range paths {
		stat := os.Stat
		if d.Strict {
			stat = os.Lstat
		}
		st, err := stat(p)
		if err != nil {
			continue
		}
		if why := fileProblem(st); why != "" {
			note("字体文件「%s」不能使用：%s，已跳过", p, why)
			continue
		}
		faces, err := cache.faces(p, st)
		if err != nil {
			note("字体文件「%s」不能使用：%v，已跳过", p, err)
			continue
		}
		files = append(files, fontFile{p, faces})
	}
	cache.forget(d, paths)
	cache.save()
	return files, notes
}
