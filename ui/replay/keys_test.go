package replay

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// TestKeysScreenFits: the replay's ? screen is a whole box at every size
// the replay works at, down to 60×16 (it was cut at the right).
func TestKeysScreenFits(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		m := demoReplay(t)
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
		screen := ansi.Strip(m.View())
		lines := strings.Split(screen, "\n")
		if len(lines) > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		corners := 0
		for _, l := range lines {
			l = strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(l, "╔") && strings.HasSuffix(l, "╗"), strings.HasPrefix(l, "╚") && strings.HasSuffix(l, "╝"):
				corners++
			case strings.HasPrefix(l, "╔"), strings.HasPrefix(l, "╚"):
				t.Errorf("%dx%d: the keys box is cut: %q", size[0], size[1], l)
			}
		}
		if corners != 2 {
			t.Errorf("%dx%d: the keys box has no whole border:\n%s", size[0], size[1], screen)
		}
		if size[0] >= 120 && (!strings.Contains(screen, "go to time") || !strings.Contains(screen, "Press any key to close.")) {
			t.Errorf("%dx%d: the keys screen does not show every key:\n%s", size[0], size[1], screen)
		}
	}
}
