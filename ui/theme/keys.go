package theme

import "github.com/charmbracelet/bubbles/key"

// NavKeys are the keys that move within a pane.
type NavKeys struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	NextDue  key.Binding
}

// DefaultNavKeys returns the arrow, vi and paging keys every view uses.
func DefaultNavKeys() NavKeys {
	return NavKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
		NextDue:  key.NewBinding(key.WithKeys("."), key.WithHelp(".", "next due")),
	}
}

// FormKeys are the keys every form answers to.
type FormKeys struct {
	Save      key.Binding
	Cancel    key.Binding
	NextField key.Binding
	PrevField key.Binding
	Confirm   key.Binding
}

// DefaultFormKeys: ctrl+s saves, esc cancels, tab and shift+tab move,
// enter moves on (or saves on the last field) except in text, where it
// starts a new line.
func DefaultFormKeys() FormKeys {
	return FormKeys{
		Save:      key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		NextField: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Confirm:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next field / confirm")),
	}
}

// ViewKeys are the keys every view answers to outside its forms: tab
// gives the next pane the keyboard and shift+tab the one before, ? shows
// every key, q or ctrl+c leaves.
type ViewKeys struct {
	Focus     key.Binding
	FocusBack key.Binding
	Help      key.Binding
	Quit      key.Binding
}

// DefaultViewKeys returns the view keys; quit says, in the key help, what
// leaving does in the view ("end" the session, "quit" the replay,
// "leave" a seat).
func DefaultViewKeys(quit string) ViewKeys {
	return ViewKeys{
		Focus:     key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "pane")),
		FocusBack: key.NewBinding(key.WithKeys("shift+tab")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "keys")),
		Quit:      key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", quit)),
	}
}
