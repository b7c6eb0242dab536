package fonts

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A later run takes what a file says from the cache while its size and
// time are unchanged, reads it again when they change, and drops a file
// that is gone.
func TestScanCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	forget()
	t.Cleanup(forget)
	set, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := set.chains[Body].First().Subset([]rune("仿宋"))
	if err != nil {
		t.Fatal(err)
	}
	data := sub.Data
	dir := t.TempDir()
	path, gone := filepath.Join(dir, "a.ttf"), filepath.Join(dir, "b.ttf")
	os.WriteFile(path, data, 0o644)
	os.WriteFile(gone, data, 0o644)
	when := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	os.Chtimes(path, when, when)
	d := Dir{Path: dir, Strict: true}
	if files, notes := scan(d); len(files) != 2 || len(notes) != 0 {
		t.Fatalf("first scan: %v %v", files, notes)
	}
	// Same size, same time, other bytes: the cache answers.
	os.WriteFile(path, make([]byte, len(data)), 0o644)
	os.Chtimes(path, when, when)
	os.Remove(gone)
	forget()
	files, notes := scan(d)
	if len(files) != 1 || files[0].faces[0].PSName != "NotoSerifSC-Regular" || len(notes) != 0 {
		t.Errorf("cached scan: %v %v", files, notes)
	}
	if _, ok := loadCache().files[gone]; ok {
		t.Error("a file that is gone stays in the cache")
	}
	// A new time: the file is read again.
	os.Chtimes(path, when.Add(time.Hour), when.Add(time.Hour))
	forget()
	if files, notes := scan(d); len(files) != 0 || len(notes) != 1 {
		t.Errorf("changed file: %v %v", files, notes)
	}
}
