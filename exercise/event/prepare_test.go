package event

import (
	"reflect"
	"slices"
	"testing"

	"ttx/exercise/internal/wire"
)

// preparedEvents are a session's events as a reader gives them, with
// what the fold takes of some: decisions and requests plain, with words
// to escape and a payload encoding/json reads, one that is no payload,
// and an author to escape.
func preparedEvents(t *testing.T) []Event {
	evs := slices.Collect(decisionEvents(t, 6))
	at, n := evs[1].At, int64(len(evs))
	for i, data := range []string{
		`{"team":"police","who":"Officer \u001b[31m","text":"Hold\u0007 the gate","kind":"action","said_t":1500}`,
		`{"Team":"fire","text":"keys in another case"}`,
		`{"team":"police","text":`,
	} {
		evs = append(evs, Event{V: Version, Seq: n + int64(i), At: at, Type: DecisionRecorded, By: "participant:\x1b]0;x\x07", Data: []byte(data)})
	}
	evs = append(evs, Event{V: Version, Seq: n + 3, At: at, Type: RequestRecorded, By: "participant:p1", Data: []byte(`{"team":"fire","text":"How many?","to":"gov"}`)})
	return evs
}

// TestFoldPreparedFoldsAsFold: events prepared on other cores (each with
// a table of names of its own) fold to the state Fold makes of them
// alone, and with a decision sink the same decisions reach the sink, in
// order, and none stays in the state.
func TestFoldPreparedFoldsAsFold(t *testing.T) {
	evs := preparedEvents(t)
	want := Empty()
	Fold(&want, slices.Values(evs))
	pre := make([]Prepared, len(evs))
	names := [2]*wire.Names{{}, nil}
	for i := range evs {
		Prepare(&evs[i], &pre[i], names[i%2])
	}
	folds := func(yield func(Event, *Prepared) bool) {
		for i, e := range evs {
			p := &pre[i]
			if i == 3 {
				p = nil // not prepared: folded from the event alone
			}
			if !yield(e, p) {
				return
			}
		}
	}
	got := Empty()
	FoldPrepared(&got, folds, nil)
	if !reflect.DeepEqual(entries(got.Decisions), entries(want.Decisions)) ||
		!reflect.DeepEqual(got.Requests, want.Requests) || !reflect.DeepEqual(got.Anomalies, want.Anomalies) {
		t.Errorf("prepared fold:\n%+v\n%+v\n%q\nwant\n%+v\n%+v\n%q", entries(got.Decisions), got.Requests, got.Anomalies,
			entries(want.Decisions), want.Requests, want.Anomalies)
	}
	if want.Decisions.Len() != 8 || len(want.Anomalies) != 1 || len(want.Requests) != 1 {
		t.Fatalf("fixture: %d decisions, %d requests, anomalies %q", want.Decisions.Len(), len(want.Requests), want.Anomalies)
	}
	var given []Entry
	sunk := Empty()
	FoldPrepared(&sunk, folds, func(en Entry) { given = append(given, en) })
	if !reflect.DeepEqual(given, entries(want.Decisions)) || sunk.Decisions.Len() != 0 ||
		!reflect.DeepEqual(sunk.Requests, want.Requests) || !reflect.DeepEqual(sunk.Anomalies, want.Anomalies) {
		t.Errorf("sink given %+v, state kept %d decisions; want the fold's %d and none", given, sunk.Decisions.Len(), want.Decisions.Len())
	}
}

// TestFoldingPreparedDecisionsAllocatesNothing: what was prepared is
// taken, not worked out again: folding a prepared decision into a sink
// makes no allocation at all.
func TestFoldingPreparedDecisionsAllocatesNothing(t *testing.T) {
	evs := slices.Collect(decisionEvents(t, 200))
	pre := make([]Prepared, len(evs))
	for i := range evs {
		Prepare(&evs[i], &pre[i], &wire.Names{})
	}
	s := Empty()
	FoldPrepared(&s, func(yield func(Event, *Prepared) bool) { yield(evs[0], &pre[0]) }, nil)
	var texts int
	sink := func(en Entry) { texts += len(en.Text) }
	f := &folding{names: &wire.Names{}, decision: sink}
	allocs := testing.AllocsPerRun(5, func() {
		for i := 1; i < len(evs); i++ {
			f.pre = &pre[i]
			s.step(evs[i], f)
		}
	})
	if allocs != 0 || texts == 0 {
		t.Errorf("folding %d prepared decisions made %v allocations; want none", len(evs)-1, allocs)
	}
}

func entries(l Entries) []Entry {
	var out []Entry
	for _, e := range l.All() {
		out = append(out, e)
	}
	return out
}
