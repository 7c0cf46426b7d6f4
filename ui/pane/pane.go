package pane

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Pane is one region of the console. Panes draw and scroll; they never
// change the session (only the root model does).
type Pane interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	Focus()
	Blur()
	Help() []key.Binding
}

// Ring is a view's panes, one of which has the keyboard.
type Ring struct {
	list  []Pane
	focus int
}

// NewRing returns the ring of panes, the first focused.
func NewRing(panes ...Pane) Ring {
	panes[0].Focus()
	return Ring{list: panes}
}

// Focused returns the pane that has the keyboard.
func (r *Ring) Focused() Pane { return r.list[r.focus] }

// FirstFocused reports whether the first pane has the keyboard.
func (r *Ring) FirstFocused() bool { return r.focus == 0 }

// Cycle gives the keyboard to the next pane, or the previous one.
func (r *Ring) Cycle(back bool) {
	r.list[r.focus].Blur()
	step := 1
	if back {
		step = len(r.list) - 1
	}
	r.focus = (r.focus + step) % len(r.list)
	r.list[r.focus].Focus()
}
