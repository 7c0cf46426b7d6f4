package conduct

import (
	"time"

	"ttx/exercise/access"
	"ttx/exercise/event"
)

// Source is one address's refused attempts to join, added up over
// its access.refused lines (each may count many attempts).
type Source struct {
	Source   string
	Attempts int
	// First and Last are the wall times of the first and last attempt.
	First, Last time.Time
}

// Refused adds an access.refused line to the tally by source, kept in
// the book's Sources (the first MaxSources).
func (b *Book) Refused(e event.Event) {
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
	for i := range b.Sources {
		if r := &b.Sources[i]; r.Source == src {
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
	if len(b.Sources) < MaxSources {
		b.Sources = append(b.Sources, Source{Source: src, Attempts: d.Attempts(), First: first, Last: last})
	}
}

// MaxSources bounds the sources a report lists.
const MaxSources = 20
