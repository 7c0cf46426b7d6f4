package console

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/theme"
)

// TestScopedControllerIsToldBeforeAnyForm: a controller scoped to
// transport who presses enter, s or D on an inject to other teams is told
// it is outside their scope at once, not asked to confirm what the
// session would then refuse; in scope, the form opens as before. Over
// SSH the header names them and their scope.
func TestScopedControllerIsToldBeforeAnyForm(t *testing.T) {
	m := remoteController(t, scenario.Person{Name: "Cat", Role: scenario.RoleController, Teams: []string{"transport"}, Code: "OTTER-7733-ZXQ"})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Cat · controller · scope transport") || !strings.Contains(v, "q leave") {
		t.Errorf("the header does not say whose console it is:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyDown}) // D-02, to police and fire, not due
	for _, k := range []tea.KeyMsg{{Type: tea.KeyEnter}, {Type: tea.KeyRunes, Runes: []rune("s")}, {Type: tea.KeyRunes, Runes: []rune("D")}} {
		m.Update(k)
		if m.modal != nil {
			t.Fatalf("%s opened a form for an inject outside scope", k)
		}
		if !strings.Contains(ansi.Strip(m.View()), "D-02 (to police, fire) is outside your scope (teams transport)") {
			t.Errorf("%s: the refusal is not shown:\n%s", k, ansi.Strip(m.View()))
		}
	}
	m.Update(tea.KeyMsg{Type: tea.KeyUp}) // D-01, to transport
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("s")})
	if m.modal == nil {
		t.Error("s on an inject in scope did not open the skip form")
	}
}

// TestLeadOverSSHMayEndTheSession: q at the lead's console over SSH asks
// whether to leave or end the session; ending seals the file.
func TestLeadOverSSHMayEndTheSession(t *testing.T) {
	m := remoteController(t, scenario.Person{Name: "Lee", Role: scenario.RoleController, Lead: true, Code: "OTTER-7733-ZXQ"})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if m.modal == nil || !strings.Contains(ansi.Strip(m.View()), "end the session for everyone?") {
		t.Fatalf("q at the lead's console did not ask:\n%s", ansi.Strip(m.View()))
	}
	m.Update(tea.KeyMsg{Type: tea.KeyLeft}) // End session
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	for i := 0; cmd != nil && i < 5; i++ {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				if c != nil {
					if r := c(); r != nil {
						_, cmd = m.Update(r)
					}
				}
			}
			continue
		}
		_, cmd = m.Update(msg)
		if _, closed := m.Closed(); closed {
			break
		}
	}
	if _, closed := m.Closed(); !closed {
		t.Error("the lead over SSH could not end the session")
	}
}

// remoteController opens a demo session with p, a controller, on its
// roster, and p's console over SSH at 120×40.
func remoteController(t *testing.T, p scenario.Person) *Model {
	t.Helper()
	t.Chdir(t.TempDir())
	sc, _ := injects.Load("demo")
	if probs := sc.AddRoster([]scenario.Person{p}, "roster"); probs.HasErrors() {
		t.Fatal(probs)
	}
	now := func() time.Time { return t0 }
	s, err := session.Create("session.jsonl", sc, "demo", ana, session.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Abandon() })
	who := session.Actor{Role: scenario.RoleController, Name: p.Name}
	m := New(s, Options{Facilitator: who, Remote: true, ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC, MarkdownStyle: "dark", Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m
}
