package form

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/session"
)

// Settled returns a command that waits for how a save the record did not
// confirm turned out (session.UnconfirmedError's Settled), and makes msg
// of it; nil when err is no such error or the outcome is not looked for.
// A view so told says the entry was saved after all, or why not, and
// closes the form that kept it.
func Settled(err error, msg func(session.Outcome) tea.Msg) tea.Cmd {
	var un *session.UnconfirmedError
	if !errors.As(err, &un) || un.Settled == nil {
		return nil
	}
	ch := un.Settled
	return func() tea.Msg {
		o, ok := <-ch
		if !ok {
			return nil // no longer looked for: the text stays in the form
		}
		return msg(o)
	}
}
