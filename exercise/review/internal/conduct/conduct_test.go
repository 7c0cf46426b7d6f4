package conduct

import (
	"encoding/json"
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

func ev(t *testing.T, seq int64, typ string, at time.Duration, data any) event.Event {
	t.Helper()
	b, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	return event.Event{Seq: seq, Type: typ, T: at, At: time.Unix(1800000000, 0).Add(at), By: "facilitator:ana", Data: b}
}

func TestJumpBackwardsIsFlagged(t *testing.T) {
	var b Book
	b.Add(ev(t, 1, event.ClockJumped, 20*time.Minute, event.ClockChange{To: (5 * time.Minute).Milliseconds()}), nil)
	b.Add(ev(t, 2, event.ClockJumped, 5*time.Minute, event.ClockChange{To: (10 * time.Minute).Milliseconds()}), nil)
	if len(b.Rows) != 2 {
		t.Fatalf("rows = %d, want 2", len(b.Rows))
	}
	if got, want := b.Rows[0].Flag, "time went backwards by 00:15:00"; got != want {
		t.Errorf("flag = %q, want %q", got, want)
	}
	if b.Rows[1].Flag != "" {
		t.Errorf("a jump forwards is flagged: %q", b.Rows[1].Flag)
	}
}

func TestSeatsCloseTheVisitFromTheSameAddress(t *testing.T) {
	var b Book
	join := func(seq int64, remote string) {
		b.Add(ev(t, seq, event.ParticipantJoined, time.Duration(seq)*time.Minute, event.Participant{Name: "sam", Team: "police", Role: "participant", How: "key", Remote: remote}), nil)
	}
	join(1, "192.0.2.1:1")
	join(2, "192.0.2.2:2")
	b.Add(ev(t, 3, event.ParticipantLeft, 3*time.Minute, event.Participant{Name: "sam", Team: "police", Role: "participant", Remote: "192.0.2.2:2"}), nil)
	b.Add(ev(t, 4, event.AccessRefused, 4*time.Minute, event.Refusal{User: "mallory", Remote: "203.0.113.9:1", Reason: "unknown key"}), nil)
	seats := Seats(b.Attendance)
	if len(seats) != 1 || len(seats[0].Visits) != 2 {
		t.Fatalf("seats = %+v", seats)
	}
	if v := seats[0].Visits; v[0].HasLeft || !v[1].HasLeft {
		t.Errorf("the leave closed the wrong seat: %+v", v)
	}
	if r := Refusals(b.Attendance); len(r) != 1 || r[0].Name != "mallory" {
		t.Errorf("refusals = %+v", r)
	}
}

// TestJumpPastThePlannedEndIsFlagged: a facilitator who meant four
// minutes and typed 4:00 set the clock to T+04:00 in a three-hour
// exercise; the conduct part says so.
func TestJumpPastThePlannedEndIsFlagged(t *testing.T) {
	sc, probs := scenario.Parse("s.yaml", []byte("title: T\nduration: 3h\nteams: [{id: a, name: A}]\ninjects: [{id: I, at: \"00:10\", title: One, to: all}]\n"))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var b Book
	b.Add(ev(t, 1, event.ClockJumped, time.Minute, event.ClockChange{To: (4 * time.Hour).Milliseconds()}), sc)
	b.Add(ev(t, 2, event.ClockJumped, 4*time.Hour, event.ClockChange{To: (3 * time.Hour).Milliseconds()}), sc)
	if got, want := b.Rows[0].Flag, "past the planned end of the exercise (T+03:00:00)"; got != want {
		t.Errorf("flag = %q, want %q", got, want)
	}
	if got := b.Rows[1].Flag; got != "time went backwards by 01:00:00" {
		t.Errorf("the jump back: %q", got)
	}
}
