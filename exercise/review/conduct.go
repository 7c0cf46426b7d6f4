package review

import (
	"cmp"
	"fmt"
	"slices"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/review/internal/conduct"
)

// ConductRow is one thing done to the running of the exercise: a clock
// started, paused, sped up or jumped; an inject delayed, held, unheld or
// skipped; a branch chosen; a broadcast; participants' input paused or
// resumed; the session resumed or closed; and a decision said at an
// exercise time before the inject it answers was released.
type ConductRow = conduct.Row

// AttendanceRow is one seat opened or closed, or one access.refused line.
type AttendanceRow = conduct.Attendance

// Seat is one person's attendance: each seat they opened, and when it
// closed.
type Seat = conduct.Seat

// Visit is one seat opened (and closed, when Left is set).
type Visit = conduct.Visit

// Seats gathers the attendance rows by person, in order of first join;
// refused joins are not among them (see Refusals).
func (r *Report) Seats() []Seat { return conduct.Seats(r.Attendance) }

// Refusals are the access.refused lines, in order.
func (r *Report) Refusals() []AttendanceRow { return conduct.Refusals(r.Attendance) }

// earlyDecisions adds a flagged conduct row for each decision said at an
// exercise time before the inject it answers was released (after a
// jump backwards, or against an inject not yet released), and puts the
// rows in journal order.
func (r *Report) earlyDecisions() {
	rows := make(map[string]*InjectRow, len(r.Injects))
	for i := range r.Injects {
		rows[r.Injects[i].Inject.ID] = &r.Injects[i]
	}
	var early []ConductRow
	for d := range r.Decisions.All() {
		id := r.InjectOf(d)
		ir := rows[id]
		if ir == nil || ir.State.Released && d.SaidT >= ir.State.ReleasedT {
			continue // answers no inject, or one released before it was said: no flag
		}
		kind := "decision"
		if d.Action {
			kind = "action"
		}
		row := ConductRow{Seq: d.Seq, At: d.At(), T: d.T, Kind: event.DecisionRecorded, Inject: id,
			What: fmt.Sprintf("%s by %s against %s", kind, r.TeamName(r.TeamOf(d)), id)}
		when := "recorded at " + clock.Format(d.T)
		if d.SaidT != d.T {
			when = "said at " + clock.Format(d.SaidT) + " (saved at " + clock.Format(d.T) + ")"
		}
		switch {
		case ir.State.Released && d.SaidT < ir.State.ReleasedT:
			row.Flag = fmt.Sprintf("%s, before %s was released at %s", when, id, clock.Format(ir.State.ReleasedT))
		case !ir.State.Released:
			row.Flag = fmt.Sprintf("answers %s, which was never released", id)
		default:
			continue
		}
		if len(early) >= conduct.Max {
			r.ConductDropped++
			continue
		}
		early = append(early, row)
	}
	r.Conduct = append(slices.Clip(r.Conduct), early...)
	slices.SortStableFunc(r.Conduct, func(a, b ConductRow) int { return cmp.Compare(a.Seq, b.Seq) })
}

// Flagged counts the conduct rows that stand out.
func (r *Report) Flagged() int {
	n := 0
	for _, c := range r.Conduct {
		if c.Flag != "" {
			n++
		}
	}
	return n
}

// Heading is the report's title: "After-action report: TITLE", begun
// with "UNVERIFIED — " when the file fails verification.
func (r *Report) Heading() string {
	h := "After-action report: " + r.Title
	if !r.Integrity.Intact {
		h = "UNVERIFIED — " + h
	}
	return h
}
