package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// HandLead hands the lead to another controller: To is the name of a
// controller on the roster, or of the facilitator at the console.
type HandLead struct{ To string }

// ClaimRequest takes a request for information (the seq of its
// request.recorded event), so that the rest of the control cell sees who
// is answering it.
type ClaimRequest struct{ Request int64 }

// UnclaimRequest gives a claimed request back, unanswered.
type UnclaimRequest struct{ Request int64 }

// SendInject writes a live inject during play and releases it at once to
// the teams To (team ids or scenario.AllTeams): from the simulated
// organisation As (an id from the scenario's simulated:; a SimCell member
// must play it, a controller may leave it empty).
type SendInject struct {
	As, Title, Body, Channel string
	To                       []string
}

// control checks that a may run the exercise and returns their roster
// entry, which holds their scope: nil for the facilitator at the console,
// who is never scoped.
func control(s *event.State, a Actor) (*event.Person, error) {
	switch a.Role {
	case scenario.RoleFacilitator:
		return nil, nil
	case scenario.RoleController:
		return onRoster(s, a)
	}
	return nil, fmt.Errorf("%w: only controllers run the exercise", ErrForbidden)
}

// leadOnly checks that a is the lead controller; what says what only the
// lead does.
func leadOnly(s *event.State, a Actor, what string) error {
	if _, err := control(s, a); err != nil {
		return err
	}
	if !s.IsLead(a.By()) {
		return fmt.Errorf("%w: only the lead (%s) %s; ask them, or ask them to hand you the lead", ErrForbidden, strings.Join(s.Leads(), ", "), what)
	}
	return nil
}

// inScope checks that inject i is in the scope of controller p (nil: the
// console, unscoped): named in their injects, or sent only to their
// teams.
func inScope(s *event.State, p *event.Person, i int) error {
	if p == nil || !p.Scoped() {
		return nil
	}
	in := &s.Scenario.Injects[i]
	if slices.Contains(p.Injects, in.ID) || teamsInScope(s, p, in.To) {
		return nil
	}
	return fmt.Errorf("%w: %s (to %s) is outside your scope (%s); the lead or the controller for those teams acts on it",
		ErrForbidden, in.ID, in.To, scopeText(p))
}

// teamsInScope reports whether every team of to is one of p's teams.
func teamsInScope(s *event.State, p *event.Person, to scenario.Recipients) bool {
	if len(p.Teams) == 0 || len(to) == 0 {
		return false
	}
	for _, t := range to {
		if t == scenario.AllTeams {
			for _, team := range s.Scenario.Teams {
				if !slices.Contains(p.Teams, team.ID) {
					return false
				}
			}
		} else if !slices.Contains(p.Teams, t) {
			return false
		}
	}
	return true
}

func scopeText(p *event.Person) string {
	var parts []string
	if len(p.Teams) > 0 {
		parts = append(parts, "teams "+strings.Join(p.Teams, ", "))
	}
	if len(p.Injects) > 0 {
		parts = append(parts, "injects "+strings.Join(p.Injects, ", "))
	}
	return strings.Join(parts, "; ")
}

// orgList names the scenario's simulated organisations, for a message.
func orgList(s *event.State) string {
	if len(s.Scenario.Simulated) == 0 {
		return "none: the scenario lists no simulated: organisations"
	}
	ids := make([]string, len(s.Scenario.Simulated))
	for i, o := range s.Scenario.Simulated {
		ids[i] = o.ID
	}
	return strings.Join(ids, ", ")
}

// requestFor returns the open request seq that a may claim, give back or
// answer (verb): a controller any, a SimCell member those addressed to an
// organisation they play.
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
		if !slices.Contains(p.Plays, r.To) {
			to := "the control cell"
			if r.To != "" {
				to = r.To
			}
			return nil, fmt.Errorf("%w: request %d is addressed to %s; you play %s, so a controller will %s it", ErrForbidden, seq, to, strings.Join(p.Plays, ", "), verb)
		}
	default:
		return nil, fmt.Errorf("%w: the control cell answers requests for information", ErrForbidden)
	}
	if _, done := s.AnswerTo(seq); done {
		return nil, fmt.Errorf("request %d was already answered", seq)
	}
	return r, nil
}

// mayPlay checks that a may speak as the simulated organisation as: it
// exists, and a SimCell member plays it; a controller may speak as any,
// or as the control cell (empty).
func mayPlay(s *event.State, a Actor, as string) error {
	if as != "" && s.Scenario.Org(as) == nil {
		return fmt.Errorf("there is no simulated organisation %q; use one of %s", as, orgList(s))
	}
	if a.Role != scenario.RoleSimCell {
		return nil
	}
	p := s.Person(a.Name)
	if as == "" || p == nil || !slices.Contains(p.Plays, as) {
		plays := ""
		if p != nil {
			plays = strings.Join(p.Plays, ", ")
		}
		return fmt.Errorf("%w: you speak only as the organisations you play (%s)", ErrForbidden, plays)
	}
	return nil
}

func (c HandLead) event(s *event.State, a Actor) (string, any, error) {
	if err := leadOnly(s, a, "hands the lead over"); err != nil {
		return "", nil, err
	}
	to := ""
	if p := s.Person(c.To); p != nil && (p.Role == scenario.RoleController || p.Role == scenario.RoleFacilitator) {
		to = p.Role + ":" + p.Name
	} else if s.OpenedBy == scenario.RoleFacilitator+":"+c.To {
		to = s.OpenedBy
	}
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
	var p *event.Person
	var err error
	switch a.Role {
	case scenario.RoleSimCell:
		p, err = onRoster(s, a)
	default:
		p, err = control(s, a)
	}
	if err != nil {
		return "", nil, err
	}
	if err := mayPlay(s, a, c.As); err != nil {
		return "", nil, err
	}
	if len(c.To) == 0 {
		return "", nil, errors.New("choose the teams the inject goes to")
	}
	if a.Role == scenario.RoleController && p.Scoped() && !teamsInScope(s, p, c.To) {
		return "", nil, fmt.Errorf("%w: an inject to %s is outside your scope (%s)", ErrForbidden, strings.Join(c.To, ", "), scopeText(p))
	}
	in := scenario.Inject{ID: fmt.Sprintf("live-%d", s.Seq+1), To: slices.Clone(c.To)}
	for s.Scenario.InjectIndex(in.ID) >= 0 {
		in.ID += "x"
	}
	if in.Title, err = fitLine("the title", c.Title, text.MaxName); err != nil {
		return "", nil, err
	}
	if in.Title == "" {
		return "", nil, errors.New("the title is empty; give the inject a one-line title")
	}
	if in.Channel, err = fitLine("the channel", c.Channel, text.MaxName); err != nil {
		return "", nil, err
	}
	if in.Body, err = fit("the body", c.Body, text.MaxText); err != nil {
		return "", nil, err
	}
	if o := s.Scenario.Org(c.As); o != nil {
		in.From = o.Name
	}
	if _, err := s.Scenario.WithInject(in); err != nil {
		return "", nil, err
	}
	return event.InjectCreated, event.Created{Inject: in, As: c.As}, nil
}
