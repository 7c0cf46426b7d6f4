package seat

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
)

// TestEvaluatorRatesACriticalTask: in a scenario with Exercise Evaluation
// Guides, the evaluator's observation form lists each objective with its
// capability targets and their critical tasks; the one chosen, the
// rating and the finding are saved with the observation, and the feed
// shows them.
func TestEvaluatorRatesACriticalTask(t *testing.T) {
	sc, _ := injects.Load("demo")
	sc.Objectives[0].Targets = []scenario.Target{
		{ID: "CT-1", Text: "Share a common picture within five minutes", Tasks: []scenario.Task{
			{ID: "CT-1-1", Text: "Hold a first joint call"}, {ID: "CT-1-2", Text: "Agree the rendezvous point"}}},
		{ID: "CT-2", Text: "Keep the log"},
	}
	if probs := sc.AddRoster(rosterOf(evaluator), "roster"); probs.HasErrors() {
		t.Fatal(probs)
	}
	sess, err := session.Create(filepath.Join(t.TempDir(), "session.jsonl"), sc, "demo", session.Facilitator("ana"), session.Options{Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Abandon()
	m := New(sess, evaluator, Options{ViewOptions: never})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	typeIn(m, "o")
	v := ansi.Strip(m.View())

	for _, want := range []string{"OBJ-1 · Share what is known", "› CT-1 · Share a common picture", "› CT-1-2 · Agree the rendezvous", "Finding"} {
		if !strings.Contains(v, want) {
			t.Errorf("the observation form does not show %q:\n%s", want, v)
		}
	}
	press(m, tea.KeyDown) // CT-1
	press(m, tea.KeyDown) // CT-1-1
	press(m, tea.KeyDown) // CT-1-2
	press(m, tea.KeyTab)
	for range 3 { // P, S, M
		press(m, tea.KeyRight)
	}
	press(m, tea.KeyTab)
	press(m, tea.KeyRight) // strength, though rated M
	press(m, tea.KeyTab)
	typeIn(m, "Agreed in the end, slowly.")
	press(m, tea.KeyCtrlS)
	obs := sess.State().Observations
	if len(obs) != 1 {
		t.Fatalf("%d observations saved; the seat shows:\n%s", len(obs), ansi.Strip(m.View()))
	}
	o := obs[0]
	if o.Objective != "OBJ-1" || o.Target != "CT-1" || o.Task != "CT-1-2" || o.Rating != "M" || o.Finding != event.Strength || o.Text != "Agreed in the end, slowly." {
		t.Errorf("saved %+v", o)
	}
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "OBS [M] OBJ-1 › CT-1 › CT-1-2 strength") {
		t.Errorf("the feed does not show what was rated:\n%s", v)
	}
}
