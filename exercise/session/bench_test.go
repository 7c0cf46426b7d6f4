package session

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"ttx/exercise/scenario"
)

// BenchmarkGroupCommit measures, side by side in one run, decisions per
// second from one submitter (each decision its own fsync) and from 200
// concurrent submitters sharing fsyncs, with the confirmation latency the
// concurrent submitters saw. Run it with -benchtime 1x -count 5.
func BenchmarkGroupCommit(b *testing.B) {
	sc := demo(&testing.T{})
	for b.Loop() {
		one := submitters(b, sc, 1, 400)
		many := submitters(b, sc, 200, 40)
		b.ReportMetric(one.rate, "1-submitter-dec/s")
		b.ReportMetric(many.rate, "200-submitters-dec/s")
		b.ReportMetric(many.rate/one.rate, "x-speedup")
		b.ReportMetric(float64(many.p50.Microseconds())/1000, "200-p50-ms")
		b.ReportMetric(float64(many.p99.Microseconds())/1000, "200-p99-ms")
		b.ReportMetric(float64(one.p50.Microseconds())/1000, "1-p50-ms")
	}
}

type commitRun struct {
	rate     float64
	p50, p99 time.Duration
}

// submitters has n goroutines record each decisions decisions as fast as
// they can, each a participant of its own.
func submitters(b *testing.B, sc *scenario.Scenario, n, each int) commitRun {
	s, err := Create(filepath.Join(b.TempDir(), "s.jsonl"), sc, "demo", ana, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Abandon()
	teams := []string{"police", "fire", "transport"}
	lat := make([][]time.Duration, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			team := teams[i%len(teams)]
			a := Actor{Role: scenario.RoleParticipant, Name: team, Team: team}
			for range each {
				t0 := time.Now()
				if _, err := s.Do(a, RecordDecision{Team: team, Text: "Hold the cordon at 100 m and report."}); err != nil {
					b.Error(err)
					return
				}
				lat[i] = append(lat[i], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	all := slices.Concat(lat...)
	slices.Sort(all)
	return commitRun{rate: float64(len(all)) / elapsed.Seconds(), p50: all[len(all)/2], p99: all[len(all)*99/100]}
}
