// Package rows keeps the report's decisions: a row per decision, in
// chunks that never move, with the words said kept in a byte store up to
// a budget, past which a row says where its line is in the session file.
package rows

import (
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

// Loc says where a row's words are (InLog, InStore or InFile) and what
// loc means there.
func (d *Row) Loc() (where uint8, loc int64) { return d.where, d.loc }

// Where a row's words are.
const (
	InLog   = iota // loc is an index in the log's Final.Decisions
	InStore        // loc is chunk<<32 | at in the log's word store
	InFile         // loc is the line's offset in the session file
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
}

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

// All iterates over the decisions in order.
func (r *Rows) All() iter.Seq[*Row] {
	return func(yield func(*Row) bool) {
		for _, c := range r.chunks {
			for i := range c {
				if !yield(&c[i]) {
					return
				}
			}
		}
	}
}

// Add appends a row for a decision for team answering inject, said at
// JDM stage, whose words are where loc says (see Loc).
func (r *Rows) Add(d Row, where uint8, loc int64, team, inject, stage string) *Row {
	d.where, d.loc = where, loc
	d.team, d.inject, d.stage = r.name(team), r.name(inject), r.stageOf(stage)
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
