package event

import (
	"cmp"
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

// Digest is what happened after some event: what a controller who left
// and came back, or the next shift, reads first.
type Digest struct {
	// Since is the seq the digest starts after.
	Since int64
	// Released are the indexes of the injects released since, in order of
	// release.
	Released []int
	// Decisions, Notes and Answered are those recorded since.
	Decisions []Entry
	Notes     []Entry
	Answered  []Reply
	// Open are the requests for information unanswered now, whenever
	// they were asked.
	Open []Entry
}

// Since returns the digest of what happened after the event seq.
func (s *State) Since(seq int64) Digest {
	d := Digest{Since: seq}
	for i, is := range s.Injects.All() {
		if is.Released && is.ReleasedSeq > seq {
			d.Released = append(d.Released, i)
		}
	}
	slices.SortFunc(d.Released, func(a, b int) int {
		return cmp.Compare(s.Injects.At(a).ReleasedSeq, s.Injects.At(b).ReleasedSeq)
	})
	after := func(list []Entry) []Entry {
		i, _ := slices.BinarySearchFunc(list, seq+1, func(e Entry, seq int64) int { return cmp.Compare(e.Seq, seq) })
		return list[i:]
	}
	d.Decisions, d.Notes = after(s.Decisions), after(s.Notes)
	for _, r := range s.Replies {
		if r.Seq > seq {
			d.Answered = append(d.Answered, r)
		}
	}
	d.Open = s.OpenRequests()
	return d
}

// DigestFor returns the digest of what happened since the person called
// name last left (their last participant.left), or of the whole session
// for someone who was never here before.
func (s *State) DigestFor(name string) Digest {
	seq, ok := s.Left[name]
	if !ok {
		seq = -1
	}
	return s.Since(seq)
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
		s.Injects = s.Injects.Append(InjectState{})
	}
	return nil
}
