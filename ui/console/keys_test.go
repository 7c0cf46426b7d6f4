package console

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// TestKeysScreenFits: the ? screen's box is whole at every size the
// console works at, down to 60×15 (it was cut at the right and the top),
// and shows every key where there is room.
func TestKeysScreenFits(t *testing.T) {
	for _, size := range [][2]int{{60, 15}, {60, 16}, {80, 24}, {120, 40}} {
		m, _ := testConsole(t, "demo")
		m.opts.Serving = "127.0.0.1:2222"
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
		keysBoxWhole(t, ansi.Strip(m.View()), size[0], size[1], size[0] >= 120,
			[]string{"clock", "answer a request", "add person", "Press any key to close."})
	}
}

// keysBoxWhole checks that screen, w×h, has one whole box (both corners
// of its top and bottom lines) and, when all is set, shows every one of
// want (the keys, then the foot); else the keys, or that some were cut.
func keysBoxWhole(t *testing.T, screen string, w, h int, all bool, want []string) {
	t.Helper()
	checkFits(t, screen, w, h)
	top, bottom := -1, -1
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "╔") && top < 0 {
			top = i
			if !strings.HasSuffix(l, "╗") {
				t.Errorf("%dx%d: the keys box's top line is cut: %q", w, h, l)
			}
		}
		if strings.HasPrefix(l, "╚") {
			bottom = i
			if !strings.HasSuffix(l, "╝") {
				t.Errorf("%dx%d: the keys box's bottom line is cut: %q", w, h, l)
			}
		}
	}
	if top < 0 || bottom < top {
		t.Errorf("%dx%d: the keys box has no whole border:\n%s", w, h, screen)
		return
	}
	if !strings.Contains(lines[top+1], "Keys") {
		t.Errorf("%dx%d: the keys box's title is not under its top:\n%s", w, h, screen)
	}
	for _, s := range want {
		if all && !strings.Contains(screen, s) {
			t.Errorf("%dx%d: the keys screen does not show %q:\n%s", w, h, s, screen)
		}
	}
	shown := true
	for _, s := range want[:len(want)-1] {
		shown = shown && strings.Contains(screen, s)
	}
	if !all && !shown && !strings.Contains(screen, "more keys in a larger terminal") {
		t.Errorf("%dx%d: the keys screen neither shows them all nor says some are cut:\n%s", w, h, screen)
	}
}
