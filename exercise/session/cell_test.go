package session

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ttx/exercise/digest"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

var (
	lee = Actor{Role: scenario.RoleController, Name: "Lee"}
	cat = Actor{Role: scenario.RoleController, Name: "Cat"}
	sim = Actor{Role: scenario.RoleSimCell, Name: "Sim"}
	pat = Actor{Role: scenario.RoleParticipant, Name: "Pat", Team: "police"}
	tom = Actor{Role: scenario.RoleParticipant, Name: "Tom", Team: "transport"}
)

// withCell opens a demo session with a control cell: Lee the lead, Cat a
// controller for transport, Sim playing the media (BBC London), and
// participants Pat (police) and Tom (transport).
func withCell(t *testing.T) (*Session, string) {
	t.Helper()
	sc := demo(t)
	sc.Simulated = []scenario.Organisation{{ID: "media", Name: "BBC London"}, {ID: "cobr", Name: "COBR"}}
	sc.Roster = []scenario.Person{
		{Name: "Lee", Role: scenario.RoleController, Lead: true},
		{Name: "Cat", Role: scenario.RoleController, Teams: []string{"transport"}},
		{Name: "Sim", Role: scenario.RoleSimCell, Plays: []string{"media"}},
		{Name: "Pat", Team: "police", Role: scenario.RoleParticipant},
		{Name: "Tom", Team: "transport", Role: scenario.RoleParticipant},
	}
	if probs := scenario.Validate(sc, nil); probs.HasErrors() {
		t.Fatal(probs)
	}
	path := filepath.Join(t.TempDir(), "cell.jsonl")
	s, err := Create(path, sc, "demo", ana, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Abandon() })
	return s, path
}

// refused checks that the command is refused with a message holding want.
func refused(t *testing.T, s *Session, a Actor, c Command, want string) {
	t.Helper()
	if _, err := s.Do(a, c); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%T by %s: err = %v, want %q", c, a.By(), err, want)
	}
}

func TestScopedControllerActsOnlyInScope(t *testing.T) {
	s, _ := withCell(t)
	must(t, s, cat, Release{Inject: "D-01"}) // to transport
	must(t, s, cat, Hold{Inject: "D-05"})    // to transport
	refused(t, s, cat, Release{Inject: "D-02"}, "D-02 (to police, fire) is outside your scope (teams transport)")
	refused(t, s, cat, Skip{Inject: "D-03"}, "outside your scope") // to all
	refused(t, s, cat, Delay{Inject: "D-04", By: 5 * 60e9}, "outside your scope")
	refused(t, s, cat, ChooseBranch{Branch: "evacuate", Option: "full"}, "the lead (facilitator:ana, controller:Lee)")
	refused(t, s, cat, StartClock{}, "only the lead (facilitator:ana, controller:Lee) starts the clock")
	refused(t, s, cat, JumpClock{To: 60e9}, "only the lead")
	refused(t, s, sim, Release{Inject: "D-02"}, "only controllers run the exercise")
	refused(t, s, pat, PauseClock{}, "only controllers")
	if _, err := s.Close(cat); err == nil || !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "ends the session") {
		t.Errorf("a scoped controller closed the session: %v", err)
	}
	// Lee, the roster's lead, runs the clock and releases anything.
	must(t, s, lee, StartClock{})
	must(t, s, lee, Release{Inject: "D-02"})
	// A controller not on the roster is refused whatever they ask.
	refused(t, s, Actor{Role: scenario.RoleController, Name: "Mallory"}, Release{Inject: "D-03"}, "not on the roster")
	st := s.State()
	if !st.Injects.At(0).Released || st.Injects.At(2).Released || !st.Injects.At(1).Released {
		t.Errorf("releases: D-01 %v, D-02 %v, D-03 %v", st.Injects.At(0).Released, st.Injects.At(1).Released, st.Injects.At(2).Released)
	}
}

func TestLeadIsHandedOver(t *testing.T) {
	s, path := withCell(t)
	refused(t, s, cat, HandLead{To: "Cat"}, "only the lead")
	refused(t, s, ana, HandLead{To: "Pat"}, `"Pat" is not a controller`)
	must(t, s, ana, HandLead{To: "Cat"})
	refused(t, s, ana, StartClock{}, "only the lead (controller:Cat)")
	refused(t, s, lee, StartClock{}, "only the lead (controller:Cat)")
	must(t, s, cat, StartClock{})
	must(t, s, cat, Release{Inject: "D-02"}) // the lead is not held to a scope
	must(t, s, cat, HandLead{To: "ana"})
	must(t, s, ana, PauseClock{})
	must(t, s, ana, HandLead{To: "Cat"})
	if _, err := s.Close(lee); err == nil || !strings.Contains(err.Error(), "only the lead (controller:Cat) ends the session") {
		t.Errorf("a controller without the lead ended the session: %v", err)
	}
	if _, err := s.Close(ana); err != nil { // the console may always end it
		t.Fatalf("the console could not end the session once the lead was handed over: %v", err)
	}
	_, evs := readBack(t, path)
	if st := foldAll(evs); st.Lead != "controller:Cat" || st.IsLead("facilitator:ana") || !st.IsLead("controller:Cat") || !st.Closed {
		t.Errorf("folded lead %q", st.Lead)
	}
}

func TestSimCellClaimsAndAnswersAsItsOrganisation(t *testing.T) {
	s, path := withCell(t)
	refused(t, s, pat, RecordRequest{Team: "police", Text: "x", To: "bbc"}, `no simulated organisation "bbc" to ask; use one of media, cobr`)
	q := must(t, s, pat, RecordRequest{Team: "police", Text: "Are you filming at Kings Cross?", To: "media"})
	ctl := must(t, s, tom, RecordRequest{Team: "transport", Text: "When does the line reopen?"})
	refused(t, s, sim, ClaimRequest{Request: ctl.Seq}, "addressed to the control cell; you play media")
	must(t, s, sim, ClaimRequest{Request: q.Seq})
	refused(t, s, cat, ClaimRequest{Request: q.Seq}, "simcell:Sim already holds request")
	refused(t, s, cat, AnswerRequest{Request: q.Seq, Text: "no"}, "simcell:Sim has claimed request")
	refused(t, s, cat, UnclaimRequest{Request: q.Seq}, "they or the lead give it back")
	refused(t, s, sim, AnswerRequest{Request: q.Seq, Text: "x", As: "cobr"}, "only as the organisations you play (media)")
	must(t, s, sim, UnclaimRequest{Request: q.Seq})
	must(t, s, sim, ClaimRequest{Request: q.Seq})
	must(t, s, sim, AnswerRequest{Request: q.Seq, Text: "Yes, a crew is on the concourse."})
	refused(t, s, sim, ClaimRequest{Request: q.Seq}, "already answered")
	must(t, s, cat, ClaimRequest{Request: ctl.Seq})
	st := s.State()
	if r, ok := st.AnswerTo(q.Seq); !ok || r.As != "media" || r.By != "simcell:Sim" {
		t.Errorf("answer %+v", r)
	}
	if c, held := st.ClaimOf(ctl.Seq); !held || c.By != "controller:Cat" {
		t.Errorf("claim of the open request: %+v %v", c, held)
	}
	if open := st.OpenRequests(); len(open) != 1 || open[0].Seq != ctl.Seq {
		t.Errorf("open requests %v", open)
	}
	_, evs := readBack(t, path)
	back := foldAll(evs)
	if r, _ := back.AnswerTo(q.Seq); r.As != "media" || back.Requests[0].To != "media" {
		t.Errorf("the file loses who answered: %+v, %+v", r, back.Requests[0])
	}
}

func TestLiveInjectIsJournaledAndReleased(t *testing.T) {
	s, path := withCell(t)
	refused(t, s, sim, SendInject{As: "cobr", Title: "x", To: []string{"police"}}, "only as the organisations you play")
	refused(t, s, sim, SendInject{As: "media", Title: "", To: []string{"police"}}, "the title is empty")
	refused(t, s, sim, SendInject{As: "media", Title: "x", To: []string{"army"}}, `unknown team "army"`)
	refused(t, s, cat, SendInject{Title: "x", To: []string{"police"}}, "outside your scope")
	refused(t, s, pat, SendInject{Title: "x", To: []string{"police"}}, "only controllers")
	before := s.State()
	must(t, s, sim, SendInject{As: "media", Title: "BBC asks for a statement", Body: "On air at 18:00.", Channel: "phone", To: []string{"police"}})
	st := s.State()
	n := len(st.Scenario.Injects)
	in := st.Scenario.Injects[n-1]
	if n != len(before.Scenario.Injects)+1 || st.Injects.Len() != n || !st.Injects.At(n-1).Released ||
		in.From != "BBC London" || !slices.Equal(in.To, scenario.Recipients{"police"}) || !in.Contingency() {
		t.Fatalf("live inject %+v, released %v", in, st.Injects.At(n-1))
	}
	if len(before.Scenario.Injects) != n-1 || before.Injects.Len() != n-1 {
		t.Error("a live inject changed an earlier snapshot")
	}
	if is := st.Injects.At(n - 1); is.ReleasedBy != "simcell:Sim" {
		t.Errorf("released by %q", is.ReleasedBy)
	}
	refused(t, s, lee, Release{Inject: in.ID}, "already released")
	must(t, s, lee, SendInject{Title: "Press conference moved", To: []string{"all"}})
	_, evs := readBack(t, path)
	var types []string
	for _, e := range evs[len(evs)-4:] {
		types = append(types, e.Type)
	}
	if !slices.Equal(types, []string{event.InjectCreated, event.InjectReleased, event.InjectCreated, event.InjectReleased}) {
		t.Errorf("journaled %v", types)
	}
	back := foldAll(evs)
	if len(back.Anomalies) > 0 || len(back.Scenario.Injects) != n+1 || back.Scenario.Injects[n-1].Title != "BBC asks for a statement" {
		t.Errorf("the file folds to %d injects, anomalies %v", len(back.Scenario.Injects), back.Anomalies)
	}
	s.Abandon()
	r, _, err := Resume(path, ana, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abandon()
	if st := r.State(); len(st.Anomalies) > 0 || st.Injects.Len() != n+1 || !st.Injects.At(n).Released || st.Scenario.Inject(in.ID) == nil {
		t.Errorf("resumed: %d injects, anomalies %v", st.Injects.Len(), st.Anomalies)
	}
}

func TestControllersLogAndDigest(t *testing.T) {
	s, _ := withCell(t)
	must(t, s, cat, Join{Remote: "10.0.0.2:5000", How: "key"})
	must(t, s, cat, Release{Inject: "D-01"})
	must(t, s, cat, Leave{Remote: "10.0.0.2:5000"})
	must(t, s, lee, Release{Inject: "D-02"})
	must(t, s, pat, RecordDecision{Team: "police", Text: "Close the station"})
	q := must(t, s, tom, RecordRequest{Team: "transport", Text: "Buses?"})
	must(t, s, sim, RecordNote{Text: "Media will push on the closure", Team: "police", Inject: "D-02"})
	refused(t, s, pat, RecordNote{Text: "x"}, "the controllers' log is for")
	refused(t, s, sim, RecordNote{Text: "x", Team: "army"}, `no team "army"`)
	st := s.State()
	d := digest.For(&st, "Cat")
	if len(d.Released) != 1 || st.Scenario.Injects[d.Released[0]].ID != "D-02" {
		t.Errorf("digest released %v", d.Released)
	}
	if d.Decisions.Len() != 1 || len(d.Notes) != 1 || d.Notes[0].Team != "police" || d.Notes[0].Inject != "D-02" ||
		len(d.Open) != 1 || d.Open[0].Seq != q.Seq {
		t.Errorf("digest %+v", d)
	}
	if all := digest.For(&st, "Newcomer"); len(all.Released) != 2 {
		t.Errorf("a new shift's digest has %d releases, want 2", len(all.Released))
	}
}
