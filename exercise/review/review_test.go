package review

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

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
	if len(l.Events) < 3*checkpointEvery {
		t.Fatalf("only %d events; the test needs several checkpoints", len(l.Events))
	}
	for _, n := range []int{0, 1, 2, checkpointEvery - 1, checkpointEvery, checkpointEvery + 1, 1234, len(l.Events) - 1, len(l.Events)} {
		got, want := l.StateAt(n), event.Fold(l.Events[:n])
		if got.Seq != want.Seq || !reflect.DeepEqual(got.Injects, want.Injects) || !equalEntries(got.Decisions, want.Decisions) ||
			got.Clock != want.Clock || !reflect.DeepEqual(got.Choices, want.Choices) || !equalEntries(got.Requests, want.Requests) ||
			!equalEntries(got.Notes, want.Notes) || len(got.Replies) != len(want.Replies) || len(got.Unknown) != len(want.Unknown) {
			t.Errorf("StateAt(%d) differs from folding the first %d events", n, n)
		}
	}
	// Seeking backwards after forwards must not disturb the final state.
	before := len(l.Final.Decisions)
	_ = l.StateAt(10)
	_ = l.StateAt(len(l.Events) - 5)
	if len(l.Final.Decisions) != before || l.Final.Decisions[before-1].Seq != l.StateAt(len(l.Events)).Decisions[before-1].Seq {
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
	if n := l.CountAt(l.End()); n != len(l.Events) {
		t.Errorf("events by the end = %d, want %d", n, len(l.Events))
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

func TestMarkdownReportGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, Build(openLog(t, genSession(t, t.TempDir(), "demo", 24)))); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, b.Bytes())
}

func TestDecisionsCSVParsesToOneRowPerDecision(t *testing.T) {
	r := Build(openLog(t, genSession(t, t.TempDir(), "london", 500)))
	var b bytes.Buffer
	if err := WriteDecisionsCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	if !bytes.HasPrefix(data, []byte(utf8BOM)) {
		t.Error("no UTF-8 byte order mark for spreadsheet programs")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != r.Decisions.Len() || r.Decisions.Len() != 500 {
		t.Fatalf("%d data rows for %d decisions", len(rows)-1, r.Decisions.Len())
	}
	texts := map[string]bool{}
	for _, row := range rows[1:] {
		texts[row[9]] = true
	}
	for _, want := range decisionTexts {
		if !texts[want] {
			t.Errorf("text %q did not survive the round trip", want)
		}
	}
	var ib bytes.Buffer
	if err := WriteInjectsCSV(&ib, r); err != nil {
		t.Fatal(err)
	}
	irows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(ib.Bytes(), []byte(utf8BOM)))).ReadAll()
	if err != nil || len(irows)-1 != len(r.Injects) {
		t.Fatalf("injects CSV: %v, %d rows for %d injects", err, len(irows)-1, len(r.Injects))
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	r := Build(openLog(t, smallSession(t)))
	var b bytes.Buffer
	if err := WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, bad := range []string{"<script", "<link", "src=", "url(", "@import"} {
		if strings.Contains(html, bad) {
			t.Errorf("report has %q: it must need no external assets", bad)
		}
	}
	for _, want := range []string{"<svg", "Stop eastbound trains,\n&#34;then&#34; call 999", "Zoë", "Improvement plan", r.Integrity.FinalHash} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
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
	if len(l.Events) != 1 {
		t.Fatalf("events = %d", len(l.Events))
	}
	s.Do(a, session.Release{Inject: "D-01"})
	s.Do(a, session.RecordDecision{Team: "police", Text: "On our way"})
	n, err := l.Refresh()
	if err != nil || n != 2 || len(l.Final.Decisions) != 1 || !l.Final.Injects.At(0).Released {
		t.Fatalf("refresh: n=%d err=%v decisions=%d", n, err, len(l.Final.Decisions))
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
	if l.Scan.Torn == nil || len(l.Events) != 5 {
		t.Errorf("torn: %+v, %d events", l.Scan.Torn, len(l.Events))
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

// TestFoldOnlyReportsTheSame writes every format from a log kept in
// memory and from a fold-only log that reads decisions back from the file:
// the reports must be byte for byte the same.
func TestFoldOnlyReportsTheSame(t *testing.T) {
	t.Run("words kept", func(t *testing.T) { foldOnlySame(t, wordBudget) })
	// Past the word budget, rows point to the file and the words are read
	// back as the report is written: a budget of 40 KB keeps the words of
	// the first few hundred decisions only.
	t.Run("words read back", func(t *testing.T) { foldOnlySame(t, 40<<10) })
}

func foldOnlySame(t *testing.T, budget int64) {
	defer func(was int64) { wordBudget = was }(wordBudget)
	wordBudget = budget
	path := genSession(t, t.TempDir(), "london", 1500)
	full := openLog(t, path)
	lean, err := Open(path, FoldOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer lean.Close()
	if len(lean.Events) != 0 || len(lean.Final.Decisions) > 1 {
		t.Errorf("a fold-only log kept %d events and %d decisions", len(lean.Events), len(lean.Final.Decisions))
	}
	readBack := 0
	for d := range lean.refs.All() {
		if d.where == inFile {
			readBack++
		}
	}
	if kept := lean.refs.Len() - readBack; budget < 1<<20 && (kept == 0 || readBack == 0) || budget >= 1<<20 && readBack != 0 {
		t.Fatalf("budget %d: %d decisions' words kept, %d to read back", budget, kept, readBack)
	}
	for name, write := range map[string]func(io.Writer, *Report) error{
		"md": WriteMarkdown, "html": WriteHTML, "decisions.csv": WriteDecisionsCSV, "injects.csv": WriteInjectsCSV,
	} {
		var a, b bytes.Buffer
		if err := write(&a, Build(full)); err != nil {
			t.Fatal(err)
		}
		if err := write(&b, Build(lean)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s differs between an in-memory and a fold-only log", name)
		}
		if name == "md" && !strings.Contains(b.String(), "Zoë Nowak (Łódź liaison)") {
			t.Error("the fold-only report lacks the decisions' text")
		}
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
