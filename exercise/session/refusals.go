package session

import (
	"errors"
	"fmt"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/session/internal/refusal"
	"ttx/exercise/text"
)

// errCounted says a refused attempt was counted, not journaled yet.
var errCounted = errors.New("counted")

// DefaultRefusalWindow is how often, at most, one source's refused
// attempts to join are journaled: once a minute, with a count.
const DefaultRefusalWindow = refusal.DefaultWindow

// refusalEvents turns lines into access.refused events at now.
func refusalEvents(st event.State, lines []event.Refusal, now time.Time) []event.Event {
	var evs []event.Event
	for _, d := range lines {
		ev, err := event.New(event.AccessRefused, SystemSSH.By(), now, st.Clock.At(now), d)
		if err == nil {
			evs = append(evs, ev)
		}
	}
	return evs
}

// flushRefusals journals the counts of the windows that have ended.
func (s *Session) flushRefusals() {
	now := s.now()
	st := s.State()
	if st.Closed {
		return
	}
	evs := refusalEvents(st, s.refusals.Flush(now, false), now)
	s.refusals.Fired()
	defer s.refusals.Arm(now)
	if len(evs) == 0 {
		return
	}
	for i := range evs {
		evs[i].Seq = st.Seq + 1
		st = event.Apply(st, evs[i])
	}
	if _, err := s.w.Append(evs...); err != nil {
		s.mu.Lock()
		s.fault = &NotSavedError{Err: err}
		s.mu.Unlock()
		return
	}
	s.publish(st, nil)
}

// Refusals counts refused attempts to join a window at a time, as a
// session does, for a writer that journals the lines itself: a cluster
// node counts what its own SSH server refuses and sends the lines through
// the cluster as RecordRefusal. It is not safe for concurrent use.
type Refusals struct{ r *refusal.Windows }

// NewRefusals returns counts with the given window
// (DefaultRefusalWindow when zero).
func NewRefusals(window time.Duration) *Refusals { return &Refusals{r: refusal.New(window)} }

// Note counts attempt c at now and returns the line to journal for it,
// if one is due.
func (r *Refusals) Note(c RefuseAccess, now time.Time) (event.Refusal, bool) {
	return r.r.Note(refusal.Attempt(c), now)
}

// Flush returns the lines of the windows that have ended by now, or of
// all of them.
func (r *Refusals) Flush(now time.Time, all bool) []event.Refusal { return r.r.Flush(now, all) }

// RecordRefusal journals a line of refused attempts counted by Refusals.
type RecordRefusal struct{ Refusal event.Refusal }

func (c RecordRefusal) event(_ *event.State, a Actor) (string, any, error) {
	if a != SystemSSH {
		return "", nil, fmt.Errorf("%w: only the server records refusals", ErrForbidden)
	}
	d := c.Refusal
	d.User, d.Reason = text.Line(d.User, text.MaxName), text.Line(d.Reason, text.MaxName)
	return event.AccessRefused, d, nil
}
