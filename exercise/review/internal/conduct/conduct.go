// Package conduct gathers, as a session file is read, how the exercise
// was run (clock changes, inject changes, branch choices, broadcasts,
// input pauses) and who sat at which seat, for the report's conduct and
// attendance sections.
package conduct

import (
	"strings"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// Row is one thing done to the running of the exercise: a clock
// started, paused, sped up or jumped; an inject delayed, held, unheld or
// skipped; a branch chosen; a broadcast; participants' input paused or
// resumed; someone added to the roster or given a new join code; the
// session resumed or closed; and a decision recorded at an
// exercise time before the inject it answers was released.
type Row struct {
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
	// went backwards or past the planned end, a decision before the
	// inject it answers.
	Flag string
}

// Attendance is one seat opened or closed, or one access.refused line.
type Attendance struct {
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

// Max bounds the conduct and attendance rows a report lists: a file of a
// million clock changes is reported, not held in memory. The rows past it
// are counted in Book's dropped counts.
const Max = 20000

// Book is what the conduct and attendance sections list, kept as the file
// is read: up to Max rows each, and how many more there were.
type Book struct {
	Rows              []Row
	Attendance        []Attendance
	RowsDropped       int
	AttendanceDropped int
	// Sources are the refused attempts to join, added up by source.
	Sources []Source
}

// Add keeps what the conduct and attendance sections need of an event
// just folded into a state whose scenario is sc.
func (b *Book) Add(e event.Event, sc *scenario.Scenario) {
	switch e.Type {
	case event.ClockStarted, event.ClockPaused, event.ClockSpeed, event.ClockJumped,
		event.InjectSkipped, event.InjectDelayed, event.InjectHeld, event.InjectUnheld,
		event.BranchChosen, event.BroadcastSent, event.InputPaused, event.InputResumed,
		event.SessionResumed, event.SessionClosed, event.RosterAdded, event.RosterCodeIssued:
		row := Row{Seq: e.Seq, At: e.At, T: e.T, Kind: e.Type, By: text.Escape(e.By)}
		if !words(&row, e, sc) {
			return
		}
		if len(b.Rows) >= Max {
			b.RowsDropped++
			return
		}
		b.Rows = append(b.Rows, row)
	case event.ParticipantJoined, event.ParticipantLeft, event.AccessRefused:
		row := Attendance{Seq: e.Seq, At: e.At, T: e.T}
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
		if len(b.Attendance) >= Max {
			b.AttendanceDropped++
			return
		}
		b.Attendance = append(b.Attendance, row)
	}
}

// words fills in what the row says; it reports false for an event
// whose payload cannot be read (the fold lists it among the anomalies).
func words(row *Row, e event.Event, sc *scenario.Scenario) bool {
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
			var end time.Duration
			if sc != nil {
				end = sc.DurationValue()
			}
			switch {
			case to < e.T:
				row.Flag = "time went backwards by " + Span(e.T-to)
			case end > 0 && to > end:
				row.Flag = "past the planned end of the exercise (" + clock.Format(end) + ")"
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
			row.What += " by " + Span(time.Duration(d.DelayMS)*time.Millisecond)
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
	case event.RosterAdded:
		var d event.RosterEntry
		if e.Decode(&d) != nil {
			return false
		}
		where := d.Role
		if sc != nil && d.Team != "" {
			if t := sc.Team(d.Team); t != nil {
				where = t.Name
			}
		}
		row.What = text.Escape(d.Name) + " (" + text.Escape(where) + ") added to the roster"
	case event.RosterCodeIssued:
		var d event.RosterCode
		if e.Decode(&d) != nil {
			return false
		}
		row.What = text.Escape(d.Name) + " given a new join code in place of theirs, which let no one in after"
	case event.SessionResumed:
		row.What = "session resumed after a stop"
	case event.SessionClosed:
		row.What = "session closed"
	}
	return true
}

// Span writes a length of exercise time as "00:02:20".
func Span(d time.Duration) string { return strings.TrimPrefix(clock.Format(d), "T+") }

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
func Seats(attendance []Attendance) []Seat {
	var out []Seat
	index := map[string]int{}
	for _, a := range attendance {
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

// Refusals are the access.refused lines among the attendance, in order.
func Refusals(attendance []Attendance) []Attendance {
	var out []Attendance
	for _, a := range attendance {
		if a.Kind == "refused" {
			out = append(out, a)
		}
	}
	return out
}
