package event

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMarshalRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 24, 9, 0, 5, 120_400_000, time.UTC)
	e, err := New(DecisionRecorded, "facilitator:ana", at, 5120*time.Millisecond+300*time.Microsecond,
		Said{Team: "police", Text: "Cordon <50m> & \"close\" the road\nthen report"})
	if err != nil {
		t.Fatal(err)
	}
	e.Seq, e.Prev = 7, "abc"
	line, err := Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"v":1,"seq":7,"at":"2026-11-24T09:00:05.120Z","t":5120,"type":"decision.recorded","by":"facilitator:ana","data":{"team":"police","text":"Cordon <50m> & \"close\" the road\nthen report"},"prev":"abc"}`
	if string(line) != want {
		t.Errorf("line =\n%s\nwant\n%s", line, want)
	}
	back, err := Unmarshal(line)
	if err != nil {
		t.Fatal(err)
	}
	if back.Seq != 7 || !back.At.Equal(at.Truncate(time.Millisecond)) || back.T != 5120*time.Millisecond || back.Type != DecisionRecorded {
		t.Errorf("round trip = %+v", back)
	}
	var d Said
	if err := back.Decode(&d); err != nil || d.Team != "police" {
		t.Errorf("decode: %v %+v", err, d)
	}
}

func TestUnmarshalRejectsNonEvents(t *testing.T) {
	for _, line := range []string{`hello`, `{}`, `{"v":1,"type":"x","at":"yesterday"}`, `{"v":1,"at":"2026-11-24T09:00:00Z"}`} {
		if _, err := Unmarshal([]byte(line)); err == nil || !strings.Contains(err.Error(), "not a valid event") {
			t.Errorf("Unmarshal(%s) err = %v", line, err)
		}
	}
}

func TestApplyKeepsUnknownAndReportsAnomalies(t *testing.T) {
	s := Empty()
	s = Apply(s, Event{Seq: 0, Type: "decision.recorded", Data: []byte(`{}`)})
	if len(s.Anomalies) != 1 || !strings.Contains(s.Anomalies[0], "before session.opened") {
		t.Errorf("anomalies = %v", s.Anomalies)
	}
	s = Apply(Empty(), Event{Seq: 0, Type: SessionOpened, Data: []byte(`{"scenario":{"title":"T","duration":"1h","teams":[{"id":"a","name":"A"}],"injects":[{"id":"I1","at":"00:10","title":"x","to":"a"}]}}`)})
	if s.Scenario == nil {
		t.Fatalf("opened not applied: %v", s.Anomalies)
	}
	s = Apply(s, Event{Seq: 1, Type: "weather.changed", Data: []byte(`{"rain":true}`)})
	s = Apply(s, Event{Seq: 2, Type: InjectReleased, Data: []byte(`{"inject":"nope"}`)})
	if len(s.Unknown) != 1 || s.Unknown[0].Type != "weather.changed" {
		t.Errorf("unknown = %v", s.Unknown)
	}
	if len(s.Anomalies) != 1 || !strings.Contains(s.Anomalies[0], `unknown inject "nope"`) {
		t.Errorf("anomalies = %v", s.Anomalies)
	}
	if s.Seq != 2 {
		t.Errorf("seq = %d", s.Seq)
	}
}

func TestApplyDoesNotChangeEarlierSnapshots(t *testing.T) {
	s := Apply(Empty(), Event{Seq: 0, Type: SessionOpened, Data: []byte(`{"scenario":{"title":"T","duration":"1h","teams":[{"id":"a","name":"A"}],"injects":[{"id":"I1","at":"00:10","title":"x","to":"a"}]}}`)})
	before := s
	after := Apply(s, Event{Seq: 1, Type: InjectReleased, T: time.Minute, Data: []byte(`{"inject":"I1"}`)})
	if before.Injects.At(0).Released || !after.Injects.At(0).Released {
		t.Error("Apply changed the inject state of the snapshot it was given")
	}
	after = Apply(after, Event{Seq: 2, Type: BranchChosen, Data: []byte(`{"branch":"x","option":"y"}`)})
	if len(after.Anomalies) != 1 {
		t.Errorf("unknown branch not reported: %v", after.Anomalies)
	}
}

func TestForkFoldsIndependently(t *testing.T) {
	s := Apply(Empty(), Event{Seq: 0, Type: SessionOpened, Data: []byte(`{"scenario":{"title":"T","duration":"1h","teams":[{"id":"a","name":"A"}],"injects":[{"id":"I1","at":"00:10","title":"x","to":"a"}]}}`)})
	dec := func(seq int64, text string) Event {
		return Event{Seq: seq, Type: DecisionRecorded, Data: []byte(`{"team":"a","text":"` + text + `"}`)}
	}
	s = Apply(s, dec(1, "one"))
	s = Apply(s, dec(2, "two"))
	fork := s.Fork()
	main := Apply(s, dec(3, "main"))
	other := Apply(fork, dec(3, "other"))
	if main.Decisions.At(2).Text != "main" || other.Decisions.At(2).Text != "other" {
		t.Errorf("the two paths disturbed each other: %q %q", main.Decisions.At(2).Text, other.Decisions.At(2).Text)
	}
}

// TestFoldChangesOnlyItsOwnCopy: one Fold over a run of events gives the
// state folding them one at a time gives, copies the inject list once
// rather than per event, and leaves alone a snapshot taken before it began.
func TestFoldChangesOnlyItsOwnCopy(t *testing.T) {
	sc := []byte(`{"title":"T","duration":"1h","teams":[{"id":"a","name":"A"}],"injects":[` +
		`{"id":"I1","at":"1m","title":"One","to":["a"]},{"id":"I2","at":"2m","title":"Two","to":["a"]},{"id":"I3","at":"3m","title":"Three","to":["a"]}]}`)
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	var evs []Event
	add := func(typ string, data any) {
		e, err := New(typ, "facilitator:ana", at, time.Duration(len(evs))*time.Minute, data)
		if err != nil {
			t.Fatal(err)
		}
		e.Seq = int64(len(evs))
		evs = append(evs, e)
	}
	add(SessionOpened, Opened{Scenario: sc})
	add(InjectReleased, InjectChange{Inject: "I1"})
	add(InjectHeld, InjectChange{Inject: "I2", Reason: "room busy"})
	add(InjectReleased, InjectChange{Inject: "I2"})
	add(InjectSkipped, InjectChange{Inject: "I3", Reason: "time"})

	want := Empty()
	for _, e := range evs {
		want = Apply(want, e)
	}
	// A snapshot after the first release, sharing its inject list with the
	// state the fold goes on from.
	st := Empty()
	Fold(&st, slices.Values(evs[:2]))
	snapshot := st
	before := states(snapshot.Injects)
	var lists []*InjectState
	Fold(&st, func(yield func(Event) bool) {
		for _, e := range evs[2:] {
			if !yield(e) {
				return
			}
			lists = append(lists, st.Injects.Peek(0))
		}
	})
	if !reflect.DeepEqual(states(st.Injects), states(want.Injects)) || st.Seq != want.Seq {
		t.Fatalf("one fold: %+v\none at a time: %+v", st.Injects, want.Injects)
	}
	if !reflect.DeepEqual(states(snapshot.Injects), before) {
		t.Fatalf("the fold changed a snapshot taken before it began: %+v", snapshot.Injects)
	}
	if lists[0] == snapshot.Injects.Peek(0) || lists[1] != lists[0] || lists[2] != lists[0] {
		t.Error("the fold should copy the inject list once, then change its copy in place")
	}
	// Once the fold is done, the next one copies again.
	done := st
	Fold(&st, slices.Values(evs[1:2]))
	if st.Injects.Peek(0) == done.Injects.Peek(0) {
		t.Error("a second Fold changed the first one's list in place")
	}
}

// TestForkDuringAFoldKeepsTheCheckpoint: a checkpoint forked while a Fold
// runs (as review keeps one every 512 events) is not changed by the events
// the Fold folds after it.
func TestForkDuringAFoldKeepsTheCheckpoint(t *testing.T) {
	sc := []byte(`{"title":"T","duration":"1h","teams":[{"id":"a","name":"A"}],"injects":[{"id":"I1","at":"1m","title":"One","to":["a"]}]}`)
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	ev := func(seq int64, typ string, data any) Event {
		e, err := New(typ, "facilitator:ana", at, time.Duration(seq)*time.Minute, data)
		if err != nil {
			t.Fatal(err)
		}
		e.Seq = seq
		return e
	}
	st := Empty()
	var checkpoint State
	Fold(&st, func(yield func(Event) bool) {
		_ = yield(ev(0, SessionOpened, Opened{Scenario: sc})) && yield(ev(1, InjectHeld, InjectChange{Inject: "I1", Reason: "room busy"}))
		checkpoint = st.Fork()
		yield(ev(2, InjectReleased, InjectChange{Inject: "I1"}))
	})
	if got := checkpoint.Injects.At(0); !got.Held || got.Released {
		t.Errorf("the checkpoint changed as the fold went on: %+v", got)
	}
	if got := st.Injects.At(0); got.Held || !got.Released {
		t.Errorf("the state after the release: %+v", got)
	}
}

// states lists an inject list's states.
func states(l Injects) []InjectState {
	var out []InjectState
	for _, s := range l.All() {
		out = append(out, s)
	}
	return out
}

func TestHandEditedLinesStillRead(t *testing.T) {
	for _, line := range []string{
		`{ "v": 1, "seq": 3, "at": "2026-11-24T09:00:05.120Z", "t": 5120, "type": "note.recorded", "by": "facilitator:ana", "data": {"text": "x"}, "prev": "ab" }`,
		`{"seq":3,"v":1,"at":"2026-11-24T09:00:05.120Z","t":5120,"type":"note.recorded","by":"facilitator:ana","data":{"text":"x"},"prev":"ab"}`,
		`{"v":1,"seq":3,"at":"2026-11-24T09:00:05.12Z","t":5120,"type":"note.recorded","by":"facilitator:ana","data":{"text":"x"},"prev":"ab"}`,
	} {
		e, err := Unmarshal([]byte(line))
		if err != nil || e.Seq != 3 || e.Type != "note.recorded" || !strings.Contains(string(e.Data), `"x"`) {
			t.Errorf("%s: %+v %v", line, e, err)
		}
	}
}
