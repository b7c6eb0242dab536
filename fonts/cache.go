package fonts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// scanCache remembers what the font files of the scanned folders say about
// their faces, by path, size and modification time, in the user's cache
// folder: a build reads the name tables of a system's fonts only when
// they changed.
type scanCache struct {
	mu    sync.Mutex
	path  string // "" when there is no cache folder
	files map[string]cachedFile
	dirty bool
}

type cachedFile struct {
	Size  int64
	Mod   int64 // modification time, Unix nanoseconds
	Faces []faceInfo
	Err   string `json:",omitempty"`
}

const cacheVersion = "fonts-1.json"

var (
	cacheOnce sync.Once
	theCache  *scanCache
)

// loadCache returns the process's scan cache, read from disk once.
func loadCache() *scanCache {
	cacheOnce.Do(func() {
		theCache = &scanCache{files: map[string]cachedFile{}}
		dir, err := os.UserCacheDir()
		if err != nil {
			return
		}
		theCache.path = filepath.Join(dir, "nianbao", cacheVersion)
		if data, err := os.ReadFile(theCache.path); err == nil && len(data) <= 64<<20 {
			if json.Unmarshal(data, &theCache.files) != nil {
				theCache.files = map[string]cachedFile{}
			}
		}
	})
	return theCache
}

// faces returns what a file says about its faces, reading it only when the
// cache does not know it at this size and time.
func (c *scanCache) faces(path string, st os.FileInfo) ([]faceInfo, error) {
	c.mu.Lock()
	e, ok := c.files[path]
	c.mu.Unlock()
	if ok && e.Size == st.Size() && e.Mod == st.ModTime().UnixNano() {
		if e.Err != "" {
			return nil, errNotFont
		}
		return e.Faces, nil
	}
	e = cachedFile{Size: st.Size(), Mod: st.ModTime().UnixNano()}
	faces, err := readFileInfo(path, st.Size())
	if err != nil {
		e.Err = err.Error()
	}
	e.Faces = faces
	c.mu.Lock()
	c.files[path] = e
	c.dirty = true
	c.mu.Unlock()
	return faces, err
}

// forget drops the files of a folder (and of its subfolders when the scan
// was recursive) that a scan no longer found there.
func (c *scanCache) forget(d Dir, found []string) {
	dir := filepath.Clean(d.Path)
	seen := make(map[string]bool, len(found))
	for _, p := range found {
		seen[p] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.files {
		inside := filepath.Dir(p) == dir || d.Recursive && strings.HasPrefix(p, dir+string(filepath.Separator))
		if inside && !seen[p] {
			delete(c.files, p)
			c.dirty = true
		}
	}
}

func readFileInfo(path string, size int64) ([]faceInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readInfo(f, size)
}

// save writes the cache when a scan learnt something new: to a temporary
// file renamed over the old one, so that a cache is whole or absent.
func (c *scanCache) save() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty || c.path == "" {
		return
	}
	c.dirty = false
	data, err := json.Marshal(c.files)
	if err != nil || os.MkdirAll(filepath.Dir(c.path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), "."+cacheVersion+".*.tmp")
	if err != nil {
		return
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}
