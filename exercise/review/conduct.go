package review

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// ConductRow is one thing done to the running of the exercise: a clock
// started, paused, sped up or jumped; an inject delayed, held, unheld or
// skipped; a branch chosen; a broadcast; participants' input paused or
// resumed; the session resumed or closed; and a decision recorded at an
// exercise time before the inject it answers was released.
type ConductRow struct {
	Seq int64
	// At is the wall time; T the exercise time when it happened.
	At time.Time
	T  time.Duration
	// Kind is the event type that recorded it.
	Kind string
	// By is who did it, as "role:name".
	By string
	// What says what happened, in words ("clock jumped from 00:20:00 to
	// 00:05:00").
	What string
	// Inject is the inject it concerns, "" for none.
	Inject string
	// Reason is the reason or text given (a skip's or hold's reason, a
	// broadcast's message).
	Reason string
	// Flag says why the row stands out ("" when it does not): time that
	// went backwards, a decision before the inject it answers.
	Flag string
}

// AttendanceRow is one seat opened or closed, or one access.refused line.
type AttendanceRow struct {
	Seq int64
	At  time.Time
	T   time.Duration
	// Kind is "joined", "left" or "refused".
	Kind string
	// Name, Team and Role are the person's, from the roster (for a refused
	// join, Name is the user name given, which anyone can type).
	Name, Team, Role string
	// How is how the person was recognised: "key" or "code".
	How string
	// Remote is the network address the seat connected from.
	Remote string
	// Reason is why a join was refused; Attempts how many refused
	// attempts the line stands for.
	Reason   string
	Attempts int
}

// maxConduct bounds the conduct and attendance rows a report lists: a
// file of a million clock changes is reported, not held in memory. The
// rows past it are counted in Report.ConductDropped and AttendanceDropped.
const maxConduct = 20000

// conduct keeps what the conduct and attendance sections need of an event
// just folded into Final.
func (l *Log) conduct(e event.Event) {
	switch e.Type {
	case event.ClockStarted, event.ClockPaused, event.ClockSpeed, event.ClockJumped,
		event.InjectSkipped, event.InjectDelayed, event.InjectHeld, event.InjectUnheld,
		event.BranchChosen, event.BroadcastSent, event.InputPaused, event.InputResumed,
		event.SessionResumed, event.SessionClosed:
		row := ConductRow{Seq: e.Seq, At: e.At, T: e.T, Kind: e.Type, By: text.Escape(e.By)}
		if !conductWords(&row, e, l.Final.Scenario) {
			return
		}
		if len(l.conductRows) >= maxConduct {
			l.conductDropped++
			return
		}
		l.conductRows = append(l.conductRows, row)
	case event.ParticipantJoined, event.ParticipantLeft, event.AccessRefused:
		row := AttendanceRow{Seq: e.Seq, At: e.At, T: e.T}
		if e.Type == event.AccessRefused {
			var d event.Refusal
			if e.Decode(&d) != nil {
				return
			}
			row.Kind, row.Name, row.Remote, row.Reason, row.Attempts = "refused", d.User, d.Remote, d.Reason, d.Attempts()
		} else {
			var d event.Participant
			if e.Decode(&d) != nil {
				return
			}
			row.Kind, row.Name, row.Team, row.Role, row.How, row.Remote = "joined", d.Name, d.Team, d.Role, d.How, d.Remote
			if e.Type == event.ParticipantLeft {
				row.Kind = "left"
			}
		}
		text.EscapeAll(&row)
		if len(l.attendance) >= maxConduct {
			l.attendanceDropped++
			return
		}
		l.attendance = append(l.attendance, row)
	}
}

// conductWords fills in what the row says; it reports false for an event
// whose payload cannot be read (the fold lists it among the anomalies).
func conductWords(row *ConductRow, e event.Event, sc *scenario.Scenario) bool {
	switch e.Type {
	case event.ClockStarted, event.ClockSpeed, event.ClockJumped:
		var d event.ClockChange
		if e.Decode(&d) != nil {
			return false
		}
		switch e.Type {
		case event.ClockStarted:
			row.What = "clock started at " + clock.FormatSpeed(d.Speed)
		case event.ClockSpeed:
			row.What = "speed set to " + clock.FormatSpeed(d.Speed)
		default:
			to := time.Duration(d.To) * time.Millisecond
			row.What = "clock jumped from " + clock.Format(e.T) + " to " + clock.Format(to)
			if to < e.T {
				row.Flag = "time went backwards by " + span(e.T-to)
			}
		}
	case event.ClockPaused:
		row.What = "clock paused"
	case event.InjectSkipped, event.InjectDelayed, event.InjectHeld, event.InjectUnheld:
		var d event.InjectChange
		if e.Decode(&d) != nil {
			return false
		}
		row.Inject, row.Reason = text.Escape(d.Inject), text.Escape(d.Reason)
		verb := map[string]string{event.InjectSkipped: "skipped", event.InjectHeld: "held", event.InjectUnheld: "hold lifted on", event.InjectDelayed: "delayed"}[e.Type]
		if e.Type == event.InjectUnheld {
			row.What = verb + " " + row.Inject
		} else {
			row.What = row.Inject + " " + verb
		}
		if e.Type == event.InjectDelayed {
			row.What += " by " + span(time.Duration(d.DelayMS)*time.Millisecond)
		}
	case event.BranchChosen:
		var d event.BranchChoice
		if e.Decode(&d) != nil {
			return false
		}
		row.What = "branch " + text.Escape(d.Branch) + ": " + text.Escape(d.Option)
		if b := sc.Branch(d.Branch); b != nil {
			if o := b.Option(d.Option); o != nil {
				row.What = "branch chosen: " + b.Title + ": " + o.Label
			}
		}
	case event.BroadcastSent:
		var d event.Broadcast
		if e.Decode(&d) != nil {
			return false
		}
		row.What, row.Reason = "broadcast to every seat", text.Escape(d.Text)
	case event.InputPaused:
		row.What = "participants' input paused"
	case event.InputResumed:
		row.What = "participants' input resumed"
	case event.SessionResumed:
		row.What = "session resumed after a stop"
	case event.SessionClosed:
		row.What = "session closed"
	}
	return true
}

// span writes a length of exercise time as "00:02:20".
func span(d time.Duration) string { return strings.TrimPrefix(clock.Format(d), "T+") }

// earlyDecisions adds a flagged conduct row for each decision recorded at
// an exercise time before the inject it answers was released (after a
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
		if ir == nil {
			continue
		}
		kind := "decision"
		if d.Action {
			kind = "action"
		}
		row := ConductRow{Seq: d.Seq, At: d.At(), T: d.T, Kind: event.DecisionRecorded, Inject: id,
			What: fmt.Sprintf("%s by %s against %s", kind, r.TeamName(r.TeamOf(d)), id)}
		switch {
		case ir.State.Released && d.T < ir.State.ReleasedT:
			row.Flag = fmt.Sprintf("recorded at %s, before %s was released at %s", clock.Format(d.T), id, clock.Format(ir.State.ReleasedT))
		case !ir.State.Released:
			row.Flag = fmt.Sprintf("answers %s, which was never released", id)
		default:
			continue
		}
		if len(early) >= maxConduct {
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

// Seat is one person's attendance: each seat they opened, and when it
// closed.
type Seat struct {
	Name, Team, Role string
	Visits           []Visit
}

// Visit is one seat opened (and closed, when Left is set).
type Visit struct {
	Joined, Left   time.Time
	JoinedT, LeftT time.Duration
	How, Remote    string
	HasLeft        bool
}

// Seats gathers the attendance rows by person, in order of first join;
// refused joins are not among them (see Refusals).
func (r *Report) Seats() []Seat {
	var out []Seat
	index := map[string]int{}
	for _, a := range r.Attendance {
		if a.Kind == "refused" {
			continue
		}
		k, ok := index[a.Name]
		if !ok {
			k = len(out)
			index[a.Name] = k
			out = append(out, Seat{Name: a.Name, Team: a.Team, Role: a.Role})
		}
		s := &out[k]
		if a.Kind == "joined" {
			s.Visits = append(s.Visits, Visit{Joined: a.At, JoinedT: a.T, How: a.How, Remote: a.Remote})
			continue
		}
		// A leave closes the earliest open seat from the same address, or
		// else the earliest open one.
		open := -1
		for i, v := range s.Visits {
			if !v.HasLeft && (open < 0 || v.Remote == a.Remote && s.Visits[open].Remote != a.Remote) {
				open = i
			}
		}
		if open < 0 {
			s.Visits = append(s.Visits, Visit{Left: a.At, LeftT: a.T, Remote: a.Remote, HasLeft: true})
			continue
		}
		s.Visits[open].Left, s.Visits[open].LeftT, s.Visits[open].HasLeft = a.At, a.T, true
	}
	return out
}

// Refusals are the access.refused lines, in order.
func (r *Report) Refusals() []AttendanceRow {
	var out []AttendanceRow
	for _, a := range r.Attendance {
		if a.Kind == "refused" {
			out = append(out, a)
		}
	}
	return out
}

// Kind is how a decision was recorded: "decision" or "action".
func (d *DecisionRow) Kind() string {
	if d.Action {
		return "action"
	}
	return "decision"
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

// Verdict is the one paragraph on the file's integrity that opens every
// format of the report.
func (in Integrity) Verdict() string {
	if in.Intact {
		return fmt.Sprintf("Verified: ttx verify passed: %d events, hash chain intact, final hash %s.", in.Events, in.FinalHash)
	}
	s := in.Summary
	if s == "" {
		s = "the file could not be verified"
	}
	return "UNVERIFIED: " + strings.TrimRight(s, ".") + ". This report is not a verified record of the exercise: it shows only what could be read up to the problem. See “Integrity of the record” at the end."
}
