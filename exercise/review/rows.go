package review

import (
	"iter"
	"math"
)

// A report over a session of a million decisions holds a million rows and
// their words. Rows are kept in chunks that never move, so the list grows
// without copying and a pointer to a row stays valid; the words are copied
// into large byte chunks (nothing in them for the garbage collector to
// follow) up to a budget, past which a row points to its line in the file
// and the words are read back as the report is written.

// rowChunk is how many rows one chunk holds.
const rowChunk = 4096

// Rows is the report's decisions in journal order. Rows hold no pointers
// (the garbage collector need not look inside a million of them): a row's
// team and inject are numbers into the names Rows keeps.
type Rows struct {
	chunks [][]DecisionRow
	n      int
	names  []string
	index  map[string]uint32
}

// Team is the id of the team the decision is for.
func (r *Rows) Team(d *DecisionRow) string { return r.names[d.team] }

// Inject is the id of the inject the decision answers ("" for none).
func (r *Rows) Inject(d *DecisionRow) string { return r.names[d.inject] }

// name returns the number of a team or inject id.
func (r *Rows) name(s string) uint32 {
	if n, ok := r.index[s]; ok {
		return n
	}
	if r.index == nil {
		r.index = map[string]uint32{}
	}
	n := uint32(len(r.names))
	r.names = append(r.names, s)
	r.index[s] = n
	return n
}

// Len is the number of decisions.
func (r *Rows) Len() int { return r.n }

// At returns the i-th decision (0 ≤ i < Len).
func (r *Rows) At(i int) *DecisionRow { return &r.chunks[i/rowChunk][i%rowChunk] }

// All iterates over the decisions in order.
func (r *Rows) All() iter.Seq[*DecisionRow] {
	return func(yield func(*DecisionRow) bool) {
		for _, c := range r.chunks {
			for i := range c {
				if !yield(&c[i]) {
					return
				}
			}
		}
	}
}

// add appends a row for a decision for team answering inject.
func (r *Rows) add(d DecisionRow, team, inject string) *DecisionRow {
	d.team, d.inject = r.name(team), r.name(inject)
	if len(r.chunks) == 0 || len(r.chunks[len(r.chunks)-1]) == rowChunk {
		r.chunks = append(r.chunks, make([]DecisionRow, 0, rowChunk))
	}
	c := &r.chunks[len(r.chunks)-1]
	*c = append(*c, d)
	r.n++
	return &(*c)[len(*c)-1]
}

// wordChunk is the size of one chunk of words.
const wordChunk = 1 << 20

// wordBudget is how many bytes of words are kept in memory before rows
// point to the file instead: enough for a million decisions of ordinary
// length within the report's memory target. Tests lower it.
var wordBudget int64 = 128 << 20

// wordRef is where a decision's words are in the word store: who, the
// text and who recorded it, one after the other.
type wordRef struct {
	chunk         int32 // -1: not in the store
	at            int32
	who, text, by int32
}

// words stores decisions' words in chunks.
type words struct {
	chunks [][]byte
	size   int64
}

// add stores the three strings and returns where, or false once the budget
// is spent (or for a name too long for a row to measure).
func (w *words) add(who, text, by string) (wordRef, bool) {
	n := len(who) + len(text) + len(by)
	if w.size+int64(n) > wordBudget || len(who) > maxName || len(by) > maxName || len(text) > math.MaxInt32 {
		return wordRef{}, false
	}
	last := len(w.chunks) - 1
	if last < 0 || cap(w.chunks[last])-len(w.chunks[last]) < n {
		w.chunks = append(w.chunks, make([]byte, 0, max(wordChunk, n)))
		last++
	}
	c := w.chunks[last]
	ref := wordRef{chunk: int32(last), at: int32(len(c)), who: int32(len(who)), text: int32(len(text)), by: int32(len(by))}
	c = append(c, who...)
	c = append(c, text...)
	w.chunks[last] = append(c, by...)
	w.size += int64(n)
	return ref, true
}

// said returns the words at ref.
func (w *words) said(ref wordRef) Said {
	b := w.chunks[ref.chunk][ref.at:]
	return Said{
		Who:  string(b[:ref.who]),
		Text: string(b[ref.who : ref.who+ref.text]),
		By:   string(b[ref.who+ref.text : ref.who+ref.text+ref.by]),
	}
}

// maxName is the longest who or by a row measures; session text is far
// shorter.
const maxName = math.MaxUint16

// Where a row's words are.
const (
	inLog   = iota // loc is an index in the log's Final.Decisions
	inStore        // loc is chunk<<32 | at in the log's word store
	inFile         // loc is the line's offset in the session file
)

// setWords records where a row's words are in the word store.
func (d *DecisionRow) setWords(ref wordRef) {
	d.where, d.loc = inStore, int64(ref.chunk)<<32|int64(ref.at)
	d.whoLen, d.textLen, d.byLen = uint16(ref.who), ref.text, uint16(ref.by)
}

// wordRef returns where a row's words are in the word store.
func (d *DecisionRow) wordRef() wordRef {
	return wordRef{chunk: int32(d.loc >> 32), at: int32(d.loc), who: int32(d.whoLen), text: d.textLen, by: int32(d.byLen)}
}
