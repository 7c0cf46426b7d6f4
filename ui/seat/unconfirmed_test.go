package seat

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/ui/internal/termtest"
	"ttx/ui/theme"
)

// unconfirmed records every command but confirms none, as a cluster node
// does when the leader's answer is lost; settled, when not nil, is told
// each one's outcome.
type unconfirmed struct {
	*session.Session
	settled chan session.Outcome
}

func (u unconfirmed) Do(a session.Actor, c session.Command) (event.Event, error) {
	ev, err := u.Session.Do(a, c)
	if err != nil {
		return event.Event{}, err
	}
	un := &session.UnconfirmedError{Err: errors.New("the cluster did not confirm the command in time")}
	if u.settled != nil {
		u.settled <- session.Outcome{Events: []event.Event{ev}}
		un.Settled = u.settled
	}
	return event.Event{}, un
}

// TestUnconfirmedDecisionIsNotCalledUnsaved: a participant whose decision
// reached the cluster but was not confirmed used to be told it was not
// saved and to try again, and a second save recorded it twice. The seat
// now says it may be in the record already and to look at the feed
// first, and keeps the text.
func TestUnconfirmedDecisionIsNotCalledUnsaved(t *testing.T) {
	clk := termtest.NewClock(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
	sess := liveSession(t, clk.Now, rosterOf(police)...)
	m := New(unconfirmed{Session: sess}, police, Options{ViewOptions: theme.ViewOptions{Now: clk.Now, Location: time.UTC, Tick: time.Hour}})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	typeIn(m, "d")
	press(m, tea.KeyTab)
	typeIn(m, "Cordon the east entrance.")
	press(m, tea.KeyCtrlS)
	if n := sess.State().Decisions.Len(); n != 1 {
		t.Fatalf("the session holds %d decisions, want the one", n)
	}
	v := ansi.Strip(m.View())
	if strings.Contains(v, "Not saved") || strings.Contains(v, "try again") {
		t.Fatalf("an unconfirmed decision is called unsaved:\n%s", v)
	}
	for _, want := range []string{"Not confirmed", "may be in the record already", "Cordon the east entrance."} {
		if !strings.Contains(v, want) {
			t.Errorf("the seat does not show %q:\n%s", want, v)
		}
	}
}

// TestUnconfirmedDecisionSavedLateClosesTheForm: told later that the
// decision is in the record after all, the seat says it was saved and
// closes the form that kept it, so that it is not sent twice.
func TestUnconfirmedDecisionSavedLateClosesTheForm(t *testing.T) {
	clk := termtest.NewClock(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
	sess := liveSession(t, clk.Now, rosterOf(police)...)
	m := New(unconfirmed{Session: sess, settled: make(chan session.Outcome, 1)}, police, Options{ViewOptions: theme.ViewOptions{Now: clk.Now, Location: time.UTC, Tick: time.Hour}})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	typeIn(m, "d")
	press(m, tea.KeyTab)
	typeIn(m, "Cordon the east entrance.")
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlS})
	done := cmd().(doneMsg)
	late := m.handleDone(done)
	if m.modal == nil || !strings.Contains(ansi.Strip(m.View()), "Not confirmed") {
		t.Fatalf("unconfirmed, the seat closed the form or did not say so:\n%s", ansi.Strip(m.View()))
	}
	if late == nil {
		t.Fatal("the seat does not wait for the outcome")
	}
	for _, msg := range drain(late) {
		if d, ok := msg.(doneMsg); ok {
			m.Update(d)
		}
	}
	v := ansi.Strip(m.View())
	if m.modal != nil || !strings.Contains(v, "saved at") || !strings.Contains(v, "confirmed late") {
		t.Fatalf("saved late, the seat still shows the form, or does not say it was saved:\n%s", v)
	}
}

// drain runs cmd and the commands of any batch it returns, and returns
// their messages.
func drain(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, drain(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
