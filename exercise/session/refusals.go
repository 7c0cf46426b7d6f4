package session

import (
	"errors"
	"fmt"
	"time"

	"ttx/exercise/access"
	"ttx/exercise/event"
	"ttx/exercise/text"
)

// errCounted says a refused attempt was counted, not journaled yet.
var errCounted = errors.New("counted")

// DefaultRefusalWindow is how often, at most, one source's refused
// attempts to join are journaled: once a minute, with a count.
const DefaultRefusalWindow = time.Minute

// refusals journals refused attempts to join in bounded form. The first
// attempt from a source (for a reason) is journaled at once; attempts in
// the window after it are counted in memory and journaled as one line
// with their count when the window ends (or the session closes), and the
// source's next window starts. So a guessing source costs at most one
// line a window however fast it guesses, and the file still shows when
// it began, how long it went on and how many attempts it made. Counts
// not yet journaled are lost if ttx itself dies. The session goroutine
// owns it.
type refusals struct {
	window time.Duration
	open   map[string]*refusalWindow
	timer  *time.Timer
	due    <-chan time.Time // fires when the earliest window ends; nil when none is open
	armed  time.Time        // the window end due is set for
}

type refusalWindow struct {
	until       time.Time
	count       int // attempts counted since the last line
	first, last time.Time
	latest      RefuseAccess
	source      string
}

func newRefusals(window time.Duration) *refusals {
	if window <= 0 {
		window = DefaultRefusalWindow
	}
	return &refusals{window: window, open: map[string]*refusalWindow{}}
}

// note counts one refused attempt at now, and returns the line to journal
// for it, if any.
func (r *refusals) note(c RefuseAccess, now time.Time) (event.Refusal, bool) {
	src := access.Source(c.Remote)
	key := src + "\x00" + c.Reason
	w := r.open[key]
	if w != nil && now.Before(w.until) {
		if w.count == 0 {
			w.first = now
		}
		w.count++
		w.last, w.latest = now, c
		return event.Refusal{}, false
	}
	if w == nil {
		w = &refusalWindow{source: src}
		r.open[key] = w
	}
	if w.count == 0 {
		w.first = now
	}
	w.count++
	w.last, w.latest = now, c
	line := w.line()
	w.until, w.count = now.Add(r.window), 0
	return line, true
}

// line is the journal line for the attempts counted in w.
func (w *refusalWindow) line() event.Refusal {
	c := w.latest
	d := event.Refusal{User: text.Line(c.User, text.MaxName), Remote: c.Remote, Key: c.Key,
		Reason: text.Line(c.Reason, text.MaxName), Source: w.source}
	if w.count > 1 {
		d.Count = w.count
		d.First, d.Last = stamp(w.first), stamp(w.last)
	}
	return d
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// flush returns the lines of the windows that have ended by now (all of
// them when all is set), and forgets windows that ended with nothing
// counted.
func (r *refusals) flush(now time.Time, all bool) []event.Refusal {
	var lines []event.Refusal
	for key, w := range r.open {
		if !all && now.Before(w.until) {
			continue
		}
		if w.count == 0 {
			delete(r.open, key)
			continue
		}
		lines = append(lines, w.line())
		w.until, w.count = now.Add(r.window), 0
	}
	return lines
}

// arm sets due to fire when the earliest open window ends.
func (r *refusals) arm(now time.Time) {
	var next time.Time
	for _, w := range r.open {
		if next.IsZero() || w.until.Before(next) {
			next = w.until
		}
	}
	if next.Equal(r.armed) {
		return
	}
	if r.timer != nil {
		r.timer.Stop()
		r.timer, r.due = nil, nil
	}
	r.armed = next
	if next.IsZero() {
		return
	}
	r.timer = time.NewTimer(max(next.Sub(now), time.Millisecond))
	r.due = r.timer.C
}

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
	evs := refusalEvents(st, s.refusals.flush(now, false), now)
	s.refusals.armed = time.Time{} // the timer has fired
	defer s.refusals.arm(now)
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
type Refusals struct{ r *refusals }

// NewRefusals returns counts with the given window
// (DefaultRefusalWindow when zero).
func NewRefusals(window time.Duration) *Refusals { return &Refusals{r: newRefusals(window)} }

// Note counts attempt c at now and returns the line to journal for it,
// if one is due.
func (r *Refusals) Note(c RefuseAccess, now time.Time) (event.Refusal, bool) { return r.r.note(c, now) }

// Flush returns the lines of the windows that have ended by now, or of
// all of them.
func (r *Refusals) Flush(now time.Time, all bool) []event.Refusal { return r.r.flush(now, all) }

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
