package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAsIsNotCut: a facilitator's name given with --as that is longer
// than a record holds, or holds a ':', is refused with what to do, and no
// session is started; it was recorded cut to 80 characters, or with '-'
// for ':', without a word.
func TestAsIsNotCut(t *testing.T) {
	for _, c := range []struct{ as, says string }{
		{strings.Repeat("Superintendent ", 6), "--as: this is 89 characters and the field holds at most 80: shorten it by 9"},
		{"Ana:Lead", `--as "Ana:Lead": a name cannot contain ':'`},
	} {
		for _, cmd := range []string{"run", "serve"} {
			dir := t.TempDir()
			path := filepath.Join(dir, "s.jsonl")
			args := []string{cmd, "demo", "--as", c.as, "--session", path}
			if cmd == "serve" { // should it start, on no port of note
				args = append(args, "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "host_key"))
			}
			code, _, stderr := run(t, args...)
			if code == 0 || !strings.Contains(stderr, c.says) {
				t.Errorf("ttx %s --as %q: exit %d, %q; want it refused saying %q", cmd, c.as, code, stderr, c.says)
			}
			if _, err := os.Stat(path); err == nil {
				t.Errorf("ttx %s --as %q started a session", cmd, c.as)
			}
		}
	}
}
