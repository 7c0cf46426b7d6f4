package replay

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/review"
	"ttx/ui/theme"
)

// TestSearchFoldsAccents: a reviewer who types a word without its
// accents, or with them, finds it either way ("lodz" finds "Łódź"); the
// search once compared lower-cased text only.
func TestSearchFoldsAccents(t *testing.T) {
	l, err := review.Open(demoSession(t))
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	for _, r := range "RIVÈRSIDE ROÄD" {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	v := m.View()
	if !strings.Contains(v, "close Riverside Road") || strings.Contains(v, "Two pumps") {
		t.Errorf("searching \"RIVÈRSIDE ROÄD\" does not show just the decision about Riverside Road:\n%s", v)
	}
}
