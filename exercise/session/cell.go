package session

import (
	"errors"
	"fmt"
	"strings"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session/internal/cell"
)

// HandLead hands the lead to the controller (or console) named To.
type HandLead struct{ To string }

// Forbidden returns why actor a may not send c at state s (an error that
// is ErrForbidden), or nil: a view asks before it opens a form for c.
func Forbidden(s *event.State, a Actor, c Command) error {
	if _, _, err := c.event(s, a); errors.Is(err, ErrForbidden) {
		return err
	}
	return nil
}

// ClaimRequest takes a request for information (its seq) to answer.
type ClaimRequest struct{ Request int64 }

// UnclaimRequest gives a claimed request back, unanswered.
type UnclaimRequest struct{ Request int64 }

// SendInject writes a live inject and releases it at once to the teams
// To, from the simulated organisation As (a SimCell member's own).
type SendInject struct {
	As, Title, Body, Channel string
	To                       []string
}

// control checks that a may run the exercise; their scope is their roster entry (nil: the console).
func control(s *event.State, a Actor) (*event.Person, error) {
	switch a.Role {
	case scenario.RoleFacilitator:
		return nil, nil
	case scenario.RoleController:
		return onRoster(s, a)
	}
	return nil, fmt.Errorf("%w: only controllers run the exercise", ErrForbidden)
}

// leadOnly checks that a is the lead; what says what only the lead does.
func leadOnly(s *event.State, a Actor, what string) error {
	if _, err := control(s, a); err != nil {
		return err
	}
	if !s.IsLead(a.By()) {
		return fmt.Errorf("%w: only the lead (%s) %s; ask them, or ask them to hand you the lead", ErrForbidden, strings.Join(s.Leads(), ", "), what)
	}
	return nil
}

// requestFor returns the open request seq that a may claim, give back or
// answer (verb): a controller any, the SimCell their organisations'.
func requestFor(s *event.State, a Actor, seq int64, verb string) (*event.Entry, error) {
	r := s.Recorded(seq)
	if r == nil || r.Kind != event.RequestRecorded {
		return nil, fmt.Errorf("there is no request %d", seq)
	}
	switch a.Role {
	case scenario.RoleFacilitator, scenario.RoleController:
		if _, err := control(s, a); err != nil {
			return nil, err
		}
	case scenario.RoleSimCell:
		p, err := onRoster(s, a)
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

func (c HandLead) event(s *event.State, a Actor) (string, any, error) {
	if err := leadOnly(s, a, "hands the lead over"); err != nil {
		return "", nil, err
	}
	to := cell.Controller(s, c.To)
	switch {
	case to == "":
		return "", nil, fmt.Errorf("%q is not a controller on the roster; hand the lead to a controller", c.To)
	case to == a.By() && s.Lead == a.By():
		return "", nil, errors.New("you already hold the lead")
	}
	return event.LeadHanded, event.Handed{To: to}, nil
}

func (c ClaimRequest) event(s *event.State, a Actor) (string, any, error) {
	if _, err := requestFor(s, a, c.Request, "claim"); err != nil {
		return "", nil, err
	}
	if h, held := s.ClaimOf(c.Request); held {
		if h.By == a.By() {
			return "", nil, fmt.Errorf("you already hold request %d", c.Request)
		}
		return "", nil, fmt.Errorf("%s already holds request %d", h.By, c.Request)
	}
	return event.RequestClaimed, event.RequestClaim{Request: c.Request}, nil
}

func (c UnclaimRequest) event(s *event.State, a Actor) (string, any, error) {
	if _, err := requestFor(s, a, c.Request, "give back"); err != nil {
		return "", nil, err
	}
	h, held := s.ClaimOf(c.Request)
	switch {
	case !held:
		return "", nil, fmt.Errorf("no one holds request %d", c.Request)
	case h.By != a.By() && !s.IsLead(a.By()):
		return "", nil, fmt.Errorf("%w: %s holds request %d; they or the lead give it back", ErrForbidden, h.By, c.Request)
	}
	return event.RequestUnclaimed, event.RequestClaim{Request: c.Request}, nil
}

func (c SendInject) event(s *event.State, a Actor) (string, any, error) {
	p, err := control(s, a)
	if a.Role == scenario.RoleSimCell {
		p, err = onRoster(s, a)
	}
	if err != nil {
		return "", nil, err
	}
	if err := cell.MayPlay(s, a.Role, a.Name, c.As); err != nil {
		return "", nil, err
	}
	if len(c.To) == 0 {
		return "", nil, errors.New("choose the teams the inject goes to")
	}
	if a.Role == scenario.RoleController && p.Scoped() && !cell.TeamsInScope(s, p, c.To) {
		return "", nil, fmt.Errorf("%w: an inject to %s is outside your scope (%s)", ErrForbidden, strings.Join(c.To, ", "), cell.ScopeText(p))
	}
	in, err := cell.Live(s, c.As, c.Title, c.Body, c.Channel, c.To)
	if err != nil {
		return "", nil, err
	}
	return event.InjectCreated, event.Created{Inject: in, As: c.As}, nil
}
