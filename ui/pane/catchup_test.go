package pane

import (
	"fmt"
	"strings"
	"testing"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/theme"
)

// TestFeedCatchUpMovesOnOnlyOnceSeen: ten decisions that reach a feed
// with room for three together are drawn three at a time from the oldest,
// and the feed moves on to the next only once told the last drawing is on
// screen (Seen): a drawing the painter had not painted yet, replaced by
// the next, would otherwise count as seen. Every decision is drawn, the
// newest last, and decisions that arrive meanwhile are caught up too.
func TestFeedCatchUpMovesOnOnlyOnceSeen(t *testing.T) {
	f, s, add := catchingFeed(7) // a title and three decisions of two lines
	add(1)                       // what a seat finds when it opens is not news
	drawn := map[string]bool{}
	if v := f.View(); f.Behind() || !strings.Contains(v, "Z0000") {
		t.Fatalf("a feed with nothing new is behind, or does not show its one decision:\n%s", v)
	}
	drawn["Z0000"] = true
	add(10)
	for step := 0; ; step++ {
		v := f.View()
		if again := f.View(); again != v {
			t.Fatalf("step %d: drawn again before Seen, the feed moved on:\n%s\nthen\n%s", step, v, again)
		}
		for i := range s.Decisions.Len() {
			if m := fmt.Sprintf("Z%04d", i); strings.Contains(v, m) {
				drawn[m] = true
			}
		}
		if step == 1 {
			add(2) // arrive while the feed catches up
		}
		if !f.Behind() {
			break
		}
		if step > 20 {
			t.Fatal("the feed never caught up")
		}
		f.Seen()
	}
	for i := range s.Decisions.Len() {
		if m := fmt.Sprintf("Z%04d", i); !drawn[m] {
			t.Errorf("decision %s was never drawn", m)
		}
	}
	if v := f.View(); !strings.Contains(v, fmt.Sprintf("Z%04d", s.Decisions.Len()-1)) {
		t.Errorf("caught up, the feed does not show the newest:\n%s", v)
	}
}

// catchingFeed returns a feed that catches up, h rows high, on a state of
// one team's decisions, and add, which adds n decisions "Z0000 hold the
// cordon." on, each of two lines, and gives the feed the new state.
func catchingFeed(h int) (*Feed, *event.State, func(n int)) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	f := NewFeed(&st, &keys, "nothing")
	f.SetCatchUp(true)
	f.SetSize(60, h)
	s := &event.State{Scenario: &scenario.Scenario{Teams: []scenario.Team{{ID: "police", Name: "Police"}}}}
	add := func(n int) {
		for range n {
			i := s.Decisions.Len()
			s.Decisions = s.Decisions.Append(event.Entry{Seq: int64(i + 1), Kind: event.DecisionRecorded,
				Team: "police", Text: fmt.Sprintf("Z%04d hold the cordon.", i)})
		}
		f.SetState(*s)
	}
	return f, s, add
}
