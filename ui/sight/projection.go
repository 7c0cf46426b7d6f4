package sight

import (
	"maps"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// Projection is what an audience is shown of a live session at an
// instant, followed as versions. Its fields are the events the audience
// may see (its Sight's version) and, for an audience that sees the MSEL,
// what each inject's detail shows: the inject's state, its status at the
// exercise time shown (which moves on with time and no event: an inject
// falls due), the decisions about it and the choices made at branch
// points. Version counts the projection's changes, and Inject(i) is the
// version at the last change to what inject i's detail shows: what a pane
// drew at one version it draws again at that version, so the panes
// memoise on a version, their size and where they are scrolled, and never
// list what they draw from. A decision about one inject does not change
// another's version: in a large room, the detail of the inject selected is
// not built again for every decision.
type Projection struct {
	sight   *Sight
	seen    int64
	version int64
	// msel is the version at the last change to an inject's state or
	// status: what the MSEL timeline shows.
	msel int64

	// What each inject's detail shows, as last looked at, and the
	// version at which it last changed.
	sc       *scenario.Scenario
	index    map[string]int // inject id → index
	statuses []event.Status
	states   []event.InjectState
	injects  []int64
	choices  map[string]string
	// How many decisions have been looked through, and the seq of the
	// last, to know the list is the same one.
	decided int
	last    int64
	// The same for the corrections: one of a decision about an inject
	// changes what the inject's detail shows.
	fixed   int
	lastFix int64
}

// lookThrough is how many new decisions Update looks through for the
// injects they are about; for more, every inject has changed.
const lookThrough = 4096

// Everything is the audience that sees the whole session: the
// facilitator, or a reviewer replaying its file.
var Everything = Audience{Role: scenario.RoleFacilitator}

// NewProjection returns the projection of what audience a may see.
func NewProjection(a Audience) *Projection { return &Projection{sight: New(a), seen: -2} }

// Sees reports whether the audience may see entry e (Audience.Sees).
func (p *Projection) Sees(e event.Entry) bool { return p.sight.Sees(e) }

// Version is the projection's version as the last Update left it.
func (p *Projection) Version() int64 { return p.version }

// MSEL is the version at which the state or status of an inject last
// changed, as the last Update left it: a timeline drawn at one MSEL
// version draws the same at it, whatever was decided since (in a large
// room an evaluator's timeline was drawn again for every decision).
// Version for an audience that does not see the MSEL.
func (p *Projection) MSEL() int64 {
	if !p.sight.controller() {
		return p.version
	}
	return p.msel
}

// Inject is the version at which what inject i's detail shows last
// changed, as the last Update left it; Version for an audience that does
// not see the MSEL, or an inject it does not know.
func (p *Projection) Inject(i int) int64 {
	if i < 0 || i >= len(p.injects) {
		return p.version
	}
	return p.injects[i]
}

// Update looks at state s at exercise time now and returns the version:
// the one it returned last unless something in the projection changed.
// s must be a state of the session the projection has followed so far,
// or of one it follows from now on, never to come back to the first.
func (p *Projection) Update(s *event.State, now time.Duration) int64 {
	next := p.version + 1
	changed := p.version == 0
	if v := p.sight.Version(s); v != p.seen {
		p.seen, changed = v, true
	}
	if p.sight.controller() && p.injectsMoved(s, now, next) {
		changed = true
	}
	if changed {
		p.version = next
	}
	return p.version
}

// injectsMoved records what each inject's detail shows in s at now,
// marks the injects where it differs from the last record with version
// next, and reports whether any did.
func (p *Projection) injectsMoved(s *event.State, now time.Duration, next int64) bool {
	all := false // everything is to be looked at afresh
	if s.Scenario != p.sc {
		n := s.Injects.Len()
		p.sc, p.index, all = s.Scenario, make(map[string]int, n), true
		p.statuses, p.states, p.injects = make([]event.Status, n), make([]event.InjectState, n), make([]int64, n)
		for i := range n {
			p.index[s.Scenario.Injects[i].ID] = i
		}
	}
	if !maps.Equal(s.Choices, p.choices) {
		p.choices, all = maps.Clone(s.Choices), true
	}
	moved := all
	ds := s.Decisions
	switch {
	case ds.Len() < p.decided || p.decided > 0 && ds.Seq(p.decided-1) != p.last:
		p.decided, all, moved = 0, true, true // another history
	case ds.Len()-p.decided > lookThrough:
		// A view opening on a long session: every inject has changed,
		// at less cost than finding which.
		all, moved = true, true
	}
	for _, d := range ds.From(p.decided).All() {
		if all {
			break
		}
		if i, ok := p.index[d.Inject]; ok {
			p.injects[i], moved = next, true
		}
	}
	p.decided = ds.Len()
	if ds.Len() > 0 {
		p.last = ds.Seq(ds.Len() - 1)
	}
	fs := s.Fixes
	if len(fs) < p.fixed || p.fixed > 0 && fs[p.fixed-1].Seq != p.lastFix || len(fs)-p.fixed > lookThrough {
		p.fixed, all, moved = 0, true, true
	}
	for _, f := range fs[p.fixed:] {
		if all {
			break
		}
		if e := s.Recorded(f.Of); e != nil && e.Kind == event.DecisionRecorded {
			if i, ok := p.index[e.Inject]; ok {
				p.injects[i], moved = next, true
			}
		}
	}
	p.fixed = len(fs)
	if len(fs) > 0 {
		p.lastFix = fs[len(fs)-1].Seq
	}
	if all {
		p.msel = next
	}
	for i := range p.injects {
		st, is := s.Status(i, now), s.Injects.At(i)
		if all || st != p.statuses[i] || is != p.states[i] {
			p.statuses[i], p.states[i], p.injects[i], moved = st, is, next, true
			p.msel = next
		}
	}
	return moved
}
