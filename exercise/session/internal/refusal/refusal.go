// Package refusal counts refused attempts to join in windows, so that a
// guessing source costs the session file one line a window.
package refusal

import (
	"time"

	"ttx/exercise/access"
	"ttx/exercise/event"
	"ttx/exercise/text"
)

// DefaultWindow is how often, at most, one source's refused attempts to
// join are journaled: once a minute, with a count.
const DefaultWindow = time.Minute

// Attempt is one refused attempt to join.
type Attempt struct{ User, Remote, Key, Reason string }

// Windows journals refused attempts to join in bounded form. The first
// attempt from a source (for a reason) is journaled at once; attempts in
// the window after it are counted in memory and journaled as one line
// with their count when the window ends (or the session closes), and the
// source's next window starts. So a guessing source costs at most one
// line a window however fast it guesses, and the file still shows when
// it began, how long it went on and how many attempts it made. Counts
// not yet journaled are lost if ttx itself dies. The session goroutine
// owns it.
type Windows struct {
	window time.Duration
	open   map[string]*refusalWindow
	timer  *time.Timer
	// Due fires when the earliest window ends; nil when none is open.
	Due   <-chan time.Time
	armed time.Time // the window end due is set for
}

type refusalWindow struct {
	until       time.Time
	count       int // attempts counted since the last line
	first, last time.Time
	latest      Attempt
	source      string
}

// New returns the windows of the given length (DefaultWindow when 0).
func New(window time.Duration) *Windows {
	if window <= 0 {
		window = DefaultWindow
	}
	return &Windows{window: window, open: map[string]*refusalWindow{}}
}

// Note counts one refused attempt at now, and returns the line to journal
// for it, if any.
func (r *Windows) Note(c Attempt, now time.Time) (event.Refusal, bool) {
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

// Flush returns the lines of the windows that have ended by now (all of
// them when all is set), and forgets windows that ended with nothing
// counted.
func (r *Windows) Flush(now time.Time, all bool) []event.Refusal {
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

// Arm sets Due to fire when the earliest open window ends.
func (r *Windows) Arm(now time.Time) {
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
		r.timer, r.Due = nil, nil
	}
	r.armed = next
	if next.IsZero() {
		return
	}
	r.timer = time.NewTimer(max(next.Sub(now), time.Millisecond))
	r.Due = r.timer.C
}

// Fired records that Due has fired.
func (r *Windows) Fired() { r.armed = time.Time{} }
