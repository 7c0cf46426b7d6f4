package pane

import (
	"fmt"
	"testing"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/theme"
)

// TestSharedEntriesDrawAsTheFeedsOwn: feeds of different widths sharing
// their drawn entries each show what a feed of its own draws, as the
// session grows, a request is answered and a decision corrected.
func TestSharedEntriesDrawAsTheFeedsOwn(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	sc := &scenario.Scenario{Teams: []scenario.Team{{ID: "police", Name: "Police"}}}
	shared := NewEntryLines()
	widths := []int{30, 60, 30, 90}
	var feeds, own []*Feed
	for _, w := range widths {
		f, o := NewFeed(&st, &keys, "nothing"), NewFeed(&st, &keys, "nothing")
		f.SetShared(shared)
		f.SetSize(w, 12)
		o.SetSize(w, 12)
		feeds, own = append(feeds, f), append(own, o)
	}
	var s event.State
	s.Scenario = sc
	check := func(when string) {
		t.Helper()
		for i := range feeds {
			feeds[i].SetState(s)
			own[i].SetState(s)
			if got, want := feeds[i].View(), own[i].View(); got != want {
				t.Errorf("%s, at width %d the shared feed shows\n%s\nnot\n%s", when, widths[i], got, want)
			}
		}
	}
	for i := range 6 {
		s.Decisions = s.Decisions.Append(event.Entry{Seq: int64(i + 1), Kind: event.DecisionRecorded, Team: "police",
			Text: fmt.Sprintf("Z%04d hold the cordon at the north gate and keep the bridge clear", i)})
		check(fmt.Sprintf("after decision %d", i+1))
	}
	s.Requests = append(s.Requests, event.Entry{Seq: 7, Kind: event.RequestRecorded, Team: "police", Text: "How many crews?"})
	check("after a request")
	s.Replies = append(s.Replies, event.Reply{Seq: 8, Request: 7, Text: "Four."})
	check("after its answer")
	s.Fixes = append(s.Fixes, event.Fix{Seq: 9, Of: 6, Text: "Z0005 hold the cordon at 200 m."})
	check("after a correction")
}
