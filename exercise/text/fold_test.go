package text

import "testing"

// TestFold: a search finds a word whatever its accents, in either
// direction, and its case.
func TestFold(t *testing.T) {
	for _, c := range []struct {
		haystack, needle string
		want             bool
	}{
		{"Convoy leaves Łódź at 09:00", "lodz", true},
		{"Convoy leaves Lodz at 09:00", "Łódź", true},
		{"Zoë Smith, Gold", "zoe", true},
		{"Straße closed", "strasse", true},
		{"Søren at the RVP", "soren", true},
		{"Ærø ferry", "aero", true},
		{"İstanbul desk", "istanbul", true},
		{"Crèche evacuated", "creche", true},
		{"Police cordon", "fire", false},
	} {
		if got := Contains(c.haystack, c.needle); got != c.want {
			t.Errorf("Contains(%q, %q) = %v", c.haystack, c.needle, got)
		}
	}
}
