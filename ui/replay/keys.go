package replay

import (
	"github.com/charmbracelet/bubbles/key"

	"ttx/ui/theme"
)

// keyMap holds every key the replay answers to.
type keyMap struct {
	theme.NavKeys

	Play      key.Binding
	Faster    key.Binding
	Slower    key.Binding
	Next      key.Binding
	Prev      key.Binding
	Start     key.Binding
	End       key.Binding
	Jump      key.Binding
	Filter    key.Binding
	Search    key.Binding
	Clear     key.Binding
	Focus     key.Binding
	FocusBack key.Binding
	Help      key.Binding
	Quit      key.Binding
	// In the jump, filter and search forms: enter applies, esc cancels.
	Form theme.FormKeys
}

func newKeyMap() keyMap {
	nav := theme.DefaultNavKeys()
	// g and G move the scrubber here; panes go to their top and bottom
	// with home and end.
	nav.Top = key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first"))
	nav.Bottom = key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last"))
	view := theme.DefaultViewKeys("quit")
	form := theme.DefaultFormKeys()
	form.Confirm = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply"))
	return keyMap{
		NavKeys:   nav,
		Play:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "play/pause")),
		Faster:    key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "faster")),
		Slower:    key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "slower")),
		Next:      key.NewBinding(key.WithKeys("]", "n"), key.WithHelp("]/n", "next event")),
		Prev:      key.NewBinding(key.WithKeys("[", "p"), key.WithHelp("[/p", "previous event")),
		Start:     key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "start")),
		End:       key.NewBinding(key.WithKeys("G"), key.WithHelp("G", "end")),
		Jump:      key.NewBinding(key.WithKeys(":"), key.WithHelp(":", "go to time")),
		Filter:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter")),
		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Clear:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Focus:     view.Focus,
		FocusBack: view.FocusBack,
		Help:      view.Help,
		Quit:      view.Quit,
		Form:      form,
	}
}

func (k keyMap) shortHelp() []key.Binding {
	return []key.Binding{k.Help, k.Play, k.Next, k.Prev, k.Jump, k.Filter, k.Search, k.Quit}
}

func (k keyMap) fullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Play, k.Faster, k.Slower, k.Next, k.Prev, k.Start, k.End, k.Jump},
		{k.Filter, k.Search, k.Clear},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Focus},
		{k.Help, k.Quit},
	}
}
