package common

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
