package session

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"ttx/exercise/internal/bigscenario"
	"ttx/exercise/scenario"
)

var (
	largeMu        sync.Mutex
	largeScenarios = map[int]*scenario.Scenario{}
)

// largeScenario generates and loads a scenario of n injects once per run.
func largeScenario(tb testing.TB, n int) *scenario.Scenario {
	tb.Helper()
	largeMu.Lock()
	defer largeMu.Unlock()
	if sc, ok := largeScenarios[n]; ok {
		return sc
	}
	sc, probs := scenario.Parse(fmt.Sprintf("big%d.yaml", n), bigscenario.YAML(n))
	if sc == nil {
		tb.Fatalf("%.300s", probs)
	}
	largeScenarios[n] = sc
	return sc
}

// BenchmarkRehearse rehearses a generated scenario at full speed, with no
// one at the table, keeping the session file, as ttx rehearse --speed 0
// --session does.
func BenchmarkRehearse(b *testing.B) {
	for _, n := range bigscenario.Sizes() {
		b.Run(fmt.Sprintf("injects=%d", n), func(b *testing.B) {
			sc := largeScenario(b, n)
			dir := b.TempDir()
			b.ReportAllocs()
			runs := 0
			for b.Loop() {
				runs++
				res, err := Rehearse(sc, "big", RehearsalOptions{Path: filepath.Join(dir, fmt.Sprintf("r%d.jsonl", runs))})
				if err != nil || res.Released == 0 {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/inject")
		})
	}
}
