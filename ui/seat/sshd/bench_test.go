package sshd

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/scenario"
)

// expecter lets a benchmark wait for text on a screen without polling:
// every write is checked against what is awaited.
type expecter struct {
	*screen
	mu   sync.Mutex
	buf  strings.Builder // output since the last mark
	want string
	hit  chan struct{}
}

func (e *expecter) Write(p []byte) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.buf.Write(p)
	if e.hit != nil && strings.Contains(ansi.Strip(e.buf.String()), e.want) {
		close(e.hit)
		e.hit = nil
	}
	return len(p), nil
}

// send writes keys and waits until want appears in what follows.
func (e *expecter) send(keys, want string) error {
	e.mu.Lock()
	e.buf.Reset()
	e.want, e.hit = want, make(chan struct{})
	hit := e.hit
	e.mu.Unlock()
	if _, err := e.in.Write([]byte(keys)); err != nil {
		return err
	}
	select {
	case <-hit:
		return nil
	case <-time.After(30 * time.Second):
		return fmt.Errorf("no %q within 30 s", want)
	}
}

// BenchmarkSSHDecisions measures decisions per second and the latency from
// pressing ctrl+s to seeing the confirmation, end to end through SSH, the
// participant's form, the session's group commit with fsync, and back,
// with 50 and 200 participants connected and all of them opening the form,
// typing and saving as fast as they can, at once: far harsher than a room.
func BenchmarkSSHDecisions(b *testing.B) {
	for _, n := range []int{50, 200} {
		b.Run(fmt.Sprintf("seats=%d", n), func(b *testing.B) { benchSeats(b, n) })
	}
}

func benchSeats(b *testing.B, n int) {
	teams := []string{"police", "fire", "transport"}
	people := make([]person, n)
	roster := make([]scenario.Person, n)
	for i := range people {
		people[i] = newPerson(b, fmt.Sprintf("Player %03d", i), teams[i%len(teams)], scenario.RoleParticipant)
		roster[i] = people[i].Person
	}
	_, srv, _ := serveDemo(b, ServerOptions{SubmitEvery: time.Nanosecond, SubmitBurst: 1 << 20}, roster...)
	seats := make([]*expecter, n)
	var wg sync.WaitGroup
	for i := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := &expecter{}
			sc, err := dialTo(b, srv.Addr().String(), people[i], e)
			if err != nil {
				b.Error(err)
				return
			}
			e.screen = sc
			seats[i] = e
		}()
	}
	wg.Wait()
	if b.Failed() {
		return
	}
	for i, e := range seats {
		e.waitFor(fmt.Sprintf("Player %03d", i))
	}
	var next atomic.Int64
	lat := make([][]time.Duration, n)
	b.ResetTimer()
	start := time.Now()
	for i := range seats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e := seats[i]
			for next.Add(1) <= int64(b.N) {
				if err := e.send("d", "Record a decision"); err != nil {
					b.Error(err)
					return
				}
				if err := e.send("\tHold the cordon at 100 m.", "100 m."); err != nil {
					b.Error(err)
					return
				}
				t0 := time.Now()
				if err := e.send("\x13", "record #"); err != nil {
					b.Error(err)
					return
				}
				lat[i] = append(lat[i], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	if len(all) == 0 {
		return
	}
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "decisions/s")
	b.ReportMetric(float64(all[len(all)/2].Milliseconds()), "p50-ms")
	b.ReportMetric(float64(all[len(all)*99/100].Milliseconds()), "p99-ms")
}
