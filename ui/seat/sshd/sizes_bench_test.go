package sshd

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/seat/paint"
)

// BenchmarkHugeSeats measures what seats cost the server when every one
// asks for a huge terminal: ten people, each with access.SeatsEach seats
// at 65000×65000, each resized to 100000×100000 once an operation (and
// at a normal 110×30 to compare). It reports the live heap before they
// came, the most it held while they resized, and that growth per seat.
func BenchmarkHugeSeats(b *testing.B) {
	for _, sz := range [][2]int{{110, 30}, {65000, 65000}} {
		b.Run(fmt.Sprintf("size=%dx%d", sz[0], sz[1]), func(b *testing.B) { benchHugeSeats(b, sz[0], sz[1]) })
	}
}

func benchHugeSeats(b *testing.B, width, height int) {
	const people = 10
	var ps []person
	var roster []scenario.Person
	for i := range people {
		p := newPerson(b, fmt.Sprintf("Player %02d", i), "police", scenario.RoleParticipant)
		ps, roster = append(ps, p), append(roster, p.Person)
	}
	sess, srv, _ := serveDemo(b, ServerOptions{}, roster...)
	sess.Do(session.Facilitator("ana"), session.Release{Inject: "D-02"})
	addr := srv.Addr().String()
	settle()
	before := liveHeap()
	var seats []*gossh.Session
	for _, p := range ps {
		for range access.SeatsEach {
			w := &sighting{want: []byte(p.Name), seen: make(chan struct{})}
			_, s := sizedSeat(b, addr, p, width, height, w)
			select {
			case <-w.seen:
			case <-time.After(10 * time.Second):
				b.Fatalf("%s's seat never showed their name", p.Name)
			}
			seats = append(seats, s)
		}
	}
	peak := liveHeap()
	i := 0
	for b.Loop() {
		for _, s := range seats {
			if err := s.WindowChange(height*3/2, width*3/2+i%2); err != nil {
				b.Fatal(err)
			}
		}
		i++
		time.Sleep(paint.ResizeEvery + 20*time.Millisecond)
		peak = max(peak, liveHeap())
	}
	b.ReportMetric(float64(int64(peak)-int64(before))/float64(len(seats))/(1<<10), "KB/seat")
	b.ReportMetric(float64(peak)/(1<<20), "peak-live-MB")
	b.ReportMetric(float64(before)/(1<<20), "before-live-MB")
}

// settle waits, three seconds at most, for the goroutines of seats an
// earlier run closed (their timers run out within a second) to end, so
// that what they held is not counted again.
func settle() {
	n := runtime.NumGoroutine()
	for range 30 {
		time.Sleep(100 * time.Millisecond)
		m := runtime.NumGoroutine()
		if m >= n && m < 10 {
			return
		}
		n = m
	}
}

// sighting is a terminal that keeps only its last few kilobytes, and
// closes seen once want has appeared: the clients of many huge seats
// would otherwise keep every frame in the process the benchmark measures.
type sighting struct {
	want []byte
	seen chan struct{}
	mu   sync.Mutex
	tail []byte
	once sync.Once
}

func (w *sighting) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.tail = append(w.tail, p...)
	if bytes.Contains(w.tail, w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	if n := len(w.tail); n > 4<<10 {
		w.tail = append(w.tail[:0], w.tail[n-len(w.want):]...)
	}
	return len(p), nil
}
