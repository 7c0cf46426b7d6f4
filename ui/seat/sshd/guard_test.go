package sshd

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
	"ttx/exercise/scenario"
	"ttx/ui/seat/door"
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

// greeted counts the connections among conns that get the server's SSH
// banner within wait.
func greeted(conns []net.Conn, wait time.Duration) int {
	got := make(chan bool, len(conns))
	for _, c := range conns {
		go func() {
			b, _ := banner(c, wait)
			got <- strings.HasPrefix(b, "SSH-2.0-")
		}()
	}
	n := 0
	for range conns {
		if <-got {
			n++
		}
	}
	return n
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

// rawConnFrom is rawConn from the loopback address from.
func rawConnFrom(t *testing.T, from, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// dialFrom opens p's seat from the loopback address from.
func dialFrom(t *testing.T, from, addr string, p person) (*screen, error) {
	t.Helper()
	conn := rawConnFrom(t, from, addr)
	cc, chans, reqs, err := gossh.NewClientConn(conn, addr, &gossh.ClientConfig{User: userOf(p.Name),
		Auth: []gossh.AuthMethod{gossh.PublicKeys(p.signer)}, HostKeyCallback: gossh.InsecureIgnoreHostKey()})
	if err != nil {
		return nil, err
	}
	sc := &screen{t: t, client: gossh.NewClient(cc, chans, reqs)}
	s, err := sc.client.NewSession()
	if err != nil {
		return nil, err
	}
	s.Stdout, s.Stderr = sc, sc
	if sc.in, err = s.StdinPipe(); err != nil {
		return nil, err
	}
	if err := s.RequestPty("xterm-256color", 30, 110, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	return sc, s.Shell()
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

// doorHeapBound is the most the live heap may grow while connections
// crowd the door, each that gets in announcing a packet of the largest
// size and sending none of it.
const doorHeapBound = 24 << 20

// TestDoorMemoryIsBounded: six hundred connections that never
// authenticate, half of them holding a quarter-megabyte packet open, cost
// the server at most doorHeapBound.
func TestDoorMemoryIsBounded(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{}, ana.Person)
	addr := srv.Addr().String()
	before := liveHeap()
	for i := range 600 {
		c := rawConn(t, addr)
		if i%2 == 0 {
			hdr := make([]byte, 5)
			binary.BigEndian.PutUint32(hdr, 256<<10-8)
			c.Write(append([]byte("SSH-2.0-OpenSSH_9.6\r\n"), hdr...))
		}
	}
	time.Sleep(time.Second)
	grew := int64(liveHeap()) - int64(before)
	t.Logf("600 connections at the door: live heap %+d KB", grew>>10)
	if grew > doorHeapBound {
		t.Errorf("600 connections at the door grew the live heap by %d MB, more than %d MB", grew>>20, doorHeapBound>>20)
	}
}

// TestSessionsEachConnection: one connection holds at most door.SessionsEach
// session channels at once, whether or not they become seats, and may
// open another once one closes.
func TestSessionsEachConnection(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{}, ana.Person)
	client, err := gossh.Dial("tcp", srv.Addr().String(), &gossh.ClientConfig{User: "ana", Auth: []gossh.AuthMethod{gossh.PublicKeys(ana.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	var open []*gossh.Session
	for i := range 20 {
		s, err := client.NewSession()
		if i < door.SessionsEach {
			if err != nil {
				t.Fatalf("session %d of %d: %v", i+1, door.SessionsEach, err)
			}
			open = append(open, s)
			continue
		}
		if err == nil {
			t.Fatalf("a connection opened session %d, more than %d", i+1, door.SessionsEach)
		}
	}
	open[0].Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s, err := client.NewSession()
		if err == nil {
			s.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no session opens after one closed: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestEnvIsBounded: a session keeps at most door.EnvEach environment
// variables, none larger than door.EnvBytes.
func TestEnvIsBounded(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{}, ana.Person)
	client, err := gossh.Dial("tcp", srv.Addr().String(), &gossh.ClientConfig{User: "ana", Auth: []gossh.AuthMethod{gossh.PublicKeys(ana.signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	s, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Setenv("LANG", "en_GB.UTF-8"); err != nil {
		t.Errorf("a small variable was refused: %v", err)
	}
	if err := s.Setenv("HUGE", strings.Repeat("x", door.EnvBytes)); err == nil {
		t.Error("a variable larger than door.EnvBytes was kept")
	}
	kept := 1
	for i := range 2 * door.EnvEach {
		if s.Setenv(fmt.Sprintf("V%d", i), "1") == nil {
			kept++
		}
	}
	if kept != door.EnvEach {
		t.Errorf("a session kept %d variables, want %d", kept, door.EnvEach)
	}
}
