package review

import (
	"fmt"
	"strings"
	"time"

	"ttx/exercise/access"
	"ttx/exercise/event"
)

// RefusedSource is one address's refused attempts to join, added up over
// its access.refused lines (each may count many attempts).
type RefusedSource struct {
	Source   string
	Attempts int
	// First and Last are the wall times of the first and last attempt.
	First, Last time.Time
}

// refused adds an access.refused line to the tally by source.
func (l *Log) refused(e event.Event) {
	var d event.Refusal
	if e.Decode(&d) != nil {
		return
	}
	src := d.Source
	if src == "" {
		src = access.Source(d.Remote)
	}
	first, last := e.At, e.At
	if t, err := time.Parse(time.RFC3339, d.First); err == nil {
		first = t
	}
	if t, err := time.Parse(time.RFC3339, d.Last); err == nil {
		last = t
	}
	for i := range l.refusals {
		if r := &l.refusals[i]; r.Source == src {
			r.Attempts += d.Attempts()
			if first.Before(r.First) {
				r.First = first
			}
			if last.After(r.Last) {
				r.Last = last
			}
			return
		}
	}
	if len(l.refusals) < maxRefusedSources {
		l.refusals = append(l.refusals, RefusedSource{Source: src, Attempts: d.Attempts(), First: first, Last: last})
	}
}

// maxRefusedSources bounds the sources a report lists.
const maxRefusedSources = 20

// RefusedSummary is the report's one line on refused attempts to join:
// the total, then each source with its count and when (UTC), or "" when
// nobody was refused.
func (r *Report) RefusedSummary() string {
	if r.Refused == 0 {
		return ""
	}
	parts := make([]string, 0, len(r.RefusedBy))
	for _, s := range r.RefusedBy {
		when := s.First.UTC().Format("15:04")
		if s.Last.Sub(s.First) >= time.Minute {
			when += "–" + s.Last.UTC().Format("15:04")
		}
		parts = append(parts, fmt.Sprintf("%d from %s at %s", s.Attempts, s.Source, when))
	}
	return fmt.Sprintf("%d: %s", r.Refused, strings.Join(parts, "; "))
}
