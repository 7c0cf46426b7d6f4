package review

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

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

func TestMain(m *testing.M) {
	code := m.Run()
	for _, p := range largeSessions {
		os.RemoveAll(filepath.Dir(p))
	}
	os.Exit(code)
}
