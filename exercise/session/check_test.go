package session

import (
	"bytes"
	"testing"
	"time"

	"ttx/exercise/event"
)

// TestCheckMakesTheSessionsEvents: Check, on a copy of the state, makes
// the very events the session journals for the same commands at the same
// times, refusals included: what a cluster node applies is what one
// machine would have written.
func TestCheckMakesTheSessionsEvents(t *testing.T) {
	s, clk, _ := newSession(t, Options{})
	defer s.Abandon()
	st := s.State()
	player := Actor{Role: "participant", Name: "pc", Team: "police"}
	steps := []struct {
		a Actor
		c Command
	}{
		{ana, StartClock{}}, {ana, StartClock{}}, {ana, Release{Inject: "D-01"}}, {ana, Release{Inject: "D-01"}},
		{ana, SetSpeed{Speed: 60}}, {player, PauseClock{}}, {ana, RecordDecision{Team: "police", Who: "chief", Text: "cordon"}},
		{ana, Hold{Inject: "D-03", Reason: "wait"}}, {ana, StepSpeed{Up: false}}, {ana, PauseClock{}}, {ana, JumpClock{To: time.Minute}},
	}
	for i, step := range steps {
		clk.Add(1500 * time.Millisecond)
		ev, errDo := s.Do(step.a, step.c)
		want, errCheck := Check(&st, step.a, step.c, clk.Now())
		if (errDo == nil) != (errCheck == nil) || errDo != nil && errDo.Error() != errCheck.Error() {
			t.Fatalf("step %d: Do said %v, Check %v", i, errDo, errCheck)
		}
		if errDo != nil {
			continue
		}
		want.Seq = st.Seq + 1
		st = event.Apply(st, want)
		if ev.Type != want.Type || ev.By != want.By || !ev.At.Equal(want.At) || ev.T != want.T || !bytes.Equal(ev.Data, want.Data) || ev.Seq != want.Seq {
			t.Fatalf("step %d: the session journaled %+v, Check made %+v", i, ev, want)
		}
	}
	head, err := CheckClose(&st, ana, clk.Now())
	if err != nil || head.Type != event.SessionClosed {
		t.Fatalf("CheckClose: %+v, %v", head, err)
	}
}
