package journal

import (
	"path/filepath"
	"strings"
)

// infoPath is the FILE.lock that names a session file's writer: beside the
// file's real path, so that a console that reached it through a symbolic
// link reads the same note.
func infoPath(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return path + ".lock"
}

// printable keeps the printable ASCII of s, trimmed: what a note read
// from disk may put on a terminal.
func printable(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return -1
		}
		return r
	}, s))
}
