// Package termtest gives the UI tests what a terminal sends (the
// messages bubbletea's own input reader makes of text read in one piece,
// and every key name bubbletea knows), collects what reaches it (Output)
// and checks it (a crafted session file's attack, never obeyed), and
// makes the decisions of a long session (Decision). Only tests import
// it, so it is never in the ttx binary.
package termtest

import (
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
)

// Chunk returns the messages bubbletea's own input reader makes of s when
// the terminal hands it over in one read (a fast typist over SSH, a paste
// without bracketed paste, tmux send-keys -l).
func Chunk(t testing.TB, s string) []tea.Msg {
	t.Helper()
	rec := &recorder{want: utf8.RuneCountInString(s)}
	p := tea.NewProgram(rec, tea.WithInput(strings.NewReader(s)), tea.WithOutput(io.Discard),
		tea.WithoutRenderer(), tea.WithoutSignals())
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	return rec.msgs
}

// recorder keeps the keys it is sent until it has as many runes as it
// wants.
type recorder struct {
	want, got int
	msgs      []tea.Msg
}

func (r *recorder) Init() tea.Cmd { return nil }
func (r *recorder) View() string  { return "" }
func (r *recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		r.msgs = append(r.msgs, k)
		r.got += max(len(k.Runes), 1)
	}
	if r.got >= r.want {
		return r, tea.Quit
	}
	return r, nil
}

// Names are every key name bubbletea knows (its name table, read through
// KeyType's String), the names people spell out in bindings, and a few
// with modifiers.
func Names() []string {
	names := []string{"space", "alt+enter", "alt+d", "shift+enter", "ctrl+alt+delete", "ctrl+shift+s", "runes"}
	for k := tea.KeyType(-1000); k <= 1000; k++ {
		if s := k.String(); s != "" && s != " " && s != "runes" {
			names = append(names, s)
		}
	}
	return names
}
