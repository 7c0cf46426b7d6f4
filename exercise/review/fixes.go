package review

import (
	"fmt"
	"slices"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// corrections indexes the state's corrections by the entry they correct,
// once, marks the decisions struck through or amended, and lists among the
// anomalies each correction that points at no entry.
func (r *Report) corrections(s *event.State) {
	if len(s.Fixes) == 0 {
		return
	}
	r.fixes = make(map[int64][]event.Fix, len(s.Fixes))
	for _, f := range s.Fixes {
		r.fixes[f.Of] = append(r.fixes[f.Of], f)
	}
	found := make(map[int64]bool, len(r.fixes))
	for d := range r.Decisions.All() {
		fs, ok := r.fixes[d.Seq]
		if !ok {
			continue
		}
		found[d.Seq] = true
		for _, f := range fs {
			if f.Struck {
				d.Struck = true
			} else {
				d.Amended = true
			}
		}
	}
	for _, list := range [][]event.Entry{s.Requests, s.Notes, s.Observations} {
		for _, e := range list {
			if _, ok := r.fixes[e.Seq]; ok {
				found[e.Seq] = true
			}
		}
	}
	var lost []event.Fix
	for of, fs := range r.fixes {
		if !found[of] {
			lost = append(lost, fs...)
		}
	}
	slices.SortFunc(lost, func(a, b event.Fix) int { return int(a.Seq - b.Seq) })
	for _, f := range lost {
		kind := event.DecisionAmended
		if f.Struck {
			kind = event.DecisionStruck
		}
		r.Anomalies = append(slices.Clip(r.Anomalies), fmt.Sprintf("event %d (%s) corrects seq %d, which records no decision, request, note or observation: the correction is not applied", f.Seq, kind, f.Of))
	}
}

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
	if d.stage == 0 || int(d.stage) >= len(r.Decisions.stages) {
		return ""
	}
	return r.Decisions.stages[d.stage]
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
