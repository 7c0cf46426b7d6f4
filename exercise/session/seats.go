package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"ttx/exercise/access"
	"ttx/exercise/event"
	"ttx/exercise/joincode"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// SystemSSH is who journals refused connections.
var SystemSSH = Actor{Role: "system", Name: "ssh"}

// ErrInputPaused is returned for a participant's submission while the
// facilitator holds input.
var ErrInputPaused = errors.New("the facilitator has paused input for a moment; keep your text and try again shortly")

// Join records that a person on the roster opened a seat.
type Join struct{ Remote, How string }

// Leave records that a seat closed.
type Leave struct{ Remote string }

// RefuseAccess records a connection that was turned away.
type RefuseAccess struct{ User, Remote, Key, Reason string }

// AddPerson adds someone to the roster during the session.
type AddPerson struct {
	Name, Team, Role string
	Keys             []string
	Code             string
	// Salt hashes the join code when no code on the roster is hashed
	// yet; a fresh one is drawn when it is nil. A cluster draws it once,
	// where the command is given, so that every node hashes alike.
	Salt []byte
}

// PauseInput holds participants' submissions until ResumeInput.
type PauseInput struct{}

// ResumeInput lets participants submit again.
type ResumeInput struct{}

// Broadcast sends a message to every seat.
type Broadcast struct{ Text string }

// RecordObservation records an evaluator's observation against an
// objective, with an HSEEP rating (P, S, M or U) or none; Target and Task
// name the capability target and critical task of the objective's
// Exercise Evaluation Guide it rates (optional), and Finding whether it is
// a strength or an area for improvement (event.Strength,
// event.Improvement; empty: read from the rating).
type RecordObservation struct {
	Objective, Rating, Text, Inject string
	Target, Task, Finding           string
}

// onRoster checks that a seat's actor is who the roster says.
func onRoster(s *event.State, a Actor) (*event.Person, error) {
	p := s.Person(a.Name)
	if p == nil || p.Role != a.Role || p.Team != a.Team {
		return nil, fmt.Errorf("%w: %q is not on the roster as %s", ErrForbidden, a.Name, a.Role)
	}
	return p, nil
}

func (c Join) event(s *event.State, a Actor) (string, any, error) {
	p, err := onRoster(s, a)
	if err != nil {
		return "", nil, err
	}
	return event.ParticipantJoined, event.Participant{Name: p.Name, Team: p.Team, Role: p.Role, Remote: c.Remote, How: c.How}, nil
}

func (c Leave) event(s *event.State, a Actor) (string, any, error) {
	p, err := onRoster(s, a)
	if err != nil {
		return "", nil, err
	}
	return event.ParticipantLeft, event.Participant{Name: p.Name, Team: p.Team, Role: p.Role, Remote: c.Remote}, nil
}

func (c RefuseAccess) event(_ *event.State, a Actor) (string, any, error) {
	if a != SystemSSH {
		return "", nil, fmt.Errorf("%w: only the server records refusals", ErrForbidden)
	}
	return event.AccessRefused, event.Refusal{User: text.Line(c.User, text.MaxName), Remote: c.Remote, Key: c.Key,
		Reason: text.Line(c.Reason, text.MaxName)}, nil
}

func (c AddPerson) event(s *event.State, a Actor) (string, any, error) {
	if _, err := control(s, a); err != nil {
		return "", nil, err
	}
	name, err := fitLine("the name", c.Name, text.MaxName)
	if err != nil {
		return "", nil, err
	}
	switch {
	case name == "":
		return "", nil, errors.New("give the person's name")
	case strings.Contains(name, ":"):
		return "", nil, errors.New("a name cannot contain ':'")
	case s.Person(name) != nil:
		return "", nil, fmt.Errorf("%q is already on the roster", name)
	case !slices.Contains([]string{scenario.RoleParticipant, scenario.RoleEvaluator, scenario.RoleObserver}, c.Role):
		return "", nil, fmt.Errorf("role %q: choose participant, evaluator or observer", c.Role)
	case c.Role == scenario.RoleParticipant && s.Scenario.Team(c.Team) == nil:
		return "", nil, fmt.Errorf("a participant needs a team")
	case c.Code == "" && len(c.Keys) == 0:
		return "", nil, errors.New("give a join code or an SSH key, or the person cannot join")
	}
	if c.Code != "" {
		if err := joincode.Check(c.Code); err != nil {
			return "", nil, fmt.Errorf("the join code is too easy to guess: %w", err)
		}
	}
	team := c.Team
	if c.Role != scenario.RoleParticipant {
		team = ""
	}
	hash := ""
	if c.Code != "" {
		if p := access.ByCode(s.Roster, c.Code); p != nil {
			return "", nil, fmt.Errorf("%q already has that join code", p.Name)
		}
		hash = joincode.Hash(c.Code, sessionSalt(s.Roster, c.Salt))
	}
	return event.RosterAdded, event.RosterEntry{Name: name, Team: team, Role: c.Role, Keys: c.Keys, Code: hash}, nil
}

// sessionSalt is the salt the session's join codes are hashed with, so
// that a typed code is checked with one hash: the salt of the first
// argon2id code on the roster, or else fresh (a fresh one when that is
// nil) when there is none yet.
func sessionSalt(roster []event.Person, fresh []byte) []byte {
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

func (PauseInput) event(s *event.State, a Actor) (string, any, error) {
	if _, err := control(s, a); err != nil {
		return "", nil, err
	}
	if s.InputPaused {
		return "", nil, errors.New("input is already paused")
	}
	return event.InputPaused, struct{}{}, nil
}

func (ResumeInput) event(s *event.State, a Actor) (string, any, error) {
	if _, err := control(s, a); err != nil {
		return "", nil, err
	}
	if !s.InputPaused {
		return "", nil, errors.New("input is not paused")
	}
	return event.InputResumed, struct{}{}, nil
}

func (c Broadcast) event(s *event.State, a Actor) (string, any, error) {
	if _, err := control(s, a); err != nil {
		return "", nil, err
	}
	body, err := fit("the message", c.Text, text.MaxText)
	if err != nil {
		return "", nil, err
	}
	if body == "" {
		return "", nil, errors.New("the message is empty")
	}
	return event.BroadcastSent, event.Broadcast{Text: body}, nil
}

// Ratings are the HSEEP performance ratings an observation may carry.
var Ratings = []string{"P", "S", "M", "U"}

func (c RecordObservation) event(s *event.State, a Actor) (string, any, error) {
	switch a.Role {
	case scenario.RoleFacilitator:
	case scenario.RoleEvaluator, scenario.RoleController:
		if _, err := onRoster(s, a); err != nil {
			return "", nil, err
		}
	default:
		return "", nil, fmt.Errorf("%w: observations are for evaluators and controllers", ErrForbidden)
	}
	o := s.Scenario.Objective(c.Objective)
	if o == nil {
		return "", nil, fmt.Errorf("there is no objective %q", c.Objective)
	}
	if err := c.guide(o); err != nil {
		return "", nil, err
	}
	if c.Rating != "" && !slices.Contains(Ratings, c.Rating) {
		return "", nil, fmt.Errorf("rating %q: use P, S, M or U", c.Rating)
	}
	if c.Inject != "" && s.Scenario.Inject(c.Inject) == nil {
		return "", nil, fmt.Errorf("there is no inject %q", c.Inject)
	}
	body, err := fit("the observation", c.Text, text.MaxText)
	if err != nil {
		return "", nil, err
	}
	if body == "" {
		return "", nil, errors.New("the observation is empty")
	}
	return event.ObservationRecorded, event.Observation{Objective: c.Objective, Rating: c.Rating, Text: body, Inject: c.Inject,
		Target: c.Target, Task: c.Task, Finding: c.Finding}, nil
}

// guide checks the observation's target, task and finding against the
// objective's evaluation guide.
func (c RecordObservation) guide(o *scenario.Objective) error {
	switch c.Finding {
	case "", event.Strength, event.Improvement:
	default:
		return fmt.Errorf("finding %q: use %s or %s", c.Finding, event.Strength, event.Improvement)
	}
	if c.Target == "" {
		if c.Task != "" {
			return fmt.Errorf("critical task %q: name its capability target too", c.Task)
		}
		return nil
	}
	t := o.Target(c.Target)
	if t == nil {
		ids := make([]string, len(o.Targets))
		for i, t := range o.Targets {
			ids[i] = t.ID
		}
		if len(ids) == 0 {
			return fmt.Errorf("objective %s has no capability targets; rate the objective itself", o.ID)
		}
		return fmt.Errorf("objective %s has no capability target %q; use one of %s", o.ID, c.Target, strings.Join(ids, ", "))
	}
	if c.Task != "" && t.Task(c.Task) == nil {
		return fmt.Errorf("capability target %s has no critical task %q", t.ID, c.Task)
	}
	return nil
}
