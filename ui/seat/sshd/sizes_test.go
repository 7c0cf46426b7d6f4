package sshd

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/seat/paint"
)

// sizedSeat dials addr with p's key and opens a seat in a terminal of
// width×height, its output going to out (the screen it returns if nil);
// it returns the screen and the SSH session, so that a test can change the
// terminal's size.
func sizedSeat(t testing.TB, addr string, p person, width, height int, out io.Writer) (*screen, *gossh.Session) {
	t.Helper()
	sc := &screen{t: t}
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: userOf(p.Name), Auth: []gossh.AuthMethod{gossh.PublicKeys(p.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	sc.client = client
	t.Cleanup(func() { client.Close() })
	s, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	s.Stdout = out
	if out == nil {
		s.Stdout = sc
	}
	if sc.in, err = s.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", height, width, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	return sc, s
}

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// hugeHeapBound is the most the live heap may grow while one seat asks
// for a 65000×65000 terminal and then 100000×100000 ones.
const hugeHeapBound = 64 << 20

// TestHugeTerminalIsBounded: a seat that asks for a 65000×65000 terminal
// and then resizes to 100000×100000 again and again is drawn at most
// paint.MaxWidth×paint.MaxHeight; the server's heap stays within
// hugeHeapBound, another seat records a decision meanwhile, and what the
// huge seat held is given back when it leaves.
func TestHugeTerminalIsBounded(t *testing.T) {
	mallory := newPerson(t, "Mallory Big", "police", scenario.RoleParticipant)
	ana := newPerson(t, "Ana Ruiz", "fire", scenario.RoleParticipant)
	sess, srv, path := serveDemo(t, ServerOptions{}, mallory.Person, ana.Person)
	sess.Do(session.Facilitator("ana"), session.Release{Inject: "D-02"})
	addr := srv.Addr().String()
	pa := joinWithKey(t, addr, ana)
	pa.waitFor("Ana Ruiz · Fire and Rescue")
	before, goroutines := liveHeap(), runtime.NumGoroutine()

	big, bs := sizedSeat(t, addr, mallory, 65000, 65000, nil)
	big.waitFor("Mallory Big · Police")
	peak := liveHeap()
	for i := range 8 {
		if err := bs.WindowChange(100000, 100000-i); err != nil {
			t.Fatal(err)
		}
		time.Sleep(paint.ResizeEvery / 2)
		peak = max(peak, liveHeap())
	}
	pa.keys("d")
	pa.waitFor("Record a decision")
	pa.keys("\tHose reel to platform 2.\x13")
	pa.waitFor("Decision saved at")
	peak = max(peak, liveHeap())
	if grew := int64(peak) - int64(before); grew > hugeHeapBound {
		t.Errorf("a 65000×65000 seat grew the live heap by %d MB, more than %d MB", grew>>20, hugeHeapBound>>20)
	}
	t.Logf("live heap %d MB before, %d MB at most with the huge seat", before>>20, peak>>20)
	if ds := decisions(t, path); len(ds) != 1 {
		t.Errorf("journal has %d decisions, want Ana's one", len(ds))
	}

	big.client.Close()
	deadline := time.Now().Add(5 * time.Second)
	for sess.State().Seats["Mallory Big"] != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines after the huge seat left, %d before it came", n, goroutines)
	}
	if after := liveHeap(); after > before+8<<20 {
		t.Errorf("live heap %d MB after the huge seat left, %d MB before it came", after>>20, before>>20)
	}
}

// stuck is a terminal that stops reading: every write waits until the
// test ends. started is closed at the first.
type stuck struct {
	started, done chan struct{}
	once          *sync.Once
}

func (s stuck) Write(p []byte) (int, error) {
	s.once.Do(func() { close(s.started) })
	<-s.done
	return len(p), nil
}

// TestStuckTerminalHoldsNoOne: a seat whose terminal stops reading its
// output (its SSH window full) holds up only itself: another seat still
// records a decision and sees it saved.
func TestStuckTerminalHoldsNoOne(t *testing.T) {
	mallory := newPerson(t, "Mallory Big", "police", scenario.RoleParticipant)
	ana := newPerson(t, "Ana Ruiz", "fire", scenario.RoleParticipant)
	_, srv, path := serveDemo(t, ServerOptions{}, mallory.Person, ana.Person)
	addr := srv.Addr().String()
	pa := joinWithKey(t, addr, ana)
	pa.waitFor("Ana Ruiz · Fire and Rescue")

	st := stuck{started: make(chan struct{}), done: make(chan struct{}), once: &sync.Once{}}
	defer close(st.done)
	_, bs := sizedSeat(t, addr, mallory, paint.MaxWidth, paint.MaxHeight, st)
	// The seat is painting: the SSH library has read its terminal's
	// size, which a size change in the meantime would race with.
	select {
	case <-st.started:
	case <-time.After(10 * time.Second):
		t.Fatal("the seat never painted")
	}
	// Each new size repaints the whole screen, some hundreds of
	// kilobytes, until the client's window of two megabytes is full.
	for i := range 20 {
		bs.WindowChange(paint.MaxHeight, paint.MaxWidth-i%2)
		time.Sleep(paint.ResizeEvery + 10*time.Millisecond)
	}
	pa.keys("d")
	pa.waitFor("Record a decision")
	pa.keys("\tHose reel to platform 2.\x13")
	pa.waitFor("Decision saved at")
	if ds := decisions(t, path); len(ds) != 1 {
		t.Errorf("journal has %d decisions, want Ana's one", len(ds))
	}
}

// TestSeatsLeaveNothingBehind: seats that have left hold nothing: after
// two rounds of ten people opening every seat they may at 65000×65000
// and leaving, the server is back to the goroutines and, within a few
// megabytes, the heap it had before.
func TestSeatsLeaveNothingBehind(t *testing.T) {
	var ps []person
	var roster []scenario.Person
	for i := range 10 {
		p := newPerson(t, fmt.Sprintf("Player %02d", i), "police", scenario.RoleParticipant)
		ps, roster = append(ps, p), append(roster, p.Person)
	}
	sess, srv, _ := serveDemo(t, ServerOptions{}, roster...)
	addr := srv.Addr().String()
	// The first seat's program starts the process's signal loop, which
	// stays for the life of the process: start it before counting.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR2)
	defer signal.Stop(sig)
	heap, goroutines := liveHeap(), runtime.NumGoroutine()
	for round := range 2 {
		var clients []*gossh.Client
		for _, p := range ps {
			for range access.SeatsEach {
				w := &sighting{want: []byte(p.Name), seen: make(chan struct{})}
				sc, _ := sizedSeat(t, addr, p, 65000, 65000, w)
				select {
				case <-w.seen:
				case <-time.After(10 * time.Second):
					t.Fatalf("%s's seat never showed their name", p.Name)
				}
				clients = append(clients, sc.client)
			}
		}
		for _, c := range clients {
			c.Close()
		}
		// A seat's timers (its clock's tick, a second) may outlive it
		// by that long.
		deadline := time.Now().Add(5 * time.Second)
		for (len(sess.State().Seats) > 0 || runtime.NumGoroutine() > goroutines) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > goroutines {
			t.Errorf("round %d: %d goroutines after every seat left, %d before", round, n, goroutines)
		}
		if after := liveHeap(); after > heap+8<<20 {
			t.Errorf("round %d: live heap %d MB after every seat left, %d MB before", round, after>>20, heap>>20)
		}
	}
}
