package watch

import (
	"fmt"
	"testing"

	"ttx/exercise/session"
)

// TestSetTellsOnceAndNeverBlocks: a watched request is told its outcome
// once, whether or not anyone reads it yet; an unwatched one is told
// nothing; closing ends every watch and takes no more; at most Max are
// watched.
func TestSetTellsOnceAndNeverBlocks(t *testing.T) {
	s := New()
	w := s.For("a")
	s.Tell("a", session.Outcome{})
	s.Tell("a", session.Outcome{}) // no longer watched: must not block
	s.Tell("b", session.Outcome{})
	if _, ok := <-w; !ok {
		t.Fatal("the watched request was not told")
	}
	open := s.For("c")
	for i := range Max {
		s.For(fmt.Sprint(i))
	}
	if s.For("one too many") != nil {
		t.Errorf("more than %d watched at once", Max)
	}
	s.Close()
	if _, ok := <-open; ok {
		t.Error("a watch still open was not closed")
	}
	if s.For("d") != nil {
		t.Error("a closed set took a watch")
	}
	s.Stop("c")
	s.Tell("c", session.Outcome{})
}
