// Package cell holds the control cell's rules that the session's
// commands share: a controller's scope, and who may speak as which
// simulated organisation.
package cell

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// ErrForbidden is returned when an actor's role does not allow a command.
var ErrForbidden = errors.New("not allowed for your role")

// InScope checks that inject i is in the scope of controller p (nil: the
// console, unscoped): named in their injects, or sent only to their
// teams.
func InScope(s *event.State, p *event.Person, i int) error {
	if p == nil || !p.Scoped() {
		return nil
	}
	in := &s.Scenario.Injects[i]
	if slices.Contains(p.Injects, in.ID) || TeamsInScope(s, p, in.To) {
		return nil
	}
	return fmt.Errorf("%w: %s (to %s) is outside your scope (%s); the lead or the controller for those teams acts on it",
		ErrForbidden, in.ID, in.To, ScopeText(p))
}

// TeamsInScope reports whether every team of to is one of p's teams.
func TeamsInScope(s *event.State, p *event.Person, to scenario.Recipients) bool {
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

// ScopeText names a controller's scope, for a message.
func ScopeText(p *event.Person) string {
	var parts []string
	if len(p.Teams) > 0 {
		parts = append(parts, "teams "+strings.Join(p.Teams, ", "))
	}
	if len(p.Injects) > 0 {
		parts = append(parts, "injects "+strings.Join(p.Injects, ", "))
	}
	return strings.Join(parts, "; ")
}

// Orgs names the scenario's simulated organisations, for a message.
func Orgs(s *event.State) string {
	if len(s.Scenario.Simulated) == 0 {
		return "none: the scenario lists no simulated: organisations"
	}
	ids := make([]string, len(s.Scenario.Simulated))
	for i, o := range s.Scenario.Simulated {
		ids[i] = o.ID
	}
	return strings.Join(ids, ", ")
}

// MayPlay checks that the person name in role may speak as the simulated
// organisation as: it exists, and a SimCell member plays it; a
// controller may speak as any, or as the control cell (empty).
func MayPlay(s *event.State, role, name, as string) error {
	if as != "" && s.Scenario.Org(as) == nil {
		return fmt.Errorf("there is no simulated organisation %q; use one of %s", as, Orgs(s))
	}
	if role != scenario.RoleSimCell {
		return nil
	}
	p := s.Person(name)
	if as == "" || p == nil || !slices.Contains(p.Plays, as) {
		plays := ""
		if p != nil {
			plays = strings.Join(p.Plays, ", ")
		}
		return fmt.Errorf("%w: you speak only as the organisations you play (%s)", ErrForbidden, plays)
	}
	return nil
}

// Live returns the live inject a SimCell member or controller writes,
// checked: from the organisation as (if any), to the teams to, with a
// fresh id. Texts too long for the record are refused, never cut.
func Live(s *event.State, as, title, body, channel string, to []string) (scenario.Inject, error) {
	in := scenario.Inject{ID: fmt.Sprintf("live-%d", s.Seq+1), To: slices.Clone(to)}
	for s.Scenario.InjectIndex(in.ID) >= 0 {
		in.ID += "x"
	}
	var err error
	if in.Title, err = text.FitLine(title, text.MaxName); err != nil {
		return in, fmt.Errorf("the title: %w", err)
	}
	if in.Title == "" {
		return in, errors.New("the title is empty; give the inject a one-line title")
	}
	if in.Channel, err = text.FitLine(channel, text.MaxName); err != nil {
		return in, fmt.Errorf("the channel: %w", err)
	}
	if in.Body, err = text.Fit(body, text.MaxText); err != nil {
		return in, fmt.Errorf("the body: %w", err)
	}
	if o := s.Scenario.Org(as); o != nil {
		in.From = o.Name
	}
	_, err = s.Scenario.WithInject(in)
	return in, err
}

// Controller returns the controller called name as "role:name": one on
// the roster, or the facilitator who opened the session; "" if none.
func Controller(s *event.State, name string) string {
	if p := s.Person(name); p != nil && (p.Role == scenario.RoleController || p.Role == scenario.RoleFacilitator) {
		return p.Role + ":" + p.Name
	}
	if s.OpenedBy == scenario.RoleFacilitator+":"+name {
		return s.OpenedBy
	}
	return ""
}

// Plays checks that SimCell member p plays the organisation request r is
// addressed to; verb says what they meant to do with it.
func Plays(p *event.Person, r *event.Entry, verb string) error {
	if slices.Contains(p.Plays, r.To) {
		return nil
	}
	to := "the control cell"
	if r.To != "" {
		to = r.To
	}
	return fmt.Errorf("%w: request %d is addressed to %s; you play %s, so a controller will %s it", ErrForbidden, r.Seq, to, strings.Join(p.Plays, ", "), verb)
}
