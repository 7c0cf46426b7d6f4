package session

import (
	"errors"

	"ttx/exercise/event"
)

// ErrClosed is returned for commands sent after the session closed.
var ErrClosed = errors.New("the session is closed")

// NotSavedError is returned when a command was valid but its event could
// not be written to disk (a full disk, an I/O error). Nothing changed; the
// same command can be sent again once the fault clears.
type NotSavedError struct{ Err error }

func (e *NotSavedError) Error() string { return "not saved: " + e.Err.Error() }

// Unwrap returns the write error.
func (e *NotSavedError) Unwrap() error { return e.Err }

// UnconfirmedError is returned when a command reached those who keep the
// record (a cluster's leader) but its outcome was not heard in time: it
// may be in the record, or may yet be. Unlike a NotSavedError, the same
// command sent again may be recorded twice, so whoever gave it is asked
// to look at the record first.
type UnconfirmedError struct {
	Err error
	// Settled, when not nil, is sent how the command turned out if it is
	// found in the record later (the link came back, the file caught up),
	// and closed without a value when it is no longer looked for: a view
	// may then say it was saved after all, or refused.
	Settled <-chan Outcome
}

// Outcome is how a command turned out: the events it made, or why the
// session refused it.
type Outcome struct {
	Events []event.Event
	Err    error
}

func (e *UnconfirmedError) Error() string { return "not confirmed: " + e.Err.Error() }

// Unwrap returns why the outcome was not heard.
func (e *UnconfirmedError) Unwrap() error { return e.Err }

// IsFault reports whether err is a fault of the record (a NotSavedError
// or an UnconfirmedError) rather than a refusal of the command.
func IsFault(err error) bool {
	var ns *NotSavedError
	var un *UnconfirmedError
	return errors.As(err, &ns) || errors.As(err, &un)
}
