package replay

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/review"
	"ttx/ui/internal/termtest"
	"ttx/ui/theme"
)

// TestReplayEscapesHostileFile steps through the crafted file's injects
// at its end: every frame, MSEL, inject detail and feed with its unknown
// event, shows the attack as text and lets none of it through.
func TestReplayEscapesHostileFile(t *testing.T) {
	l, err := review.Open(termtest.HostileSession())
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 220, Height: 70})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	all := termtest.InertFrames(t, "the replay", m, tea.KeyMsg{Type: tea.KeyDown}, 4)
	for _, want := range []string{`\u001b]52;c;ZXZpbA==\u0007`, `Decision \u001b]52`, `RAW x.new \u001b]52`} {
		if !strings.Contains(all, want) {
			t.Errorf("the replay does not show %q:\n%s", want, all)
		}
	}
}
