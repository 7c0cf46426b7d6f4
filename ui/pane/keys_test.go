package pane

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"ttx/ui/theme"
)

// TestKeysBoxFits: a ? screen is never wider or taller than the room it
// is given, and its border is always whole; with room, it shows every key
// and the foot; short of room, it says keys were cut.
func TestKeysBoxFits(t *testing.T) {
	st := theme.DefaultStyles()
	var groups [][]key.Binding
	for g := range 6 {
		var keys []key.Binding
		for k := range 3 + g {
			keys = append(keys, key.NewBinding(key.WithKeys(fmt.Sprint(g, k)), key.WithHelp(fmt.Sprintf("%c", 'a'+g*8+k), "request for information")))
		}
		groups = append(groups, keys)
	}
	foot := []string{"Statuses: pending, due, released, skipped, delayed, held, contingency, waiting, off-branch", "Press any key to close."}
	for _, size := range [][2]int{{60, 12}, {60, 13}, {80, 21}, {120, 37}, {200, 57}, {40, 8}} {
		w, h := size[0], size[1]
		box := KeysBox(&st, help.New(), "Keys", groups, foot, w, h)
		lines := strings.Split(box, "\n")
		if len(lines) > h {
			t.Errorf("%dx%d: the box is %d lines tall", w, h, len(lines))
		}
		for i, l := range lines {
			if lw := lipgloss.Width(l); lw > w {
				t.Errorf("%dx%d: line %d is %d cells wide", w, h, i+1, lw)
			}
		}
		first, last := lines[0], lines[len(lines)-1]
		if !strings.HasPrefix(first, "╔") || !strings.HasSuffix(first, "╗") || !strings.HasPrefix(last, "╚") || !strings.HasSuffix(last, "╝") {
			t.Errorf("%dx%d: the border is not whole:\n%s", w, h, box)
		}
		all := true
		for g := range groups {
			for k := range groups[g] {
				all = all && strings.Contains(box, fmt.Sprintf("%c request for information", 'a'+g*8+k))
			}
		}
		cut := strings.Contains(box, keysCut)
		if all == cut {
			t.Errorf("%dx%d: every key shown is %v and the box says keys were cut is %v:\n%s", w, h, all, cut, box)
		}
		if w >= 120 && (!all || !strings.Contains(box, "Press any key to close.") || !strings.Contains(box, "off-branch")) {
			t.Errorf("%dx%d: the box does not show every key and its foot:\n%s", w, h, box)
		}
	}
}
