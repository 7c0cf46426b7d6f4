package seat

import (
	"bufio"
	"errors"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"ttx/exercise/access"
	"ttx/exercise/scenario"
)

// rawConn opens a TCP connection to addr that never authenticates.
func rawConn(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// banner reads the server's SSH version line from c, waiting at most
// wait; it returns the error if none came.
func banner(c net.Conn, wait time.Duration) (string, error) {
	c.SetReadDeadline(time.Now().Add(wait))
	defer c.SetReadDeadline(time.Time{})
	return bufio.NewReader(c).ReadString('\n')
}

// closedWithin reports whether the server closes c within wait, reading
// and discarding what it sends until then.
func closedWithin(c net.Conn, wait time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(wait))
	buf := make([]byte, 512)
	for {
		if _, err := c.Read(buf); err != nil {
			return !errors.Is(err, os.ErrDeadlineExceeded)
		}
	}
}

// TestUnauthenticatedTimesOut: connections that never prove who they are,
// silent or stopping half way through the handshake, are closed once
// their time is up; a seat, once open, stays open however quiet.
func TestUnauthenticatedTimesOut(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{AuthTimeout: 300 * time.Millisecond}, ana.Person)
	addr := srv.Addr().String()
	pa := joinWithKey(t, addr, ana)
	pa.waitFor("Ana Ruiz · Police")
	var conns []net.Conn
	for i := range 20 {
		c := rawConn(t, addr)
		if i%2 == 1 {
			c.Write([]byte("SSH-2.0-OpenSSH_9.6\r\n")) // and then nothing
		}
		conns = append(conns, c)
	}
	start := time.Now()
	for i, c := range conns {
		if !closedWithin(c, 3*time.Second) {
			t.Fatalf("connection %d that never authenticated is still open %v after it came", i, time.Since(start).Round(time.Millisecond))
		}
	}
	time.Sleep(500 * time.Millisecond)
	pa.keys("?")
	pa.waitFor("Keys")
}

// TestUnauthenticatedAreCapped: only so many connections may be proving
// who they are at once; as many again wait their turn, and any more are
// closed at once. A person with a key still gets in once the door frees.
func TestUnauthenticatedAreCapped(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{AuthTimeout: 10 * time.Second, MaxUnauthenticated: 2}, ana.Person)
	addr := srv.Addr().String()
	inside := []net.Conn{rawConn(t, addr), rawConn(t, addr)}
	for i, c := range inside {
		if b, err := banner(c, 2*time.Second); !strings.HasPrefix(b, "SSH-2.0-") {
			t.Fatalf("connection %d within the cap got no SSH banner: %q %v", i, b, err)
		}
	}
	waiting := []net.Conn{rawConn(t, addr), rawConn(t, addr)}
	time.Sleep(100 * time.Millisecond)
	extra := rawConn(t, addr)
	if !closedWithin(extra, time.Second) {
		t.Fatal("a connection beyond the cap and its waiting room was not closed at once")
	}
	for i, c := range waiting {
		if b, err := banner(c, 200*time.Millisecond); err == nil {
			t.Fatalf("waiting connection %d was let in while the cap was full: %q", i, b)
		}
	}
	inside[0].Close()
	if b, err := banner(waiting[0], 2*time.Second); !strings.HasPrefix(b, "SSH-2.0-") {
		if b, err = banner(waiting[1], time.Second); !strings.HasPrefix(b, "SSH-2.0-") {
			t.Fatalf("no waiting connection was let in when a slot freed: %q %v", b, err)
		}
	}
	for _, c := range append(inside, waiting...) {
		c.Close()
	}
	pa := joinWithKey(t, addr, ana)
	pa.waitFor("Ana Ruiz · Police")
}

// TestSeatsEachPerson: one person holds at most access.SeatsEach seats
// at once; a further one is told why and refused, the refusal is
// journaled, and a seat opens again once one of theirs is left.
func TestSeatsEachPerson(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	sess, srv, _ := serveDemo(t, ServerOptions{}, ana.Person)
	addr := srv.Addr().String()
	var open []*screen
	for range access.SeatsEach {
		s := joinWithKey(t, addr, ana)
		s.waitFor("Ana Ruiz · Police")
		open = append(open, s)
	}
	more := joinWithKey(t, addr, ana)
	more.waitFor("you already have 3 seats open")
	if n := sess.State().Seats["Ana Ruiz"]; n != access.SeatsEach {
		t.Errorf("Ana holds %d seats, want %d", n, access.SeatsEach)
	}
	if n := sess.State().Refusals; n != 1 {
		t.Errorf("refusals journaled = %d, want 1", n)
	}
	open[0].client.Close()
	deadline := time.Now().Add(5 * time.Second)
	for sess.State().Seats["Ana Ruiz"] == access.SeatsEach && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	again := joinWithKey(t, addr, ana)
	again.waitFor("Ana Ruiz · Police")
}
