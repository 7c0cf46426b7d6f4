package aar

import (
	"fmt"
	"strings"
	"testing"

	"ttx/exercise/review"
)

func teamsNamed(names ...string) []review.TeamRow {
	var out []review.TeamRow
	for i, n := range names {
		out = append(out, review.TeamRow{ID: fmt.Sprint(i), Name: n})
	}
	return out
}

// TestResponseTablesFitTheirTeams holds each Response table's team columns
// to the width the longest word of their names needs on A4, and the
// tables to equal shares of the teams.
func TestResponseTablesFitTheirTeams(t *testing.T) {
	london := teamsNamed("Metropolitan Police", "British Transport Police", "London Fire Brigade",
		"London Ambulance Service", "Borough emergency planning", "Transport for London", "Mayor's Office and GLA")
	var short []string
	for i := range 12 {
		short = append(short, fmt.Sprintf("Team %d", i))
	}
	for _, c := range []struct {
		teams []review.TeamRow
		sizes string
	}{
		{london, "3 4"},
		{teamsNamed(short...), "6 6"},
		{teamsNamed("Police"), "1"},
		{teamsNamed(strings.Repeat("x", 200)), "1"},
		{nil, "0"},
	} {
		var sizes []string
		total := 0
		for _, ch := range chunkTeams(c.teams) {
			sizes = append(sizes, fmt.Sprint(len(ch.Teams)))
			total += len(ch.Teams)
			if len(ch.Teams) > 1 {
				longest := 0
				for _, tm := range ch.Teams {
					for _, w := range strings.Fields(tm.Name) {
						longest = max(longest, len(w))
					}
				}
				if col := printWidthPt * teamShare / float64(len(ch.Teams)); col < float64(longest)*headerCharPt+cellPaddingPt {
					t.Errorf("%d teams in %.0f pt: %.0f pt a column is too narrow for a word of %d letters", len(ch.Teams), printWidthPt*teamShare, col, longest)
				}
			}
		}
		if got := strings.Join(sizes, " "); got != c.sizes || total != len(c.teams) {
			t.Errorf("%d teams shared as %q, want %q", len(c.teams), got, c.sizes)
		}
	}
}

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
