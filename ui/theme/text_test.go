package theme

import (
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// TestAsTextMatchesNoBinding: several runes read together match no key
// binding once marked as text; one rune and named keys are left as keys.
func TestAsTextMatchesNoBinding(t *testing.T) {
	keys := DefaultFormKeys()
	down := key.NewBinding(key.WithKeys("down"))
	for _, word := range []string{"esc", "enter", "tab", "ctrl+s", "down"} {
		k := AsText(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(word)})
		if !k.Paste || string(k.Runes) != word || key.Matches(k, keys.Cancel, keys.Confirm, keys.NextField, keys.Save, down) {
			t.Errorf("%q read together: %+v matches a binding", word, k)
		}
	}
	for _, k := range []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("q")}, {Type: tea.KeyEsc}, {Type: tea.KeySpace, Runes: []rune(" ")}} {
		if got := AsText(k); got.Paste {
			t.Errorf("%v was taken for text", k)
		}
	}
}

// TestBurstSplitsTypedKeys: runes read together outside a form are handed
// on one key at a time; one key and a paste are left alone.
func TestBurstSplitsTypedKeys(t *testing.T) {
	var got []string
	handle := func(k tea.KeyMsg) tea.Cmd { got = append(got, k.String()); return nil }
	if _, ok := Burst(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("++-")}, handle); !ok || len(got) != 3 || got[2] != "-" {
		t.Errorf("burst: %v", got)
	}
	if _, ok := Burst(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, handle); ok {
		t.Error("a single key was treated as a burst")
	}
	if _, ok := Burst(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("pasted"), Paste: true}, handle); ok {
		t.Error("a paste was treated as a burst")
	}
}
