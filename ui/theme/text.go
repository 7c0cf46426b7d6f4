package theme

import tea "github.com/charmbracelet/bubbletea"

// Runes that reach a view together are typed text, never a key's name.
//
// bubbletea reads the terminal in chunks and cuts a chunk of printable
// runes at each space and control character: "Stand down the team" typed
// fast over SSH, pasted into a terminal without bracketed paste, or sent
// by tmux send-keys arrives as the messages "Stand", space, "down",
// space, "the", space, "team". The String of the runes "down" is "down",
// the down arrow's name, so every key binding (a form's esc and enter, a
// text field's down, a pane's pgup) would take the word for the key. A
// person pressing keys one at a time never makes a message of more than
// one rune, so such a message is always typed text, and every view routes
// a key through one of these two before it matches any binding:
//
//   - in a form (Modal.HandleKey, the replay's inputs), AsText makes it a
//     paste, which no binding matches (bubbletea writes a paste's name in
//     brackets) and which huh's text fields insert as typed;
//   - outside a form, Burst hands its runes on one key at a time, as they
//     were pressed: "+++" is three steps faster, and "dStand" opens the
//     decision form and types "Stand" into it.

// AsText marks a message of several runes as text, so that the words in
// it are inserted as typed and never matched against a key binding. Any
// other key is returned as it is.
func AsText(k tea.KeyMsg) tea.KeyMsg {
	if k.Type == tea.KeyRunes && len(k.Runes) > 1 {
		k.Paste = true
	}
	return k
}

// Burst splits keys typed faster than the terminal is read, which arrive
// as one message ("+++"), into one message a key, each handled by handle.
// It reports false, doing nothing, for any other message; a bracketed
// paste outside a form is not keys, and is left alone.
func Burst(k tea.KeyMsg, handle func(tea.KeyMsg) tea.Cmd) (tea.Cmd, bool) {
	if k.Type != tea.KeyRunes || len(k.Runes) < 2 || k.Paste {
		return nil, false
	}
	cmds := make([]tea.Cmd, 0, len(k.Runes))
	for _, r := range k.Runes {
		cmds = append(cmds, handle(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: k.Alt}))
	}
	return tea.Sequence(cmds...), true
}
