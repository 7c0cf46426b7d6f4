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

// TestStepSaysWhatTheEventWas: ] and [ say in the status line what the
// event stepped to was, not only move the scrubber.
func TestStepSaysWhatTheEventWas(t *testing.T) {
	l, err := review.Open(demoSession(t))
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 30})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
	for range 3 {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("]")})
	}
	if v := m.View(); !strings.Contains(v, "Event 4 of 12 · T+00:01:00 · decision.recorded by facilitator:ana · D-01 Smoke reported") {
		t.Errorf("after three steps the status line does not say what event 4 was:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("[")})
	if v := m.View(); !strings.Contains(v, "Event 3 of 12 · T+00:00:10 · inject.released") {
		t.Errorf("a step back does not say what event 3 was:\n%s", v)
	}
}

// TestEmptyFilterSaysSo: a search that matches nothing says that nothing
// matches it, not that nothing was decided; clearing it says so again.
func TestEmptyFilterSaysSo(t *testing.T) {
	l, err := review.Open(demoSession(t))
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/")})
	for _, r := range "helicopter" {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if v := m.View(); !strings.Contains(v, `Nothing by this instant matches the filter (text "helicopter")`) {
		t.Errorf("an empty search result does not name the filter:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
	if v := m.View(); !strings.Contains(v, "No decisions by this instant.") {
		t.Errorf("with the filter cleared, at the start:\n%s", v)
	}
}
