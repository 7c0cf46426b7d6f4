package form

import (
	"errors"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/ui/theme"
)

func typeKeys(md **Modal, keys theme.FormKeys, s string) {
	for _, r := range s {
		Route(md, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}, keys)
	}
}

// TestModalKeepsTextAndMovesFieldsAtOnce: keys typed right after tab land
// in the next field, enter makes a new line in text, ctrl+s submits, a
// failed save keeps everything typed, esc closes.
func TestModalKeepsTextAndMovesFieldsAtOnce(t *testing.T) {
	keys := theme.DefaultFormKeys()
	var who, text string
	var submitted []string
	md, _ := NewModal(theme.DefaultForm(), "Record", "", 60, func() []huh.Field {
		return []huh.Field{huh.NewInput().Title("Who").Value(&who), huh.NewText().Title("Text").Value(&text)}
	}, func() (tea.Cmd, error) {
		submitted = append(submitted, who+"|"+text)
		return func() tea.Msg { return nil }, nil
	})
	typeKeys(&md, keys, "Ana")
	Route(&md, tea.KeyMsg{Type: tea.KeyTab}, keys)
	typeKeys(&md, keys, "Hold")
	Route(&md, tea.KeyMsg{Type: tea.KeyEnter}, keys)
	typeKeys(&md, keys, "the line")
	if who != "Ana" || text != "Hold\nthe line" {
		t.Fatalf("who %q text %q", who, text)
	}
	Route(&md, tea.KeyMsg{Type: tea.KeyCtrlS}, keys)
	if md == nil || !md.Saving || len(submitted) != 1 || submitted[0] != "Ana|Hold\nthe line" {
		t.Fatalf("after ctrl+s: open %v saving %v submitted %q", md != nil, md != nil && md.Saving, submitted)
	}
	md.Failed(errors.New("disk full"))
	if md.Saving || md.Err == nil || who != "Ana" || text != "Hold\nthe line" {
		t.Fatal("a failed save lost what was typed or stayed saving")
	}
	Route(&md, tea.KeyMsg{Type: tea.KeyCtrlS}, keys)
	if len(submitted) != 2 {
		t.Fatal("the retried save was not submitted")
	}
	Route(&md, tea.KeyMsg{Type: tea.KeyEsc}, keys)
	if md != nil {
		t.Error("esc did not close the form")
	}
	if _, ok := Route(&md, tea.KeyMsg{Type: tea.KeyEsc}, keys); ok {
		t.Error("Route took a message with no form open")
	}
}

// TestRefusedSaveFocusesTheFieldToFix: a save refused for a field reopens
// the form on that field, so what is typed next goes there; a save that
// failed for another reason reopens it on the field the person was in. A
// note at the top (skipped by tab) does not throw either off.
func TestRefusedSaveFocusesTheFieldToFix(t *testing.T) {
	keys := theme.DefaultFormKeys()
	var who, text, about string
	var failNext error
	md, _ := NewModal(theme.DefaultForm(), "Record", "", 60, func() []huh.Field {
		return []huh.Field{
			huh.NewNote().Title("For Police"),
			huh.NewInput().Title("Who").Value(&who),
			huh.NewText().Title("Text").Key("text").Value(&text),
			huh.NewInput().Title("About").Value(&about),
		}
	}, func() (tea.Cmd, error) {
		if text == "" {
			return nil, InField("text", errors.New("write something"))
		}
		return func() tea.Msg { return failNext }, nil
	})
	typeKeys(&md, keys, "Ana")
	Route(&md, tea.KeyMsg{Type: tea.KeyTab}, keys)
	Route(&md, tea.KeyMsg{Type: tea.KeyTab}, keys)
	typeKeys(&md, keys, "D-02")
	Route(&md, tea.KeyMsg{Type: tea.KeyCtrlS}, keys)
	if md == nil || md.Err == nil || md.Saving {
		t.Fatal("a save with no text was not refused")
	}
	typeKeys(&md, keys, "Cordon")
	if text != "Cordon" || who != "Ana" || about != "D-02" {
		t.Fatalf("after the refusal, typing went astray: who %q text %q about %q", who, text, about)
	}
	Route(&md, tea.KeyMsg{Type: tea.KeyTab}, keys)
	Route(&md, tea.KeyMsg{Type: tea.KeyCtrlS}, keys)
	if !md.Saving {
		t.Fatal("the save with text was not sent")
	}
	md.Failed(errors.New("disk full"))
	typeKeys(&md, keys, "/3")
	if about != "D-02/3" || text != "Cordon" {
		t.Fatalf("after a failed write, typing did not go on in the field it was in: text %q about %q", text, about)
	}
}
