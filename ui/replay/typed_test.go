package replay

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/review"
	"ttx/ui/internal/termtest"
	"ttx/ui/theme"
)

// TestSearchAndJumpTakeAChunkAsText: a search or a time typed in one read
// is what the input holds, whatever key names are in it; the search is
// applied as typed.
func TestSearchAndJumpTakeAChunkAsText(t *testing.T) {
	m := demoReplay(t)
	typeIn := func(open, text string) bool {
		t.Helper()
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(open)})
		for _, msg := range termtest.Chunk(t, text) {
			m.Update(msg)
		}
		if m.modal == nil {
			t.Errorf("%s %q: the input closed before it was applied", open, text)
			return false
		}
		if got := *m.formVal; got != text {
			t.Errorf("%s: typed %q, the input holds %q", open, text, got)
		}
		return true
	}
	for _, name := range termtest.Names() {
		search := fmt.Sprintf("%s the platform %s %s", name, name, name)
		if typeIn("/", search) {
			m.Update(tea.KeyMsg{Type: tea.KeyEnter})
			if m.modal != nil || m.search != search {
				t.Errorf("search typed as %q applied as %q", search, m.search)
			}
		}
		m.Update(tea.KeyMsg{Type: tea.KeyEsc}) // clears the search
		if typeIn(":", name+" 1h05 "+name) {
			m.Update(tea.KeyMsg{Type: tea.KeyEsc})
		}
		if m.modal != nil {
			t.Fatalf("after %q the replay is left in a form", name)
		}
	}
}

// TestAChunkOutsideAFormIsKeys: outside a form, runes read together are
// the keys they are, one by one, as if pressed one at a time: with the
// help shown, "++" typed fast closes the help and steps the speed once
// (it was swallowed whole).
func TestAChunkOutsideAFormIsKeys(t *testing.T) {
	m := demoReplay(t)
	was := m.speed
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("?")})
	for _, msg := range termtest.Chunk(t, "++") {
		m.Update(msg)
	}
	if m.showHelp || m.speed != step(was, true) {
		t.Errorf("after ? and ++ typed fast: help shown %v, speed %v, want %v", m.showHelp, m.speed, step(was, true))
	}
}

// TestRefusedJumpKeepsWhatWasTyped: a time the replay cannot read keeps
// the jump form open on what was typed, with what to write instead in
// it, as every other form does; a good one then jumps and closes it.
func TestRefusedJumpKeepsWhatWasTyped(t *testing.T) {
	m := demoReplay(t)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(":")})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ten past"), Paste: true})
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if m.modal == nil {
		t.Fatal("a time that is not one closed the jump form, losing what was typed")
	}
	if got := *m.formVal; got != "ten past" {
		t.Fatalf("the form holds %q after the refusal, want what was typed", got)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "is not a time offset") || !strings.Contains(v, "ten past") {
		t.Fatalf("the refused jump does not say what to write instead:\n%s", v)
	}
	for range len("ten past") {
		m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("00:03"), Paste: true})
	m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if m.modal != nil || !strings.Contains(m.flash, "T+") {
		t.Fatalf("a good time after a refusal: form open %v, flash %q", m.modal != nil, m.flash)
	}
}

// demoReplay opens the demo session's replay at 100×30, its clock still.
func demoReplay(t *testing.T) *Model {
	t.Helper()
	l, err := review.Open(demoSession(t))
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return m
}

// TestOpenFormFollowsTheTerminal: a form open when the terminal is made
// narrower is drawn as one opened at the new width, within the screen.
func TestOpenFormFollowsTheTerminal(t *testing.T) {
	narrow := func(m *Model) {
		m.Update(tea.WindowSizeMsg{Width: 64, Height: 30})
	}
	resized, fresh := demoReplay(t), demoReplay(t)
	resized.Update(tea.WindowSizeMsg{Width: 160, Height: 40})
	resized.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("f")})
	narrow(resized)
	narrow(fresh)
	fresh.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("f")})
	// The two replays are of two copies of the session, in two folders.
	path := regexp.MustCompile(`/\S*demo\.jsonl`)
	got, want := path.ReplaceAllString(resized.View(), "demo.jsonl"), path.ReplaceAllString(fresh.View(), "demo.jsonl")
	for i, l := range strings.Split(got, "\n") {
		if ansi.StringWidth(l) > 64 {
			t.Fatalf("line %d of the resized replay is %d wide, wider than its 64 columns:\n%s", i+1, ansi.StringWidth(l), got)
		}
	}
	if got != want {
		t.Errorf("the form open through a resize is not the form opened at the new size:\n%s\nwant\n%s", got, want)
	}
}
