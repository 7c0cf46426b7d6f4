package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"ttx/exercise/session/internal/rules"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// SystemSSH is who journals refused connections.
var SystemSSH = Actor{Role: "system", Name: "ssh"}

// ErrInputPaused is returned for a participant's submission while the
// facilitator has paused input.
var ErrInputPaused = rules.ErrInputPaused

// Join records that a person on the roster opened a seat.
type Join struct{ Remote, How string }

// Leave records that a seat closed.
type Leave struct{ Remote string }

// NewJoinCode gives someone on the roster a new join code in place of the
// one they had, if any, which then lets no one in: for a person who lost
// theirs, or whose code others may have seen. The SSH server closes the
// seats that came in with the old code (ui/seat/sshd).
type NewJoinCode struct {
	Name, Code string
	// Salt is as AddPerson's.
	Salt []byte
}

// RefuseAccess records a connection that was turned away.
type RefuseAccess struct{ User, Remote, Key, Reason string }

// AddPerson adds someone to the roster during the session: a
// participant, evaluator or observer, or (the lead only) a controller, who
// runs the whole exercise (scope them in the roster file), or a SimCell
// member, who plays the simulated organisations Plays names.
type AddPerson struct {
	Name, Team, Role string
	Keys             []string
	Code             string
	Plays            []string
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

func (c Join) event(s *event.State, a Actor) (string, any, error) {
	p, err := rules.OnRoster(s, a)
	if err != nil {
		return "", nil, err
	}
	return event.ParticipantJoined, event.Participant{Name: p.Name, Team: p.Team, Role: p.Role, Remote: c.Remote, How: c.How}, nil
}

func (c Leave) event(s *event.State, a Actor) (string, any, error) {
	p, err := rules.OnRoster(s, a)
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
	if _, err := rules.Control(s, a); err != nil {
		return "", nil, err
	}
	name, err := rules.FitLine("the name", c.Name, text.MaxName)
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
	case !slices.Contains([]string{scenario.RoleParticipant, scenario.RoleEvaluator, scenario.RoleObserver,
		scenario.RoleController, scenario.RoleSimCell}, c.Role):
		return "", nil, fmt.Errorf("role %q: choose participant, evaluator, observer, controller or simcell", c.Role)
	case c.Role == scenario.RoleParticipant && s.Scenario.Team(c.Team) == nil:
		return "", nil, fmt.Errorf("a participant needs a team")
	case c.Role == scenario.RoleSimCell && len(c.Plays) == 0:
		return "", nil, fmt.Errorf("a SimCell member plays at least one of the simulated organisations (%s)", rules.Orgs(s.Scenario))
	case c.Role != scenario.RoleSimCell && len(c.Plays) > 0:
		return "", nil, errors.New("only a SimCell member plays organisations")
	case c.Code == "" && len(c.Keys) == 0:
		return "", nil, errors.New("give a join code or an SSH key, or the person cannot join")
	}
	for _, o := range c.Plays {
		if s.Scenario.Org(o) == nil {
			return "", nil, fmt.Errorf("%q is not one of the simulated organisations (%s)", o, rules.Orgs(s.Scenario))
		}
	}
	if c.Role == scenario.RoleController || c.Role == scenario.RoleSimCell {
		// A member of the control cell acts for the cell: only the lead
		// lets someone in to it.
		if err := rules.LeadOnly(s, a, "adds a member of the control cell"); err != nil {
			return "", nil, err
		}
	}
	hash := ""
	if c.Code != "" {
		if hash, err = rules.FreshCode(s, c.Code, "", c.Salt); err != nil {
			return "", nil, err
		}
	}
	team := c.Team
	if c.Role != scenario.RoleParticipant {
		team = ""
	}
	return event.RosterAdded, event.RosterEntry{Name: name, Team: team, Role: c.Role, Keys: c.Keys, Code: hash, Plays: slices.Compact(slices.Sorted(slices.Values(c.Plays)))}, nil
}

func (c NewJoinCode) event(s *event.State, a Actor) (string, any, error) {
	if _, err := rules.Control(s, a); err != nil {
		return "", nil, err
	}
	p := s.Person(strings.TrimSpace(c.Name))
	if p == nil {
		return "", nil, fmt.Errorf("%q is not on the roster: choose someone who is, or add them (A)", c.Name)
	}
	if !slices.Contains([]string{scenario.RoleParticipant, scenario.RoleEvaluator, scenario.RoleObserver}, p.Role) {
		// Whoever knows a controller's code can sit as them: a
		// controller who could set another's could make themselves lead.
		if err := rules.LeadOnly(s, a, "gives a member of the control cell a new join code"); err != nil {
			return "", nil, err
		}
	}
	code := strings.TrimSpace(c.Code)
	if code == "" {
		return "", nil, errors.New("give the new join code")
	}
	hash, err := rules.FreshCode(s, code, p.Name, c.Salt)
	if err != nil {
		return "", nil, err
	}
	return event.RosterCodeIssued, event.RosterCode{Name: p.Name, Code: hash}, nil
}

func (PauseInput) event(s *event.State, a Actor) (string, any, error) {
	if _, err := rules.Control(s, a); err != nil {
		return "", nil, err
	}
	if s.InputPaused {
		return "", nil, errors.New("input is already paused")
	}
	return event.InputPaused, struct{}{}, nil
}

func (ResumeInput) event(s *event.State, a Actor) (string, any, error) {
	if _, err := rules.Control(s, a); err != nil {
		return "", nil, err
	}
	if !s.InputPaused {
		return "", nil, errors.New("input is not paused")
	}
	return event.InputResumed, struct{}{}, nil
}

func (c Broadcast) event(s *event.State, a Actor) (string, any, error) {
	if _, err := rules.Control(s, a); err != nil {
		return "", nil, err
	}
	body, err := rules.Fit("the message", c.Text, text.MaxText)
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
		if _, err := rules.OnRoster(s, a); err != nil {
			return "", nil, err
		}
	default:
		return "", nil, fmt.Errorf("%w: observations are for evaluators and controllers", ErrForbidden)
	}
	o := s.Scenario.Objective(c.Objective)
	if o == nil {
		return "", nil, fmt.Errorf("there is no objective %q", c.Objective)
	}
	if err := rules.Guide(o, c.Target, c.Task, c.Finding); err != nil {
		return "", nil, err
	}
	if c.Rating != "" && !slices.Contains(Ratings, c.Rating) {
		return "", nil, fmt.Errorf("rating %q: use P, S, M or U", c.Rating)
	}
	if c.Inject != "" && s.Scenario.Inject(c.Inject) == nil {
		return "", nil, fmt.Errorf("there is no inject %q", c.Inject)
	}
	body, err := rules.Fit("the observation", c.Text, text.MaxText)
	if err != nil {
		return "", nil, err
	}
	if body == "" {
		return "", nil, errors.New("the observation is empty")
	}
	return event.ObservationRecorded, event.Observation{Objective: c.Objective, Rating: c.Rating, Text: body, Inject: c.Inject,
		Target: c.Target, Task: c.Task, Finding: c.Finding}, nil
}
