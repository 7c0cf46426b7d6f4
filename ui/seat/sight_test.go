package seat

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/internal/termtest"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// liveSession starts a session on the demo scenario with roster, on the
// wall clock now.
func liveSession(t testing.TB, now func() time.Time, roster ...scenario.Person) *session.Session {
	t.Helper()
	sc, _ := injects.Load("demo")
	if probs := sc.AddRoster(roster, "roster"); probs.HasErrors() {
		t.Fatal(probs)
	}
	sess, err := session.Create(filepath.Join(t.TempDir(), "session.jsonl"), sc, "demo", session.Facilitator("ana"), session.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Abandon() })
	return sess
}

// The people of the seats tests: a participant of each of two teams, an
// observer and an evaluator.
var (
	police    = termtest.Police
	fire      = termtest.Fire
	observer  = termtest.Observer
	evaluator = termtest.Evaluator
	seatsOf   = []session.Actor{police, fire, observer, evaluator}
	rosterOf  = termtest.RosterOf
)

// catchUp hands the seat the state its subscription holds, as the seat's
// program does (pane.WaitForState), and draws it.
func catchUp(t *testing.T, m *Model) string {
	t.Helper()
	// The session answers a command before it tells its subscribers, so
	// the state a command made may reach the seat a moment after Do
	// returns: wait for it, passing over the states before it, as the
	// subscription does for a seat that takes the newest (the tests made
	// their commands together).
	want := m.sess.State().Seq
	for {
		select {
		case st := <-m.updates:
			if st.Seq >= want {
				m.Update(pane.StateMsg{State: st})
				return m.View()
			}
		case <-time.After(5 * time.Second):
			t.Fatal("the seat's subscription got no new state")
		}
	}
}

// freshLike builds a new seat for m's person on the session as it is now,
// at m's size, with the same inject selected, and draws it.
func freshLike(m *Model) string {
	// A copy of the person's read marks: the fresh seat opens the message
	// it selects on joining, which must not mark it read for m, nor for
	// the fresh seat once it has moved to m's selection.
	opts := m.opts
	opts.Read = NewReadSet()
	f := New(m.sess, m.actor, opts)
	defer f.Close()
	f.Update(tea.WindowSizeMsg{Width: m.w, Height: m.h})
	f.body.Select(m.body.Selected())
	f.showSelected()
	opts.Read.mu.Lock()
	opts.Read.ids = map[string]bool{}
	for id := range m.opts.Read.ids {
		opts.Read.ids[id] = true
	}
	opts.Read.gen++
	opts.Read.mu.Unlock()
	// The status line says what happened on the way (a save, a message
	// that arrived), which a fresh seat did not see: it is carried over.
	f.flash, f.isErr, f.dirty = m.flash, m.isErr, true
	return f.View()
}

// TestCachedSeatEqualsFreshSeat: after every kind of command a session
// takes, and after time passes, the whole screen of a seat that has been
// open throughout (updated through its subscription, its clock never
// ticking but where the step says) is the screen of a seat opened afresh
// on the same state, at the same size with the same inject selected, for
// every role: a participant of the team concerned and of another, an
// observer, an evaluator. A seat that kept an old frame for a change it
// shows (an answer to its team's request, say) fails here.
func TestCachedSeatEqualsFreshSeat(t *testing.T) {
	clk := termtest.NewClock(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
	sess := liveSession(t, clk.Now, termtest.Roster()...)
	var seats []*Model
	for _, a := range seatsOf {
		m := New(sess, a, Options{ViewOptions: theme.ViewOptions{Now: clk.Now, Location: time.UTC, Tick: time.Hour}, Read: NewReadSet()})
		defer m.Close()
		m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
		m.View()
		seats = append(seats, m)
	}
	failed := 0
	look := func(i int) {
		// Each person moves to the inject, where their seat shows it.
		for _, m := range seats {
			if m.body.Select(i); m.body.Selected() == i {
				m.showSelected()
				m.dirty = true
				m.View()
			}
		}
	}
	termtest.Walk(t, sess, clk, termtest.EveryCommand(), look, func(s termtest.Step) {
		for _, m := range seats {
			var got string
			if s.Name == termtest.TimePasses {
				m.Update(tickMsg(clk.Now()))
				got = m.View()
			} else {
				got = catchUp(t, m)
			}
			if want := freshLike(m); got != want {
				t.Errorf("after %s, the %s seat of %s shows what a fresh seat does not, %s", s.Name, m.actor.Role, m.actor.Name, termtest.FirstDiff(got, want))
				if failed++; failed == 1 {
					t.Logf("shown:\n%s\nfresh:\n%s", ansi.Strip(got), ansi.Strip(want))
				}
				// Go on from what the seat should show.
				m.frame = want
			}
		}
	})
	for _, m := range seats {
		if !strings.Contains(ansi.Strip(m.View()), "The facilitator has ended the session.") {
			t.Errorf("the %s seat does not say the session ended:\n%s", m.actor.Role, ansi.Strip(m.View()))
		}
	}
}
