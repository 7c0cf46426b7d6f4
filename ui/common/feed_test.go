package common

import (
	"strings"
	"testing"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

func TestFeedShowsObservationsUnlessFiltered(t *testing.T) {
	st := DefaultStyles()
	keys := DefaultNavKeys()
	f := NewFeed(&st, &keys, "nothing")
	f.SetSize(80, 10)
	sc := &scenario.Scenario{Teams: []scenario.Team{{ID: "police", Name: "Police"}}}
	f.SetState(event.State{Scenario: sc,
		Decisions:    []event.Entry{{Seq: 3, Kind: event.DecisionRecorded, Team: "police", Text: "Cordon"}},
		Observations: []event.Entry{{Seq: 5, Kind: event.ObservationRecorded, By: "evaluator:Sam", Objective: "OBJ-2", Rating: "S", Text: "Late but joint"}},
	})
	v := f.View()
	if !strings.Contains(v, "OBS [S] OBJ-2") || !strings.Contains(v, "Late but joint") || !strings.Contains(v, "1 observation") {
		t.Errorf("observation missing:\n%s", v)
	}
	if strings.Index(v, "Late but joint") > strings.Index(v, "Cordon") {
		t.Error("the feed is not newest first")
	}
	f.SetFilter(func(e event.Entry) bool { return e.Kind == event.DecisionRecorded }, "Decisions")
	if v := f.View(); strings.Contains(v, "Late but joint") || !strings.Contains(v, "Decisions · 1") {
		t.Errorf("a filtered feed shows an observation or miscounts:\n%s", v)
	}
}
