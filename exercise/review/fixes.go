package review

import (
	"slices"

	"ttx/exercise/event"
	"ttx/exercise/review/internal/fixes"
	"ttx/exercise/review/internal/rows"
	"ttx/exercise/scenario"
)

// corrections indexes the state's corrections by the entry they correct,
// once, and marks the decisions struck through or amended. A correction
// is applied only if the session would have taken it: it points at a
// decision, request, note or observation recorded before it, its author
// is the entry's or a facilitator, and the entry was not struck out
// before it. Any other (a file written by hand, or by a tool that does not
// check) is listed among the anomalies, with why, and not applied.
func (r *Report) corrections(s *event.State) {
	if len(s.Fixes) == 0 {
		return
	}
	// Who recorded each entry corrected: a decision's words are read back
	// only for the few that were corrected.
	of := fixes.Targets(s.Fixes)
	author := make(map[int64]string, len(of))
	for d := range r.Decisions.All() {
		if of[d.Seq] {
			author[d.Seq] = r.Said(d).By
		}
	}
	fixes.Authors(author, of, s.Requests, s.Notes, s.Observations)
	var refused []string
	r.fixes, r.fixList, refused = fixes.Accept(s.Fixes, author)
	for seq, fs := range r.fixes {
		for _, f := range fs {
			if f.Struck {
				r.Decisions.Mark(seq, rows.MarkStruck)
			} else {
				r.Decisions.Mark(seq, rows.MarkAmended)
			}
		}
	}
	if len(refused) > 0 {
		r.Anomalies = append(slices.Clip(r.Anomalies), refused...)
	}
}

// Corrections are the corrections the report applies, in journal order.
func (r *Report) Corrections() []event.Fix { return r.fixList }

// FixesOf returns the corrections of the entry recorded by the event seq
// (a decision, request, note or observation), in journal order.
func (r *Report) FixesOf(seq int64) []event.Fix { return r.fixes[seq] }

// StruckBy returns the correction that struck the entry seq through, or
// nil when it stands.
func (r *Report) StruckBy(seq int64) *event.Fix {
	fs := r.fixes[seq]
	for i := range fs {
		if fs[i].Struck {
			return &fs[i]
		}
	}
	return nil
}

// Fixed is a decision as its corrections leave it, from its words as
// Said gave them (said, read once by the caller): the words with the last
// amendment's text and rationale; its JDM stage id, as amended; and the
// strike, if it was struck through (nil if not).
func (r *Report) Fixed(d *DecisionRow, said Said) (now Said, stage string, struck *event.Fix) {
	now, stage = said, r.StageOf(d)
	if !d.Struck && !d.Amended {
		return now, stage, nil
	}
	e, struck := event.Corrected(event.Entry{Seq: d.Seq, Text: now.Text, Rationale: now.Rationale, Stage: stage}, r.fixes[d.Seq])
	now.Text, now.Rationale = e.Text, e.Rationale
	return now, e.Stage, struck
}

// FixedEntry is a request, note or observation as its corrections leave
// it, and the strike if it was struck through.
func (r *Report) FixedEntry(e event.Entry) (now event.Entry, struck *event.Fix) {
	return event.Corrected(e, r.fixes[e.Seq])
}

// StageOf is the JDM stage id a decision was said at ("" for none; see
// event.StageLabel).
func (r *Report) StageOf(d *DecisionRow) string {
	return r.Decisions.Stage(d)
}

// Scenario is the scenario the session ran (nil for a file without one).
func (r *Report) Scenario() *scenario.Scenario {
	if r.log == nil {
		return nil
	}
	return r.log.Final.Scenario
}

// Roster is who could join the session: the scenario's roster and those
// added during it.
func (r *Report) Roster() []event.Person {
	if r.log == nil {
		return nil
	}
	return r.log.Final.Roster
}
