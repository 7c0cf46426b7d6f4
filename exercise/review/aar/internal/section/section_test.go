package section

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"ttx/exercise/review"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
)

// play runs a short session on sc from the console, with one evaluator
// rating the first target of the objective OBJ-2 when it has one.
func play(t *testing.T, sc *scenario.Scenario) *review.Report {
	t.Helper()
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "s.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	do := func(who session.Actor, c session.Command) {
		t.Helper()
		if _, err := s.Do(who, c); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
	do(a, session.StartClock{})
	now = now.Add(time.Minute)
	do(a, session.Release{Inject: "D-01"})
	do(a, session.RecordDecision{Team: "transport", Who: "Zoë", Text: "Stop eastbound trains", Inject: "D-01"})
	if o := sc.Objective("OBJ-2"); o != nil && len(o.Targets) > 0 {
		do(a, session.RecordObservation{Objective: "OBJ-2", Rating: "M", Text: "No joint meeting", Target: o.Targets[0].ID})
	}
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	l, err := review.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return review.Build(l)
}

func ids(d Document) []string {
	var out []string
	for _, p := range d.Parts {
		out = append(out, p.ID)
	}
	return out
}

// TestBuildHasEveryPartInHSEEPOrder: a scenario without overview or EEG
// gets every part, in the HSEEP order, and a draft cover.
func TestBuildHasEveryPartInHSEEPOrder(t *testing.T) {
	sc, _ := injects.Load("demo")
	d := Build(play(t, sc))
	want := []string{"handling", "integrity", "overview", "analysis", "timeline", "response", "conduct", "appendix-a", "appendix-b", "annex-log"}
	if got := ids(d); !slices.Equal(got, want) {
		t.Errorf("parts %q, want %q", got, want)
	}
	c := d.Cover
	if c.Marking != "DRAFT" || c.Handling != DraftHandling || c.Kind != Kind || !c.Intact || c.Title != sc.Title || c.Dates != "Tuesday 24 November 2026" {
		t.Errorf("cover %+v", c)
	}
	var numbers []string
	for _, p := range d.Parts {
		numbers = append(numbers, p.Number)
	}
	if want := []string{"", "", "1", "2", "3", "4", "5", "Appendix A", "Appendix B", "Annex"}; !slices.Equal(numbers, want) {
		t.Errorf("numbers %q, want %q", numbers, want)
	}
}

// TestBuildRollsUpTheEEG: with capability targets, the EEG roll-up comes
// after the analysis; a target rated shows its rating, a task never rated
// says so.
func TestBuildRollsUpTheEEG(t *testing.T) {
	sc, _ := injects.Load("demo")
	k := slices.IndexFunc(sc.Objectives, func(o scenario.Objective) bool { return o.ID == "OBJ-2" })
	sc.Objectives[k].Targets = []scenario.Target{{ID: "T1", Text: "Agree one evacuation decision", Tasks: []scenario.Task{{ID: "T1-1", Text: "Meet"}}}}
	sc.Overview = &scenario.Overview{Handling: "OFFICIAL-SENSITIVE"}
	d := Build(play(t, sc))
	got := ids(d)
	if i := slices.Index(got, "eeg"); i < 0 || got[i-1] != "analysis" {
		t.Fatalf("parts %q: no EEG roll-up after the analysis", got)
	}
	if d.Cover.Handling != "OFFICIAL-SENSITIVE" {
		t.Errorf("handling %q", d.Cover.Handling)
	}
	var rows [][]Cell
	for _, p := range d.Parts {
		if p.ID == "eeg" {
			for _, b := range p.Blocks {
				if b.Table != nil {
					rows = slices.Collect(b.Table.All())
				}
			}
		}
	}
	if len(rows) != 2 || rows[0][1][0].Text != "M" || rows[1][1][0].Text != "not rated" {
		t.Errorf("EEG rows %+v", rows)
	}
}

func TestTableAllYieldsRowsThenMore(t *testing.T) {
	tb := Table{Rows: [][]Cell{{Plain("a")}}, More: func(yield func([]Cell) bool) {
		_ = yield([]Cell{Plain("b")}) && yield([]Cell{Plain("c")})
	}}
	var got []string
	for row := range tb.All() {
		got = append(got, row[0][0].Text)
		if len(got) == 2 {
			break
		}
	}
	if !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("rows %q", got)
	}
}

func TestRollUp(t *testing.T) {
	for _, c := range []struct {
		m    map[string]int
		want string
	}{{nil, ""}, {map[string]int{"P": 2, "M": 1}, "P"}, {map[string]int{"P": 1, "M": 1}, "M"}, {map[string]int{"S": 1}, "S"}} {
		if got := RollUp(c.m); got != c.want {
			t.Errorf("RollUp(%v) = %q, want %q", c.m, got, c.want)
		}
	}
}
