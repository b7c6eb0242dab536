// Package lazyre compiles a package's regular expressions the first time
// they are used rather than when the program starts: a command that does
// not need them (nianbao --version, a check that never reaches the
// narrative) does not pay for them.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr once, on its first call, and
// returns the compiled expression; it panics on a bad expression, like
// regexp.MustCompile.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
