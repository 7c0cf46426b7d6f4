package tally

import (
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/review/internal/rows"
	"ttx/exercise/scenario"
)

// TestTeamsCountOnceAndTakeTheMedian: an inject that lists a team twice
// is received once; a struck decision counts as struck, not as made; the
// median response of two injects answered is their mean.
func TestTeamsCountOnceAndTakeTheMedian(t *testing.T) {
	var rs rows.Rows
	rs.Add(rows.Row{Seq: 1}, rows.InLog, 0, "a", "i1", "")
	rs.Add(rows.Row{Seq: 2, Struck: true}, rows.InLog, 1, "a", "i2", "")
	injects := []InjectRow{
		{Recipients: []string{"a", "a"}, State: event.InjectState{Released: true}, FirstResponse: map[string]time.Duration{"a": time.Minute}},
		{Recipients: []string{"a"}, State: event.InjectState{Released: true}, FirstResponse: map[string]time.Duration{"a": 3 * time.Minute}},
		{Recipients: []string{"a"}},
	}
	got := Teams([]scenario.Team{{ID: "a", Name: "Alpha"}}, &rs, []event.Entry{{Team: "a"}}, injects)
	want := TeamRow{ID: "a", Name: "Alpha", Decisions: 1, Requests: 1, Struck: 1, InjectsReceived: 2, Answered: 2, MedianResponse: 2 * time.Minute}
	if len(got) != 1 || got[0] != want {
		t.Errorf("teams %+v, want %+v", got, want)
	}
}
