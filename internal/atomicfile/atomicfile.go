// Package atomicfile writes files whole or not at all: the data goes to a
// temporary file beside the target, synced to disk, and is renamed over
// it, so that a reader, a crash or a killed process never sees a part.
package atomicfile

import (
	"os"
	"path/filepath"
)

// TempPattern is the name of the temporary file beside path:
// 「.<name>.<random>.tmp」, so that a later run can find and remove one a
// killed process left.
func TempPattern(path string) string { return "." + filepath.Base(path) + ".*.tmp" }

// Temp writes data whole to a new temporary file beside path, synced to
// disk, with path's permissions if it exists, and returns its name; path
// itself is not touched.
func Temp(path string, data []byte) (string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), TempPattern(path))
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	mode := os.FileMode(0o644)
	if st, serr := os.Stat(path); serr == nil {
		mode = st.Mode().Perm()
	}
	err = tmp.Chmod(mode)
	if err == nil {
		_, err = tmp.Write(data)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// Write writes data to a temporary file beside path and renames it over
// path: path is the old file or the whole new one, never a part.
func Write(path string, data []byte) error {
	name, err := Temp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
