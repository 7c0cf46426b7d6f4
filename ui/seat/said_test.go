package seat

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/session"
	"ttx/ui/internal/termtest"
	"ttx/ui/theme"
)

// typeIn sends s to the seat as one chunk of runes, as a typist's
// packet arrives.
func typeIn(m *Model, s string) { m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}) }

// press sends one key; for ctrl+s it runs the save the seat returns, as
// bubbletea does, and hands the seat its answer from the session. Other
// commands (a cursor's blink) are not run.
func press(m *Model, k tea.KeyType) {
	_, cmd := m.Update(tea.KeyMsg{Type: k})
	if k != tea.KeyCtrlS || cmd == nil {
		return
	}
	// A save is the command itself; a form refused or moving on returns
	// a batch, which is not a save.
	if done, ok := cmd().(doneMsg); ok {
		m.Update(done)
	}
}

// TestDecisionIsSaidWhenTheFormOpens: a participant who opens the
// decision form at T+00:05:00 and saves it two minutes later records a
// decision said at T+00:05:00 (said_t), saved at T+00:07:00, with the
// rationale and JDM stage chosen; the form says when it was said. A save
// refused while input is paused keeps every word, the stage, and the
// time it was said.
func TestDecisionIsSaidWhenTheFormOpens(t *testing.T) {
	clk := termtest.NewClock(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
	sess := liveSession(t, clk.Now, rosterOf(police)...)
	fac := session.Facilitator("ana")
	if _, err := sess.Do(fac, session.StartClock{}); err != nil {
		t.Fatal(err)
	}
	clk.Add(5 * time.Minute)
	m := New(sess, police, Options{ViewOptions: theme.ViewOptions{Now: clk.Now, Location: time.UTC, Tick: time.Hour}})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	typeIn(m, "d")
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Record a decision · said at T+00:05:00") || !strings.Contains(v, "Why (optional)") || !strings.Contains(v, "JDM stage") {
		t.Fatalf("the decision form does not say when it was said, or has no rationale or stage:\n%s", v)
	}
	clk.Add(2 * time.Minute)
	press(m, tea.KeyTab) // to the decision
	typeIn(m, "Cordon the east entrance.")
	press(m, tea.KeyTab) // to the rationale
	typeIn(m, "Smoke is coming from the east stairs.")
	press(m, tea.KeyTab) // to the stage
	press(m, tea.KeyRight)
	press(m, tea.KeyRight)
	if _, err := sess.Do(fac, session.PauseInput{}); err != nil {
		t.Fatal(err)
	}
	press(m, tea.KeyCtrlS)
	if n := sess.State().Decisions.Len(); n != 0 {
		t.Fatalf("a decision was saved while input was paused: %d", n)
	}
	if m.modal == nil {
		t.Fatal("a refused save closed the form")
	}
	v := ansi.Strip(m.View())
	for _, want := range []string{"Cordon the east entrance.", "Smoke is coming from the east stairs.", "Assess risks", "Record a decision · said at T+00:05:00", "paused"} {
		if !strings.Contains(v, want) {
			t.Errorf("after a refused save the form does not show %q:\n%s", want, v)
		}
	}
	if _, err := sess.Do(fac, session.ResumeInput{}); err != nil {
		t.Fatal(err)
	}
	press(m, tea.KeyCtrlS)
	ds := sess.State().Decisions.Slice()
	if len(ds) != 1 {
		t.Fatalf("%d decisions saved, want 1; the seat shows:\n%s", len(ds), ansi.Strip(m.View()))
	}
	d := ds[0]
	if d.SaidT != 5*time.Minute || d.T != 7*time.Minute {
		t.Errorf("said at %v, saved at %v; want said at the form's opening, 5m0s, saved at 7m0s", d.SaidT, d.T)
	}
	if d.Text != "Cordon the east entrance." || d.Rationale != "Smoke is coming from the east stairs." || d.Stage != "assessment" {
		t.Errorf("saved %q, why %q, stage %q", d.Text, d.Rationale, d.Stage)
	}
}
