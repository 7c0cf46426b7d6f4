package console

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// BenchmarkViewLondon120x40 is one frame of the console on the default
// scenario with some decisions in the feed, drawn again as after any
// message (a key, a tick): the console's last frame is not kept, what its
// panes memoise on their projection's version is.
func BenchmarkViewLondon120x40(b *testing.B) {
	m, s := testConsole(b, "london")
	for i := range 200 {
		if _, err := s.Do(ana, session.RecordDecision{Team: "met", Text: "Decision text that is long enough to wrap once in the feed pane of the console", Inject: "L-01"}); err != nil {
			b.Fatal(err, i)
		}
	}
	m.Update(pane.StateMsg{State: s.State()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	b.ResetTimer()
	for b.Loop() {
		m.dirty = true
		_ = m.View()
	}
}

// thousandInjects is a 1,000-inject MSEL for two teams.
func thousandInjects(b *testing.B) *scenario.Scenario {
	var y strings.Builder
	y.WriteString("title: Big\nduration: 1000h\nteams:\n  - {id: a, name: Alpha}\n  - {id: b, name: Bravo}\ninjects:\n")
	for i := range 1000 {
		fmt.Fprintf(&y, "  - {id: I%04d, at: %dm, title: Inject number %d, to: [a, b], body: A body., expected: Act.}\n", i, i*3, i)
	}
	sc, probs := scenario.Parse("big.yaml", []byte(y.String()))
	if sc == nil {
		b.Fatal(probs)
	}
	return sc
}

// longSession writes an unfinished session file of a 1,000-inject MSEL
// with 500 injects released and 100,000 decisions (30 MB), and returns its
// bytes.
func longSession(b *testing.B) []byte { return sessionFile(b, true) }

// sessionFile is longSession, or with decisions false the same session
// with its injects released and no decision recorded (0.2 MB): what a
// start costs before the decisions.
func sessionFile(b *testing.B, decisions bool) []byte {
	sc := thousandInjects(b)
	orig := filepath.Join(b.TempDir(), "orig.jsonl")
	w, err := journal.Create(orig)
	if err != nil {
		b.Fatal(err)
	}
	scJSON, _ := json.Marshal(sc.ForJournal())
	var batch []event.Event
	add := func(typ string, at time.Time, t time.Duration, data any) {
		e, err := event.New(typ, "facilitator:ana", at, t, data)
		if err != nil {
			b.Fatal(err)
		}
		if batch = append(batch, e); len(batch) == 1000 {
			if _, err := w.Append(batch...); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	add(event.SessionOpened, t0, 0, event.Opened{Scenario: scJSON, Source: "big", Tool: "ttx bench"})
	add(event.ClockStarted, t0, 0, event.ClockChange{Speed: 1})
	for i := range 100000 {
		t := time.Duration(i) * 100 * time.Millisecond
		if i%200 == 0 {
			add(event.InjectReleased, t0.Add(t), t, event.InjectChange{Inject: fmt.Sprintf("I%04d", i/200)})
		}
		if !decisions {
			continue
		}
		add(event.DecisionRecorded, t0.Add(t), t, event.Said{Team: "ab"[i%2 : i%2+1], Who: "Officer 3",
			Text: "Hold the cordon and report back to silver.", Inject: fmt.Sprintf("I%04d", i/200)})
	}
	if _, err := w.Append(batch...); err != nil {
		b.Fatal(err)
	}
	w.Close()
	data, err := os.ReadFile(orig)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// freshCopy writes run i's own copy of a session file, outside the timer,
// and syncs it to disk as ttx syncs every line it writes: otherwise the
// fsync of session.resumed would also write out the whole copy (30 MB,
// about 30 ms here), which no real resume pays.
func freshCopy(b *testing.B, dir string, data []byte, i int) string {
	b.StopTimer()
	defer b.StartTimer()
	path := filepath.Join(dir, fmt.Sprintf("run%d.jsonl", i))
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkResumeToFirstFrame is startup on a long session, in process:
// reopen the unfinished session file of longSession, check and fold it,
// journal session.resumed, and draw the console's first frame at 200×60.
// Each run resumes a fresh copy of the file (the copy is not timed).
// BenchmarkStartupToFirstFrame measures the same from a new process.
func BenchmarkResumeToFirstFrame(b *testing.B) {
	data := longSession(b)
	dir := b.TempDir()
	b.SetBytes(int64(len(data)))
	now := func() time.Time { return t0.Add(3 * time.Hour) }
	i := 0
	var cpu time.Duration
	defer func() { b.ReportMetric(float64(cpu.Microseconds())/1000/float64(i), "cpu-ms/op") }()
	for b.Loop() {
		i++
		path := freshCopy(b, dir, data, i)
		cpu0 := cpuTime()
		s, _, err := session.Resume(path, ana, session.Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		m := New(s, Options{Facilitator: ana, ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC, Tick: time.Hour}})
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		if frame := m.View(); !strings.Contains(frame, "I0499") {
			b.Fatalf("the first frame does not show the last released inject:\n%s", frame)
		}
		b.StopTimer()
		cpu += cpuTime() - cpu0
		s.Abandon()
		os.Remove(path)
		b.StartTimer()
	}
}

// BenchmarkViewThousandInjects100kDecisions is one frame with a 1,000-inject
// MSEL, half released, and 100,000 decisions in the feed, at 200×60, drawn
// again as after any message (BenchmarkViewLondon120x40).
func BenchmarkViewThousandInjects100kDecisions(b *testing.B) {
	sc := thousandInjects(b)
	b.Chdir(b.TempDir())
	now := func() time.Time { return t0 }
	s, err := session.Create("s.jsonl", sc, "big", ana, session.Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Abandon()
	st := s.State()
	seq := st.Seq
	add := func(typ string, t time.Duration, data any) {
		e, _ := event.New(typ, "facilitator:ana", t0, t, data)
		seq++
		e.Seq = seq
		st = event.Apply(st, e)
	}
	for i := range 500 {
		add(event.InjectReleased, time.Duration(i*3)*time.Minute, event.InjectChange{Inject: fmt.Sprintf("I%04d", i)})
	}
	for i := range 100000 {
		add(event.DecisionRecorded, time.Duration(i)*time.Second, event.Said{Team: "a", Text: "Hold the cordon and report back to silver.", Inject: fmt.Sprintf("I%04d", i%500)})
	}
	m := New(s, Options{Facilitator: ana, ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	start := time.Now()
	m.setState(st)
	b.ReportMetric(float64(time.Since(start).Microseconds()), "setState-µs")
	for b.Loop() {
		m.dirty = true
		_ = m.View()
	}
}
