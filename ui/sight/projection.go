package sight

import (
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// Projection is what an audience is shown of a live session at an
// instant, followed as one version. It has two fields: the events the
// audience may see (its Sight's version), and, for an audience that sees
// the MSEL, the status of every inject at the exercise time shown, which
// moves on with time and no event (an inject falls due). The version
// counts the projection's changes: what a pane drew at one version it
// draws again at that version, so the panes memoise on the version, their
// size and where they are scrolled, and never list what they draw from.
type Projection struct {
	sight    *Sight
	seen     int64
	statuses []event.Status
	version  int64
}

// Everything is the audience that sees the whole session: the
// facilitator, or a reviewer replaying its file.
var Everything = Audience{Role: scenario.RoleFacilitator}

// NewProjection returns the projection of what audience a may see.
func NewProjection(a Audience) *Projection { return &Projection{sight: New(a), seen: -2} }

// Sees reports whether the audience may see entry e (Audience.Sees).
func (p *Projection) Sees(e event.Entry) bool { return p.sight.Sees(e) }

// Version is the projection's version as the last Update left it.
func (p *Projection) Version() int64 { return p.version }

// Update looks at state s at exercise time now and returns the version:
// the one it returned last unless something in the projection changed.
// s must be a state of the session the projection has followed so far,
// or of one it follows from now on, never to come back to the first.
func (p *Projection) Update(s *event.State, now time.Duration) int64 {
	changed := p.version == 0
	if v := p.sight.Version(s); v != p.seen {
		p.seen, changed = v, true
	}
	if p.sight.controller() && p.statusesMoved(s, now) {
		changed = true
	}
	if changed {
		p.version++
	}
	return p.version
}

// statusesMoved records the status of every inject of s at now, and
// reports whether any differs from the last record.
func (p *Projection) statusesMoved(s *event.State, now time.Duration) bool {
	n := s.Injects.Len()
	moved := len(p.statuses) != n
	if moved {
		p.statuses = make([]event.Status, n)
	}
	for i := range n {
		if st := s.Status(i, now); st != p.statuses[i] {
			p.statuses[i], moved = st, true
		}
	}
	return moved
}
