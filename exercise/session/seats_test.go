package session

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ttx/exercise/access"
	"ttx/exercise/event"
	"ttx/exercise/joincode"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
)

// withRoster opens a demo session whose roster has a police participant
// (join code) and an evaluator.
func withRoster(t *testing.T) (*Session, string) {
	t.Helper()
	sc := demo(t)
	sc.Roster = []scenario.Person{
		{Name: "Ana", Team: "police", Role: scenario.RoleParticipant, Code: "RIVER-4821"},
		{Name: "Sam", Role: scenario.RoleEvaluator, Code: "EVAL-73KQ-9M"},
	}
	return openWith(t, sc)
}

// openWith opens a session on sc, checked first, in a folder of the
// test's, and returns it and its path.
func openWith(t *testing.T, sc *scenario.Scenario) (*Session, string) {
	t.Helper()
	if probs := scenario.Validate(sc, nil); probs.HasErrors() {
		t.Fatal(probs)
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	s, err := Create(path, sc, "demo", ana, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Abandon() })
	return s, path
}

var (
	anaPC = Actor{Role: scenario.RoleParticipant, Name: "Ana", Team: "police"}
	samEv = Actor{Role: scenario.RoleEvaluator, Name: "Sam"}
)

func TestRosterCodesAreNotInTheFile(t *testing.T) {
	_, path := withRoster(t)
	_, evs := readBack(t, path)
	data := string(evs[0].Data)
	if strings.Contains(data, "RIVER-4821") || !strings.Contains(data, `"code":"$argon2id$v=19$m=19456,t=2,p=1$`) ||
		strings.Contains(data, "sha256:") {
		t.Errorf("the session file holds the plain join code, or not its argon2id hash: %s", data)
	}
	// The same code in another session is stored differently (salted).
	_, path2 := withRoster(t)
	_, evs2 := readBack(t, path2)
	st, st2 := event.Apply(event.Empty(), evs[0]), event.Apply(event.Empty(), evs2[0])
	if st.Roster[0].CodeHash == st2.Roster[0].CodeHash {
		t.Error("two sessions store the same join code the same way")
	}
	if access.ByCode(st.Roster, "river 4821") == nil || access.ByCode(st2.Roster, "river 4821") == nil {
		t.Error("the stored code does not let its owner in")
	}
}

// TestOldSessionFileCodesStillWork: a session file whose codes an earlier
// version stored as SHA-256 resumes, its people get in with their codes,
// and a person added now is stored with argon2id.
func TestOldSessionFileCodesStillWork(t *testing.T) {
	sc := demo(t)
	sc.Roster = []scenario.Person{{Name: "Ana", Team: "police", Role: scenario.RoleParticipant, Code: joincode.Stored("OLD-CODE-77")}}
	path := filepath.Join(t.TempDir(), "old.jsonl")
	s, err := Create(path, sc, "demo", ana, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Abandon()
	r, _, err := Resume(path, ana, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abandon()
	if p := access.ByCode(r.State().Roster, "old-code-77"); p == nil || p.Name != "Ana" {
		t.Errorf("the earlier SHA-256 code matched %v", p)
	}
	if _, err := r.Do(ana, AddPerson{Name: "Lee", Team: "fire", Role: scenario.RoleParticipant, Code: "OLD-CODE-77"}); err == nil {
		t.Error("a second person with the old code was added")
	}
	ev := must(t, r, ana, AddPerson{Name: "Lee", Team: "fire", Role: scenario.RoleParticipant, Code: "FIRE-8E3K-QW"})
	if d := string(ev.Data); !strings.Contains(d, `"code_hash":"$argon2id$`) || strings.Contains(d, "sha256") {
		t.Errorf("roster.added = %s", d)
	}
	if p := access.ByCode(r.State().Roster, "fire 8e3k qw"); p == nil || p.Name != "Lee" {
		t.Errorf("the added code matched %v", p)
	}
}

func TestSeatsJoinLeaveAndRefusals(t *testing.T) {
	s, _ := withRoster(t)
	must(t, s, anaPC, Join{Remote: "127.0.0.1:5000", How: "code"})
	must(t, s, anaPC, Join{Remote: "127.0.0.1:5001", How: "code"})
	must(t, s, anaPC, Leave{Remote: "127.0.0.1:5000"})
	must(t, s, SystemSSH, RefuseAccess{User: "eve", Remote: "10.0.0.9:1", Reason: "wrong join code"})
	st := s.State()
	if st.Seats["Ana"] != 1 || st.Refusals != 1 {
		t.Errorf("seats %v refusals %d", st.Seats, st.Refusals)
	}
	impostor := Actor{Role: scenario.RoleParticipant, Name: "Ana", Team: "fire"}
	if _, err := s.Do(impostor, Join{}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a seat whose team differs from the roster joined: %v", err)
	}
	if _, err := s.Do(anaPC, RefuseAccess{Reason: "x"}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a participant recorded a refusal: %v", err)
	}
}

func TestPauseInputHoldsParticipantsOnly(t *testing.T) {
	s, _ := withRoster(t)
	must(t, s, ana, PauseInput{})
	if _, err := s.Do(anaPC, RecordDecision{Team: "police", Text: "x"}); !errors.Is(err, ErrInputPaused) {
		t.Errorf("participant while paused: %v", err)
	}
	must(t, s, ana, RecordDecision{Team: "police", Text: "said in the room"})
	must(t, s, ana, ResumeInput{})
	must(t, s, anaPC, RecordDecision{Team: "police", Text: "cordon", Action: true})
	st := s.State()
	if st.Decisions.Len() != 2 || !st.Decisions.At(1).Action {
		t.Errorf("decisions = %+v", st.Decisions)
	}
}

func TestAddPersonBroadcastAndObservations(t *testing.T) {
	s, _ := withRoster(t)
	if _, err := s.Do(ana, AddPerson{Name: "Lee", Team: "fire", Role: scenario.RoleParticipant, Code: "river-4821"}); err == nil {
		t.Error("a second person with Ana's join code was added")
	}
	if _, err := s.Do(ana, AddPerson{Name: "Lee", Team: "fire", Role: scenario.RoleParticipant, Code: "FIRE-1234"}); err == nil ||
		!strings.Contains(err.Error(), "too easy to guess") {
		t.Errorf("a weak join code was added: %v", err)
	}
	ev := must(t, s, ana, AddPerson{Name: "Lee", Team: "fire", Role: scenario.RoleParticipant, Code: "FIRE-8E3K-QW"})
	// The added code shares the session's salt: one hash checks a guess.
	now := s.State()
	if got, want := joincode.SaltText(now.Person("Lee").CodeHash), joincode.SaltText(now.Person("Ana").CodeHash); got != want || got == "" {
		t.Errorf("the added code is hashed with %q, the session's with %q (%s)", got, want, ev.Data)
	}
	lee := Actor{Role: scenario.RoleParticipant, Name: "Lee", Team: "fire"}
	must(t, s, lee, Join{How: "code"})
	must(t, s, ana, Broadcast{Text: "Ten minutes to the hot debrief"})
	must(t, s, samEv, RecordObservation{Objective: "OBJ-2", Rating: "S", Text: "Joint decision, but late"})
	if _, err := s.Do(lee, RecordObservation{Objective: "OBJ-2", Text: "x"}); !errors.Is(err, ErrForbidden) {
		t.Errorf("a participant recorded an observation: %v", err)
	}
	if _, err := s.Do(samEv, RecordObservation{Objective: "OBJ-2", Rating: "Z", Text: "x"}); err == nil {
		t.Error("rating Z accepted")
	}
	st := s.State()
	if st.Person("Lee") == nil || st.Seats["Lee"] != 1 || len(st.Broadcasts) != 1 || len(st.Observations) != 1 || st.Observations[0].Rating != "S" {
		t.Errorf("state: lee=%v seats=%v broadcasts=%d observations=%+v", st.Person("Lee"), st.Seats, len(st.Broadcasts), st.Observations)
	}
}

func TestResumeEmptiesTheSeats(t *testing.T) {
	s, path := withRoster(t)
	must(t, s, anaPC, Join{})
	s.Abandon()
	r, _, err := Resume(path, ana, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abandon()
	if st := r.State(); len(st.Seats) != 0 || st.Person("Ana") == nil {
		t.Errorf("after resume: seats %v", st.Seats)
	}
}

// TestNewJoinCodeReplacesTheOldOne: a person on the roster given a new
// join code joins with it and no longer with the old one, in this session,
// in the states it handed out before (they keep the old), and once the
// file is resumed; what is not a person on the roster, a weak code,
// another's code, their own again, or a participant asking, is refused.
func TestNewJoinCodeReplacesTheOldOne(t *testing.T) {
	s, path := withRoster(t)
	before := s.State()
	ev := must(t, s, ana, NewJoinCode{Name: "Ana", Code: "KQ7M-4TRD-XW"})
	if d := string(ev.Data); ev.Type != event.RosterCodeIssued || !strings.Contains(d, `"code_hash":"$argon2id$`) || strings.Contains(d, "KQ7M") {
		t.Errorf("%s %s", ev.Type, d)
	}
	check := func(st event.State, when string) {
		t.Helper()
		if p := access.ByCode(st.Roster, "kq7m 4trd xw"); p == nil || p.Name != "Ana" {
			t.Errorf("%s: the new code matched %v", when, p)
		}
		if p := access.ByCode(st.Roster, "RIVER-4821"); p != nil {
			t.Errorf("%s: the old code still lets %s in", when, p.Name)
		}
		if p := access.ByCode(st.Roster, "EVAL-73KQ-9M"); p == nil || p.Name != "Sam" {
			t.Errorf("%s: Sam's code matched %v", when, p)
		}
	}
	check(s.State(), "now")
	if p := access.ByCode(before.Roster, "RIVER-4821"); p == nil || p.Name != "Ana" {
		t.Errorf("the state from before the new code changed: the old code matched %v", p)
	}
	for _, c := range []struct {
		who  Actor
		cmd  NewJoinCode
		want string
	}{
		{ana, NewJoinCode{Name: "Nobody", Code: "ZZ4K-8QWE-RT"}, "not on the roster"},
		{ana, NewJoinCode{Name: "Ana", Code: "FIRE-1234"}, "too easy to guess"},
		{ana, NewJoinCode{Name: "Ana", Code: " "}, "give the new join code"},
		{ana, NewJoinCode{Name: "Ana", Code: "EVAL-73KQ-9M"}, `"Sam" already has that join code`},
		{ana, NewJoinCode{Name: "Ana", Code: "KQ7M-4TRD-XW"}, "already Ana's join code"},
		{anaPC, NewJoinCode{Name: "Ana", Code: "ZZ4K-8QWE-RT"}, "only controllers"},
	} {
		if _, err := s.Do(c.who, c.cmd); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.cmd, err, c.want)
		}
	}
	s.Abandon()
	r, _, err := Resume(path, ana, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abandon()
	check(r.State(), "resumed")
}

// TestResumeRefusesEventsOfANewerTTX: a file holding an event of a type
// this ttx does not know (a newer one wrote it) is not resumed, which
// would carry on as if it had not happened; the error names the type and
// where, and the file is left as it was.
func TestResumeRefusesEventsOfANewerTTX(t *testing.T) {
	s, path := withRoster(t)
	must(t, s, anaPC, Join{How: "code"})
	s.Abandon()
	w, evs, _, err := journal.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1]
	future, err := event.New("seat.revoked", "facilitator:ana", last.At, last.T, map[string]string{"name": "Ana"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Append(future); err != nil {
		t.Fatal(err)
	}
	w.Close()
	before, _ := os.ReadFile(path)
	_, _, err = Resume(path, ana, Options{})
	if err == nil || !strings.Contains(err.Error(), "does not know (seat.revoked; the first is event "+strconv.Itoa(len(evs))+")") ||
		!strings.Contains(err.Error(), "Resume it with the ttx that wrote it") {
		t.Fatalf("resumed a file with an event this ttx does not know: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the refused resume changed the file")
	}
}

// TestNewJoinCodeForTheControlCellIsTheLeads: whoever knows a
// controller's join code can sit as them, so only the lead gives a
// member of the control cell a new one; any controller may give one to
// a participant.
func TestNewJoinCodeForTheControlCellIsTheLeads(t *testing.T) {
	sc := demo(t)
	sc.Roster = []scenario.Person{
		{Name: "Lee Lead", Role: scenario.RoleController, Lead: true, Code: "LEAD-73KQ-9M"},
		{Name: "Cat Kay", Role: scenario.RoleController, Code: "CATK-73KQ-9M"},
		{Name: "Ana", Team: "police", Role: scenario.RoleParticipant, Code: "RIVER-4821"},
	}
	s, _ := openWith(t, sc)
	cat := Actor{Role: scenario.RoleController, Name: "Cat Kay"}
	lead := Actor{Role: scenario.RoleController, Name: "Lee Lead"}
	if _, err := s.Do(cat, NewJoinCode{Name: "Lee Lead", Code: "MINE-8E3K-QW"}); !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "only the lead") {
		t.Errorf("a controller gave the lead a new code: %v", err)
	}
	if p := access.ByCode(s.State().Roster, "LEAD-73KQ-9M"); p == nil || p.Name != "Lee Lead" {
		t.Errorf("the lead's code changed: %v", p)
	}
	must(t, s, cat, NewJoinCode{Name: "Ana", Code: "ANA2-8E3K-QW"})
	must(t, s, lead, NewJoinCode{Name: "Cat Kay", Code: "CAT2-8E3K-QW"})
	must(t, s, ana, NewJoinCode{Name: "Lee Lead", Code: "LEE2-8E3K-QW"})
}

// TestAddingToTheControlCellIsTheLeads: the lead adds a controller, who
// can then run the exercise, and a SimCell member with the organisations
// they play; a controller who is not the lead cannot, nor can a SimCell
// member be added with no organisation or one the scenario does not
// simulate, nor anyone else play one.
func TestAddingToTheControlCellIsTheLeads(t *testing.T) {
	sc := demo(t)
	sc.Simulated = []scenario.Organisation{{ID: "media", Name: "BBC London"}, {ID: "cobr", Name: "COBR"}}
	sc.Roster = []scenario.Person{{Name: "Cat Kay", Role: scenario.RoleController, Code: "CATK-73KQ-9M"}}
	s, _ := openWith(t, sc)
	cat := Actor{Role: scenario.RoleController, Name: "Cat Kay"}
	for _, c := range []struct {
		who  Actor
		add  AddPerson
		want string
	}{
		{cat, AddPerson{Name: "Dev Ops", Role: scenario.RoleController, Code: "DEVO-8E3K-QW"}, "only the lead"},
		{ana, AddPerson{Name: "Sim One", Role: scenario.RoleSimCell, Code: "SIM1-8E3K-QW"}, "plays at least one of the simulated organisations (media, cobr)"},
		{ana, AddPerson{Name: "Sim One", Role: scenario.RoleSimCell, Code: "SIM1-8E3K-QW", Plays: []string{"media", "bbc"}}, `"bbc" is not one of the simulated organisations`},
		{ana, AddPerson{Name: "Obs One", Role: scenario.RoleObserver, Code: "OBS1-8E3K-QW", Plays: []string{"media"}}, "only a SimCell member plays"},
		{ana, AddPerson{Name: "Dev Ops", Role: "lead", Code: "DEVO-8E3K-QW"}, "choose participant, evaluator, observer, controller or simcell"},
	} {
		if _, err := s.Do(c.who, c.add); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.add, err, c.want)
		}
	}
	must(t, s, ana, AddPerson{Name: "Dev Ops", Role: scenario.RoleController, Code: "DEVO-8E3K-QW"})
	must(t, s, ana, AddPerson{Name: "Sim One", Role: scenario.RoleSimCell, Code: "SIM1-8E3K-QW", Plays: []string{"media", "cobr", "media"}})
	st := s.State()
	if p := st.Person("Sim One"); p == nil || p.Role != scenario.RoleSimCell || !slices.Equal(p.Plays, []string{"cobr", "media"}) {
		t.Errorf("Sim One on the roster: %+v", p)
	}
	dev := Actor{Role: scenario.RoleController, Name: "Dev Ops"}
	must(t, s, dev, RecordNote{Text: "Dev on the cell now"})
	if _, err := s.Do(dev, StartClock{}); !errors.Is(err, ErrForbidden) {
		t.Errorf("an added controller is the lead: %v", err)
	}
}

// TestRefusedResumeLeavesATornLine: a file of a newer ttx that crashed
// mid-line is refused as it is: its torn line is not set aside (the
// newer ttx sets it aside, and journals that, when it resumes), and the
// refusal names at most five types, each cut short, however many and
// long the file's are.
func TestRefusedResumeLeavesATornLine(t *testing.T) {
	s, path := withRoster(t)
	s.Abandon()
	w, evs, _, err := journal.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1]
	for i := range 8 {
		e, err := event.New("future.kind."+strconv.Itoa(i)+strings.Repeat("x", 200), "facilitator:ana", last.At, last.T, map[string]string{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"v":1,"seq":99,"at":"2026-11-24T09`) // torn
	f.Close()
	before, _ := os.ReadFile(path)
	_, _, err = Resume(path, ana, Options{})
	if err == nil || !strings.Contains(err.Error(), "and 3 more") || len(err.Error()) > 1000 {
		t.Fatalf("resume: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Errorf("the refused resume changed the file: %d bytes, then %d", len(before), len(after))
	}
	if _, err := os.Stat(path + ".torn"); err == nil {
		t.Error("the refused resume set the torn line aside")
	}
}
