// Package rows keeps the report's decisions: a row per decision, in
// chunks that never move, with the words said kept in a byte store up to
// a budget, past which a row says where its line is in the session file.
package rows

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"time"

	"ttx/exercise/event"
)

// A report over a session of a million decisions holds a million rows and
// their words. Rows are kept in chunks that never move, so the list grows
// without copying and a pointer to a row stays valid; the words are copied
// into large byte chunks (nothing in them for the garbage collector to
// follow) up to a budget, past which a row points to its line in the file
// and the words are read back as the report is written.

// Row is one decision with its context. There may be millions, so a row
// holds what the report counts and sorts by; what was said (who, the
// text, who recorded it) is kept apart: in the log's memory, in a Words
// store, or read back from the file when there were too many words to
// keep.
type Row struct {
	Seq int64
	// AtMS is the wall time in Unix milliseconds (At gives it as a time).
	AtMS int64
	// T is the exercise time it was saved; SaidT when it was said (the
	// form opened; T when the file does not say).
	T, SaidT time.Duration
	// AfterRelease is the time from the inject's release to when the
	// decision was said (valid when HasAfter).
	AfterRelease time.Duration
	Action       bool
	HasAfter     bool
	// Struck is set when a decision.struck struck it through: it stays
	// listed, but is not the team's response; Amended when a
	// decision.amended changed its words (Report.Fixed gives them).
	Struck, Amended bool

	// stage is a number into the stage ids of the Rows (Rows.Stage);
	// where says what loc is (InLog, InStore or InFile).
	stage, where uint8
	// The lengths measure the words in the store (placed so that the row
	// packs into 72 bytes).
	whoLen uint16
	// team and inject are numbers into the names of the Rows that hold
	// the row (Rows.Team and Rows.Inject give them).
	team, inject  uint32
	textLen       int32
	ratLen, byLen uint16
	loc           int64
}

// At is the decision's wall time.
func (d *Row) At() time.Time { return time.UnixMilli(d.AtMS).UTC() }

// Kind is how a decision was recorded: "decision" or "action".
func (d *Row) Kind() string {
	if d.Action {
		return "action"
	}
	return "decision"
}

// Loc says where a row's words are (InLog, InStore, InFile or InSpill)
// and what loc means there.
func (d *Row) Loc() (where uint8, loc int64) { return d.where, d.loc }

// Where a row's words are.
const (
	InLog   = iota // loc is an index in the log's Final.Decisions
	InStore        // loc is chunk<<32 | at in the log's word store
	InFile         // loc is the line's offset in the session file
	InSpill        // loc is the offset in the Rows' words file
)

// Said is what a decision records in words: who said it, what, who
// recorded it, and the reason given (its rationale).
type Said struct{ Who, Text, By, Rationale string }

// chunk is how many rows one chunk holds.
const chunk = 4096

// Rows is the report's decisions in journal order. Rows hold no pointers
// (the garbage collector need not look inside a million of them): a row's
// team and inject are numbers into the names Rows keeps (Team and Inject
// give them).
type Rows struct {
	chunks [][]Row
	n      int
	names  []string
	index  map[string]uint32
	// stages are the JDM stage ids rows number (0: none); the ids
	// event.Stages lists come first, any other a file holds after them.
	stages []string
	// spill holds the rows and their words in temporary files (Spill),
	// instead of chunks.
	spill *spill
	// struck and amended are the rows' corrections (Mark), a bit for
	// each seq up to the last marked, and released the exercise time each
	// inject was released, by its number (Released): All applies them to
	// each row it yields.
	struck, amended bitset
	released        []releasedAt
	// order says whether the rows are in the order they were said, once
	// BySaid has looked (0: not yet; orderSaid; orderOther).
	order uint8
}

// What Rows.order says.
const (
	orderSaid = 1 + iota
	orderOther
)

// releasedAt is when an inject was released, if it was.
type releasedAt struct {
	t  time.Duration
	ok bool
}

// Corrections Mark notes.
const (
	MarkStruck  = 1
	MarkAmended = 2
)

// OtherStage is what a decision's stage reads as past the stage ids a row
// can number.
const OtherStage = "(one of too many stage ids to tell apart)"

// stageOf returns the number of a stage id, 0 for none; past 254 ids (a
// file that invents them), the rest share the number of OtherStage.
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
			r.stages = append(r.stages, OtherStage)
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

// All iterates over the decisions in order, each with the corrections
// marked (Mark) and its time after the release (Released). A row is
// valid until the next: one read back from a spilled Rows is in a
// buffer the next batch reuses (copy it to keep it).
func (r *Rows) All() iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		if r.spill != nil {
			if err := r.spill.each(r.n, func(d *Row) bool { r.decorate(d); return yield(d) }); err != nil && r.spill.err == nil {
				r.spill.err = err
			}
			return
		}
		for _, c := range r.chunks {
			for i := range c {
				r.decorate(&c[i])
				if !yield(&c[i]) {
					return
				}
			}
		}
	}
}

// BySaid iterates over the decisions in the order they were said (by
// SaidT), in journal order where that is the same. Where the journal's
// order already is that order (forms saved in the order they were
// opened, as is usual), the rows are read as they are kept; otherwise
// through an index of 16 bytes a decision, sorted.
func (r *Rows) BySaid() iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		if r.order == 0 {
			var last time.Duration
			r.order = orderSaid
			for d := range r.All() {
				if d.SaidT < last {
					r.order = orderOther
					break
				}
				last = d.SaidT
			}
		}
		if r.order == orderSaid {
			for d := range r.All() {
				if !yield(d) {
					return
				}
			}
			return
		}
		type said struct {
			t time.Duration
			i uint32
		}
		index := make([]said, 0, r.n)
		i := 0
		for d := range r.All() {
			index = append(index, said{d.SaidT, uint32(i)})
			i++
		}
		slices.SortStableFunc(index, func(a, b said) int { return cmp.Compare(a.t, b.t) })
		var d Row
		for _, x := range index {
			if !r.rowAt(int(x.i), &d) || !yield(&d) {
				return
			}
		}
	}
}

// rowAt reads row i into d, decorated as All does.
func (r *Rows) rowAt(i int, d *Row) bool {
	if r.spill != nil {
		if err := r.spill.at(i, d); err != nil {
			if r.spill.err == nil {
				r.spill.err = err
			}
			return false
		}
	} else {
		*d = r.chunks[i/chunk][i%chunk]
	}
	r.decorate(d)
	return true
}

// Mark notes a correction of the decision seq (MarkStruck, MarkAmended),
// which All then applies to its row.
func (r *Rows) Mark(seq int64, mark uint8) {
	if seq < 0 {
		return
	}
	if mark&MarkStruck != 0 {
		r.struck.set(seq)
	}
	if mark&MarkAmended != 0 {
		r.amended.set(seq)
	}
}

// bitset is a set of seqs: a bit each, up to the largest.
type bitset []uint64

func (b *bitset) set(i int64) {
	if w := int(i / 64); w >= len(*b) {
		*b = append(*b, make([]uint64, w+1-len(*b))...)
	}
	(*b)[i/64] |= 1 << (i % 64)
}

func (b bitset) has(i int64) bool {
	return i >= 0 && int(i/64) < len(b) && b[i/64]&(1<<(i%64)) != 0
}

// Released notes that inject was released at exercise time t: All then
// gives each row that answers it and stands, said after t, the time
// since (AfterRelease, HasAfter). Once one inject is noted, a row of an
// inject never noted has none.
func (r *Rows) Released(inject string, t time.Duration) {
	if r.released == nil {
		r.released = make([]releasedAt, len(r.names))
	}
	if n, ok := r.index[inject]; ok {
		r.released[n] = releasedAt{t, true}
	}
}

// decorate applies the corrections marked and the release times noted
// to a row.
func (r *Rows) decorate(d *Row) {
	d.Struck = d.Struck || r.struck.has(d.Seq)
	d.Amended = d.Amended || r.amended.has(d.Seq)
	if r.released == nil {
		return
	}
	d.HasAfter = false
	if int(d.inject) < len(r.released) {
		if rel := r.released[d.inject]; rel.ok && d.SaidT >= rel.t && !d.Struck {
			d.AfterRelease, d.HasAfter = d.SaidT-rel.t, true
		}
	}
}

// Spill writes the rows to temporary files from here on, and their
// words with them, instead of keeping them in memory; it reports false
// (the rows stay in memory) when the files cannot be made.
func (r *Rows) Spill() bool {
	if r.spill != nil {
		return true
	}
	if r.n > 0 {
		return false
	}
	s, err := newSpill()
	if err != nil {
		return false
	}
	r.spill = s
	return true
}

// Spilled reports whether the rows are in temporary files.
func (r *Rows) Spilled() bool { return r.spill != nil }

// Put appends a row, with its words, to a spilled Rows (see Add); where
// the words are longer than a row measures (only in a file written by
// hand), the row points to the line at off in the session file instead.
func (r *Rows) Put(d Row, off int64, team, inject, stage, who, text, by, rationale string) {
	d.team, d.inject, d.stage = r.name(team), r.name(inject), r.stageOf(stage)
	d.where, d.loc = InSpill, 0
	r.order = 0
	if !fits(who, text, by, rationale) {
		d.where, d.loc = InFile, off
	}
	r.spill.put(&d, who, text, by, rationale)
	r.n++
}

// Said returns the words of a row whose words are in the spilled words
// file.
func (r *Rows) Said(d *Row) (Said, error) {
	b, err := r.spill.wordsOf(d)
	if err != nil {
		if r.spill.err == nil {
			r.spill.err = err
		}
		return Said{}, err
	}
	who, text, by, rat := int(d.whoLen), int(d.textLen), int(d.byLen), int(d.ratLen)
	at := who + text + by
	return Said{Who: string(b[:who]), Text: string(b[who : who+text]), By: string(b[who+text : at]), Rationale: string(b[at : at+rat])}, nil
}

// Err is the first error writing or reading back the temporary files
// met, if any: rows may then be missing from what All yields.
func (r *Rows) Err() error {
	if r.spill == nil {
		return nil
	}
	return r.spill.flush() // what is still being written too
}

// Flush writes out what a spilled Rows still buffers and returns the
// first error writing its temporary files met (a full disk), if any:
// call it once every row is put, before the rows are read, so that a
// report is never built from rows that were not all kept.
func (r *Rows) Flush() error {
	if r.spill == nil {
		return nil
	}
	return r.spill.flush()
}

// Close removes the temporary files of a spilled Rows.
func (r *Rows) Close() error {
	if r.spill == nil {
		return nil
	}
	s := r.spill
	r.spill = nil
	return s.close()
}

// Add appends a row for a decision for team answering inject, said at
// JDM stage, whose words are where loc says (see Loc).
func (r *Rows) Add(d Row, where uint8, loc int64, team, inject, stage string) *Row {
	d.where, d.loc = where, loc
	d.team, d.inject, d.stage = r.name(team), r.name(inject), r.stageOf(stage)
	r.order = 0
	if len(r.chunks) == 0 || len(r.chunks[len(r.chunks)-1]) == chunk {
		r.chunks = append(r.chunks, make([]Row, 0, chunk))
	}
	c := &r.chunks[len(r.chunks)-1]
	*c = append(*c, d)
	r.n++
	return &(*c)[len(*c)-1]
}

// Team is the id of the team a decision is for.
func (r *Rows) Team(d *Row) string { return r.names[d.team] }

// Inject is the id of the inject a decision answers ("" for none).
func (r *Rows) Inject(d *Row) string { return r.names[d.inject] }

// Stage is the JDM stage id a decision was said at ("" for none).
func (r *Rows) Stage(d *Row) string {
	if d.stage == 0 || int(d.stage) >= len(r.stages) {
		return ""
	}
	return r.stages[d.stage]
}
