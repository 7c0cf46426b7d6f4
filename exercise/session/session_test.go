package session

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/injects"
)

var t0 = time.Date(2026, 11, 24, 17, 30, 0, 0, time.UTC)

// fakeNow is a wall clock the test moves by hand.
type fakeNow struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeNow) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeNow) Add(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

var ana = Facilitator("ana")

func demo(t *testing.T) *scenario.Scenario {
	t.Helper()
	sc, probs := injects.Load("demo")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return sc
}

func newSession(t *testing.T, opts Options) (*Session, *fakeNow, string) {
	t.Helper()
	fn := &fakeNow{t: t0}
	opts.Now = fn.Now
	path := filepath.Join(t.TempDir(), "session.jsonl")
	s, err := Create(path, demo(t), "demo", ana, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, fn, path
}

func must(t *testing.T, s *Session, a Actor, c Command) event.Event {
	t.Helper()
	ev, err := s.Do(a, c)
	if err != nil {
		t.Fatalf("%T: %v", c, err)
	}
	return ev
}

func readBack(t *testing.T, path string) (journal.Report, []event.Event) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var evs []event.Event
	rep, err := journal.Scan(f, func(e event.Event) error { evs = append(evs, e); return nil })
	if err != nil || rep.Break != nil {
		t.Fatalf("scan: %v %v", err, rep.Break)
	}
	return rep, evs
}

func TestSessionJournalsAndFoldsTheSameState(t *testing.T) {
	s, fn, path := newSession(t, Options{})
	must(t, s, ana, StartClock{})
	fn.Add(90 * time.Second)
	rel := must(t, s, ana, Release{Inject: "D-01"})
	if rel.T != 90*time.Second || rel.Type != event.InjectReleased || rel.Seq != 2 {
		t.Errorf("release event = %+v", rel)
	}
	must(t, s, ana, StepSpeed{Up: true})
	if got := s.State().Clock.Speed(); got != 2 {
		t.Errorf("one step up from 1x = %v, want 2x", got)
	}
	must(t, s, ana, SetSpeed{Speed: 60})
	fn.Add(2 * time.Second) // 2 minutes of exercise time at 60x
	must(t, s, ana, RecordDecision{Team: "transport", Who: "Control room", Text: "Stop eastbound trains.\nCall 999.", Inject: "D-01"})
	must(t, s, ana, ChooseBranch{Branch: "evacuate", Option: "hold"})
	must(t, s, ana, PauseClock{})

	live := s.State()
	if got := live.Clock.At(fn.Now()); got != 3*time.Minute+30*time.Second {
		t.Errorf("exercise time = %v, want 3m30s", got)
	}
	if d := live.Decisions.Slice(); len(d) != 1 || d[0].Text != "Stop eastbound trains.\nCall 999." || d[0].T != 3*time.Minute+30*time.Second {
		t.Errorf("decisions = %+v", d)
	}
	head, err := s.Close(ana)
	if err != nil {
		t.Fatal(err)
	}
	rep, evs := readBack(t, path)
	if !rep.Sealed || rep.Head != head {
		t.Errorf("sealed=%v head=%s, want %s", rep.Sealed, rep.Head, head)
	}
	types := make([]string, len(evs))
	for i, e := range evs {
		types[i] = e.Type
	}
	want := []string{"session.opened", "clock.started", "inject.released", "clock.speed", "clock.speed", "decision.recorded", "branch.chosen", "clock.paused", "session.closed"}
	if !reflect.DeepEqual(types, want) {
		t.Errorf("journal types = %v\nwant %v", types, want)
	}
	folded := foldAll(evs[:len(evs)-1])
	if !reflect.DeepEqual(folded.Decisions.Slice(), live.Decisions.Slice()) || !reflect.DeepEqual(folded.Injects, live.Injects) ||
		folded.Clock != live.Clock || !reflect.DeepEqual(folded.Choices, live.Choices) {
		t.Error("the fold of the file differs from the live state")
	}
	if _, err := s.Do(ana, StartClock{}); !errors.Is(err, ErrClosed) {
		t.Errorf("command after close: %v", err)
	}
}

func TestRefusedCommandsJournalNothing(t *testing.T) {
	s, _, path := newSession(t, Options{})
	defer s.Abandon()
	pc := Actor{Role: scenario.RoleParticipant, Name: "pc", Team: "police"}
	tests := []struct {
		a    Actor
		c    Command
		want string
	}{
		{pc, RecordDecision{Team: "fire", Text: "x"}, "only for your own team"},
		{pc, Release{Inject: "D-01"}, "only controllers"},
		{Actor{Role: scenario.RoleObserver, Name: "o"}, RecordDecision{Team: "fire", Text: "x"}, "does not record decisions"},
		{ana, RecordDecision{Team: "fire", Text: "  \x1b[2J \n"}, "text is empty"},
		{ana, RecordDecision{Team: "army", Text: "x"}, `no team "army"`},
		{ana, Release{Inject: "D-99"}, `no inject "D-99"`},
		{ana, PauseClock{}, "already paused"},
		{ana, SetSpeed{Speed: 1000}, "out of range"},
		{ana, StepSpeed{}, "already at its slowest speed, 1x"},
		{ana, Delay{Inject: "D-C1", By: 5 * time.Minute}, "contingency inject"},
		{ana, ChooseBranch{Branch: "evacuate", Option: "maybe"}, `no option "maybe"`},
	}
	for _, tt := range tests {
		_, err := s.Do(tt.a, tt.c)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%T by %s: err = %v, want %q", tt.c, tt.a.By(), err, tt.want)
		}
	}
	must(t, s, pc, RecordDecision{Team: "police", Text: "Cordon at the entrance"})
	must(t, s, ana, Release{Inject: "D-01"})
	if _, err := s.Do(ana, Release{Inject: "D-01"}); err == nil || !strings.Contains(err.Error(), "already released") {
		t.Errorf("second release: %v", err)
	}
	_, evs := readBack(t, path)
	if len(evs) != 3 {
		t.Errorf("journal has %d events, want 3 (opened, decision, release)", len(evs))
	}
}

func TestConcurrentDecisionsShareFsyncsAndAllLand(t *testing.T) {
	s, _, path := newSession(t, Options{})
	const n = 200
	var wg sync.WaitGroup
	teams := []string{"police", "fire", "transport"}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			team := teams[i%3]
			a := Actor{Role: scenario.RoleParticipant, Name: team, Team: team}
			if _, err := s.Do(a, RecordDecision{Team: team, Text: "decision"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if _, err := s.Close(ana); err != nil {
		t.Fatal(err)
	}
	_, evs := readBack(t, path)
	if len(evs) != n+2 {
		t.Fatalf("journal has %d events, want %d", len(evs), n+2)
	}
	if got := foldAll(evs).Decisions.Len(); got != n {
		t.Errorf("folded decisions = %d, want %d", got, n)
	}
}

func TestAutoReleaseAsInjectsFallDue(t *testing.T) {
	tick := make(chan time.Time)
	s, fn, _ := newSession(t, Options{Auto: true, Tick: tick})
	defer s.Abandon()
	updates, cancel := s.Subscribe()
	defer cancel()
	must(t, s, ana, StartClock{})
	<-updates
	must(t, s, ana, Hold{Inject: "D-02"})
	<-updates
	fn.Add(61 * time.Second)
	tick <- fn.Now()
	st := <-updates
	t1 := st.Clock.At(fn.Now())
	if got := st.Status(0, t1); got != event.Released || !st.Injects.At(0).Auto {
		t.Errorf("D-01 status = %v auto=%v, want released automatically", got, st.Injects.At(0).Auto)
	}
	if got := st.Status(1, t1); got != event.Held {
		t.Errorf("held D-02 status = %v, want held", got)
	}
	if got := st.Status(2, t1); got != event.Pending {
		t.Errorf("D-03 status = %v, want pending", got)
	}
}

func TestBranchDecidesWhatFallsDue(t *testing.T) {
	s, _, _ := newSession(t, Options{})
	defer s.Abandon()
	must(t, s, ana, JumpClock{To: 6 * time.Minute})
	st := s.State()
	full, hold := st.Scenario.InjectIndex("D-04"), st.Scenario.InjectIndex("D-05")
	if st.Status(full, 6*time.Minute) != event.Waiting || st.Status(hold, 6*time.Minute) != event.Waiting {
		t.Error("before the choice both branch injects must be waiting")
	}
	must(t, s, ana, ChooseBranch{Branch: "evacuate", Option: "full"})
	st = s.State()
	if st.Status(full, 6*time.Minute) != event.Due || st.Status(hold, 6*time.Minute) != event.OffBranch {
		t.Errorf("after choosing full: D-04 %v, D-05 %v", st.Status(full, 6*time.Minute), st.Status(hold, 6*time.Minute))
	}
	must(t, s, ana, Delay{Inject: "D-06", By: 5 * time.Minute})
	st = s.State()
	i := st.Scenario.InjectIndex("D-06")
	if st.Status(i, 8*time.Minute) != event.Delayed || st.Status(i, 12*time.Minute) != event.Due {
		t.Errorf("delayed D-06: %v at 8m, %v at 12m", st.Status(i, 8*time.Minute), st.Status(i, 12*time.Minute))
	}
	if st.Status(st.Scenario.InjectIndex("D-C1"), time.Hour) != event.Contingency {
		t.Error("D-C1 should be a contingency inject")
	}
	if next := st.NextDue(6 * time.Minute); st.Scenario.Injects[next].ID != "D-07" {
		t.Errorf("next due = %s, want D-07", st.Scenario.Injects[next].ID)
	}
}

func TestResumeFoldsAndPausesTheClock(t *testing.T) {
	s, fn, path := newSession(t, Options{})
	must(t, s, ana, StartClock{})
	fn.Add(2 * time.Minute)
	must(t, s, ana, Release{Inject: "D-01"})
	must(t, s, ana, RecordDecision{Team: "police", Text: "Send a unit"})
	fn.Add(time.Minute)
	if err := s.Abandon(); err != nil {
		t.Fatal(err)
	}
	r, _, err := Resume(path, ana, Options{Now: fn.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abandon()
	st := r.State()
	if st.Clock.Running() || st.Clock.At(fn.Now()) != 2*time.Minute || st.Resumes != 1 {
		t.Errorf("after resume: running=%v t=%v resumes=%d", st.Clock.Running(), st.Clock.At(fn.Now()), st.Resumes)
	}
	if st.Decisions.Len() != 1 || !st.Injects.At(0).Released {
		t.Error("resumed state lost decisions or releases")
	}
	must(t, r, ana, StartClock{})
	if _, _, err := Resume(path, ana, Options{}); err == nil || !strings.Contains(err.Error(), "already open") {
		t.Errorf("second resume while open: %v", err)
	}
}

// failingFile makes writes fail with ENOSPC while full is set.
type failingFile struct {
	journal.File
	mu   sync.Mutex
	full bool
}

func (f *failingFile) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.full {
		return 0, syscall.ENOSPC
	}
	return f.File.Write(p)
}

func TestFullDiskRefusesThenRecovers(t *testing.T) {
	var ff *failingFile
	s, _, path := newSession(t, Options{Journal: []journal.Option{journal.WithFile(func(f journal.File) journal.File {
		ff = &failingFile{File: f}
		return ff
	})}})
	ff.mu.Lock()
	ff.full = true
	ff.mu.Unlock()
	before := s.State()
	_, err := s.Do(ana, RecordDecision{Team: "police", Text: "Cordon"})
	var ns *NotSavedError
	if !errors.Is(err, syscall.ENOSPC) || !errors.As(err, &ns) {
		t.Fatalf("err = %v, want a NotSavedError for ENOSPC", err)
	}
	if after := s.State(); after.Seq != before.Seq || after.Decisions.Len() != 0 {
		t.Fatal("a decision that was not saved changed the state")
	}
	ff.mu.Lock()
	ff.full = false
	ff.mu.Unlock()
	must(t, s, ana, RecordDecision{Team: "police", Text: "Cordon"})
	if _, err := s.Close(ana); err != nil {
		t.Fatal(err)
	}
	_, evs := readBack(t, path)
	if len(evs) != 3 || evs[1].Type != event.DecisionRecorded {
		t.Errorf("journal after recovery has %d events", len(evs))
	}
}

// countingFile counts fsyncs.
type countingFile struct {
	journal.File
	mu    sync.Mutex
	syncs int
}

func (c *countingFile) Sync() error {
	c.mu.Lock()
	c.syncs++
	c.mu.Unlock()
	return c.File.Sync()
}

func TestConcurrentSubmittersShareFsyncs(t *testing.T) {
	var cf *countingFile
	s, _, _ := newSession(t, Options{Journal: []journal.Option{journal.WithFile(func(f journal.File) journal.File {
		cf = &countingFile{File: f}
		return cf
	})}})
	defer s.Abandon()
	const n = 400
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := s.Do(ana, RecordNote{Text: "note"}); err != nil {
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	cf.mu.Lock()
	syncs := cf.syncs
	cf.mu.Unlock()
	if syncs >= n/4 {
		t.Errorf("%d concurrent commands took %d fsyncs; waiting commands must share them", n, syncs)
	}
	t.Logf("%d commands, %d fsyncs", n, syncs)
}

// foldAll folds evs into the empty state.
func foldAll(evs []event.Event) event.State {
	s := event.Empty()
	event.Fold(&s, slices.Values(evs))
	return s
}
