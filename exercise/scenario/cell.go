package scenario

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"ttx/exercise/text"
)

// Organisation is one not in the room that the simulation cell plays.
type Organisation struct {
	// ID is what requests, live injects and plays: name; Name how it
	// signs its answers, e.g. "BBC London".
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"`
}

// Org returns the simulated organisation with id, or nil.
func (s *Scenario) Org(id string) *Organisation {
	for i := range s.Simulated {
		if s.Simulated[i].ID == id {
			return &s.Simulated[i]
		}
	}
	return nil
}

// validateCell checks the control cell: the simulated organisations, and
// the lead, scope and plays of the roster.
func validateCell(v *validator, s *Scenario) {
	seen := map[string]bool{}
	for i := range s.Simulated {
		o := &s.Simulated[i]
		o.Name = text.Line(o.Name, 0)
		switch {
		case !idPattern.MatchString(o.ID):
			v.add(Error, path("simulated", i, "id"), "simulated organisation id %q must be letters, digits, - or _, like media", o.ID)
		case seen[o.ID]:
			v.add(Error, path("simulated", i, "id"), "simulated organisation %q is listed twice", o.ID)
		}
		seen[o.ID] = true
		if strings.TrimSpace(o.Name) == "" {
			v.add(Error, path("simulated", i), "simulated organisation %q has no name; add name: as it signs its answers, like BBC London", o.ID)
		}
	}
	for i, p := range s.Roster {
		if p.Lead && p.Role != RoleController && p.Role != RoleFacilitator {
			v.add(Error, path("roster", i, "lead"), "%q is a %s; only a controller can be the lead", p.Name, p.Role)
		}
		if (len(p.Teams) > 0 || len(p.Injects) > 0) && p.Role != RoleController {
			v.add(Error, path("roster", i), "%q is a %s; teams: and injects: scope a controller only", p.Name, p.Role)
		}
		if len(p.Plays) > 0 && p.Role != RoleSimCell {
			v.add(Error, path("roster", i, "plays"), "%q is a %s; plays: is for a simcell member", p.Name, p.Role)
		}
		if p.Role == RoleSimCell && len(p.Plays) == 0 {
			v.add(Error, path("roster", i), "simcell member %q plays no organisation; add plays: with ids from simulated:", p.Name)
		}
		for j, t := range p.Teams {
			if _, ok := s.teamIdx[t]; !ok {
				v.add(Error, path("roster", i, "teams", j), "%q is scoped to unknown team %q; use one of %s", p.Name, t, teamList(s))
			}
		}
		for j, id := range p.Injects {
			if _, ok := s.injectIdx[id]; !ok {
				v.add(Error, path("roster", i, "injects", j), "%q is scoped to unknown inject %q", p.Name, id)
			}
		}
		for j, o := range p.Plays {
			if !seen[o] {
				v.add(Error, path("roster", i, "plays", j), "%q plays %q, which is not under simulated:; add it there with an id and a name", p.Name, o)
			}
		}
	}
}

// WithInject returns a copy of the scenario with the live inject in (no
// scheduled time) added at the end, checked as Validate would; s is
// unchanged, so a snapshot that holds s keeps the scenario it had.
func (s *Scenario) WithInject(in Inject) (*Scenario, error) {
	in.At = ""
	c := *s
	c.Injects = append(slices.Clip(s.Injects), in)
	c.injectIdx = maps.Collect(maps.All(s.injectIdx)) // never nil
	i := len(c.Injects) - 1
	switch {
	case !idPattern.MatchString(in.ID):
		return nil, fmt.Errorf("inject id %q must be letters, digits, - or _", in.ID)
	case s.InjectIndex(in.ID) >= 0:
		return nil, fmt.Errorf("there is already an inject %q", in.ID)
	}
	c.injectIdx[in.ID] = i
	v := &validator{}
	validateInject(v, &c, i)
	if v.probs.HasErrors() {
		return nil, fmt.Errorf("%s", v.probs.Errors()[0].Msg)
	}
	return &c, nil
}
