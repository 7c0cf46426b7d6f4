package seat

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// TestObservationFormShowsTheObjectivesID: an objective longer than the
// form shows its id and the start of its text, cut with an ellipsis,
// not the end of its text scrolled into view.
func TestObservationFormShowsTheObjectivesID(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(evaluator)...)
	m := New(sess, evaluator, Options{ViewOptions: never})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("o")})
	got := ansi.Strip(m.View())
	if !strings.Contains(got, "OBJ-1 · Share what is known") || !strings.Contains(got, "…") {
		t.Errorf("the objective's id and the start of its text are not shown:\n%s", got)
	}
}
