package aar

import "testing"

// TestChartLabelsReadableOnPaper holds the swimlane chart's text to 8 pt
// once the chart is scaled to the printed page's width.
func TestChartLabelsReadableOnPaper(t *testing.T) {
	if pt := chartFont * printWidthPt / float64(chartWidth); pt < 8 {
		t.Errorf("chart text prints at %.1f pt, want 8 or more", pt)
	}
	for _, c := range []struct{ name, first, second string }{
		{"Metropolitan Police", "Metropolitan Police", ""},
		{"Borough emergency planning", "Borough emergency", "planning"},
		{"Supercalifragilisticexpialidocious", "Supercalifragilistice…", ""},
	} {
		if f, s := splitLabel(c.name); f != c.first || s != c.second {
			t.Errorf("splitLabel(%q) = %q, %q; want %q, %q", c.name, f, s, c.first, c.second)
		}
	}
}
