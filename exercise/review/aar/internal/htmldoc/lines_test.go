package htmldoc

import (
	"strings"
	"testing"
)

// FuzzWriteLinesIsLines: the one pass over plain ASCII writes what the
// careful way (lines) writes of the whole text, whatever follows it: a
// terminal escape, a CR, a C1 control, a bidi control, bytes that are no
// UTF-8, markup.
func FuzzWriteLinesIsLines(f *testing.F) {
	for _, s := range []string{"", "Hold the cordon.", `Brief the "silver" group & <report> it's done`, "line one\nline two\tend",
		"ok\r\nthen \x1b[31mred", "plain then Zoë Nowak (Łódź)", "a\x85b", "x\u202eevil", "bad \xff byte\n<b>", "cr\ronly", "\x7fdel", "end\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		writeLines(&b, s)
		if want := lines(s); b.String() != want {
			t.Errorf("writeLines(%q) = %q, want %q", s, b.String(), want)
		}
	})
}
