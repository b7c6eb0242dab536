package hostile

import "errors"

// mkfifo: Windows has no named pipes in its file system; the case cannot
// be made there.
func mkfifo(path string) error { return errors.New("named pipes cannot be made on Windows") }
