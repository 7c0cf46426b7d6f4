package rehearse

import (
	"fmt"
	"path/filepath"
	"runtime"
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
				res, err := Run(sc, "big", Options{Path: filepath.Join(dir, fmt.Sprintf("r%d.jsonl", runs))})
				if err != nil || res.Released == 0 {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/inject")
		})
	}
}

// TestRehearsalWorkPerInjectFlat guards against a rehearsal whose work
// per inject grows with the scenario (copying the whole inject list at
// each release did: 88 bytes an inject, per release). It counts the
// bytes allocated, which do not depend on the machine's speed or load,
// per inject at 1,000 and at 4,000 injects. Time spent scanning without
// allocating is not seen here: BenchmarkRehearse shows that.
func TestRehearsalWorkPerInjectFlat(t *testing.T) {
	var per []float64
	for _, n := range []int{1000, 4000} {
		sc := largeScenario(t, n)
		path := filepath.Join(t.TempDir(), "r.jsonl")
		per = append(per, float64(allocated(func() {
			if _, err := Run(sc, "big", Options{Path: path}); err != nil {
				t.Fatal(err)
			}
		}))/float64(n))
	}
	t.Logf("%.0f bytes an inject at 1,000 injects, %.0f at 4,000", per[0], per[1])
	if per[1] > 1.5*per[0] {
		t.Errorf("a rehearsal allocates %.0f bytes an inject at 1,000 injects and %.0f at 4,000: it grows with the scenario", per[0], per[1])
	}
}

// allocated returns the bytes allocated while fn runs.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
