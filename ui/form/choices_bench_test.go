package form

import (
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// BenchmarkEntryOptions: the correction form's list of entries, in a
// session where a seat struck 20,000 of its entries through (a hostile
// seat, rate-limited but patient). It looked each entry's corrections up
// in the whole list: 1.6 s to open the form, on the console's thread.
func BenchmarkEntryOptions(b *testing.B) {
	sc := &scenario.Scenario{Title: "T", Duration: "1h", Teams: []scenario.Team{{ID: "police", Name: "Police"}},
		Injects: []scenario.Inject{{ID: "I", At: "00:00", Title: "One", To: scenario.Recipients{"all"}}}}
	if probs := scenario.Validate(sc, nil); probs.HasErrors() {
		b.Fatal(probs)
	}
	s := event.Empty()
	s.Scenario = sc
	const n = 20_000
	for i := range n {
		seq := int64(2 * i)
		s.Decisions = s.Decisions.Append(event.Entry{Seq: seq, T: time.Second, By: "participant:Pat", Kind: event.DecisionRecorded, Team: "police", Text: "x"})
		s.Fixes = append(s.Fixes, event.Fix{Seq: seq + 1, Of: seq, Struck: true, By: "participant:Pat", Reason: "r"})
	}
	s.Decisions = s.Decisions.Append(event.Entry{Seq: 2 * n, By: "participant:Pat", Kind: event.DecisionRecorded, Team: "police", Text: "stands"})
	b.ResetTimer()
	for range b.N {
		if opts := EntryOptions(&s, 80); len(opts) != 1 {
			b.Fatalf("%d entries may be corrected, want 1", len(opts))
		}
	}
}
