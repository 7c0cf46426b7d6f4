package form

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
	"ttx/exercise/session"
)

// Settled returns a command that waits for how a save the record did not
// confirm turned out (session.UnconfirmedError's Settled), and makes msg
// of it: the first event the save made, or why it was refused; nil when
// err is no such error or the outcome is not looked for. A view so told
// says the entry was saved after all, or why not, and closes the form
// that kept it.
func Settled(err error, msg func(ev event.Event, err error) tea.Msg) tea.Cmd {
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
		var ev event.Event
		if len(o.Events) > 0 {
			ev = o.Events[0]
		}
		return msg(ev, o.Err)
	}
}

// IsFault reports whether err is a fault of the record (a
// session.NotSavedError or session.UnconfirmedError) rather than a
// refusal of the command: a view shows it until a save goes through.
func IsFault(err error) bool {
	var ns *session.NotSavedError
	var un *session.UnconfirmedError
	return errors.As(err, &ns) || errors.As(err, &un)
}
