// Package sight says what each person may see of a live session: an
// Audience (a role, and a participant's team) sees some entries and not
// others, and a Sight follows an audience's view of the session as a
// version that changes when, and only when, something the audience may
// see does. A seat redraws for a new state only when its version changes.
package sight

import (
	"slices"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// Audience is whom a view shows the session to: a role, and a
// participant's team.
type Audience struct{ Role, Team string }

// controller reports whether the audience sees every event: the control
// cell (the console, controllers, the SimCell) and evaluators.
func (a Audience) controller() bool {
	switch a.Role {
	case scenario.RoleFacilitator, scenario.RoleEvaluator, scenario.RoleController, scenario.RoleSimCell:
		return true
	}
	return false
}

// Sees reports whether the audience may see entry e: a participant their
// own team's decisions and requests for information, an observer every
// decision, a controller everything. Whoever sees an entry sees its
// corrections (SeesFix).
func (a Audience) Sees(e event.Entry) bool {
	if a.controller() {
		return true
	}
	switch e.Kind {
	case event.DecisionRecorded:
		return a.Role != scenario.RoleParticipant || e.Team == a.Team
	case event.RequestRecorded:
		return a.Role == scenario.RoleParticipant && e.Team == a.Team
	}
	return false
}

// SeesFix reports whether the audience may see correction f of a state
// s: whoever may see the entry it corrects. A participant never sees
// another team's corrections; an observer sees the corrections of
// decisions.
func (a Audience) SeesFix(s *event.State, f *event.Fix) bool {
	if a.controller() {
		return true
	}
	e := s.Recorded(f.Of)
	return e != nil && a.Sees(*e)
}

// Sight follows what an audience may see of a live session as a version:
// the seq of the last event in a state that the audience may be shown.
// Two states of one session with the same version show the audience the
// same thing, so a view redraws when the version changes and never
// otherwise for a new state. The version is derived from the state, not
// from a list of what each view draws: an event the state marks shared
// (event.State.Shared) changes every audience's version, and an entry
// kept to a team (a decision, a request, the answer to a request, the
// correction of an entry) changes the version of those who may see it. With two hundred seats open, a
// decision redraws only the seats that show it.
type Sight struct {
	Audience
	version int64
	// How far each kept list (decisions, requests, replies, fixes) has been
	// looked through, and the seq there, to know it is the same list.
	n     [keptLists]int
	last  [keptLists]int64
	valid bool
}

// keptLists is how many of a state's lists hold entries kept to a team.
const keptLists = 4

// New returns the sight of audience a.
func New(a Audience) *Sight { return &Sight{Audience: a} }

// Version returns the seq of the last event in s that the audience may
// be shown, looking only at what was added since the state it was last
// given, when s follows on from that one.
func (v *Sight) Version(s *event.State) int64 {
	if v.controller() {
		return s.Seq
	}
	lens := [keptLists]int{s.Decisions.Len(), len(s.Requests), len(s.Replies), len(s.Fixes)}
	for i := range keptLists {
		if !v.valid || lens[i] < v.n[i] || v.n[i] > 0 && seqAt(s, i, v.n[i]-1) != v.last[i] {
			*v = Sight{Audience: v.Audience, version: -1, valid: true}
			break
		}
	}
	for i := range keptLists {
		// The newest entry the audience may see is all that matters:
		// look back from the end, only as far as the last look.
		for j := lens[i] - 1; j >= v.n[i]; j-- {
			if v.sees(s, i, j) {
				v.version = max(v.version, seqAt(s, i, j))
				break
			}
		}
		v.n[i] = lens[i]
		if lens[i] > 0 {
			v.last[i] = seqAt(s, i, lens[i]-1)
		}
	}
	return max(v.version, s.Shared)
}

// seqAt is the seq of entry j of kept list i.
func seqAt(s *event.State, i, j int) int64 {
	switch i {
	case 0:
		return s.Decisions.Seq(j)
	case 1:
		return s.Requests[j].Seq
	case 2:
		return s.Replies[j].Seq
	}
	return s.Fixes[j].Seq
}

// sees reports whether the audience may see entry j of kept list i.
func (v *Sight) sees(s *event.State, i, j int) bool {
	switch i {
	case 0:
		return v.Sees(s.Decisions.At(j))
	case 1:
		return v.Sees(s.Requests[j])
	case 3:
		return v.SeesFix(s, &s.Fixes[j])
	}
	// An answer is seen by those who see the request it answers.
	req := s.Replies[j].Request
	k, found := slices.BinarySearchFunc(s.Requests, req, func(e event.Entry, seq int64) int {
		switch {
		case e.Seq < seq:
			return -1
		case e.Seq > seq:
			return 1
		}
		return 0
	})
	return found && v.Sees(s.Requests[k])
}
