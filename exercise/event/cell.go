package event

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// Claim is a request for information taken by someone of the control cell
// (request.claimed), or given back unanswered (request.unclaimed).
type Claim struct {
	// Request is the seq of the request.recorded event.
	Request int64
	Seq     int64
	At      time.Time
	T       time.Duration
	// By is who claimed it or gave it back, as "role:name".
	By string
	// Given is true for request.unclaimed.
	Given bool
}

// Scoped reports whether a controller's roster entry limits them to some
// teams or injects.
func (p *Person) Scoped() bool { return len(p.Teams) > 0 || len(p.Injects) > 0 }

// ClaimOf returns who holds the request with seq ("role:name") and since
// when, and false when no one does.
func (s *State) ClaimOf(request int64) (Claim, bool) {
	for i := len(s.Claims) - 1; i >= 0; i-- {
		if c := s.Claims[i]; c.Request == request {
			return c, !c.Given
		}
	}
	return Claim{}, false
}

// IsLead reports whether by ("role:name") is the lead controller: the one
// the lead was last handed to, or, before any hand-over, the facilitator
// at the console and any controller the roster marks lead. The lead held
// by the console is held by whoever runs it (a resumed session may be run
// under another name).
func (s *State) IsLead(by string) bool {
	console := func(by string) bool { return strings.HasPrefix(by, scenario.RoleFacilitator+":") }
	if s.Lead != "" {
		return by == s.Lead || console(s.Lead) && console(by)
	}
	return console(by) || slices.Contains(s.Leads(), by)
}

// Leads returns the lead controllers as "role:name" (see IsLead).
func (s *State) Leads() []string {
	if s.Lead != "" {
		return []string{s.Lead}
	}
	var leads []string
	if strings.HasPrefix(s.OpenedBy, scenario.RoleFacilitator+":") {
		leads = append(leads, s.OpenedBy)
	}
	for _, p := range s.Roster {
		if p.Lead {
			leads = append(leads, p.Role+":"+p.Name)
		}
	}
	return leads
}

// OpenRequests returns the requests for information not yet answered, in
// journal order.
func (s *State) OpenRequests() []Entry {
	answered := make(map[int64]bool, len(s.Replies))
	for _, r := range s.Replies {
		answered[r.Request] = true
	}
	var open []Entry
	for _, r := range s.Requests {
		if !answered[r.Seq] {
			open = append(open, r)
		}
	}
	return open
}

func applyCell(s *State, e Event) error {
	switch e.Type {
	case RequestClaimed, RequestUnclaimed:
		var d RequestClaim
		if err := e.Decode(&d); err != nil {
			return err
		}
		s.Claims = append(s.Claims, Claim{Request: d.Request, Seq: e.Seq, At: e.At, T: e.T, By: e.By, Given: e.Type == RequestUnclaimed})
	case LeadHanded:
		var d Handed
		if err := e.Decode(&d); err != nil {
			return err
		}
		if d.To == "" {
			return fmt.Errorf("the lead is handed to no one")
		}
		s.Lead = esc(d.To)
	case InjectCreated:
		var d Created
		if err := e.Decode(&d); err != nil {
			return err
		}
		text.EscapeAll(&d)
		sc, err := s.Scenario.WithInject(d.Inject)
		if err != nil {
			return err
		}
		s.Scenario = sc
		s.Injects = s.Injects.Append(InjectState{Live: true})
	}
	return nil
}
