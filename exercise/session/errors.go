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
	// found in the record later, and closed when no longer looked for.
	Settled <-chan Outcome
}

// Outcome is how a command turned out: its events, or why it was refused.
type Outcome struct {
	Events []event.Event
	Err    error
}

func (e *UnconfirmedError) Error() string { return "not confirmed: " + e.Err.Error() }

// Unwrap returns why the outcome was not heard.
func (e *UnconfirmedError) Unwrap() error { return e.Err }
