// Package rules is who may do what in a session: the checks behind its
// commands (a participant records for their own team, a controller acts
// in their scope, only an entry's author or a facilitator corrects it) and
// the cleaning of what they carry (lengths, stages, said-at times). The
// commands themselves, and the events they make, are package session's.
package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"ttx/exercise/access"
	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/joincode"
	"ttx/exercise/scenario"
	"ttx/exercise/session/internal/cell"
	"ttx/exercise/text"
)

// Actor is who sends a command. Role and team come from the roster or the
// command line, never from what a person types.
type Actor struct {
	Role string
	Name string
	Team string
}

// By is the actor as journaled: "role:name".
func (a Actor) By() string { return a.Role + ":" + a.Name }

// ErrForbidden is returned when an actor's role does not allow a command.
var ErrForbidden = cell.ErrForbidden

// ErrInputPaused is returned for a participant's submission while the
// facilitator holds input.
var ErrInputPaused = errors.New("the facilitator has paused input for a moment; keep your text and try again shortly")

// Control checks that a may run the exercise; their scope is their roster entry (nil: the console).
func Control(s *event.State, a Actor) (*event.Person, error) {
	switch a.Role {
	case scenario.RoleFacilitator:
		return nil, nil
	case scenario.RoleController:
		return OnRoster(s, a)
	}
	return nil, fmt.Errorf("%w: only controllers run the exercise", ErrForbidden)
}

// LeadOnly checks that a is the lead; what says what only the lead does.
func LeadOnly(s *event.State, a Actor, what string) error {
	if _, err := Control(s, a); err != nil {
		return err
	}
	if !s.IsLead(a.By()) {
		return fmt.Errorf("%w: only the lead (%s) %s; ask them, or ask them to hand you the lead", ErrForbidden, strings.Join(s.Leads(), ", "), what)
	}
	return nil
}

// RequestFor returns the open request seq that a may claim, give back or
// answer (verb): a controller any, the SimCell their organisations'.
func RequestFor(s *event.State, a Actor, seq int64, verb string) (*event.Entry, error) {
	r := s.Recorded(seq)
	if r == nil || r.Kind != event.RequestRecorded {
		return nil, fmt.Errorf("there is no request %d", seq)
	}
	switch a.Role {
	case scenario.RoleFacilitator, scenario.RoleController:
		if _, err := Control(s, a); err != nil {
			return nil, err
		}
	case scenario.RoleSimCell:
		p, err := OnRoster(s, a)
		if err != nil {
			return nil, err
		}
		if err := cell.Plays(p, r, verb); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%w: the control cell answers requests for information", ErrForbidden)
	}
	if _, done := s.AnswerTo(seq); done {
		return nil, fmt.Errorf("request %d was already answered", seq)
	}
	return r, nil
}

// InjectFor finds an inject the controller may still act on: one in
// their scope, or any for the lead.
func InjectFor(s *event.State, a Actor, id string) (*event.InjectState, error) {
	p, err := Control(s, a)
	if err != nil {
		return nil, err
	}
	i := s.Scenario.InjectIndex(id)
	if i < 0 {
		return nil, fmt.Errorf("there is no inject %q", id)
	}
	if err := cell.InScope(s, p, i); err != nil && !s.IsLead(a.By()) {
		return nil, err
	}
	is := s.Injects.At(i)
	if is.Released {
		return nil, fmt.Errorf("%s was already released at %s", id, clock.Format(is.ReleasedT))
	}
	return &is, nil
}

// Fit is text.Fit, naming what was refused: a text too long for the
// record is refused whole, never journaled cut short.
func Fit(what, s string, max int) (string, error) {
	c, err := text.Fit(s, max)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	return c, nil
}

// FitLine is text.FitLine, naming what was refused.
func FitLine(what, s string, max int) (string, error) {
	c, err := text.FitLine(s, max)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	return c, nil
}

// Said checks a decision or request and returns its cleaned payload.
func Said(s *event.State, a Actor, team, who, body, inject string) (event.Said, error) {
	switch a.Role {
	case scenario.RoleFacilitator, scenario.RoleController:
		if _, err := Control(s, a); err != nil {
			return event.Said{}, err
		}
	case scenario.RoleParticipant:
		if team != a.Team {
			return event.Said{}, fmt.Errorf("%w: you may record only for your own team (%s)", ErrForbidden, a.Team)
		}
		if len(s.Roster) > 0 {
			if _, err := OnRoster(s, a); err != nil {
				return event.Said{}, err
			}
		}
		if s.InputPaused {
			return event.Said{}, ErrInputPaused
		}
	default:
		return event.Said{}, fmt.Errorf("%w: a %s does not record decisions", ErrForbidden, a.Role)
	}
	if s.Scenario.Team(team) == nil {
		return event.Said{}, fmt.Errorf("there is no team %q", team)
	}
	if inject != "" && s.Scenario.Inject(inject) == nil {
		return event.Said{}, fmt.Errorf("there is no inject %q", inject)
	}
	who, err := FitLine("who", who, text.MaxName)
	if err != nil {
		return event.Said{}, err
	}
	if body, err = Fit("the text", body, text.MaxText); err != nil {
		return event.Said{}, err
	}
	d := event.Said{Team: team, Who: who, Text: body, Inject: inject}
	if d.Text == "" {
		return event.Said{}, errors.New("the text is empty; write what was said")
	}
	return d, nil
}

// SaidT is a said-at time as journaled, in milliseconds.
func SaidT(at *time.Duration) (*int64, error) {
	if at == nil {
		return nil, nil
	}
	if *at < 0 {
		return nil, errors.New("said at a time before the exercise started")
	}
	ms := at.Milliseconds()
	return &ms, nil
}

// Stage checks a Joint Decision Model stage id.
func Stage(id string) (string, error) {
	if id == "" || slices.ContainsFunc(event.Stages, func(s event.Stage) bool { return s.ID == id }) {
		return id, nil
	}
	ids := make([]string, len(event.Stages))
	for i, s := range event.Stages {
		ids[i] = s.ID
	}
	return "", fmt.Errorf("stage %q is not a stage of the Joint Decision Model; use one of %s", id, strings.Join(ids, ", "))
}

// Correctable returns the entry the event seq recorded, if a may correct
// it: a facilitator any entry; a participant or evaluator only what they
// entered themselves, while their input is open.
func Correctable(s *event.State, a Actor, seq int64) (*event.Entry, error) {
	e := s.Recorded(seq)
	if e == nil {
		return nil, fmt.Errorf("there is no entry %d to correct; give the number of a decision, action, request, note or observation", seq)
	}
	switch a.Role {
	case scenario.RoleFacilitator:
	case scenario.RoleController:
		if _, err := Control(s, a); err != nil {
			return nil, err
		}
	case scenario.RoleParticipant, scenario.RoleEvaluator:
		if e.By != a.By() {
			return nil, fmt.Errorf("%w: you may correct only what you entered; ask the facilitator to correct entry %d", ErrForbidden, seq)
		}
		if len(s.Roster) > 0 {
			if _, err := OnRoster(s, a); err != nil {
				return nil, err
			}
		}
		if a.Role == scenario.RoleParticipant && s.InputPaused {
			return nil, ErrInputPaused
		}
	default:
		return nil, fmt.Errorf("%w: a %s does not correct the record", ErrForbidden, a.Role)
	}
	if _, struck := event.Corrected(*e, s.FixesOf(seq)); struck != nil {
		return nil, fmt.Errorf("entry %d was struck through at %s; it cannot be changed now", seq, scenario.FormatOffset(struck.T))
	}
	return e, nil
}

// Reason checks the reason a correction gives.
func Reason(r string) (string, error) {
	r, err := FitLine("the reason", r, text.MaxText)
	if err != nil {
		return "", err
	}
	if r == "" {
		return "", errors.New("say why it is corrected: the reason is part of the record")
	}
	return r, nil
}

// OnRoster checks that a seat's actor is who the roster says.
func OnRoster(s *event.State, a Actor) (*event.Person, error) {
	p := s.Person(a.Name)
	if p == nil || p.Role != a.Role || p.Team != a.Team {
		return nil, fmt.Errorf("%w: %q is not on the roster as %s", ErrForbidden, a.Name, a.Role)
	}
	return p, nil
}

// Salt is the salt the session's join codes are hashed with, so
// that a typed code is checked with one hash: the salt of the first
// argon2id code on the roster, or else fresh (a fresh one when that is
// nil) when there is none yet.
func Salt(roster []event.Person, fresh []byte) []byte {
	for _, p := range roster {
		if salt := joincode.Salt(p.CodeHash); salt != nil {
			return salt
		}
	}
	if fresh != nil {
		return fresh
	}
	return joincode.NewSalt()
}

// FreshCode checks a new join code for the person named self ("" for
// someone not on the roster yet): hard enough to guess, and nobody's
// already. It returns the code's hash, with the session's salt (or fresh).
func FreshCode(s *event.State, code, self string, fresh []byte) (string, error) {
	if err := joincode.Check(code); err != nil {
		return "", fmt.Errorf("the join code is too easy to guess: %w", err)
	}
	switch other := access.ByCode(s.Roster, code); {
	case other == nil:
		return joincode.Hash(code, Salt(s.Roster, fresh)), nil
	case other.Name == self:
		return "", fmt.Errorf("that is already %s's join code: give a new one", self)
	default:
		return "", fmt.Errorf("%q already has that join code", other.Name)
	}
}

// Guide checks an observation's target, task and finding against the
// objective's evaluation guide.
func Guide(o *scenario.Objective, target, task, finding string) error {
	switch finding {
	case "", event.Strength, event.Improvement:
	default:
		return fmt.Errorf("finding %q: use %s or %s", finding, event.Strength, event.Improvement)
	}
	if target == "" {
		if task != "" {
			return fmt.Errorf("critical task %q: name its capability target too", task)
		}
		return nil
	}
	t := o.Target(target)
	if t == nil {
		ids := make([]string, len(o.Targets))
		for i, t := range o.Targets {
			ids[i] = t.ID
		}
		if len(ids) == 0 {
			return fmt.Errorf("objective %s has no capability targets; rate the objective itself", o.ID)
		}
		return fmt.Errorf("objective %s has no capability target %q; use one of %s", o.ID, target, strings.Join(ids, ", "))
	}
	if task != "" && t.Task(task) == nil {
		return fmt.Errorf("capability target %s has no critical task %q", t.ID, task)
	}
	return nil
}

// Unknown is why a file with events of types this ttx does not know
// is not resumed: a newer ttx wrote them, and the session would go on as
// if they had not happened (a join code replaced would let its old holder
// in again). Reading the file (replay, report, verify) shows them as
// they are.
func Unknown(path string, unknown []event.Event) error {
	const most = 5 // named; a hostile file may have a million
	var types []string
	seen := map[string]bool{}
	for _, e := range unknown {
		if !seen[e.Type] {
			seen[e.Type] = true
			t := e.Type
			if r := []rune(t); len(r) > 60 {
				t = string(r[:60]) + "…"
			}
			types = append(types, t)
		}
	}
	named := strings.Join(types[:min(len(types), most)], ", ")
	if len(types) > most {
		named += fmt.Sprintf(" and %d more", len(types)-most)
	}
	return fmt.Errorf("%s holds %d event(s) of types this ttx does not know (%s; the first is event %d): a newer ttx wrote them, and resuming here would carry on without them. "+
		"Resume it with the ttx that wrote it; ttx replay, report and verify read it as it is", path, len(unknown), named, unknown[0].Seq)
}

// Orgs lists the scenario's simulated organisations by id, or says there
// are none.
func Orgs(sc *scenario.Scenario) string {
	if len(sc.Simulated) == 0 {
		return "the scenario has none: add them under simulated:"
	}
	ids := make([]string, len(sc.Simulated))
	for i, o := range sc.Simulated {
		ids[i] = o.ID
	}
	return strings.Join(ids, ", ")
}
