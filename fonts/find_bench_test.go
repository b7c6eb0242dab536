package fonts

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// fontFolder writes n small font files, as many as a Windows font folder
// holds, and returns the folder.
func fontFolder(b *testing.B, n int) string {
	b.Helper()
	set, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := 0; i < n; i++ {
		face := set.chains[Role(i%int(Roles))].First()
		data, err := face.Subset([]rune(fmt.Sprintf("字体%d", i)))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("font%04d.ttf", i)), data.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// forget drops what the process learnt about folders and fonts, as a new
// run of the program starts.
func forget() {
	findMu.Lock()
	found = map[string]findResult{}
	scanned = map[string]scanResult{}
	findMu.Unlock()
	facesMu.Lock()
	fileFace = map[string]*Face{}
	facesMu.Unlock()
	cacheOnce = sync.Once{}
}

// BenchmarkFind measures what finding the faces adds to a build over a
// folder of 600 fonts: a first run (no scan cache: every file's name
// table is read) and a later run (the cache on disk: only a stat a file).
func BenchmarkFind(b *testing.B) {
	dir := fontFolder(b, 600)
	dirs := []Dir{{Path: dir, Recursive: true}}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			b.Setenv("XDG_CACHE_HOME", b.TempDir())
			forget()
			b.StartTimer()
			if _, _, err := Find(dirs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		b.Setenv("XDG_CACHE_HOME", b.TempDir())
		forget()
		Find(dirs)
		for b.Loop() {
			b.StopTimer()
			forget()
			b.StartTimer()
			if _, _, err := Find(dirs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLoadFace measures the first use of a face of the size of an
// office's 仿宋 (10 MB): reading and parsing the file.
func BenchmarkLoadFace(b *testing.B) {
	path := filepath.Join(b.TempDir(), "f.ttf")
	if err := os.WriteFile(path, serifRegular, 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		f := &Face{path: path}
		if !f.Has('仿') {
			b.Fatal(f.err)
		}
	}
}
