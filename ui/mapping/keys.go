package mapping

import (
	"github.com/charmbracelet/bubbles/key"

	"ttx/ui/theme"
)

// keyMap holds every key the mapping screen answers to.
type keyMap struct {
	theme.NavKeys

	Field     key.Binding // ←/→ in the short help
	Next      key.Binding // the selected column's next field
	Prev      key.Binding // its previous field
	Choose    key.Binding // pick its field from the list
	Ignore    key.Binding
	Reset     key.Binding // back to what ttx read from the header
	Sheet     key.Binding // the workbook's next sheet
	Focus     key.Binding
	FocusBack key.Binding
	Save      key.Binding
	Help      key.Binding
	Quit      key.Binding
	// In the field list: enter picks, esc closes it.
	Pick   key.Binding
	Cancel key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		NavKeys:   theme.DefaultNavKeys(),
		Field:     key.NewBinding(key.WithKeys("right", "left"), key.WithHelp("←/→", "field")),
		Next:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next field")),
		Prev:      key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous field")),
		Choose:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "pick")),
		Ignore:    key.NewBinding(key.WithKeys("x", "delete"), key.WithHelp("x", "ignore column")),
		Reset:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "ttx's reading")),
		Sheet:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "next sheet")),
		Focus:     key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("tab", "pane")),
		FocusBack: key.NewBinding(key.WithKeys("shift+tab")),
		Save:      key.NewBinding(key.WithKeys("ctrl+s", "w"), key.WithHelp("ctrl+s/w", "save")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "keys")),
		Quit:      key.NewBinding(key.WithKeys("q", "esc", "ctrl+c"), key.WithHelp("q", "quit")),
		Pick:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "use this field")),
		Cancel:    key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", "keep as it was")),
	}
}

// shortHelp is the global keys, after the focused pane's.
func (k keyMap) shortHelp() []key.Binding {
	save := k.Save
	save.SetHelp("w", "save")
	return []key.Binding{save, k.Quit, k.Help}
}

func (k keyMap) fullHelp() [][]key.Binding {
	column := k.Up
	column.SetHelp("↑/k ↓/j", "column")
	return [][]key.Binding{
		{column, k.Next, k.Prev, k.Choose, k.Ignore, k.Reset},
		{k.Focus, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Sheet},
		{k.Save, k.Help, k.Quit},
	}
}
