// Package watch keeps, by request ID, the commands a node gave whose
// outcome it still waits to hear: one whose answer was lost learns it
// when the node applies it later.
package watch

import (
	"sync"

	"ttx/exercise/session"
)

// Max bounds the requests watched at once: beyond it, a request whose
// answer is lost is not told its outcome later.
const Max = 4096

// Set is the requests being watched. The zero Set watches nothing until
// it is made with New.
type Set struct {
	mu sync.Mutex
	by map[string]chan session.Outcome // nil once closed
}

// New returns a Set that takes requests to watch.
func New() *Set { return &Set{by: map[string]chan session.Outcome{}} }

// For starts watching request id, and returns where its outcome is sent
// once; nil when too many are watched, or the set is closed.
func (s *Set) For(id string) <-chan session.Outcome {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.by == nil || len(s.by) >= Max {
		return nil
	}
	w := make(chan session.Outcome, 1)
	s.by[id] = w
	return w
}

// Stop stops watching request id: its outcome was heard.
func (s *Set) Stop(id string) {
	s.mu.Lock()
	delete(s.by, id)
	s.mu.Unlock()
}

// Tell sends request id its outcome, if it is watched, and stops
// watching it. It never blocks.
func (s *Set) Tell(id string, o session.Outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w, ok := s.by[id]; ok {
		w <- o // its one value, in a slot of one
		delete(s.by, id)
	}
}

// Close closes every watch and takes no more: nothing more will be
// applied here.
func (s *Set) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range s.by {
		close(w)
	}
	s.by = nil
}
