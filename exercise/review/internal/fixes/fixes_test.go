package fixes

import (
	"strings"
	"testing"

	"ttx/exercise/event"
)

// TestAcceptTakesWhatTheSessionWould: a correction by the entry's
// author or a facilitator of an entry recorded before it is taken; one
// of nothing recorded, one from after it, one by another participant and
// one after a strike are refused, each with why, in journal order.
func TestAcceptTakesWhatTheSessionWould(t *testing.T) {
	author := map[int64]string{5: "participant:ana", 6: "participant:ben"}
	fs := []event.Fix{
		{Seq: 10, Of: 5, By: "participant:ana"},
		{Seq: 11, Of: 6, By: "facilitator:fay", Struck: true},
		{Seq: 12, Of: 7, By: "participant:ana"},
		{Seq: 13, Of: 5, By: "participant:ben"},
		{Seq: 14, Of: 6, By: "participant:ben"},
		{Seq: 15, Of: 20, By: "participant:ana"},
	}
	author[20] = "participant:ana"
	by, taken, refused := Accept(fs, author)
	if len(taken) != 2 || taken[0].Seq != 10 || taken[1].Seq != 11 {
		t.Fatalf("taken %+v, want events 10 and 11", taken)
	}
	if len(by[5]) != 1 || len(by[6]) != 1 {
		t.Errorf("by entry %+v", by)
	}
	want := []string{"records no decision", "recorded by participant:ana", "struck through by event 11", "comes after it"}
	if len(refused) != len(want) {
		t.Fatalf("refused %q", refused)
	}
	for i, w := range want {
		if !strings.Contains(refused[i], w) || !strings.Contains(refused[i], "not applied") {
			t.Errorf("anomaly %d is %q, want it to say %q", i, refused[i], w)
		}
	}
}
