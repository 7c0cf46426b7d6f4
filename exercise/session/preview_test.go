package session

import (
	"testing"
	"time"

	"ttx/exercise/event"
)

// TestResumePreviewShowsTheStateAsRead: while Resume folds a long file,
// Preview is given the state as far as it has got, from its first
// events, each a snapshot the fold going on does not change, and the last
// before the end no further than the whole file.
func TestResumePreviewShowsTheStateAsRead(t *testing.T) {
	s, fn, path := newSession(t, Options{})
	must(t, s, ana, StartClock{})
	must(t, s, ana, Release{Inject: "D-01"})
	const decisions = 3000
	for i := range decisions {
		fn.Add(time.Second)
		must(t, s, ana, RecordDecision{Team: "police", Text: "Decision " + string(rune('A'+i%26))})
	}
	if err := s.Abandon(); err != nil {
		t.Fatal(err)
	}
	var previews []event.State
	var copies [][]event.Entry
	r, _, err := Resume(path, ana, Options{Now: fn.Now, PreviewEvery: time.Nanosecond, Preview: func(st event.State) {
		previews = append(previews, st)
		copies = append(copies, st.Decisions.Slice())
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abandon()
	if len(previews) < 2 {
		t.Fatalf("%d previews of a file of %d decisions, want one a batch", len(previews), decisions)
	}
	if previews[0].Scenario == nil || previews[0].Seq > 300 {
		t.Errorf("the first preview is at seq %d (scenario %v), want the first batch", previews[0].Seq, previews[0].Scenario != nil)
	}
	final := r.State()
	last := int64(-1)
	for i, st := range previews {
		if st.Seq <= last || st.Seq >= final.Seq {
			t.Errorf("preview %d at seq %d after %d (the resumed state is at %d)", i, st.Seq, last, final.Seq)
		}
		last = st.Seq
		if st.Decisions.Len() != len(copies[i]) {
			t.Fatalf("preview %d changed: %d decisions, %d when given", i, st.Decisions.Len(), len(copies[i]))
		}
		for j, d := range st.Decisions.All() {
			if d != copies[i][j] || d != final.Decisions.At(j) {
				t.Fatalf("preview %d: decision %d changed after it was given", i, j)
			}
		}
	}
}
