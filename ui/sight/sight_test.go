package sight

import (
	"slices"
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/injects"
)

// TestSightVersionChangesForWhatTheAudienceMaySee: along one session, a
// sight's version changes exactly when an event its audience may see is
// added (a shared event; a decision, request or answer kept to the team
// or shown to observers; the correction of an entry the audience may
// see), and equals what a new sight gives for the same
// state, also for a state of another history given after.
func TestSightVersionChangesForWhatTheAudienceMaySee(t *testing.T) {
	police := Audience{Role: scenario.RoleParticipant, Team: "police"}
	observer := Audience{Role: scenario.RoleObserver}
	evaluator := Audience{Role: scenario.RoleEvaluator}
	type step struct {
		name string
		add  func(s *event.State)
		sees []Audience // who sees the step
	}
	entry := func(kind, team string) func(s *event.State) {
		return func(s *event.State) {
			e := event.Entry{Seq: s.Seq, Kind: kind, Team: team}
			if kind == event.DecisionRecorded {
				s.Decisions = s.Decisions.Append(e)
			} else {
				s.Requests = append(s.Requests, e)
			}
		}
	}
	answer := func(team string) func(s *event.State) {
		return func(s *event.State) {
			for i := len(s.Requests) - 1; i >= 0; i-- {
				if s.Requests[i].Team == team {
					s.Replies = append(s.Replies, event.Reply{Request: s.Requests[i].Seq, Seq: s.Seq})
					return
				}
			}
		}
	}
	fix := func(kind, team string) func(s *event.State) {
		return func(s *event.State) {
			list := s.Decisions
			if kind == event.RequestRecorded {
				list = event.EntriesOf(s.Requests)
			}
			for i := list.Len() - 1; i >= 0; i-- {
				if list.At(i).Team == team {
					s.Fixes = append(s.Fixes, event.Fix{Seq: s.Seq, Of: list.At(i).Seq, Text: "corrected", Reason: "typo"})
					return
				}
			}
		}
	}
	note := func(s *event.State) {
		s.Notes = append(s.Notes, event.Entry{Seq: s.Seq, Kind: event.NoteRecorded})
	}
	steps := []step{
		{"a shared event", func(s *event.State) { s.Shared = s.Seq }, []Audience{police, observer, evaluator}},
		{"the team's decision", entry(event.DecisionRecorded, "police"), []Audience{police, observer, evaluator}},
		{"another team's decision", entry(event.DecisionRecorded, "fire"), []Audience{observer, evaluator}},
		{"the team's request", entry(event.RequestRecorded, "police"), []Audience{police, evaluator}},
		{"another team's request", entry(event.RequestRecorded, "fire"), []Audience{evaluator}},
		{"the answer to another team", answer("fire"), []Audience{evaluator}},
		{"the answer to the team", answer("police"), []Audience{police, evaluator}},
		{"a note, a join", note, []Audience{evaluator}},
		{"a correction of the team's decision", fix(event.DecisionRecorded, "police"), []Audience{police, observer, evaluator}},
		{"a correction of another team's decision", fix(event.DecisionRecorded, "fire"), []Audience{observer, evaluator}},
		{"a correction of the team's request", fix(event.RequestRecorded, "police"), []Audience{police, evaluator}},
		{"a correction of another team's request", fix(event.RequestRecorded, "fire"), []Audience{evaluator}},
		{"a correction of a note", func(s *event.State) {
			s.Fixes = append(s.Fixes, event.Fix{Seq: s.Seq, Of: s.Notes[len(s.Notes)-1].Seq, Struck: true, Reason: "wrong inject"})
		}, []Audience{evaluator}},
	}
	sights := map[Audience]*Sight{}
	last := map[Audience]int64{}
	s := event.Empty()
	for _, a := range []Audience{police, observer, evaluator} {
		sights[a] = New(a)
		last[a] = sights[a].Version(&s)
	}
	var states []event.State
	for _, st := range steps {
		s.Seq++
		st.add(&s)
		states = append(states, s)
		for a, v := range sights {
			got := v.Version(&s)
			if changed := got != last[a]; changed != slices.Contains(st.sees, a) {
				t.Errorf("%s: the %s's version changed %v, want %v", st.name, a.Role, changed, !changed)
			}
			if want := New(a).Version(&s); got != want {
				t.Errorf("%s: the %s's version is %d, a new sight's %d", st.name, a.Role, got, want)
			}
			last[a] = got
		}
	}
	// Another history: shorter lists, and a list as long with other entries.
	other := states[2]
	other.Requests = []event.Entry{{Seq: 3, Kind: event.RequestRecorded, Team: "police"}}
	for _, s := range []event.State{states[1], other} {
		for a, v := range sights {
			if got, want := v.Version(&s), New(a).Version(&s); got != want {
				t.Errorf("another history: the %s's version is %d, a new sight's %d", a.Role, got, want)
			}
		}
	}
}

// TestProjectionVersionChangesWithWhatIsShown: a projection's version
// stays while neither the events the audience may see nor, for those who
// see the MSEL, any inject's status at the time shown changes, and moves
// on when either does: a controller's when an inject falls due with no
// event, a participant's not.
func TestProjectionVersionChangesWithWhatIsShown(t *testing.T) {
	// The demo's first inject is due at once, its second at a minute.
	sc, _ := injects.Load("demo")
	s := event.Empty()
	s.Scenario, s.Injects, s.Seq = sc, event.NewInjects(len(sc.Injects)), 0
	for _, c := range []struct {
		a        Audience
		fallsDue bool // an inject falling due changes the version
	}{{Everything, true}, {Audience{Role: scenario.RoleEvaluator}, true}, {Audience{Role: scenario.RoleParticipant, Team: "police"}, false}} {
		p := NewProjection(c.a)
		v := p.Update(&s, 0)
		if p.Update(&s, 0) != v || p.Update(&s, 30*time.Second) != v || p.Version() != v {
			t.Errorf("%v: the version moved with nothing shown changed", c.a)
		}
		if moved := p.Update(&s, 90*time.Second) != v; moved != c.fallsDue {
			t.Errorf("%v: the version moved %v when the second inject fell due, want %v", c.a, moved, c.fallsDue)
		}
		v = p.Version()
		shared := s
		shared.Seq, shared.Shared = 1, 1
		if p.Update(&shared, 90*time.Second) == v {
			t.Errorf("%v: the version did not move for an event every audience sees", c.a)
		}
	}
}

// TestProjectionInjectVersionIsThatInjectsOwn: a decision about one
// inject changes that inject's version and not another's; a change to an
// inject's state, or a choice at a branch point, changes it too.
func TestProjectionInjectVersionIsThatInjectsOwn(t *testing.T) {
	sc, _ := injects.Load("demo")
	s := event.Empty()
	s.Scenario, s.Injects, s.Seq = sc, event.NewInjects(len(sc.Injects)), 0
	p := NewProjection(Everything)
	p.Update(&s, 0)
	first, second := p.Inject(0), p.Inject(1)
	s.Seq++
	s.Decisions = s.Decisions.Append(event.Entry{Seq: s.Seq, Kind: event.DecisionRecorded, Team: "police", Inject: sc.Injects[0].ID})
	p.Update(&s, 0)
	if p.Inject(0) == first || p.Inject(1) != second {
		t.Errorf("a decision about the first inject: its version %d → %d, the second's %d → %d", first, p.Inject(0), second, p.Inject(1))
	}
	second = p.Inject(1)
	s.Seq++
	s.Injects = s.Injects.With(1, event.InjectState{Delay: time.Minute})
	if p.Update(&s, 0); p.Inject(1) == second {
		t.Error("a delay did not change the inject's version")
	}
	second = p.Inject(1)
	s.Seq++
	s.Choices = map[string]string{sc.Branches[0].ID: sc.Branches[0].Options[0].ID}
	if p.Update(&s, 0); p.Inject(1) == second {
		t.Error("a choice at a branch point did not change the injects' versions")
	}
}
