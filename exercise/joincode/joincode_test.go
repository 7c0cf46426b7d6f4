package joincode

import (
	"regexp"
	"testing"
)

func TestBits(t *testing.T) {
	for code, want := range map[string]int{"482913": 19, "4829137590613": 43, "RTKQWMZPX": 42, "K7QM-BZWP": 41,
		"123456": 3, "1111111111111": 3, "": 0} {
		if got := int(Bits(code)); got != want {
			t.Errorf("Bits(%q) = %d; want %d", code, got, want)
		}
	}
}

// TestNewJoinCodeIsStrong: every code ttx makes passes the roster's rule
// and is easy to read aloud.
func TestNewJoinCodeIsStrong(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		c := New()
		if !regexp.MustCompile(`^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$`).MatchString(c) || Bits(c) < MinBits {
			t.Fatalf("New() = %q (%.1f bits)", c, Bits(c))
		}
		if seen[c] {
			t.Fatalf("%q drawn twice", c)
		}
		seen[c] = true
	}
}
