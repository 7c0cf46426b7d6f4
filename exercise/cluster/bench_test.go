package cluster

import (
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"ttx/exercise/session"
)

// submitters is how many people give commands at once in the benchmarks.
const submitters = 16

// benchDecisions records b.N decisions from submitters goroutines through
// do, and reports decisions/s and the p50 and p99 time to answer.
func benchDecisions(b *testing.B, do func(i int, text string) error) {
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	next := make(chan int, b.N)
	for i := range b.N {
		next <- i
	}
	close(next)
	b.ResetTimer()
	start := time.Now()
	for w := range submitters {
		wg.Go(func() {
			for i := range next {
				t := time.Now()
				if err := do(w, fmt.Sprintf("decision %d", i)); err != nil {
					b.Error(err)
					return
				}
				lat[i] = time.Since(t)
			}
		})
	}
	wg.Wait()
	el := time.Since(start)
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/el.Seconds(), "decisions/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkDecisionsSingleNode is the single-machine session, for the
// side-by-side figures.
func BenchmarkDecisionsSingleNode(b *testing.B) {
	sc, _ := loadDemo()
	s, err := session.Create(filepath.Join(b.TempDir(), "s.jsonl"), sc, "demo", ana, session.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Abandon()
	benchDecisions(b, func(_ int, text string) error {
		_, err := s.Do(ana, decision(text))
		return err
	})
}

// BenchmarkDecisionsThreeNodes gives the decisions through a cluster of
// three nodes on loopback: all on the leader, or a third on each node
// (two thirds forwarded by followers).
func BenchmarkDecisionsThreeNodes(b *testing.B) {
	for _, where := range []string{"leader", "every-node"} {
		b.Run(where, func(b *testing.B) {
			c := newTestCluster(b, 3, 0, Options{})
			c.settle(0)
			nodes := []*Node{c.node("n1"), c.node("n2"), c.node("n3")}
			if where == "leader" {
				nodes = []*Node{c.leader()}
			}
			benchDecisions(b, func(w int, text string) error {
				_, err := nodes[w%len(nodes)].Do(ana, decision(text))
				return err
			})
		})
	}
}

// BenchmarkFailover is the time from stopping the leader to the first
// decision answered by the cluster after it, with the timings for sites
// and for loopback.
func BenchmarkFailover(b *testing.B) {
	b.Run("site", func(b *testing.B) { benchFailover(b, SiteTiming) })
	b.Run("loopback", func(b *testing.B) { benchFailover(b, LoopbackTiming) })
}

func benchFailover(b *testing.B, timing Timing) {
	c := newTestCluster(b, 3, 0, Options{Timing: timing})
	c.settle(0)
	var total time.Duration
	b.ResetTimer()
	for i := range b.N {
		lead := c.leader().Name()
		var other *Node
		for _, name := range c.names() {
			if name != lead {
				other = c.node(name)
			}
		}
		t := time.Now()
		c.stop(lead)
		if _, err := other.Do(ana, decision(fmt.Sprintf("after failover %d", i))); err != nil {
			b.Fatal(err)
		}
		total += time.Since(t)
		b.StopTimer()
		c.start(lead)
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/failover")
}
