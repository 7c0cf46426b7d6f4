package console

import "github.com/charmbracelet/bubbles/key"

// keyMap holds every key the console answers to.
type keyMap struct {
	Clock    key.Binding
	Faster   key.Binding
	Slower   key.Binding
	Jump     key.Binding
	Release  key.Binding
	Skip     key.Binding
	Delay    key.Binding
	Hold     key.Binding
	Branch   key.Binding
	Decision key.Binding
	Request  key.Binding
	Note     key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
	NextDue  key.Binding
	Focus    key.Binding
	Help     key.Binding
	Quit     key.Binding
	// Form keys, shown in every form.
	Save   key.Binding
	Cancel key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Clock:    key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "start/pause clock")),
		Faster:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "faster")),
		Slower:   key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "slower")),
		Jump:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "set exercise time")),
		Release:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "release inject")),
		Skip:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip inject")),
		Delay:    key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delay inject")),
		Hold:     key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "hold/unhold inject")),
		Branch:   key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "choose branch")),
		Decision: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "record decision")),
		Request:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "record request for info")),
		Note:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "facilitator note")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "last")),
		NextDue:  key.NewBinding(key.WithKeys("."), key.WithHelp(".", "go to next due")),
		Focus:    key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "switch pane")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "end session")),
		Save:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// globalHelp is the short help always shown in the footer.
func (k keyMap) globalHelp() []key.Binding {
	return []key.Binding{k.Clock, k.Release, k.Decision, k.Help, k.Quit}
}

// fullHelp groups every key for the ? screen.
func (k keyMap) fullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Clock, k.Faster, k.Slower, k.Jump},
		{k.Release, k.Skip, k.Delay, k.Hold, k.Branch},
		{k.Decision, k.Request, k.Note},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.NextDue, k.Focus},
		{k.Save, k.Cancel, k.Help, k.Quit},
	}
}
