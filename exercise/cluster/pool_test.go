package cluster

import (
	"bufio"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ttx/exercise/cluster/internal/answer"
	"ttx/exercise/cluster/internal/forward"
	"ttx/exercise/cluster/internal/link"
)

// fakeLeader answers forwarded lines on a loopback port: every
// connection it accepts is counted, it holds its answers until hold
// lines wait for one (0: answers at once), and closes each connection
// after answering when closeAfter.
type fakeLeader struct {
	ln         net.Listener
	accepted   atomic.Int64
	hold       atomic.Int64
	closeAfter bool

	mu      sync.Mutex
	waiting int
	release chan struct{}
}

func newFakeLeader(t *testing.T, hold int, closeAfter bool) *fakeLeader {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeLeader{ln: ln, closeAfter: closeAfter, release: make(chan struct{})}
	f.hold.Store(int64(hold))
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.accepted.Add(1)
			go f.serve(c)
		}
	}()
	return f
}

func (f *fakeLeader) serve(c net.Conn) {
	defer c.Close()
	if err := (&link.Links{Rules: Rules}).Greet(c, 5*time.Second); err != nil {
		return
	}
	br := bufio.NewReader(c)
	if b, err := br.ReadByte(); err != nil || b != link.ForwardByte {
		return
	}
	for {
		if _, err := answer.ReadLine(br); err != nil {
			return
		}
		f.wait()
		if _, err := c.Write([]byte(`{"index":1,"seq":1}` + "\n")); err != nil || f.closeAfter {
			return
		}
	}
}

// wait returns once hold lines are waiting, all of them together.
func (f *fakeLeader) wait() {
	hold := int(f.hold.Load())
	if hold == 0 {
		return
	}
	f.mu.Lock()
	f.waiting++
	release := f.release
	if f.waiting == hold {
		close(f.release)
		f.waiting, f.release = 0, make(chan struct{})
	}
	f.mu.Unlock()
	<-release
}

// burst forwards n lines at once through p.
func burst(t *testing.T, p *forward.Pool, addr string, n int) {
	t.Helper()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if r, err := answer.Send(p, addr, []byte(`{"kind":"do"}`), 10*time.Second); err != nil || r.Seq != 1 {
				t.Errorf("forwarded: %+v, %v", r, err)
			}
		})
	}
	wg.Wait()
}

// A follower given many commands at once (a room joining, a burst of
// decisions) opens connections to the leader for them once: the next
// burst finds them open, and pays for no new TCP and TLS handshakes.
func TestForwardedBurstsReuseTheirConnections(t *testing.T) {
	const n = 40 // at once, every one waiting for the others
	f := newFakeLeader(t, n, false)
	p := &forward.Pool{Net: &link.Links{Rules: Rules}, IdleKeep: idleForward / 2}
	defer p.Close()
	addr := f.ln.Addr().String()
	burst(t, p, addr, n)
	first := f.accepted.Load()
	burst(t, p, addr, n)
	burst(t, p, addr, n)
	if got := f.accepted.Load(); first != n || got != first {
		t.Errorf("the leader accepted %d connections for the first burst of %d and %d more for the next two; want %d and none", first, n, got-first, n)
	}
}

// At most forward.MaxConns commands go to the leader at once: the rest wait for
// a connection, and are answered on it.
func TestForwardedCommandsShareAtMostMaxConns(t *testing.T) {
	f := newFakeLeader(t, 0, false)
	p := &forward.Pool{Net: &link.Links{Rules: Rules}, IdleKeep: idleForward / 2}
	defer p.Close()
	burst(t, p, f.ln.Addr().String(), 3*forward.MaxConns)
	if got := f.accepted.Load(); got > forward.MaxConns {
		t.Errorf("the leader accepted %d connections for %d commands at once; want at most %d", got, 3*forward.MaxConns, forward.MaxConns)
	}
}

// A connection left idle for longer than the leader keeps one is not
// used again: the command goes on a new one, and is answered.
func TestForwardedCommandSkipsConnectionsTheLeaderClosed(t *testing.T) {
	f := newFakeLeader(t, 4, true) // closing stands for the leader's idle timeout
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	p := &forward.Pool{Net: &link.Links{Rules: Rules}, Now: func() time.Time { return now }, IdleKeep: idleForward / 2}
	defer p.Close()
	addr := f.ln.Addr().String()
	burst(t, p, addr, 4) // four connections, all in use at once
	f.hold.Store(0)
	now = now.Add(idleForward)
	if r, err := answer.Send(p, addr, []byte(`{"kind":"do"}`), 10*time.Second); err != nil || r.Seq != 1 {
		t.Fatalf("after the leader closed the idle connections: %+v, %v; want the answer", r, err)
	}
}

// A command waiting for a connection while the node stops is told the
// node is stopping at once, not when its own timeout runs out.
func TestCommandWaitingForAConnectionHearsTheNodeStop(t *testing.T) {
	f := newFakeLeader(t, forward.MaxConns+1, false) // holds every answer
	p := &forward.Pool{Net: &link.Links{Rules: Rules}, IdleKeep: idleForward / 2}
	addr := f.ln.Addr().String()
	var held sync.WaitGroup
	for range forward.MaxConns {
		held.Go(func() { answer.Send(p, addr, []byte(`{"kind":"do"}`), time.Minute) })
	}
	defer func() {
		f.mu.Lock()
		close(f.release) // the held answers go out, to a pool that is closed
		f.mu.Unlock()
		held.Wait()
	}()
	for {
		f.mu.Lock()
		n := f.waiting
		f.mu.Unlock()
		if n == forward.MaxConns {
			break
		}
		time.Sleep(time.Millisecond)
	}
	got := make(chan error, 1)
	go func() {
		_, err := answer.Send(p, addr, []byte(`{"kind":"do"}`), 20*time.Second)
		got <- err
	}()
	time.Sleep(50 * time.Millisecond) // it waits for one of the connections in use
	p.Close()
	if err := <-got; err == nil || err.Error() != "the node is stopping" {
		t.Errorf("the command waiting for a connection was told %v; want the node is stopping", err)
	}
}
