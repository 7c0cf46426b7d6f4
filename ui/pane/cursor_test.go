package pane

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/ui/theme"
)

// TestCursorKeepsTheSelectionInView: the selection stays among the
// items and inside the window; the window never shows blank rows past
// the list's end, even when it grows.
func TestCursorKeepsTheSelectionInView(t *testing.T) {
	keys := theme.DefaultNavKeys()
	key := func(s string) tea.KeyMsg {
		m := map[string]tea.KeyType{"down": tea.KeyDown, "up": tea.KeyUp, "pgdown": tea.KeyPgDown, "end": tea.KeyEnd, "home": tea.KeyHome}
		return tea.KeyMsg{Type: m[s]}
	}
	var c Cursor
	for _, step := range []struct {
		key      string
		n, rows  int
		sel, top int
	}{
		{"down", 20, 5, 1, 0},
		{"pgdown", 20, 5, 6, 2},
		{"end", 20, 5, 19, 15},
		{"", 20, 10, 19, 10}, // a taller window shows more above
		{"home", 20, 10, 0, 0},
		{"up", 20, 10, 0, 0},
		{"end", 3, 10, 2, 0}, // fewer items than rows
	} {
		if step.key != "" && !c.Move(key(step.key), &keys, step.n, step.rows) {
			t.Fatalf("%s is not a list key", step.key)
		}
		c.Clamp(step.n, step.rows)
		if c.Sel != step.sel || c.Top != step.top {
			t.Errorf("after %q in %d items, %d rows: sel %d top %d, want %d %d", step.key, step.n, step.rows, c.Sel, c.Top, step.sel, step.top)
		}
	}
	if c.Move(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'x'}}, &keys, 3, 10) {
		t.Error("x moved the cursor")
	}
}
