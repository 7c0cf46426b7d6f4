package event

import (
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"time"

	"ttx/exercise/event/internal/injects"
	"ttx/exercise/internal/wire"
	"ttx/exercise/joincode"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// Fold folds the events into *s, in order: the one way a state is
// built from events, be it a whole file (resuming, review), a seek from a
// checkpoint, or one command's events. Events that cannot apply (an
// unknown inject, say) are recorded in Anomalies, not dropped silently;
// events of unknown types are kept in Unknown.
//
// The sharing rule (see State): a copy of *s taken before Fold, a
// snapshot a view holds, is not changed; Fold copies the parts of it that
// it changes, each part once, and then changes its own copy in place.
// Between two events *s is the state after the first, so the iterator
// that produces them may read it; a copy to keep from there is taken
// with Fork. Decisions and requests are decoded with their repeated names
// (teams, injects, who said it) shared, so a long fold does not allocate
// each again.
func Fold(s *State, events iter.Seq[Event]) {
	FoldPrepared(s, func(yield func(Event, *Prepared) bool) {
		for e := range events {
			if !yield(e, nil) {
				return
			}
		}
	}, nil)
}

// Apply is Fold of the one event e, on a copy: it returns the new state,
// and s is unchanged. With one event there is nothing to share between
// events, so it keeps no table of names and no record of what it copied:
// what a live session journals costs no more memory than its state.
func Apply(s State, e Event) State {
	s.folding = nil
	s.step(e, &single)
	return s
}

// folding is what one Fold keeps while it runs.
type folding struct {
	owned    *injects.Owned // the parts of the inject list this fold made, and so may change; nil: none
	names    *wire.Names    // nil: none shared
	pre      *Prepared      // what was prepared of the event being folded (FoldPrepared), or nil
	decision func(Entry)    // FoldPrepared's: given the decisions, which the state then does not keep
}

// single is Apply's folding: it owns nothing and shares no names, and so is
// never written to.
var single folding

// esc is text.Escape: every string the fold takes from an event passes
// through it, so that what a file holds is shown as text on every screen
// and in every report, never obeyed as a terminal command. Text typed into
// ttx was cleaned before it was journaled, and comes through unchanged;
// the file itself keeps every byte, and its hash chain is over those.
var esc = text.Escape

func (s *State) step(e Event, f *folding) {
	s.Seq, s.LastAt, s.LastT = e.Seq, e.At, e.T
	pre, own := f.pre, Prepared{}
	if pre == nil || !pre.ok {
		pre = &own
		Prepare(&e, pre, f.names)
	}
	e.Type, e.By = pre.typ, pre.by
	if SharedType(e.Type) {
		s.Shared = e.Seq
	}
	if s.Scenario == nil && e.Type != SessionOpened {
		s.Anomalies = append(s.Anomalies, fmt.Sprintf("event %d (%s) came before session.opened", e.Seq, e.Type))
		return
	}
	var err error
	switch e.Type {
	case SessionOpened:
		err = applyOpened(s, e)
	case SessionClosed:
		s.Closed = true
		s.Clock = s.Clock.Jump(e.At, e.T).Pause(e.At)
	case SessionResumed:
		s.Resumes++
		s.Clock = s.Clock.Jump(e.At, e.T).Pause(e.At)
		s.Seats = nil // the seats of the stopped run are gone
	case ClockStarted, ClockSpeed:
		var d ClockChange
		if err = e.Decode(&d); err == nil {
			s.Clock = s.Clock.Jump(e.At, e.T)
			if d.Speed > 0 {
				s.Clock = s.Clock.SetSpeed(e.At, d.Speed)
			}
			if e.Type == ClockStarted {
				s.Clock = s.Clock.Start(e.At)
			}
		}
	case ClockPaused:
		s.Clock = s.Clock.Jump(e.At, e.T).Pause(e.At)
	case ClockJumped:
		var d ClockChange
		if err = e.Decode(&d); err == nil {
			s.Clock = s.Clock.Jump(e.At, time.Duration(d.To)*time.Millisecond)
		}
	case InjectReleased, InjectSkipped, InjectDelayed, InjectHeld, InjectUnheld:
		err = applyInject(s, e, f)
	case BranchChosen:
		var d BranchChoice
		if err = e.Decode(&d); err == nil {
			if b := s.Scenario.Branch(d.Branch); b == nil || b.Option(d.Option) == nil {
				err = fmt.Errorf("unknown branch option %s.%s", d.Branch, d.Option)
			} else {
				s.Choices = maps.Clone(s.Choices)
				if s.Choices == nil {
					s.Choices = map[string]string{}
				}
				s.Choices[d.Branch] = d.Option
			}
		}
	case DecisionRecorded, RequestRecorded:
		switch err = pre.err; {
		case err != nil:
		case e.Type == RequestRecorded:
			s.Requests = append(s.Requests, pre.en)
		case f.decision != nil:
			f.decision(pre.en)
		default:
			s.Decisions = s.Decisions.Append(pre.en)
		}
	case RequestAnswered:
		var d Answer
		if err = e.Decode(&d); err == nil {
			s.Replies = append(s.Replies, Reply{Request: d.Request, Seq: e.Seq, T: e.T, By: e.By, Text: esc(d.Text), As: esc(d.As)})
		}
	case NoteRecorded:
		var d Note
		if err = e.Decode(&d); err == nil {
			en := entry(e)
			en.Text, en.Inject, en.Team = esc(d.Text), esc(d.Inject), esc(d.Team)
			s.Notes = append(s.Notes, en)
		}
	case ObservationRecorded:
		var d Observation
		if err = e.Decode(&d); err == nil {
			en := entry(e)
			en.Objective, en.Rating, en.Text, en.Inject = esc(d.Objective), esc(d.Rating), esc(d.Text), esc(d.Inject)
			en.Target, en.Task, en.Finding = esc(d.Target), esc(d.Task), esc(d.Finding)
			s.Observations = append(s.Observations, en)
		}
	case DecisionAmended, DecisionStruck:
		var d Correction
		if err = e.Decode(&d); err == nil {
			s.Fixes = append(s.Fixes, Fix{Seq: e.Seq, At: e.At, T: e.T, By: e.By, Struck: e.Type == DecisionStruck, Of: d.Seq,
				Text: esc(d.Text), Rationale: esc(d.Rationale), Stage: esc(d.Stage), Reason: esc(d.Reason)})
		}
	case ParticipantJoined, ParticipantLeft:
		var d Participant
		if err = e.Decode(&d); err == nil {
			d.Name = esc(d.Name)
			seats := make(map[string]int, len(s.Seats)+1)
			maps.Copy(seats, s.Seats)
			if e.Type == ParticipantJoined {
				seats[d.Name]++
			} else if seats[d.Name] > 0 {
				seats[d.Name]--
			}
			if seats[d.Name] == 0 {
				delete(seats, d.Name)
			}
			s.Seats = seats
			if e.Type == ParticipantLeft {
				s.Left = maps.Clone(s.Left)
				if s.Left == nil {
					s.Left = map[string]int64{}
				}
				s.Left[d.Name] = e.Seq
			}
		}
	case RosterAdded:
		var d RosterEntry
		if err = e.Decode(&d); err == nil {
			text.EscapeAll(&d)
			code := d.Code
			if code == "" {
				code = d.CodeHash
			}
			s.Roster = append(s.Roster, Person{Name: d.Name, Team: d.Team, Role: d.Role, Keys: d.Keys, CodeHash: code, Plays: d.Plays})
		}
	case RosterCodeIssued:
		var d RosterCode
		if err = e.Decode(&d); err == nil {
			text.EscapeAll(&d)
			err = s.newCode(d)
		}
	case AccessRefused:
		var d Refusal
		if err = e.Decode(&d); err == nil {
			s.Refusals += d.Attempts()
		}
	case RequestClaimed, RequestUnclaimed, InjectCreated, LeadHanded:
		err = applyCell(s, e)
	case InputPaused, InputResumed:
		s.InputPaused = e.Type == InputPaused
	case BroadcastSent:
		var d Broadcast
		if err = e.Decode(&d); err == nil {
			en := entry(e)
			en.Text = esc(d.Text)
			s.Broadcasts = append(s.Broadcasts, en)
		}
	default:
		if !text.IsSafe(string(e.Data)) {
			e.Data = []byte(esc(string(e.Data)))
		}
		s.Unknown = append(s.Unknown, e)
	}
	if err != nil {
		s.Anomalies = append(s.Anomalies, esc(fmt.Sprintf("event %d (%s): %v", e.Seq, e.Type, err)))
	}
}

// SharedType reports whether an event of type typ may be shown to any seat.
// The others are kept: decisions, requests for information and their
// answers to the team and the controllers (decisions to observers too);
// notes, observations, seats opened and closed, roster additions and
// join codes, refused connections, claims of requests, live injects (until their
// release) and the lead's hand-over to the controllers. A type not named here, one
// this version does not know included, is shared: a view that redraws
// for it shows nothing stale.
func SharedType(typ string) bool {
	switch typ {
	case DecisionRecorded, RequestRecorded, RequestAnswered,
		NoteRecorded, ObservationRecorded, DecisionAmended, DecisionStruck,
		ParticipantJoined, ParticipantLeft, RosterAdded, RosterCodeIssued, AccessRefused,
		RequestClaimed, RequestUnclaimed, InjectCreated, LeadHanded:
		return false
	}
	return true
}

// newCode gives the person d names the join code d holds. The roster is
// copied, not changed: earlier snapshots share it.
func (s *State) newCode(d RosterCode) error {
	i := slices.IndexFunc(s.Roster, func(p Person) bool { return p.Name == d.Name })
	if i < 0 {
		return fmt.Errorf("%q is not on the roster", d.Name)
	}
	if d.Code == "" {
		return errors.New("no join code")
	}
	s.Roster = slices.Clone(s.Roster)
	s.Roster[i].CodeHash = d.Code
	return nil
}

func entry(e Event) Entry {
	return Entry{Seq: e.Seq, At: e.At, T: e.T, By: e.By, Kind: e.Type, SaidT: e.T}
}

func applyOpened(s *State, e Event) error {
	if s.Scenario != nil {
		return fmt.Errorf("a second session.opened")
	}
	var d Opened
	if err := e.Decode(&d); err != nil {
		return err
	}
	sc, err := scenario.FromJSON(d.Scenario)
	if err != nil {
		return err
	}
	// FromJSON has escaped the scenario's text; its ids are letters,
	// digits, - and _ (Validate holds them to it), never escaped.
	s.Scenario, s.Source, s.Auto = sc, esc(d.Source), d.Auto
	for _, p := range sc.Roster {
		s.Roster = append(s.Roster, Person{Name: p.Name, Team: p.Team, Role: p.Role, Keys: p.Keys, CodeHash: joincode.Stored(p.Code),
			Lead: p.Lead, Teams: p.Teams, Injects: p.Injects, Plays: p.Plays})
	}
	s.Opened, s.OpenedBy = e.At, e.By
	s.Injects = NewInjects(len(sc.Injects))
	s.Clock = s.Clock.Jump(e.At, e.T)
	return nil
}

func applyInject(s *State, e Event, f *folding) error {
	var d InjectChange
	if err := e.Decode(&d); err != nil {
		return err
	}
	i := s.Scenario.InjectIndex(d.Inject)
	if i < 0 {
		return fmt.Errorf("unknown inject %q", d.Inject)
	}
	is := s.Injects.At(i)
	switch e.Type {
	case InjectReleased:
		is.Released, is.Held, is.ReleasedT, is.ReleasedAt, is.ReleasedBy, is.Auto = true, false, e.T, e.At, e.By, d.Auto
		is.ReleasedSeq = e.Seq
	case InjectSkipped:
		is.Skipped, is.Reason = true, esc(d.Reason)
	case InjectDelayed:
		is.Delay += time.Duration(d.DelayMS) * time.Millisecond
	case InjectHeld:
		is.Held, is.Reason = true, esc(d.Reason)
	case InjectUnheld:
		is.Held, is.Reason = false, ""
	}
	s.Injects = s.Injects.WithOwned(i, is, f.owned)
	return nil
}
