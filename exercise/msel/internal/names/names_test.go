package names

import (
	"slices"
	"testing"
)

// TestCellsSplitWhereTheyList: a To cell splits on a slash or "and" only
// where each side is a team of its own, an Objective cell on commas only
// between codes, and placeholders name no one.
func TestCellsSplitWhereTheyList(t *testing.T) {
	whole := map[string]bool{"police": true, "fire": true}
	for cell, want := range map[string][]string{
		"Police and Fire":  {"Police", "Fire"},
		"Fire and Rescue":  {"Fire and Rescue"},
		"PR/Comm":          {"PR/Comm"},
		"Police/All":       {"Police", "All"},
		"Police; N/A, ---": {"Police"},
		"TBD":              nil,
		"Fire\nPR/Comm, x": {"Fire", "PR/Comm", "x"},
	} {
		if got := Recipients(cell, whole); !slices.Equal(got, want) {
			t.Errorf("Recipients(%q) = %q, want %q", cell, got, want)
		}
	}
	for cell, want := range map[string][]string{
		"OBJ-1, OBJ-3":                  {"OBJ-1", " OBJ-3"},
		"1, 3":                          {"1", " 3"},
		"Keep order, and calm; Obj 2":   {"Keep order, and calm", "Obj 2"},
		"Objective 1: Inform, then act": {"Objective 1: Inform, then act"},
	} {
		if got := ObjectiveItems(cell); !slices.Equal(got, want) {
			t.Errorf("ObjectiveItems(%q) = %q, want %q", cell, got, want)
		}
	}
}

// TestObjectiveIDsAndTextsKeptApart: an item's id and text are read
// apart, in the forms planners write them.
func TestObjectiveIDsAndTextsKeptApart(t *testing.T) {
	for item, want := range map[string][2]string{
		"Objective 1: Maintain controlled media access": {"OBJ-1", "Maintain controlled media access"},
		"Obj 2":                               {"OBJ-2", "OBJ-2"},
		"Goal 3: Open the shelter":            {"GOAL-3", "Open the shelter"},
		"COMMUNICATE: Agencies pass the word": {"COMMUNICATE", "Agencies pass the word"},
		"Objective: Keep the public informed": {"", "Keep the public informed"},
	} {
		if id, label := ObjectiveID(item); id != want[0] || label != want[1] {
			t.Errorf("ObjectiveID(%q) = %q, %q, want %q", item, id, label, want)
		}
	}
}

func TestWordsOfAHeader(t *testing.T) {
	for h, want := range map[string][]string{
		"ScheduledTime":               {"scheduled", "time"},
		"SEND TO (RECIPIENT PLAYERS)": {"send", "to", "recipient", "player"},
		"Inject #":                    {"inject", "no"},
		"SEND FROM (Simulated)":       {"send", "from"},
		"Core Capabilities":           {"core", "capability"},
	} {
		if got := Words(h); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestDottedObjectiveNumbers: "Objective 1.1" and "Objective 1.2" are
// two objectives, and "1.1, 2.3" lists two.
func TestDottedObjectiveNumbers(t *testing.T) {
	for item, want := range map[string][2]string{
		"Objective 1.1":              {"OBJ-1-1", "OBJ-1-1"},
		"Objective 1.2: Feed people": {"OBJ-1-2", "Feed people"},
		"Obj 2.1: Open shelters":     {"OBJ-2-1", "Open shelters"},
		"2.3":                        {"2-3", "2-3"},
	} {
		if id, label := ObjectiveID(item); id != want[0] || label != want[1] {
			t.Errorf("%q: %q %q, want %q %q", item, id, label, want[0], want[1])
		}
	}
	if got := ObjectiveItems("1.1, 2.3"); len(got) != 2 {
		t.Errorf(`"1.1, 2.3" is %q, want two items`, got)
	}
}
