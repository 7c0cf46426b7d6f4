package seat

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/session"
)

// TestShiftTabGivesThePaneBefore: in every seat, as in the console and
// the replay, tab gives the next pane the keyboard and shift+tab the one
// before, round the ring both ways.
func TestShiftTabGivesThePaneBefore(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(police, evaluator)...)
	for _, actor := range []session.Actor{police, evaluator} {
		m := New(sess, actor, Options{ViewOptions: never})
		defer m.Close()
		m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
		first := m.body.Focused()
		m.Update(tea.KeyMsg{Type: tea.KeyTab})
		second := m.body.Focused()
		m.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
		if got := m.body.Focused(); got != first || second == first {
			t.Errorf("the %s seat: shift+tab after tab did not give the keyboard back to the first pane", actor.Role)
		}
		m.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
		m.Update(tea.KeyMsg{Type: tea.KeyTab})
		if got := m.body.Focused(); got != first {
			t.Errorf("the %s seat: tab after shift+tab from the first pane did not come back to it", actor.Role)
		}
	}
}
