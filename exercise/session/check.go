package session

import (
	"time"
	"ttx/exercise/session/internal/rules"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// Check turns command c from actor a into the event it makes on state st
// at wall time at, or says why it is refused, exactly as a session checks
// it. It depends on nothing but its arguments, so every node of a cluster
// that applies the same command to the same state makes the same event.
// Seq and Prev are left for the journal.
func Check(st *event.State, a Actor, c Command, at time.Time) (event.Event, error) {
	if st.Closed {
		return event.Event{}, ErrClosed
	}
	typ, data, err := c.event(st, a)
	if err != nil {
		return event.Event{}, err
	}
	t := st.Clock.At(at)
	if d, ok := data.(event.Said); ok && d.SaidT != nil && *d.SaidT > t.Milliseconds() {
		// Said after it was saved: the clock was set back while the form
		// was open. It was said when it was saved, at the latest.
		saved := t.Milliseconds()
		d.SaidT = &saved
		data = d
	}
	return event.New(typ, a.By(), at, t, data)
}

// Follows returns the event that must follow ev in the journal, made on
// st, the state after ev: a live inject goes out at once, released like
// any other. A cluster's nodes and a session call it alike.
func Follows(st *event.State, a Actor, ev event.Event) (event.Event, bool) {
	if ev.Type != event.InjectCreated || st.Scenario == nil || len(st.Scenario.Injects) == 0 {
		return event.Event{}, false
	}
	id := st.Scenario.Injects[len(st.Scenario.Injects)-1].ID
	rel, err := event.New(event.InjectReleased, a.By(), ev.At, ev.T, event.InjectChange{Inject: id})
	return rel, err == nil
}

// CheckClose is Check for ending the session: the session.closed event
// actor a makes on state st at wall time at.
func CheckClose(st *event.State, a Actor, at time.Time) (event.Event, error) {
	if st.Closed {
		return event.Event{}, ErrClosed
	}
	// The console may always end it: the session runs in its process. A
	// controller over SSH must hold the lead.
	if a.Role != scenario.RoleFacilitator {
		if err := rules.LeadOnly(st, a, "ends the session"); err != nil {
			return event.Event{}, err
		}
	}
	return event.New(event.SessionClosed, a.By(), at, st.Clock.At(at), event.Closed{Events: st.Seq + 1})
}

// DueReleases returns the inject.released events automatic release
// journals on state st at wall time at, with their seqs, and the state
// after them: none while the clock is paused or the session closed.
func DueReleases(st event.State, at time.Time) ([]event.Event, event.State) {
	if st.Closed || !st.Clock.Running() {
		return nil, st
	}
	t := st.Clock.At(at)
	var evs []event.Event
	for i := range st.Injects.Len() {
		if st.Status(i, t) != event.Due {
			continue
		}
		ev, err := event.New(event.InjectReleased, AutoActor.By(), at, t,
			event.InjectChange{Inject: st.Scenario.Injects[i].ID, Auto: true})
		if err != nil {
			continue
		}
		ev.Seq = st.Seq + 1
		st = event.Apply(st, ev)
		evs = append(evs, ev)
	}
	return evs, st
}
