package door

import (
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// fakeConn is a connection from an address that records its closing.
type fakeConn struct {
	net.Conn // nil: the door only asks where a connection is from, and closes it
	from     net.Addr
	closed   chan struct{}
	once     sync.Once
}

func connFrom(ip string) *fakeConn {
	return &fakeConn{from: &net.TCPAddr{IP: net.ParseIP(ip), Port: 40000}, closed: make(chan struct{})}
}

func (c *fakeConn) RemoteAddr() net.Addr { return c.from }

func (c *fakeConn) Close() error {
	c.once.Do(func() { close(c.closed) })
	return nil
}

// closedWithin reports whether c is closed within d.
func (c *fakeConn) closedWithin(d time.Duration) bool { return within(c.closed, d) }

// within reports whether done is closed within d.
func within(done <-chan struct{}, d time.Duration) bool {
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

// fakeContext is an SSH connection's context: values, and nothing of a
// connection.
type fakeContext struct {
	context.Context
	sync.Mutex
	mu     sync.Mutex
	values map[any]any
}

func newContext() *fakeContext {
	return &fakeContext{Context: context.Background(), values: map[any]any{}}
}

func (c *fakeContext) Value(k any) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.values[k]; ok {
		return v
	}
	return c.Context.Value(k)
}

func (c *fakeContext) SetValue(k, v any) {
	c.mu.Lock()
	c.values[k] = v
	c.mu.Unlock()
}

func (*fakeContext) User() string                  { return "" }
func (*fakeContext) SessionID() string             { return "" }
func (*fakeContext) ClientVersion() string         { return "" }
func (*fakeContext) ServerVersion() string         { return "" }
func (*fakeContext) RemoteAddr() net.Addr          { return nil }
func (*fakeContext) LocalAddr() net.Addr           { return nil }
func (*fakeContext) Permissions() *ssh.Permissions { return nil }

// arrival is one connection at the door: what admit gave back, once it
// did.
type arrival struct {
	conn *fakeConn
	ctx  *fakeContext
	done chan net.Conn
}

// arrive brings a connection from ip to the door, without waiting for
// the door to let it in.
func arrive(d *Door, ip string) *arrival {
	a := &arrival{conn: connFrom(ip), ctx: newContext(), done: make(chan net.Conn, 1)}
	go func() { a.done <- d.admit(a.ctx, a.conn) }()
	return a
}

// answer is what the door answered a within wait: the connection it let
// in, nil if it turned it away; false if it has not answered.
func (a *arrival) answer(wait time.Duration) (net.Conn, bool) {
	select {
	case c := <-a.done:
		a.done <- c
		return c, true
	case <-time.After(wait):
		return nil, false
	}
}

// in reports whether the door let a in within wait.
func (a *arrival) in(t *testing.T, wait time.Duration) bool {
	c, ok := a.answer(wait)
	return ok && c != nil
}

// turnedAway reports whether the door turned a away within wait.
func (a *arrival) turnedAway(wait time.Duration) bool {
	c, ok := a.answer(wait)
	return ok && c == nil
}

// answered reports whether the door answered a within wait.
func (a *arrival) answered(wait time.Duration) bool {
	_, ok := a.answer(wait)
	return ok
}

// fill brings a connection from each of ips to the door, in turn, each
// let in to a free place.
func fill(t *testing.T, d *Door, ips ...string) []*arrival {
	t.Helper()
	var held []*arrival
	for _, ip := range ips {
		a := arrive(d, ip)
		if !a.in(t, time.Second) {
			t.Fatalf("a connection from %s was not let in to a free place", ip)
		}
		held = append(held, a)
	}
	return held
}

// TestOneSourceMayTakeEveryPlace: with no one else at the door, one
// source (a room behind one NAT address) takes every place at once; the
// next waits, and gets in when a seat starts and frees a place.
func TestOneSourceMayTakeEveryPlace(t *testing.T) {
	d := New(time.Hour, 4)
	ins := fill(t, d, "192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.1")
	next := arrive(d, "192.0.2.1")
	if next.answered(100 * time.Millisecond) {
		t.Fatal("a connection was let in with every place taken by its own source")
	}
	Started(ins[0].ctx)
	if !next.in(t, time.Second) {
		t.Error("a waiting connection was not let in when a seat started and freed a place")
	}
}

// TestPastTheWaitingRoomIsTurnedAway: with every place and the waiting
// room held by one source, its next connection is turned away at once.
func TestPastTheWaitingRoomIsTurnedAway(t *testing.T) {
	const places = 2
	d := New(time.Hour, places)
	for range places + WaitingRoom*places {
		arrive(d, "192.0.2.1")
	}
	time.Sleep(100 * time.Millisecond)
	if !arrive(d, "192.0.2.1").turnedAway(time.Second) {
		t.Error("a connection beyond the door and its waiting room was not turned away at once")
	}
}

// TestNewcomerShedsTheSourceHoldingMost: with every place taken by one
// source, a newcomer from a source holding none gets in at once, and the
// oldest connection of the source holding the most is closed.
func TestNewcomerShedsTheSourceHoldingMost(t *testing.T) {
	d := New(time.Hour, 4)
	held := fill(t, d, "192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.1")
	if !arrive(d, "198.51.100.7").in(t, time.Second) {
		t.Fatal("a newcomer from a fresh source was not let in with every place taken")
	}
	if !held[0].conn.closedWithin(time.Second) {
		t.Error("the oldest connection of the source holding the most was not shed")
	}
	for _, a := range held[1:] {
		if a.conn.closedWithin(0) {
			t.Error("more than one connection was shed for one newcomer")
		}
	}
}

// TestSourcesHoldingAlikeAreNotShed: a newcomer from a source that holds
// one place fewer than the most sheds no one and waits: shedding would
// leave the other source no better off than the newcomer's.
func TestSourcesHoldingAlikeAreNotShed(t *testing.T) {
	d := New(time.Hour, 4)
	held := fill(t, d, "192.0.2.1", "192.0.2.1", "198.51.100.7", "203.0.113.9")
	if arrive(d, "198.51.100.7").in(t, 100*time.Millisecond) {
		t.Error("a newcomer got in past a source holding only one place more than its own")
	}
	for _, a := range held {
		if a.conn.closedWithin(0) {
			t.Error("a connection was shed for a source that holds as many")
		}
	}
}

// TestWaitingRoomShedsTheMost: with every place held, one by each source,
// and the waiting room full of one source's connections, a newcomer from
// another source waits in the place of that source's oldest waiting
// connection, which is closed.
func TestWaitingRoomShedsTheMost(t *testing.T) {
	const places = 4
	d := New(time.Hour, places)
	fill(t, d, "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4")
	var waiting []*arrival
	for range WaitingRoom * places {
		waiting = append(waiting, arrive(d, "192.0.2.1"))
		time.Sleep(time.Millisecond) // in order: the first is the oldest
	}
	time.Sleep(100 * time.Millisecond)
	newcomer := arrive(d, "203.0.113.9")
	if !waiting[0].conn.closedWithin(time.Second) {
		t.Error("the oldest waiting connection of the source waiting most was not shed")
	}
	for _, a := range waiting[1:] {
		if a.conn.closedWithin(0) {
			t.Error("more than one waiting connection was shed for one newcomer")
		}
	}
	if newcomer.answered(100 * time.Millisecond) {
		t.Error("a newcomer was let in, or turned away, with every place held and room to wait")
	}
	if !arrive(d, "192.0.2.1").turnedAway(time.Second) {
		t.Error("the source waiting most added one more to a full waiting room")
	}
}

// TestTimeAtTheDoorRunsOut: a connection whose seat has not started when
// its time is up is closed, and says how long it had left; one whose seat
// started is never closed for it, and a context that passed no door has
// no time.
func TestTimeAtTheDoorRunsOut(t *testing.T) {
	const timeout = 200 * time.Millisecond
	d := New(timeout, 4)
	two := fill(t, d, "192.0.2.1", "192.0.2.2")
	late, seated := two[0], two[1]
	if left, ok := Left(late.ctx); !ok || left <= 0 || left > timeout {
		t.Errorf("Left = %v, %v; want between 0 and %v", left, ok, timeout)
	}
	Started(seated.ctx)
	if !late.conn.closedWithin(timeout + time.Second) {
		t.Error("a connection whose seat never started was not closed when its time was up")
	}
	if seated.conn.closedWithin(timeout) {
		t.Error("a connection whose seat started was closed for its time at the door")
	}
	if _, ok := Left(newContext()); ok {
		t.Error("a connection that passed no door has time left at one")
	}
}

// TestOnePersonHoldsAtMostConnectionsEach: past the door, one person's
// connections are counted as they open their first session; past
// ConnectionsEach more are refused, another person is not, and closing one
// frees its count.
func TestOnePersonHoldsAtMostConnectionsEach(t *testing.T) {
	d := New(time.Hour, 2*ConnectionsEach+2)
	var conns []net.Conn
	claim := func(person string) bool {
		a := fill(t, d, "192.0.2.1")[0]
		c := <-a.done
		conns = append(conns, c)
		e := a.ctx.Value(enteringKey).(*entering)
		ok := d.claim(e, person)
		if ok && !d.claim(e, person) {
			t.Error("a second session on a counted connection was refused")
		}
		return ok
	}
	for i := range ConnectionsEach {
		if !claim("ana") {
			t.Fatalf("connection %d of one person was refused, the most is %d", i+1, ConnectionsEach)
		}
	}
	if claim("ana") {
		t.Errorf("one person held %d connections, the most is %d", ConnectionsEach+1, ConnectionsEach)
	}
	if !claim("lee") {
		t.Error("another person was refused for the first person's connections")
	}
	conns[0].Close()
	if !claim("ana") {
		t.Error("a connection that closed still counts among its person's")
	}
}

// fakeChannel is a session channel's new-channel request, whose accepted
// channel takes requests from reqs and records its closing.
type fakeChannel struct {
	gossh.NewChannel
	gossh.Channel
	reqs   chan *gossh.Request
	closed chan struct{}
	once   sync.Once
}

func newChannel() *fakeChannel {
	return &fakeChannel{reqs: make(chan *gossh.Request), closed: make(chan struct{})}
}

func (c *fakeChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	return c, c.reqs, nil
}

func (c *fakeChannel) Close() error {
	c.once.Do(func() { close(c.closed) })
	return nil
}

// TestSessionRequestsAreBounded: a session passes on at most EnvEach
// variables, none larger than EnvBytes, and its shell request; one that
// asks for no shell within ShellWait is closed, one that does is not.
func TestSessionRequestsAreBounded(t *testing.T) {
	was := ShellWait
	ShellWait = 200 * time.Millisecond
	defer func() { ShellWait = was }()

	fc := newChannel()
	_, out, err := boundedChannel{fc}.Accept()
	if err != nil {
		t.Fatal(err)
	}
	var passed []string
	done := make(chan struct{})
	go func() {
		for r := range out {
			passed = append(passed, r.Type+":"+string(r.Payload[:min(len(r.Payload), 8)]))
		}
		close(done)
	}()
	fc.reqs <- &gossh.Request{Type: "env", Payload: []byte(strings.Repeat("x", EnvBytes+1))}
	for range EnvEach + 5 {
		fc.reqs <- &gossh.Request{Type: "env", Payload: []byte("LANG=C")}
	}
	fc.reqs <- &gossh.Request{Type: "shell"}
	close(fc.reqs)
	<-done
	if env := len(passed) - 1; env != EnvEach || passed[len(passed)-1] != "shell:" {
		t.Errorf("the session passed on %d variables and then %q, want %d and the shell", env, passed[len(passed)-1], EnvEach)
	}
	if fc.closedWithin(ShellWait + 200*time.Millisecond) {
		t.Error("a session that asked for its shell was closed")
	}

	idle := newChannel()
	if _, _, err := (boundedChannel{idle}).Accept(); err != nil {
		t.Fatal(err)
	}
	if !idle.closedWithin(ShellWait + time.Second) {
		t.Errorf("a session that asked for no shell was still open after %v", ShellWait+time.Second)
	}
	close(idle.reqs)
}

// closedWithin reports whether the channel closes within d.
func (c *fakeChannel) closedWithin(d time.Duration) bool { return within(c.closed, d) }
