// Package digest says what happened in a session since someone last
// looked: what a controller who left and came back, or the next shift,
// reads first.
package digest

import (
	"cmp"
	"slices"

	"ttx/exercise/event"
)

// Digest is what happened after some event: what a controller who left
// and came back, or the next shift, reads first.
type Digest struct {
	// Since is the seq the digest starts after.
	Since int64
	// Released are the indexes of the injects released since, in order of
	// release.
	Released []int
	// Decisions, Notes and Answered are those recorded since.
	Decisions event.Entries
	Notes     []event.Entry
	Answered  []event.Reply
	// Open are the requests for information unanswered now, whenever
	// they were asked.
	Open []event.Entry
}

// Since returns the digest of what happened after the event seq.
func Since(s *event.State, seq int64) Digest {
	d := Digest{Since: seq}
	for i, is := range s.Injects.All() {
		if is.Released && is.ReleasedSeq > seq {
			d.Released = append(d.Released, i)
		}
	}
	slices.SortFunc(d.Released, func(a, b int) int {
		return cmp.Compare(s.Injects.At(a).ReleasedSeq, s.Injects.At(b).ReleasedSeq)
	})
	after := func(list []event.Entry) []event.Entry {
		i, _ := slices.BinarySearchFunc(list, seq+1, func(e event.Entry, seq int64) int { return cmp.Compare(e.Seq, seq) })
		return list[i:]
	}
	d.Decisions, d.Notes = s.Decisions.After(seq), after(s.Notes)
	for _, r := range s.Replies {
		if r.Seq > seq {
			d.Answered = append(d.Answered, r)
		}
	}
	d.Open = s.OpenRequests()
	return d
}

// For returns the digest of what happened since the person called
// name last left (their last participant.left), or of the whole session
// for someone who was never here before.
func For(s *event.State, name string) Digest {
	seq, ok := s.Left[name]
	if !ok {
		seq = -1
	}
	return Since(s, seq)
}
