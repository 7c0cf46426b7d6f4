package msel

import (
	"testing"

	"ttx/exercise/msel/sheet"
)

// TestTitleFromTheSheet: a planner heads an MSEL with the exercise's
// name; that is the scenario's title, less the words that say it is an
// MSEL, and never a protective marking. A sheet headed by nothing but
// markings is titled from its file, and --title always wins.
func TestTitleFromTheSheet(t *testing.T) {
	head := []string{"Inject #", "Time", "To", "Description"}
	inject := []string{"1", "09:00", "Police", "Crowd at Gate 4"}
	for _, c := range []struct {
		above [][]string
		title string // --title
		want  string
	}{
		{[][]string{{"Exercise VIGILANT GUARD 2027 - Master Scenario Events List", "", "", ""}}, "", "Exercise VIGILANT GUARD 2027"},
		{[][]string{{"UNCLASSIFIED // FOR EXERCISE USE ONLY", "", "", ""}, {"Exercise Riverside – MSEL v3", "", "", ""}}, "", "Exercise Riverside"},
		{[][]string{{"Operation Frozen Ledger", "Operation Frozen Ledger", "Operation Frozen Ledger", ""}}, "", "Operation Frozen Ledger"}, // merged
		{[][]string{{"OFFICIAL-SENSITIVE", "", "", ""}, {"DRAFT", "", "", ""}}, "", "storm"},
		{[][]string{{"Exercise", "Riverside", "", ""}}, "", "storm"}, // two texts: a table, not a title
		{[][]string{{"Exercise VIGILANT GUARD 2027", "", "", ""}}, "Guard day 1", "Guard day 1"},
		{nil, "", "storm"},
	} {
		rows := append(append(c.above, head), inject)
		tab, err := sheet.ReadCSV("storm.csv", csvOf(rows, ","))
		if err != nil {
			t.Fatal(err)
		}
		res := Import(tab, Options{Title: c.title})
		if res.Scenario == nil {
			t.Fatalf("%q: %s", c.above, res.Problems)
		}
		if res.Scenario.Title != c.want {
			t.Errorf("above %q: title %q, want %q", c.above, res.Scenario.Title, c.want)
		}
	}
}
