package scenario

import (
	"fmt"
	"os"
	"path/filepath"
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
