package review

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
	"ttx/injects"
)

func openLog(t *testing.T, path string) *Log {
	t.Helper()
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestStateAtMatchesAFoldFromZero(t *testing.T) {
	l := openLog(t, genSession(t, t.TempDir(), "london", 3000))
	if l.Len() < 3*checkpointEvery {
		t.Fatalf("only %d events; the test needs several checkpoints", l.Len())
	}
	for _, n := range []int{0, 1, 2, checkpointEvery - 1, checkpointEvery, checkpointEvery + 1, 1234, l.Len() - 1, l.Len()} {
		got, want := l.StateAt(n), foldAll(readBack(t, l, n))
		if got.Seq != want.Seq || !reflect.DeepEqual(got.Injects, want.Injects) || !equalEntries(got.Decisions.Slice(), want.Decisions.Slice()) ||
			got.Clock != want.Clock || !reflect.DeepEqual(got.Choices, want.Choices) || !equalEntries(got.Requests, want.Requests) ||
			!equalEntries(got.Notes, want.Notes) || len(got.Replies) != len(want.Replies) || len(got.Unknown) != len(want.Unknown) {
			t.Errorf("StateAt(%d) differs from folding the first %d events", n, n)
		}
	}
	// Seeking backwards after forwards must not disturb the final state.
	before := l.Final.Decisions.Len()
	_ = l.StateAt(10)
	_ = l.StateAt(l.Len() - 5)
	if l.Final.Decisions.Len() != before || l.Final.Decisions.At(before-1).Seq != l.StateAt(l.Len()).Decisions.At(before-1).Seq {
		t.Error("seeking changed the final state")
	}
}

func TestClockAndWallMapping(t *testing.T) {
	l := openLog(t, genSession(t, t.TempDir(), "demo", 20))
	// The generated session starts its clock 5 s after opening, at 1x, and
	// pauses for two wall minutes half way.
	if got := l.ClockAt(genStart.Add(65 * time.Second)); got != time.Minute {
		t.Errorf("clock 65 s after opening = %v, want 1m", got)
	}
	wall, ok := l.WallAt(2 * time.Minute)
	if !ok || !wall.Equal(genStart.Add(125*time.Second)) {
		t.Errorf("wall time at T+2m = %v %v, want %v", wall, ok, genStart.Add(125*time.Second))
	}
	if _, ok := l.WallAt(10 * time.Hour); ok {
		t.Error("an exercise time never reached was found")
	}
	if n := l.CountAt(genStart.Add(-time.Second)); n != 0 {
		t.Errorf("events before the start = %d", n)
	}
	if n := l.CountAt(l.End()); n != l.Len() {
		t.Errorf("events by the end = %d, want %d", n, l.Len())
	}
	if len(l.Final.Unknown) != 1 || l.Final.Unknown[0].Type != "weather.changed" {
		t.Errorf("unknown events kept: %v", l.Final.Unknown)
	}
}

// smallSession drives a real session: D-01 released at T+1m and answered
// by the station operator at T+3m, D-02 released at T+4m and never
// answered, D-03 skipped.
func smallSession(t *testing.T) string {
	t.Helper()
	sc, _ := injects.Load("demo")
	now := genStart
	fn := func() time.Time { return now }
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "small.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: fn})
	if err != nil {
		t.Fatal(err)
	}
	do := func(c session.Command) {
		t.Helper()
		if _, err := s.Do(a, c); err != nil {
			t.Fatal(err)
		}
	}
	do(session.StartClock{})
	now = now.Add(time.Minute)
	do(session.Release{Inject: "D-01"})
	now = now.Add(2 * time.Minute)
	do(session.RecordDecision{Team: "transport", Who: "Zoë", Text: "Stop eastbound trains,\n\"then\" call 999", Inject: "D-01"})
	now = now.Add(time.Minute)
	do(session.Release{Inject: "D-02"})
	do(session.Skip{Inject: "D-03", Reason: "time"})
	do(session.RecordRequest{Team: "police", Text: "Is the station CCTV available?"})
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBuildResponseMetrics(t *testing.T) {
	r := Build(openLog(t, smallSession(t)))
	var d01, d02, d03 *InjectRow
	for i := range r.Injects {
		switch r.Injects[i].Inject.ID {
		case "D-01":
			d01 = &r.Injects[i]
		case "D-02":
			d02 = &r.Injects[i]
		case "D-03":
			d03 = &r.Injects[i]
		}
	}
	if got := d01.FirstResponse["transport"]; got != 2*time.Minute || d01.Unanswered() {
		t.Errorf("D-01 first response = %v", got)
	}
	if !d02.Unanswered() || d03.State.Released || !d03.State.Skipped {
		t.Error("D-02 should be unanswered and D-03 skipped")
	}
	c := r.Counts
	if c.Released != 2 || c.Skipped != 1 || c.NeverReleased != 5 || c.Decisions != 1 || c.Requests != 1 || c.Unanswered != 1 {
		t.Errorf("counts = %+v", c)
	}
	for _, tr := range r.Teams {
		if tr.ID == "transport" && (tr.InjectsReceived != 1 || tr.Answered != 1 || tr.MedianResponse != 2*time.Minute) {
			t.Errorf("transport row = %+v", tr)
		}
	}
	if !r.Integrity.Intact || !r.Sealed {
		t.Errorf("integrity = %+v sealed=%v", r.Integrity, r.Sealed)
	}
}

func TestRefreshFollowsAGrowingFile(t *testing.T) {
	sc, _ := injects.Load("demo")
	path := filepath.Join(t.TempDir(), "live.jsonl")
	a := session.Facilitator("ana")
	s, err := session.Create(path, sc, "demo", a, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abandon()
	l := openLog(t, path)
	if l.Len() != 1 {
		t.Fatalf("events = %d", l.Len())
	}
	s.Do(a, session.Release{Inject: "D-01"})
	s.Do(a, session.RecordDecision{Team: "police", Text: "On our way"})
	n, err := l.Refresh()
	if err != nil || n != 2 || l.Final.Decisions.Len() != 1 || !l.Final.Injects.At(0).Released {
		t.Fatalf("refresh: n=%d err=%v decisions=%d", n, err, l.Final.Decisions.Len())
	}
	if n, _ := l.Refresh(); n != 0 {
		t.Errorf("a second refresh with nothing new read %d events", n)
	}
}

func TestTornAndTamperedFilesAreReadNotRejected(t *testing.T) {
	path := smallSession(t)
	data, _ := os.ReadFile(path)
	torn := filepath.Join(t.TempDir(), "torn.jsonl")
	lines := strings.SplitAfter(string(data), "\n")
	os.WriteFile(torn, []byte(strings.Join(lines[:5], "")+`{"v":1,"seq":5,"at":"2026-`), 0o644)
	l := openLog(t, torn)
	if l.Scan.Torn == nil || l.Len() != 5 {
		t.Errorf("torn: %+v, %d events", l.Scan.Torn, l.Len())
	}
	r := Build(l)
	if r.Integrity.TornBytes == 0 || r.Sealed {
		t.Error("the report does not say the file is torn and unsealed")
	}
	tampered := filepath.Join(t.TempDir(), "tampered.jsonl")
	lines[3] = strings.Replace(lines[3], "Stop", "Stopp", 1)
	os.WriteFile(tampered, []byte(strings.Join(lines, "")), 0o644)
	r = Build(openLog(t, tampered))
	if r.Integrity.Intact || !strings.Contains(r.Integrity.Problem, "line 4") {
		t.Errorf("tampered: %+v", r.Integrity)
	}
}

func equalEntries(a, b []event.Entry) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

// TestWallAtReadsTheTimeAskedFor: at a speed that does not divide the
// time evenly, going to T+1h05 showed T+01:04:59, the wall time found
// being a few nanoseconds short; the clock now reads at least the time
// asked for there, and less than a millisecond more.
func TestWallAtReadsTheTimeAskedFor(t *testing.T) {
	sc, probs := injects.Load("demo")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	path := filepath.Join(t.TempDir(), "fast.jsonl")
	w, err := journal.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	g := &gen{tb: t, w: w, wall: genStart, clk: clock.New(0)}
	scJSON, _ := json.Marshal(sc)
	g.add(event.SessionOpened, "facilitator:ana", event.Opened{Scenario: scJSON, Source: "demo", Tool: "ttx test"})
	g.step(1234 * time.Millisecond)
	g.clk = g.clk.Start(g.wall).SetSpeed(g.wall, 30)
	g.add(event.ClockStarted, "facilitator:ana", event.ClockChange{Speed: 30})
	g.step(7 * time.Minute)
	g.add(event.ClockPaused, "facilitator:ana", event.ClockChange{Speed: 30})
	g.flush()
	w.Close()
	l := openLog(t, path)
	for want := time.Minute; want <= 3*time.Hour; want += 7*time.Minute + 13*time.Second {
		wall, ok := l.WallAt(want)
		if !ok {
			t.Fatalf("T+%v never read", want)
		}
		if got := l.ClockAt(wall); got < want || got >= want+time.Millisecond {
			t.Errorf("at the wall time found for T+%v the clock reads %v", want, got)
		}
	}
}

// foldAll folds evs into the empty state.
func foldAll(evs []event.Event) event.State {
	s := event.Empty()
	event.Fold(&s, slices.Values(evs))
	return s
}

// readBack reads the log's first n events back from its file.
func readBack(t *testing.T, l *Log, n int) []event.Event {
	t.Helper()
	evs, err := l.Events(0, n)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// TestStateAtKeepsTheCorrectionsOfItsInstant: a seek folds from a
// checkpoint that keeps no lists; the corrections (State.Fixes) are
// taken from the final state up to the instant, as the other lists are,
// on either side of a checkpoint.
func TestStateAtKeepsTheCorrectionsOfItsInstant(t *testing.T) {
	sc, probs := injects.Load("demo")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	path := filepath.Join(t.TempDir(), "fixes.jsonl")
	fac := session.Facilitator("ana")
	s, err := session.Create(path, sc, "demo", fac, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 700 {
		e, err := s.Do(fac, session.RecordDecision{Team: "police", Text: "decision " + strconv.Itoa(i)})
		if err != nil {
			t.Fatal(err)
		}
		if i%50 == 7 {
			if _, err := s.Do(fac, session.Amend{Seq: e.Seq, Text: "amended " + strconv.Itoa(i), Reason: "typo"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.Close(fac)
	l := openLog(t, path)
	for _, n := range []int{1, 100, checkpointEvery - 1, checkpointEvery + 3, 600, l.Len()} {
		got, want := l.StateAt(n), foldAll(readBack(t, l, n))
		if len(got.Fixes) != len(want.Fixes) || len(got.Fixes) > 0 && !reflect.DeepEqual(got.Fixes, want.Fixes) {
			t.Errorf("StateAt(%d) has %d corrections, a fold of its events %d", n, len(got.Fixes), len(want.Fixes))
		}
	}
}

// TestStateAtKeepsTheRosterOfItsInstant: a new join code changes an entry
// of the roster, so the roster at an instant is not the final one's
// first entries: on either side of a checkpoint, StateAt has the join
// codes a fold of its events has.
func TestStateAtKeepsTheRosterOfItsInstant(t *testing.T) {
	sc, probs := injects.Load("demo")
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	path := filepath.Join(t.TempDir(), "codes.jsonl")
	fac := session.Facilitator("ana")
	s, err := session.Create(path, sc, "demo", fac, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	do := func(c session.Command) {
		t.Helper()
		if _, err := s.Do(fac, c); err != nil {
			t.Fatal(err)
		}
	}
	do(session.AddPerson{Name: "Lee", Team: "fire", Role: "participant", Code: "LEE1-8E3K-QW"})
	for i := range 700 {
		do(session.RecordNote{Text: "note " + strconv.Itoa(i)})
		if i == 300 || i == 600 {
			do(session.NewJoinCode{Name: "Lee", Code: "LEE" + strconv.Itoa(i) + "-8E3K-QW"})
		}
	}
	s.Close(fac)
	l := openLog(t, path)
	for _, n := range []int{3, 100, 303, checkpointEvery - 1, checkpointEvery + 3, 700, l.Len()} {
		got, want := l.StateAt(n), foldAll(readBack(t, l, n))
		if !reflect.DeepEqual(got.Roster, want.Roster) {
			t.Errorf("StateAt(%d): Lee's code %q, a fold of its events %q", n, got.Person("Lee").CodeHash, want.Person("Lee").CodeHash)
		}
	}
}
