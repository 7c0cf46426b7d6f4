package pane

import (
	"cmp"

	"ttx/exercise/event"
)

// NewerRelease orders released injects x and y of s newest release
// first: by exercise time, and those released at one instant by the order
// the session file holds their releases in, so that the order is total
// and the inject released last is always first.
func NewerRelease(s *event.State, x, y int) int {
	a, b := s.Injects.At(x), s.Injects.At(y)
	if c := cmp.Compare(b.ReleasedT, a.ReleasedT); c != 0 {
		return c
	}
	return cmp.Compare(b.ReleasedSeq, a.ReleasedSeq)
}
