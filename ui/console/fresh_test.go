package console

import (
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/internal/termtest"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// TestCachedConsoleEqualsFreshConsole: after every kind of command a
// session takes, after time passes with no command, and after the session
// ends, the whole screen of a console open throughout (updated through
// its subscription, its clock ticking only when time passes, looking at
// the inject a command changes as it is given) is the screen of a console
// opened afresh on the same state at the same size with the same inject
// selected. The terminal is tall enough (120×100) for the detail of an
// inject to show whole, down to its branch point. The console and its panes keep what they
// drew while the version of its projection is the same; this holds them
// to a fresh drawing.
func TestCachedConsoleEqualsFreshConsole(t *testing.T) {
	clk := termtest.NewClock(t0)
	sc, _ := injects.Load("demo")
	if probs := sc.AddRoster(termtest.Roster(), "roster"); probs.HasErrors() {
		t.Fatal(probs)
	}
	sess, err := session.Create(filepath.Join(t.TempDir(), "session.jsonl"), sc, "demo", termtest.Facilitator, session.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Abandon() })
	opts := Options{Facilitator: termtest.Facilitator, Serving: "127.0.0.1:2222",
		ViewOptions: theme.ViewOptions{Now: clk.Now, Location: time.UTC, MarkdownStyle: "dark", Tick: time.Hour}}
	m := New(sess, opts)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 100})
	m.View()
	look := func(i int) {
		// The facilitator moves to the inject (a key: the console draws
		// again).
		m.timeline.Select(i)
		m.refreshDetail()
		m.dirty = true
		m.View()
	}
	termtest.Walk(t, sess, clk, termtest.EveryCommand(), look, func(s termtest.Step) {
		if s.Name == termtest.TimePasses {
			m.Update(tickMsg(clk.Now()))
		} else {
			// The session answers a command before it tells its
			// subscribers: wait for the state the step's last command made.
			for want, got := sess.State().Seq, int64(-1); got < want; {
				select {
				case st := <-m.updates:
					if got = st.Seq; got >= want {
						m.Update(pane.StateMsg{State: st})
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("%s: the console's subscription got no new state", s.Name)
				}
			}
		}
		got := m.View()
		f := New(sess, m.opts)
		f.Update(tea.WindowSizeMsg{Width: m.w, Height: m.h})
		f.timeline.Select(m.timeline.Selected())
		f.refreshDetail()
		// The status line says what happened on the way (a request that
		// arrived), which a fresh console did not see: it is carried over.
		f.flash, f.flashErr, f.flashAt = m.flash, m.flashErr, m.flashAt
		if want := f.View(); got != want {
			t.Errorf("after %s, the console shows what a fresh console does not, %s", s.Name, termtest.FirstDiff(got, want))
			m = f // go on from what it should show
		}
	})
}
