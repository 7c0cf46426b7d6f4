package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/internal/bigscenario"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
)

var (
	largeMu       sync.Mutex
	largeSessions = map[int]string{}
)

// largeSession writes, once per run, the session of a generated scenario
// of n injects played through: each timed inject released when due on
// the first option of each branch, a decision for every second one, a
// request every 20th and an observation every 50th.
func largeSession(tb testing.TB, n int) string {
	tb.Helper()
	largeMu.Lock()
	defer largeMu.Unlock()
	if p, ok := largeSessions[n]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "ttx-large-")
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("big%d.jsonl", n))
	writeLargeSession(tb, path, bigscenario.YAML(n))
	largeSessions[n] = path
	return path
}

func writeLargeSession(tb testing.TB, path string, yaml []byte) {
	sc, probs := scenario.Parse("big.yaml", yaml)
	if sc == nil {
		tb.Fatalf("%.300s", probs)
	}
	w, err := journal.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer w.Close()
	g := &gen{tb: tb, w: w, wall: genStart, clk: clock.New(0)}
	scJSON, _ := json.Marshal(sc.ForJournal())
	g.add(event.SessionOpened, "facilitator:ana", event.Opened{Scenario: scJSON, Source: "big", Tool: "ttx test"})
	g.clk = g.clk.Start(g.wall)
	g.add(event.ClockStarted, "facilitator:ana", event.ClockChange{Speed: 1})
	var order []int
	for i := range sc.Injects {
		if _, ok := sc.Injects[i].Offset(); ok {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, _ := sc.Injects[a].Offset()
		y, _ := sc.Injects[b].Offset()
		return int(x - y)
	})
	after := map[string][]*scenario.Branch{}
	for b := range sc.Branches {
		after[sc.Branches[b].After] = append(after[sc.Branches[b].After], &sc.Branches[b])
	}
	choices := map[string]string{}
	for k, i := range order {
		in := &sc.Injects[i]
		if !onBranch(in, choices) {
			continue
		}
		at, _ := in.Offset()
		g.moveTo(at)
		g.add(event.InjectReleased, "facilitator:ana", event.InjectChange{Inject: in.ID})
		for _, b := range after[in.ID] {
			choices[b.ID] = b.Options[0].ID
			g.add(event.BranchChosen, "facilitator:ana", event.BranchChoice{Branch: b.ID, Option: b.Options[0].ID})
		}
		if k%2 == 0 {
			g.step(40 * time.Second / 3)
			team := recipients(sc, in.To)[k%len(recipients(sc, in.To))]
			g.add(event.DecisionRecorded, "facilitator:ana", event.Said{Team: team, Who: fmt.Sprintf("Officer %d", k%7+1),
				Text: decisionTexts[k%len(decisionTexts)], Inject: in.ID})
			if k%20 == 0 {
				g.add(event.RequestRecorded, "facilitator:ana", event.Said{Team: team, Text: "How many people are inside the cordon?", Inject: in.ID})
			}
			if k%50 == 0 && len(in.Objectives) > 0 {
				g.add(event.ObservationRecorded, "evaluator:sam", event.Observation{Objective: in.Objectives[0], Rating: "S", Text: "Joint decision recorded.", Inject: in.ID})
			}
		}
	}
	g.flush()
	g.add(event.SessionClosed, "facilitator:ana", event.Closed{Events: g.seq})
	g.flush()
}

// BenchmarkReport reads a played-through session of a generated scenario
// and writes its report in each format, as ttx report does.
func BenchmarkReport(b *testing.B) {
	formats := []struct {
		name  string
		write func(io.Writer, *Report) error
	}{{"md", WriteMarkdown}, {"html", WriteHTML}, {"csv", WriteDecisionsCSV}, {"csv-injects", WriteInjectsCSV}}
	for _, n := range bigscenario.Sizes() {
		for _, f := range formats {
			b.Run(fmt.Sprintf("injects=%d/%s", n, f.name), func(b *testing.B) {
				path := largeSession(b, n)
				b.ReportAllocs()
				for b.Loop() {
					l, err := Open(path, FoldOnly())
					if err != nil {
						b.Fatal(err)
					}
					if err := f.write(io.Discard, Build(l)); err != nil {
						b.Fatal(err)
					}
					l.Close()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/inject")
			})
		}
	}
}

// TestReportUnchanged holds each format of the report on a played-through
// generated session of 250 injects to what it was before the report's
// team and objective rows were gathered in one pass.
func TestReportUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	writeLargeSession(t, path, bigscenario.LongYAML(250))
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := Build(l)
	for _, f := range []struct {
		name  string
		write func(io.Writer, *Report) error
	}{{"md", WriteMarkdown}, {"html", WriteHTML}, {"csv", WriteDecisionsCSV}, {"csv-injects", WriteInjectsCSV}} {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(&b, r); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, b.Bytes())
		})
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, p := range largeSessions {
		os.RemoveAll(filepath.Dir(p))
	}
	os.Exit(code)
}

// TestReportWorkPerInjectFlat guards against a report whose work per
// inject grows with the scenario (folding the session copied the whole
// inject list at each release, and reading the scenario's line copied it
// once per 64 KB). It counts the bytes allocated, which do not depend on
// the machine's speed or load, per inject at 1,000 and 4,000 injects.
// Time spent scanning without allocating is not seen here:
// BenchmarkReport shows that.
func TestReportWorkPerInjectFlat(t *testing.T) {
	var per []float64
	for _, n := range []int{1000, 4000} {
		path := filepath.Join(t.TempDir(), "s.jsonl")
		writeLargeSession(t, path, bigscenario.YAML(n))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		l, err := Open(path, FoldOnly())
		if err != nil {
			t.Fatal(err)
		}
		for _, write := range []func(io.Writer, *Report) error{WriteMarkdown, WriteHTML, WriteDecisionsCSV, WriteInjectsCSV} {
			if err := write(io.Discard, Build(l)); err != nil {
				t.Fatal(err)
			}
		}
		l.Close()
		runtime.ReadMemStats(&after)
		per = append(per, float64(after.TotalAlloc-before.TotalAlloc)/float64(n))
	}
	t.Logf("%.0f bytes an inject at 1,000 injects, %.0f at 4,000", per[0], per[1])
	if per[1] > 1.5*per[0] {
		t.Errorf("a report allocates %.0f bytes an inject at 1,000 injects and %.0f at 4,000: it grows with the scenario", per[0], per[1])
	}
}
