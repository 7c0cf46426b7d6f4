package review

import (
	"time"

	"ttx/exercise/event"
	"ttx/exercise/review/internal/tally"
	"ttx/exercise/review/internal/verdict"
)

// Report is the after-action report's content, drawn from a session log.
// The writers (Markdown, HTML, CSV) only lay it out.
type Report struct {
	Title, Summary, Source string
	// Opened and LastAt are the wall times of the first and last events.
	Opened, LastAt time.Time
	// ExerciseEnd is the exercise time of the last event.
	ExerciseEnd time.Duration
	Facilitator string
	Sealed      bool
	Teams       []TeamRow
	// Participants are the people named in the session (who said what,
	// who joined), in order of first appearance.
	Participants []string
	Counts       Counts
	Injects      []InjectRow
	Objectives   []ObjectiveRow
	Decisions    Rows
	Requests     []event.Entry
	log          *Log
	// Replies are the answers to requests, by the request's seq.
	Replies map[int64]event.Reply
	Notes   []event.Entry
	// fixes are the corrections (decision.amended, decision.struck) by
	// the seq of the entry they correct, in journal order.
	fixes map[int64][]event.Fix
	// fixList is the same corrections in journal order.
	fixList   []event.Fix
	Branches  []BranchRow
	Unknown   []event.Event
	Anomalies []string
	Integrity Integrity
	// Refused counts refused attempts to join; RefusedBy adds them up by
	// source address (the first 20 sources).
	Refused   int
	RefusedBy []RefusedSource
	// Conduct is how the exercise was run, in journal order (see
	// ConductRow); ConductDropped counts rows past the report's limit.
	Conduct        []ConductRow
	ConductDropped int
	// Attendance is every seat opened and closed and every refused join,
	// in journal order (Seats and Refusals group them);
	// AttendanceDropped counts rows past the report's limit.
	Attendance        []AttendanceRow
	AttendanceDropped int
}

// Counts are the session's totals.
type Counts = tally.Counts

// TeamRow is one team's part in the session.
type TeamRow = tally.TeamRow

// InjectRow is one inject and what became of it.
type InjectRow = tally.InjectRow

// ObjectiveRow gathers what the session shows about one objective.
type ObjectiveRow = tally.ObjectiveRow

// BranchRow is a branch point and the option chosen.
type BranchRow = tally.BranchRow

// Integrity is what verifying the file found.
type Integrity = verdict.Integrity

// Build draws the report from a session log.
func Build(l *Log) *Report {
	s := &l.Final
	sc := s.Scenario
	r := &Report{Integrity: integrity(l)}
	if sc == nil || l.Scan.Events == 0 {
		r.Anomalies = s.Anomalies
		return r
	}
	r.Title, r.Summary, r.Source = sc.Title, sc.Summary, s.Source
	r.Opened, r.LastAt, r.ExerciseEnd = l.Start(), l.End(), s.LastT
	r.Facilitator, r.Sealed = s.OpenedBy, s.Closed
	r.Unknown, r.Anomalies = s.Unknown, s.Anomalies
	r.Requests, r.Notes = s.Requests, s.Notes
	r.Replies = make(map[int64]event.Reply, len(s.Replies))
	for _, a := range s.Replies {
		r.Replies[a.Request] = a
	}

	r.Injects = tally.Injects(sc, s)
	r.log = l
	if l.streaming {
		r.Decisions = l.refs // shared: Build only fills in response times, the same each time
	} else {
		for i, d := range s.Decisions.All() {
			r.Decisions.Add(DecisionRow{Seq: d.Seq, AtMS: d.At.UnixMilli(), T: d.T, SaidT: d.SaidT, Action: d.Action}, inLog, int64(i), d.Team, d.Inject, d.Stage)
		}
	}
	r.corrections(s)
	tally.Respond(r.Injects, &r.Decisions)
	r.Counts = tally.Count(l.Scan.Events, s, r.Injects, &r.Decisions)
	r.Teams = tally.Teams(sc.Teams, &r.Decisions, r.Requests, r.Injects)
	r.Objectives = tally.Objectives(sc.Objectives, r.Injects, s.Observations, func(seq int64) bool { return r.StruckBy(seq) != nil })
	r.Branches = tally.Branches(sc.Branches, s.Choices)
	r.Participants = l.People()
	r.Refused, r.RefusedBy = s.Refusals, l.book.Sources
	r.Conduct, r.ConductDropped = l.book.Rows, l.book.RowsDropped
	r.Attendance, r.AttendanceDropped = l.book.Attendance, l.book.AttendanceDropped
	r.earlyDecisions()
	return r
}

func integrity(l *Log) Integrity {
	in := Integrity{Events: l.Scan.Events, FinalHash: l.Scan.Head, FinalGiven: l.final, Summary: l.Problem()}
	in.Intact = in.Summary == "" && l.Scan.Events > 0
	if l.Scan.Break != nil {
		in.Problem = l.Scan.Break.Error()
	}
	if n := l.Scan.Newer; n != nil {
		in.NewerLine, in.Problem = n.Line, n.Error()
	}
	if c := l.Scan.Chosen; c != nil {
		in.Chosen, in.ChosenLines, in.ChosenTo = true, [2]int{c.Kept(), c.SetAside()}, c.SetAsideTo()
		in.ForkSeq, in.ForkLines = c.Fork.Seq, c.Fork.Lines
	}
	if l.Scan.Torn != nil {
		in.TornBytes = l.Scan.Torn.Size
	}
	in.SetAside = l.SetAside()
	if f := l.Scan.Fork; f != nil {
		in.Forked, in.ForkSeq, in.ForkLines = true, f.Seq, f.Lines
	}
	return in
}

// TeamName is a team's name, or its id.
func (r *Report) TeamName(id string) string {
	for _, t := range r.Teams {
		if t.ID == id {
			return t.Name
		}
	}
	return id
}

// InjectTitle is an inject's title, or "".
func (r *Report) InjectTitle(id string) string {
	if r.log == nil || r.log.Final.Scenario == nil {
		return ""
	}
	if in := r.log.Final.Scenario.Inject(id); in != nil {
		return in.Title
	}
	return ""
}

// Said returns what a decision says: from memory, or read back from the
// session file for a fold-only log that had too many words to keep.
func (r *Report) Said(d *DecisionRow) Said {
	switch where, loc := d.Loc(); where {
	case inLog:
		e := r.log.Final.Decisions.At(int(loc))
		return Said{Who: e.Who, Text: e.Text, By: e.By, Rationale: e.Rationale}
	case inStore:
		return r.log.words.Said(d)
	case inSpill:
		said, err := r.Decisions.Said(d)
		if err != nil {
			return Said{Text: "(could not read the decisions' temporary file: " + err.Error() + ")"}
		}
		return said
	default:
		return r.log.said(loc)
	}
}

// Err is the first error reading the decisions back met, if any: the
// report written may then miss decisions, and must not be taken as the
// record's.
func (r *Report) Err() error { return r.Decisions.Err() }

// TeamOf is the id of the team a decision is for.
func (r *Report) TeamOf(d *DecisionRow) string { return r.Decisions.Team(d) }

// InjectOf is the id of the inject a decision answers ("" for none).
func (r *Report) InjectOf(d *DecisionRow) string { return r.Decisions.Inject(d) }
