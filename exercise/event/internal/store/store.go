// Package store keeps a session's decisions compactly, behind Entries:
// a record of fixed size with no pointers in it per entry, in chunks that
// never move; the names an entry carries (who recorded it, its kind, team,
// who said it, the inject, the stage) numbered in a table of names; its
// words (text, rationale, ...) copied into large byte blocks. An Entry is
// made when one is asked for, its words pointing into the blocks, which
// are never written again once filled.
//
// A million decisions held as Entry values took 280 bytes each and a heap
// string of their own for each word; here they take a 72-byte record and
// their words' bytes, and nothing in them for the garbage collector to
// follow.
//
// The list only grows: an Entries value is a store and a length, and
// appending writes past every length a snapshot holds. Two values that
// share a store and append along their own paths (a fork folded while the
// state it came from goes on) cannot both write at the end: the first to
// append there claims it, and the other copies the last, part-filled chunk
// into a store of its own, sharing the full chunks, the blocks and the
// names.
package store

import (
	"iter"
	"time"
)

// Entry is a decision, request for information, note or observation as the
// state holds it.
type Entry struct {
	Seq int64
	At  time.Time
	T   time.Duration
	By  string
	// Kind is the event type that recorded it.
	Kind string
	// Action is true for a decision recorded as an action.
	Action    bool
	Team      string
	Who       string
	Text      string
	Inject    string
	Objective string
	Rating    string
	// Rationale and Stage are a decision's reason and Joint Decision
	// Model stage.
	Rationale string
	Stage     string
	// SaidT is the exercise time when it was said (the form opened); T
	// when the file does not say.
	SaidT time.Duration
	// Target, Task and Finding are an observation's capability target,
	// critical task and finding (see Observation).
	Target, Task, Finding string
	// To is the simulated organisation a request is addressed to.
	To string
}

// Entries is a list of entries in journal order. The zero value is an
// empty list. It is a value, as a slice is: Append returns the longer
// list and leaves the one it was called on as it was, so a list handed to
// a view stays what it was while the state it came from is folded on.
// An entry's At keeps its instant and location, not a monotonic clock
// reading (the journal's times have none).
type Entries struct {
	st     *store
	off, n int     // the records off to off+n of st
	plain  []Entry // a list EntriesOf wraps, when st is nil
}

// EntriesOf returns the entries of list as Entries, without copying: for
// the lists that are kept as slices, so that a view can go through all of
// them alike. list must not change while the Entries are used.
func EntriesOf(list []Entry) Entries { return Entries{plain: list} }

// Len is the number of entries.
func (l Entries) Len() int {
	if l.st == nil {
		return len(l.plain)
	}
	return l.n
}

// At returns entry i (0 ≤ i < Len).
func (l Entries) At(i int) Entry {
	if l.st == nil {
		return l.plain[i]
	}
	if uint(i) >= uint(l.n) {
		panic("store: entry index out of range")
	}
	return l.st.at(l.off + i)
}

// Seq returns the seq of entry i, without making the entry.
func (l Entries) Seq(i int) int64 {
	if l.st == nil {
		return l.plain[i].Seq
	}
	if uint(i) >= uint(l.n) {
		panic("store: entry index out of range")
	}
	return l.st.rec(l.off + i).seq
}

// All iterates over the entries in order, with their indices.
func (l Entries) All() iter.Seq2[int, Entry] {
	return func(yield func(int, Entry) bool) {
		for i := range l.Len() {
			if !yield(i, l.At(i)) {
				return
			}
		}
	}
}

// Backward iterates over the entries from the last, with their indices.
func (l Entries) Backward() iter.Seq2[int, Entry] {
	return func(yield func(int, Entry) bool) {
		for i := l.Len() - 1; i >= 0; i-- {
			if !yield(i, l.At(i)) {
				return
			}
		}
	}
}

// Slice returns the entries as a new slice.
func (l Entries) Slice() []Entry {
	out := make([]Entry, 0, l.Len())
	for _, e := range l.All() {
		out = append(out, e)
	}
	return out
}

// Prefix returns the first n entries (0 ≤ n ≤ Len).
func (l Entries) Prefix(n int) Entries {
	if n < 0 || n > l.Len() {
		panic("store: prefix out of range")
	}
	if l.st == nil {
		return Entries{plain: l.plain[:n:n]}
	}
	return Entries{st: l.st, off: l.off, n: n}
}

// From returns the entries from i on (0 ≤ i ≤ Len).
func (l Entries) From(i int) Entries {
	if i < 0 || i > l.Len() {
		panic("store: from out of range")
	}
	if l.st == nil {
		return Entries{plain: l.plain[i:len(l.plain):len(l.plain)]}
	}
	return Entries{st: l.st, off: l.off + i, n: l.n - i}
}

// After returns the entries recorded after the event seq.
func (l Entries) After(seq int64) Entries { return l.From(l.search(seq + 1)) }

// search returns the index of the first entry whose seq is seq or more.
func (l Entries) search(seq int64) int {
	lo, hi := 0, l.Len()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l.Seq(m) < seq {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Find returns the entry recorded by the event seq, if there is one. The
// entries are in seq order.
func (l Entries) Find(seq int64) (Entry, bool) {
	lo := l.search(seq)
	if lo < l.Len() && l.Seq(lo) == seq {
		return l.At(lo), true
	}
	return Entry{}, false
}

// LastFor returns the last n entries that answer inject, in journal
// order, and how many answer it in all. It compares numbers, not words,
// so looking through a million decisions takes a few milliseconds.
func (l Entries) LastFor(inject string, n int) (last []Entry, total int) {
	if l.st == nil {
		for i := len(l.plain) - 1; i >= 0; i-- {
			if l.plain[i].Inject == inject {
				if total < n {
					last = append(last, l.plain[i])
				}
				total++
			}
		}
	} else if id, ok := l.st.names.lookup(inject); ok {
		for i := l.off + l.n - 1; i >= l.off; i-- {
			if l.st.rec(i).names[nameInject] == id {
				if total < n {
					last = append(last, l.st.at(i))
				}
				total++
			}
		}
	}
	for i, j := 0, len(last)-1; i < j; i, j = i+1, j-1 {
		last[i], last[j] = last[j], last[i]
	}
	return last, total
}

// Append returns the list with es after its entries. The entries of l
// stay as they were; so do those of any list sharing them.
func (l Entries) Append(es ...Entry) Entries {
	for i := range es {
		l = l.append1(&es[i])
	}
	return l
}

func (l Entries) append1(e *Entry) Entries {
	if l.st == nil {
		plain := l.plain
		l = Entries{st: newStore(newNames())}
		for i := range plain {
			l = l.append1(&plain[i])
		}
	}
	end := int64(l.off + l.n)
	if !l.st.n.CompareAndSwap(end, end+1) {
		// Another list sharing the store has written past l's end.
		l = l.diverge()
		l.st.n.Store(end + 1)
	}
	l.st.put(int(end), e)
	l.n++
	return l
}

// Reset empties the list and keeps its room for the next entries: for a
// reader that takes each entry as it is appended and keeps none. No other
// list may share l's entries (no Prefix, no copy of l still in use).
// Entries already returned stay as they were. The names and zones it
// numbered are let go once there are more than a few thousand, or a
// megabyte, of them: a reader of a file whose every decision names a
// different person holds no more than that.
func (l *Entries) Reset() {
	if l.st == nil {
		*l = Entries{}
		return
	}
	l.st.reset()
	l.off, l.n = 0, 0
}
