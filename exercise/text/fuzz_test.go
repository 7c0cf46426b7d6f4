package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClean checks that whatever a participant types comes out as valid
// UTF-8 with no escape sequence, control character or bidirectional
// override, within the length asked, and that cleaning twice changes
// nothing more.
func FuzzClean(f *testing.F) {
	for _, seed := range []string{"plain", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "\u202eevil", "a\r\nb", "\xff\xfe", "Zoë 👩‍🚒 e\u0301", "\x9b2J", "\x1bP\x1b\\"} {
		f.Add(seed, 0)
		f.Add(seed, 5)
	}
	f.Fuzz(func(t *testing.T, in string, max int) {
		max = max % 10000
		out := Clean(in, max)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", in)
		}
		for _, r := range out {
			if r == '\n' {
				continue
			}
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) {
				t.Fatalf("control %U survived cleaning %q", r, in)
			}
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Fatalf("ESC survived cleaning %q", in)
		}
		if max > 0 && utf8.RuneCountInString(out) > max+3 { // a tab may add up to 3 spaces past the cap
			t.Fatalf("%d characters out, cap %d", utf8.RuneCountInString(out), max)
		}
		if again := Clean(out, 0); again != out {
			t.Fatalf("cleaning twice changed %q to %q", out, again)
		}
	})
}

// FuzzEscape checks that whatever a file holds comes out of Escape as
// valid UTF-8 with nothing that drives a terminal, that escaping twice
// changes nothing more, that the fast scan agrees with the plain one, and
// that a Writer fed one byte at a time writes what Escape returns.
func FuzzEscape(f *testing.F) {
	for _, seed := range []string{"plain", hostile, "\x1b[31mred\x1b[0m", "\u202eevil", "a\r\nb\r", "\xff\xfe", "Zoë 👩‍🚒 e\u0301", "\u009b2J", "\xc2", "\xe2\x80"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Escape(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", in)
		}
		assertInert(t, "Escape", out)
		if again := Escape(out); again != out {
			t.Fatalf("escaping twice changed %q to %q", out, again)
		}
		if fast, slow := firstUnsafe(in), firstUnsafeSlow(in); fast != slow {
			t.Fatalf("firstUnsafe(%q) = %d, the plain scan says %d", in, fast, slow)
		}
		var b strings.Builder
		w := NewWriter(&b)
		for i := range len(in) {
			w.Write([]byte{in[i]})
		}
		w.Flush()
		if b.String() != out {
			t.Fatalf("Writer gave %q, Escape %q", b.String(), out)
		}
	})
}
