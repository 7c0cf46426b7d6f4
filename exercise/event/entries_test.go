package event

import (
	"fmt"
	"iter"
	"runtime"
	"sync"
	"testing"
	"time"
)

// decisionEvents returns session.opened and n decisions after it, as a
// long session's file has them: a few teams and people, each decision
// with words of its own.
func decisionEvents(t testing.TB, n int) iter.Seq[Event] {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	open, err := New(SessionOpened, "facilitator:ana", at, 0, Opened{Scenario: []byte(`{"title":"T","duration":"1h",` +
		`"teams":[{"id":"police","name":"Police"},{"id":"fire","name":"Fire"}],"injects":[{"id":"I1","at":"00:10","title":"x","to":"all"}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	return func(yield func(Event) bool) {
		if !yield(open) {
			return
		}
		for i := range n {
			team := [2]string{"police", "fire"}[i%2]
			data := fmt.Appendf(nil, `{"team":%q,"who":"Officer %d","text":"Cordon at %d m, hold the east gate","inject":"I1","rationale":"smoke %d","stage":"options"}`, team, i%7, i, i)
			e := Event{V: Version, Seq: int64(i + 1), At: at.Add(time.Duration(i) * time.Second), T: time.Duration(i) * time.Second,
				Type: DecisionRecorded, By: fmt.Sprintf("participant:p%d", i%50), Data: data}
			if !yield(e) {
				return
			}
		}
	}
}

func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestFoldKeepsLittleOfEachDecision: a state folded from a long session
// keeps each decision in a record of its own size and its words' bytes,
// not an Entry of 280 bytes and a heap string per word (with room to
// grow into, 500–800 bytes a decision in all).
func TestFoldKeepsLittleOfEachDecision(t *testing.T) {
	const n = 200_000
	before := liveHeap()
	s := Empty()
	Fold(&s, decisionEvents(t, n))
	kept := float64(liveHeap()-before) / n
	runtime.KeepAlive(&s)
	t.Logf("%.0f bytes kept a decision", kept)
	if s.Seq != n || len(s.Anomalies) != 0 {
		t.Fatalf("folded to seq %d, anomalies %v", s.Seq, s.Anomalies)
	}
	// A record of 72 bytes, and about 50 bytes of words.
	if kept > 160 {
		t.Errorf("the state keeps %.0f bytes a decision, want at most 160", kept)
	}
}

// TestSnapshotStaysWhileFoldingGoesOn: the decisions of a snapshot (a
// Fork, or a Prefix handed to a view) stay as they were, entry for entry,
// while the state is folded on, a fork of it is folded along another
// path, and another goroutine reads the snapshot (run under -race).
func TestSnapshotStaysWhileFoldingGoesOn(t *testing.T) {
	var evs []Event
	for e := range decisionEvents(t, 30_000) {
		evs = append(evs, e)
	}
	s := Empty()
	Fold(&s, func(yield func(Event) bool) {
		for _, e := range evs[:10_001] {
			yield(e)
		}
	})
	snap, fork := s.Fork(), s.Fork()
	want := snap.Decisions.Slice()
	mid := snap.Decisions.Prefix(5_000)
	var wg sync.WaitGroup
	reads := func(d Entries, want []Entry) {
		defer wg.Done()
		for range 3 {
			for i, e := range d.All() {
				if e != want[i] {
					t.Errorf("snapshot entry %d changed: %+v, was %+v", i, e, want[i])
					return
				}
			}
		}
	}
	wg.Add(2)
	go reads(snap.Decisions, want)
	go reads(mid, want[:5_000])
	Fold(&s, func(yield func(Event) bool) {
		for _, e := range evs[10_001:] {
			yield(e)
		}
	})
	// The fork goes its own way: the same seqs, other words.
	Fold(&fork, func(yield func(Event) bool) {
		for _, e := range evs[10_001:20_000] {
			e.Data = []byte(`{"team":"fire","text":"the fork's own"}`)
			yield(e)
		}
	})
	wg.Wait()
	if s.Decisions.Len() != 30_000 || fork.Decisions.Len() != 20_000-1 || snap.Decisions.Len() != 10_000 {
		t.Fatalf("lengths %d, %d, %d", s.Decisions.Len(), fork.Decisions.Len(), snap.Decisions.Len())
	}
	for i := range 30_000 {
		d := s.Decisions.At(i)
		if d.Seq != int64(i+1) || d.Text != fmt.Sprintf("Cordon at %d m, hold the east gate", i) {
			t.Fatalf("decision %d is %+v", i, d)
		}
		if i < 10_000 && (d != want[i] || fork.Decisions.At(i) != want[i]) {
			t.Fatalf("decision %d differs between the paths: %+v, %+v, %+v", i, d, fork.Decisions.At(i), want[i])
		}
		if i >= 10_000 && i < 19_999 && fork.Decisions.At(i).Text != "the fork's own" {
			t.Fatalf("the fork's decision %d is %+v", i, fork.Decisions.At(i))
		}
	}
}
