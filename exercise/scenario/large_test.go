package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"ttx/exercise/internal/bigscenario"
)

// largeSizes are the scenario sizes the large-scenario benchmarks run at:
// the time per inject should be about the same at both.
var largeSizes = bigscenario.Sizes()

var (
	largeMu    sync.Mutex
	largeFiles = map[int]string{}
)

// largeFile writes a generated scenario of n injects once per run and
// returns its path.
func largeFile(b *testing.B, n int) string {
	b.Helper()
	largeMu.Lock()
	defer largeMu.Unlock()
	if p, ok := largeFiles[n]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "ttx-large-")
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, fmt.Sprintf("big%d.yaml", n))
	if err := os.WriteFile(p, bigscenario.YAML(n), 0o644); err != nil {
		b.Fatal(err)
	}
	largeFiles[n] = p
	return p
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, p := range largeFiles {
		os.RemoveAll(filepath.Dir(p))
	}
	os.Exit(code)
}

// BenchmarkLoad reads, decodes and validates a generated scenario, as
// ttx validate does.
func BenchmarkLoad(b *testing.B) {
	for _, n := range largeSizes {
		b.Run(fmt.Sprintf("injects=%d", n), func(b *testing.B) {
			path := largeFile(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if sc, probs := Load(path); sc == nil {
					b.Fatalf("%.300s", probs)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/inject")
		})
	}
}

// BenchmarkValidate checks a decoded scenario again: the checks and
// warnings without the YAML.
func BenchmarkValidate(b *testing.B) {
	for _, n := range largeSizes {
		b.Run(fmt.Sprintf("injects=%d", n), func(b *testing.B) {
			sc, probs := Load(largeFile(b, n))
			if sc == nil {
				b.Fatalf("%.300s", probs)
			}
			b.ReportAllocs()
			for b.Loop() {
				if probs := Validate(sc, nil); probs.HasErrors() {
					b.Fatalf("%.300s", probs)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/inject")
		})
	}
}

// TestLoadWorkPerInjectFlat guards against loading and validating work
// per inject that grows with the scenario, such as a check that compares
// each inject with every other. It counts the bytes allocated, which do
// not depend on the machine's speed or load, per inject at 1,000 and
// 4,000 injects. Time spent scanning without allocating is not seen
// here: BenchmarkLoad shows that.
func TestLoadWorkPerInjectFlat(t *testing.T) {
	var per []float64
	for _, n := range []int{1000, 4000} {
		data := bigscenario.YAML(n)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		sc, probs := Parse("big.yaml", data)
		runtime.ReadMemStats(&after)
		if sc == nil {
			t.Fatalf("%.300s", probs)
		}
		per = append(per, float64(after.TotalAlloc-before.TotalAlloc)/float64(n))
	}
	t.Logf("%.0f bytes an inject at 1,000 injects, %.0f at 4,000", per[0], per[1])
	if per[1] > 1.5*per[0] {
		t.Errorf("loading allocates %.0f bytes an inject at 1,000 injects and %.0f at 4,000: it grows with the scenario", per[0], per[1])
	}
}
