package session

import (
	"errors"
	"fmt"
	"strings"
	"ttx/exercise/session/internal/rules"

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

func (c HandLead) event(s *event.State, a Actor) (string, any, error) {
	if err := rules.LeadOnly(s, a, "hands the lead over"); err != nil {
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
	if _, err := rules.RequestFor(s, a, c.Request, "claim"); err != nil {
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
	if _, err := rules.RequestFor(s, a, c.Request, "give back"); err != nil {
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
	p, err := rules.Control(s, a)
	if a.Role == scenario.RoleSimCell {
		p, err = rules.OnRoster(s, a)
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
