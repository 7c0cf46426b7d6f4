package sshd

import (
	"net"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
	"ttx/exercise/scenario"
	"ttx/ui/seat/door"
)

// The door's own rules (places, sources, the waiting room, time at the
// door, connections each, sessions' requests) are tested in its package;
// these tests hold the seat server, which puts a door in front of its SSH
// server, to them over SSH.

// flood opens n connections from the loopback address from, each sending
// only its version line.
func flood(t *testing.T, from, addr string, n int) []net.Conn {
	t.Helper()
	var conns []net.Conn
	for range n {
		c := rawConnFrom(t, from, addr)
		c.Write([]byte("SSH-2.0-x\r\n"))
		conns = append(conns, c)
	}
	return conns
}

// TestFewSourcesCannotLockOut: three addresses flooding the door (40, 40
// and 300 connections that only send their version line) do not keep a
// person with a key, or a fresh address, out.
func TestFewSourcesCannotLockOut(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{AuthTimeout: 20 * time.Second}, ana.Person)
	addr := srv.Addr().String()
	flood(t, "127.0.0.2", addr, 40)
	flood(t, "127.0.0.3", addr, 40)
	flood(t, "127.0.0.4", addr, 300)
	time.Sleep(300 * time.Millisecond)
	pa, err := dialFrom(t, "127.0.0.1", addr, ana)
	if err != nil {
		t.Fatalf("a person with a key was kept out by three flooding addresses: %v", err)
	}
	pa.waitFor("Ana Ruiz · Police")
	if n := greeted([]net.Conn{rawConnFrom(t, "127.0.0.5", addr)}, 2*time.Second); n != 1 {
		t.Error("a fresh address was not let in while three others flooded")
	}
}

// TestSeatlessConnectionsAreBounded: one person's connections that open
// session channels, ask for no shell and send data hold nothing for
// long: at most door.ConnectionsEach get past the door, and their channels
// close after door.ShellWait.
func TestSeatlessConnectionsAreBounded(t *testing.T) {
	was := door.ShellWait
	door.ShellWait = 300 * time.Millisecond
	defer func() { door.ShellWait = was }()
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{}, ana.Person)
	addr := srv.Addr().String()
	opened := 0
	var chans []gossh.Channel
	for range 20 {
		client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "ana", Auth: []gossh.AuthMethod{gossh.PublicKeys(ana.signer)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { client.Close() })
		ch, _, err := client.OpenChannel("session", nil)
		if err != nil {
			continue
		}
		opened++
		chans = append(chans, ch)
	}
	if opened > door.ConnectionsEach {
		t.Errorf("one person opened sessions on %d connections at once, more than %d", opened, door.ConnectionsEach)
	}
	time.Sleep(door.ShellWait + 500*time.Millisecond)
	for i, ch := range chans {
		done := make(chan error, 1)
		go func() {
			_, err := ch.Read(make([]byte, 1))
			done <- err
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("session channel %d that asked for no shell is still open after %v", i, door.ShellWait+2*time.Second)
		}
	}
}

// TestComeBackLaterReachesThePerson: a connection whose source must
// wait for its next code longer than its time at the door has left is
// told to come back later before the door closes it.
func TestComeBackLaterReachesThePerson(t *testing.T) {
	jo := scenario.Person{Name: "Jo Park", Team: "transport", Role: scenario.RoleParticipant, Code: "K7QMB-ZWP9T"}
	_, srv, _ := serveDemo(t, ServerOptions{AuthTimeout: codeMargin + 2*time.Second}, jo)
	srv.codes = access.NewGuard(access.GuardOptions{First: time.Hour, Max: time.Hour})
	var told atomic.Bool
	auth := gossh.KeyboardInteractive(func(_, instruction string, questions []string, _ []bool) ([]string, error) {
		if strings.Contains(instruction, tooManyCodes) {
			told.Store(true)
		}
		if len(questions) == 0 {
			return nil, nil
		}
		return []string{"GUESS-000001"}, nil
	})
	if _, err := dial(t, srv.Addr().String(), "mallory", auth); err == nil {
		t.Fatal("a wrong join code got in")
	}
	if !told.Load() {
		t.Error("the connection was closed without being told to come back later")
	}
	if codeWait >= door.DefaultAuthTimeout-codeMargin {
		t.Errorf("codeWait %v is not shorter than the door's %v", codeWait, door.DefaultAuthTimeout)
	}
}

// TestMeasureSeatless measures, by hand, what 20 connections with one
// person's key cost, each opening 3 session channels that ask for no
// shell and writing 2 MB to each: TTX_MEASURE_SEATLESS=1 go test
// ./ui/seat -run TestMeasureSeatless -v.
func TestMeasureSeatless(t *testing.T) {
	if os.Getenv("TTX_MEASURE_SEATLESS") == "" {
		t.Skip("set TTX_MEASURE_SEATLESS=1 to measure")
	}
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{}, ana.Person)
	before, rss0 := liveHeap(), vmRSS()
	chunk := make([]byte, 2<<20)
	for range 20 {
		client, err := gossh.Dial("tcp", srv.Addr().String(), &gossh.ClientConfig{User: "ana", Auth: []gossh.AuthMethod{gossh.PublicKeys(ana.signer)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { client.Close() })
		for range 3 {
			if ch, _, err := client.OpenChannel("session", nil); err == nil {
				go ch.Write(chunk)
			}
		}
	}
	time.Sleep(2 * time.Second)
	t.Logf("after 2 s: live heap %+d MB, RSS %d → %d MB", (int64(liveHeap())-int64(before))>>20, rss0>>20, vmRSS()>>20)
	time.Sleep(door.ShellWait + time.Second)
	t.Logf("after door.ShellWait: live heap %+d MB, RSS %d MB", (int64(liveHeap())-int64(before))>>20, vmRSS()>>20)
}

// vmRSS is the test process's resident set, in bytes.
func vmRSS() int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n << 10
		}
	}
	return 0
}
