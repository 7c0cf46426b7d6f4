package review

import (
	"iter"
	"math"
	"slices"

	"ttx/exercise/event"
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
// team and inject are numbers into the names Rows keeps (Report.TeamOf and
// Report.InjectOf give them).
type Rows struct {
	chunks [][]DecisionRow
	n      int
	names  []string
	index  map[string]uint32
	// stages are the JDM stage ids rows number (0: none); the ids
	// event.Stages lists come first, any other a file holds after them.
	stages []string
}

// otherStage is what a decision's stage reads as past the stage ids a row
// can number.
const otherStage = "(one of too many stage ids to tell apart)"

// stageOf returns the number of a stage id, 0 for none; past 254 ids (a
// file that invents them), the rest share the number of otherStage.
func (r *Rows) stageOf(id string) uint8 {
	if id == "" {
		return 0
	}
	if r.stages == nil {
		r.stages = []string{""}
		for _, st := range event.Stages {
			r.stages = append(r.stages, st.ID)
		}
	}
	if i := slices.Index(r.stages, id); i > 0 {
		return uint8(i)
	}
	if len(r.stages) >= math.MaxUint8 {
		// Past 254 stage ids (only a file written by hand has more than
		// the five), the rest share one that says so, never another's.
		if len(r.stages) == math.MaxUint8 {
			r.stages = append(r.stages, otherStage)
		}
		return math.MaxUint8
	}
	r.stages = append(r.stages, id)
	return uint8(len(r.stages) - 1)
}

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

// add appends a row for a decision for team answering inject, said at
// JDM stage.
func (r *Rows) add(d DecisionRow, team, inject, stage string) *DecisionRow {
	d.team, d.inject, d.stage = r.name(team), r.name(inject), r.stageOf(stage)
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

// words stores decisions' words in chunks.
type words struct {
	chunks [][]byte
	size   int64
}

// add stores the four strings, one after the other, and points row d at
// them; it reports false, leaving d as it was, once the budget is spent
// (or for a name too long for a row to measure).
func (w *words) add(d *DecisionRow, who, text, by, rationale string) bool {
	n := len(who) + len(text) + len(by) + len(rationale)
	if w.size+int64(n) > wordBudget || len(who) > maxName || len(by) > maxName || len(text) > math.MaxInt32 || len(rationale) > maxName {
		return false
	}
	last := len(w.chunks) - 1
	if last < 0 || cap(w.chunks[last])-len(w.chunks[last]) < n {
		w.chunks = append(w.chunks, make([]byte, 0, max(wordChunk, n)))
		last++
	}
	c := w.chunks[last]
	d.where, d.loc = inStore, int64(last)<<32|int64(len(c))
	d.whoLen, d.textLen, d.byLen, d.ratLen = uint16(len(who)), int32(len(text)), uint16(len(by)), uint16(len(rationale))
	c = append(c, who...)
	c = append(c, text...)
	c = append(c, by...)
	w.chunks[last] = append(c, rationale...)
	w.size += int64(n)
	return true
}

// said returns the words of a row whose words are in the store.
func (w *words) said(d *DecisionRow) Said {
	b := w.chunks[d.loc>>32][int32(d.loc):]
	who, text, by, rat := int(d.whoLen), int(d.textLen), int(d.byLen), int(d.ratLen)
	at := who + text + by
	return Said{Who: string(b[:who]), Text: string(b[who : who+text]), By: string(b[who+text : at]), Rationale: string(b[at : at+rat])}
}

// maxName is the longest who, by or rationale a row measures; session
// text is far shorter (a longer one is read back from the file).
const maxName = math.MaxUint16

// Where a row's words are.
const (
	inLog   = iota // loc is an index in the log's Final.Decisions
	inStore        // loc is chunk<<32 | at in the log's word store
	inFile         // loc is the line's offset in the session file
)
