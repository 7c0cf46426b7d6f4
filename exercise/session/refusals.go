package session

import (
	"errors"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/session/internal/refusal"
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
