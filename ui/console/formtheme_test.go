package console

import (
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"ttx/ui/theme"
)

// TestFormsDrawForTheConsolesTerminal: a console given a renderer (a
// controller's over SSH) draws its forms in that terminal's colours, as
// it draws the rest. They were drawn with the renderer of the terminal
// ttx runs in (lipgloss's default, here a pipe with no colour), so a
// controller's form lost its buttons' colours, or got colours their
// terminal does not have.
func TestFormsDrawForTheConsolesTerminal(t *testing.T) {
	_, sess := testConsole(t, "demo")
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	m := New(sess, Options{Facilitator: ana, Renderer: r, ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if cmd != nil {
		m.Update(cmd())
	}
	// The focused button's colours (huh's base theme: 0 on 7), then its
	// padding and label, on the line of the buttons.
	button := regexp.MustCompile(`\x1b\[[0-9;]*m *End session`)
	for _, line := range strings.Split(m.View(), "\n") {
		if strings.Contains(line, "Keep running") {
			if !button.MatchString(line) {
				t.Fatalf("the quit form's button is not drawn in the console's colours:\n%q", line)
			}
			return
		}
	}
	t.Fatal("no buttons")
}
