package console

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestLongTextIsRefusedNotCut: a decision, a note, a broadcast or a
// name longer than a record holds is taken whole by the console's form,
// which then says how long it is and saves nothing, as a seat does,
// rather than keeping its first 4000 (or 80) characters.
func TestLongTextIsRefusedNotCut(t *testing.T) {
	long := strings.Repeat("Cordon the eastbound platform. ", 140) // 4339 characters once trimmed
	name := strings.Repeat("Superintendent ", 6)                   // 89 characters once trimmed
	paste := func(s string) tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true} }
	tab, save, esc := tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyCtrlS}, tea.KeyMsg{Type: tea.KeyEsc}
	for _, c := range []struct {
		what string
		keys []tea.Msg
		says string
	}{
		{"a decision", []tea.Msg{tab, paste(long)}, "this is 4339 characters and the field holds at most 4000"},
		{"who said it", []tea.Msg{tab, paste("Cordon the platform."), tab, tab, paste(name)}, "this is 89 characters and the field holds at most 80"},
		{"a note", []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")}, paste(long)}, "this is 4339 characters"},
		{"a paste beyond the field", []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")}, paste(strings.Repeat(long, 16))}, "65536 characters (the rest of what was"},
		{"a broadcast", []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("B")}, paste(long)}, "this is 4339 characters"},
		{"a person's name", []tea.Msg{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("A")}, paste(name)}, "this is 89 characters"},
	} {
		t.Run(strings.ReplaceAll(c.what, " ", "_"), func(t *testing.T) {
			m, s := testConsole(t, "demo")
			m.opts.Serving = "127.0.0.1:2222" // the broadcast and roster forms
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
			waitFor(t, tm, "D-01 is due")
			if c.what == "a decision" || c.what == "who said it" {
				tm.Type("d")
				waitFor(t, tm, "Record a decision")
			}
			for _, k := range c.keys {
				tm.Send(k)
			}
			tm.Send(save)
			waitFor(t, tm, c.says)
			before := s.State()
			tm.Send(esc)
			finalView(t, tm)
			st := s.State()
			if st.Decisions.Len() != 0 || len(st.Notes) != 0 || len(st.Roster) != len(before.Roster) || st.Seq != before.Seq {
				t.Errorf("%s too long for the record was saved (the session's last record is %d)", c.what, st.Seq)
			}
		})
	}
}
