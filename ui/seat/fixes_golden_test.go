package seat

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/session"
	"ttx/ui/theme"
)

// TestCorrectionsGolden: a participant's seat at 80×40 with one decision
// amended and one struck out, and the form that amends a decision,
// started from its words, rationale and stage.
func TestCorrectionsGolden(t *testing.T) {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	sess := liveSession(t, now, rosterOf(police)...)
	do := func(c session.Command) int64 {
		t.Helper()
		ev, err := sess.Do(police, c)
		if err != nil {
			t.Fatal(err)
		}
		return ev.Seq
	}
	a := do(session.RecordDecision{Team: "police", Text: "Cordon the east entrance at 100 m.", Rationale: "Smoke from the east stairs", Stage: "options"})
	b := do(session.RecordDecision{Team: "police", Text: "Close the station.", Action: true})
	do(session.Amend{Seq: a, Text: "Cordon the east entrance at 200 m.", Reason: "misheard the distance"})
	do(session.Strike{Seq: b, Reason: "entered twice"})
	m := New(sess, police, Options{ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC, Tick: time.Hour}})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 40})
	t.Run("feed", func(t *testing.T) { golden.RequireEqual(t, []byte(ansi.Strip(m.View()))) })
	typeIn(m, "c")
	press(m, tea.KeyDown)
	press(m, tea.KeyCtrlS)
	t.Run("amend", func(t *testing.T) { golden.RequireEqual(t, []byte(ansi.Strip(m.View()))) })
}
