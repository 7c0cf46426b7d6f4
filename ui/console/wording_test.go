package console

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/ui/pane"
)

// TestRequestFormAsksWhatItIsAbout: a request for information is about
// an inject; it does not answer one, as the decision form's field says.
func TestRequestFormAsksWhatItIsAbout(t *testing.T) {
	for key, want := range map[string]string{"r": "About (id or ←/→)", "d": "Answers inject (id or ←/→)"} {
		m, sess := testConsole(t, "demo")
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.Update(pane.StateMsg{State: sess.State()})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(key)})
		if v := m.View(); !strings.Contains(v, want) {
			t.Errorf("the form %q opens does not ask %q:\n%s", key, want, v)
		}
	}
}
