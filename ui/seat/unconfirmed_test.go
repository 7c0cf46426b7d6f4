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
// does when the leader's answer is lost.
type unconfirmed struct{ *session.Session }

func (u unconfirmed) Do(a session.Actor, c session.Command) (event.Event, error) {
	if _, err := u.Session.Do(a, c); err != nil {
		return event.Event{}, err
	}
	return event.Event{}, &session.UnconfirmedError{Err: errors.New("the cluster did not confirm the command in time")}
}

// TestUnconfirmedDecisionIsNotCalledUnsaved: a participant whose decision
// reached the cluster but was not confirmed used to be told it was not
// saved and to try again, and a second save recorded it twice. The seat
// now says it may be in the record already and to look at the feed
// first, and keeps the text.
func TestUnconfirmedDecisionIsNotCalledUnsaved(t *testing.T) {
	clk := termtest.NewClock(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
	sess := liveSession(t, clk.Now, rosterOf(police)...)
	m := New(unconfirmed{sess}, police, Options{ViewOptions: theme.ViewOptions{Now: clk.Now, Location: time.UTC, Tick: time.Hour}})
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
