package session

import "ttx/exercise/event"

// Live is what a view needs of a running session: a Session, or a node
// of a session replicated across sites (package cluster).
type Live interface {
	// Do carries out a command and returns its event once durable.
	Do(a Actor, c Command) (event.Event, error)
	// State returns the latest state.
	State() event.State
	// Subscribe returns the new state after every change, and a stop.
	Subscribe() (<-chan event.State, func())
	// Fault returns the last error from work done without a command.
	Fault() error
	// Path returns this machine's session file.
	Path() string
	// Close ends the session and returns the final hash.
	Close(a Actor) (string, error)
	// Abandon stops without ending the session, which goes on from the file.
	Abandon() error
}

var _ Live = (*Session)(nil)
