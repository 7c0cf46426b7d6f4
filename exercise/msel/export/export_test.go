package export

import (
	"bytes"
	"strings"
	"testing"

	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
)

// TestTablesReadBackAsWritten: the tables a CSV export writes below its
// MSEL are found and read back; a mistake in them is a note at its cell.
func TestTablesReadBackAsWritten(t *testing.T) {
	sc, probs := scenario.Parse("t.yaml", []byte(`title: Harbour Storm
start: "09:00"
duration: 1h
teams: [{id: met, name: Metropolitan Police}]
objectives: [{id: obj-1, text: Share what is known}]
injects:
  - {id: I-1, at: "00:00", title: Storm warning, to: [met]}
`))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, sc); err != nil {
		t.Fatal(err)
	}
	tab, err := sheet.ReadCSV("t.csv", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	r := Find(tab)
	if r != 2 {
		t.Fatalf("the tables begin at row %d, want 2 (after the header and one inject; a CSV reader skips the blank line)", r)
	}
	s := Read(tab, r)
	if s.Values["title"] != "Harbour Storm" || s.Values["start"] != "09:00" || len(s.Notes) > 0 {
		t.Errorf("settings %v, notes %v", s.Values, s.Notes)
	}
	if teams := s.Lists["Teams"]; len(teams) != 1 || teams[0] != [3]string{"met", "Metropolitan Police", ""} {
		t.Errorf("teams %q", teams)
	}
	tab.Rows[r+3][0].Text = "Colour" // a setting ttx does not read
	if s := Read(tab, r); len(s.Notes) != 1 || !s.Notes[0].Warn || s.Notes[0].Row != r+3 || !strings.Contains(s.Notes[0].Msg, `setting "Colour" is not one ttx reads`) {
		t.Errorf("notes %+v", s.Notes)
	}
}
