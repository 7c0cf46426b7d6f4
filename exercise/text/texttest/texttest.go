// Package texttest holds what a file's text is checked against once ttx
// has shown or written it: nothing in it may drive a terminal or reorder
// text. Only tests import it, so it is never in the ttx binary.
package texttest

import (
	"strings"
	"testing"
)

// AssertInert fails if s holds a byte or character that drives a
// terminal or reorders text: any C0 control but newline and tab (and the
// CR of CRLF), DEL, C1, or a bidi control.
func AssertInert(t testing.TB, where, s string) {
	t.Helper()
	for i, r := range s {
		bad := r < 0x20 && r != '\n' && r != '\t' && !(r == '\r' && strings.HasPrefix(s[i:], "\r\n")) ||
			r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
		if bad {
			lo, hi := max(i-40, 0), min(i+40, len(s))
			t.Fatalf("%s: raw %U at byte %d: …%q…", where, r, i, s[lo:hi])
		}
	}
}
