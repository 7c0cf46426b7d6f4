package console

import (
	"github.com/charmbracelet/bubbles/key"

	"ttx/ui/theme"
)

// keyMap holds every key the console answers to.
type keyMap struct {
	theme.NavKeys
	theme.ViewKeys

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
	Answer   key.Binding
	Correct  key.Binding
	AllDue   key.Binding
	// The control cell's.
	Claim, Live, Lead, Digest key.Binding
	theme.FormKeys
	// Seat controls, with ttx serve.
	Seats     key.Binding
	Pause     key.Binding
	Broadcast key.Binding
	AddPerson key.Binding
	NewCode   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		NavKeys:   theme.DefaultNavKeys(),
		ViewKeys:  theme.DefaultViewKeys("end"),
		FormKeys:  theme.DefaultFormKeys(),
		Seats:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "who is connected")),
		Pause:     key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "pause/resume input")),
		Broadcast: key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "broadcast")),
		AddPerson: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "add person")),
		NewCode:   key.NewBinding(key.WithKeys("J"), key.WithHelp("J", "new join code")),
		Clock:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "clock")),
		Faster:    key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "faster")),
		Slower:    key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "slower")),
		Jump:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "set time")),
		Release:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "release")),
		Skip:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "skip")),
		Delay:     key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delay")),
		Hold:      key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "hold/unhold")),
		Branch:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "branch choice")),
		Decision:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "decision")),
		Request:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "request for info")),
		Note:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Answer:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "answer a request")),
		Correct:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "correct an entry")),
		AllDue:    key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "release due")),
		Claim:     key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "claim request")),
		Live:      key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "live inject")),
		Lead:      key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "hand lead")),
		Digest:    key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "since you left")),
	}
}

// globalHelp is the short help always shown in the footer.
func (k keyMap) globalHelp() []key.Binding {
	return []key.Binding{k.Help, k.Clock, k.Release, k.Decision, k.Focus, k.Quit}
}

// fullHelp groups every key for the ? screen.
func (k keyMap) fullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Clock, k.Faster, k.Slower, k.Jump},
		{k.Release, k.AllDue, k.Skip, k.Delay, k.Hold, k.Branch},
		{k.Decision, k.Request, k.Answer, k.Note, k.Correct},
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.NextDue, k.Focus},
		{k.Save, k.Cancel, k.Help, k.Quit},
	}
}

// cellHelp is the control cell's column of the ? screen.
func (k keyMap) cellHelp() []key.Binding { return []key.Binding{k.Claim, k.Live, k.Lead, k.Digest} }

// seatHelp is the seat controls' column of the ? screen.
func (k keyMap) seatHelp() []key.Binding {
	return []key.Binding{k.Seats, k.Pause, k.Broadcast, k.AddPerson, k.NewCode}
}
