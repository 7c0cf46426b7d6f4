// Package door is what stands between the network and ttx's SSH seats:
// a connection that has not yet proved who it is may hold the server's
// resources only briefly and only among a few, and what one SSH session
// may ask for (sessions, environment variables) is bounded. It knows
// nothing of seats; the seat server puts a Door in front of its SSH
// server (Guard).
package door

import (
	"fmt"
	"maps"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
)

// DefaultAuthTimeout is how long a connection has, from its first byte
// of TCP to opening its seat, to prove who it is: time to type a join
// code, and no longer. A connection that has not done so is closed.
// Once in, a seat is never closed for being quiet.
const DefaultAuthTimeout = 30 * time.Second

// DefaultMaxUnauthenticated is how many connections may be proving who
// they are at once, and no more than half of them from one address;
// WaitingRoom times as many may wait for a place (within their
// AuthTimeout), so that a whole room joining in the same second gets in;
// any more are closed at once. One address filling its half and the
// waiting room leaves the other half to everyone else. A connection in
// the middle of its handshake holds up to a quarter of a megabyte, one
// waiting a few kilobytes: together at most about twenty megabytes.
const DefaultMaxUnauthenticated = 64

// WaitingRoom is how many connections may wait for each of the door's
// places.
const WaitingRoom = 4

// Door holds the connections that have not yet proved who they are.
type Door struct {
	timeout time.Duration
	max     int // places inside
	each    int // places one address may hold

	mu       sync.Mutex
	inside   int
	bySource map[string]int
	waiting  int
	freed    chan struct{} // closed, and made anew, when a place frees
}

// New returns a door that gives a connection timeout to prove who it is,
// and lets places of them try at once.
func New(timeout time.Duration, places int) *Door {
	return &Door{timeout: timeout, max: places, each: max(1, places/2), bySource: map[string]int{}, freed: make(chan struct{})}
}

// enteringKey holds a connection's *entering in its SSH context.
var enteringKey = ctxKey{"entering"}

type ctxKey struct{ name string }

// entering is one connection until it has proved who it is.
type entering struct {
	d       *Door
	conn    net.Conn
	source  string
	timer   *time.Timer
	expired chan struct{}
	holds   bool // holds a place inside; under d.mu
	// sessions counts the connection's open session channels, once in.
	sessions atomic.Int32
}

// admit is the SSH server's ConnCallback: it lets conn in if a place is
// free for it or becomes free before its time is up, and arms the timer
// that closes conn if it has not opened a session by then. It returns
// nil, which closes conn, if conn is turned away.
func (d *Door) admit(ctx ssh.Context, conn net.Conn) net.Conn {
	e := &entering{d: d, conn: conn, source: sourceOf(conn), expired: make(chan struct{})}
	e.timer = time.AfterFunc(d.timeout, e.expire)
	d.mu.Lock()
	queued := false
	for d.inside >= d.max || d.bySource[e.source] >= d.each {
		if !queued {
			if d.waiting >= WaitingRoom*d.max {
				d.mu.Unlock()
				e.timer.Stop()
				return nil
			}
			d.waiting, queued = d.waiting+1, true
		}
		freed := d.freed
		d.mu.Unlock()
		select {
		case <-freed:
		case <-e.expired:
			d.mu.Lock()
			d.waiting--
			d.mu.Unlock()
			return nil
		}
		d.mu.Lock()
	}
	if queued {
		d.waiting--
	}
	d.inside++
	d.bySource[e.source]++
	e.holds = true
	d.mu.Unlock()
	ctx.SetValue(enteringKey, e)
	return &doorConn{Conn: conn, e: e}
}

// sourceOf is the address a connection comes from, without its port.
func sourceOf(conn net.Conn) string {
	addr := conn.RemoteAddr().String()
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}

// expire closes a connection whose time is up.
func (e *entering) expire() {
	close(e.expired)
	e.conn.Close()
}

// inside is called once the connection has proved who it is: its timer
// stops and its place is free for the next.
func (e *entering) inside() {
	e.timer.Stop()
	e.drop()
}

// drop frees the connection's place, once, and wakes those waiting.
func (e *entering) drop() {
	d := e.d
	d.mu.Lock()
	defer d.mu.Unlock()
	if !e.holds {
		return
	}
	e.holds = false
	d.inside--
	if d.bySource[e.source]--; d.bySource[e.source] <= 0 {
		delete(d.bySource, e.source)
	}
	close(d.freed)
	d.freed = make(chan struct{})
}

// doorConn frees its connection's place at the door when it closes.
type doorConn struct {
	net.Conn
	e *entering
}

func (c *doorConn) Close() error {
	c.e.timer.Stop()
	c.e.drop()
	return c.Conn.Close()
}

// What one SSH session may ask for. Each session channel can buffer two
// megabytes its seat has not read, and keeps every environment variable
// it is sent: without a bound, one connection could open sessions, or
// send variables, until the server ran out of memory.
const (
	SessionsEach = access.SeatsEach // open session channels per connection
	EnvEach      = 64               // environment variables per session
	EnvBytes     = 4 << 10          // the largest variable, name and value
)

// sessionsInside wraps the handler of SSH session channels: a connection
// may open one only once it has proved who it is, so the first one ends
// its time at the door; it may hold at most SessionsEach at once, and
// each is sent at most EnvEach variables of EnvBytes.
func sessionsInside(next ssh.ChannelHandler) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		e, ok := ctx.Value(enteringKey).(*entering)
		if !ok {
			next(srv, conn, ch, ctx)
			return
		}
		e.inside()
		if e.sessions.Add(1) > SessionsEach {
			e.sessions.Add(-1)
			ch.Reject(gossh.ResourceShortage, fmt.Sprintf("at most %d sessions on one connection", SessionsEach))
			return
		}
		defer e.sessions.Add(-1)
		next(srv, conn, boundedChannel{ch}, ctx)
	}
}

// boundedChannel is a session channel whose requests are bounded: the
// variables past EnvEach, or larger than EnvBytes, are refused.
type boundedChannel struct{ gossh.NewChannel }

// Accept accepts the channel and passes its requests on, bounded.
func (c boundedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		env := 0
		for r := range reqs {
			if r.Type == "env" {
				if env >= EnvEach || len(r.Payload) > EnvBytes {
					r.Reply(false, nil)
					continue
				}
				env++
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// Guard puts the door in front of srv: every connection passes through
// it (after any ConnCallback srv already has), and leaves it when it
// opens a session.
func (d *Door) Guard(srv *ssh.Server) {
	prev := srv.ConnCallback
	srv.ConnCallback = func(ctx ssh.Context, conn net.Conn) net.Conn {
		if prev != nil {
			if conn = prev(ctx, conn); conn == nil {
				return nil
			}
		}
		return d.admit(ctx, conn)
	}
	if srv.ChannelHandlers == nil {
		srv.ChannelHandlers = maps.Clone(ssh.DefaultChannelHandlers)
	}
	if h := srv.ChannelHandlers["session"]; h != nil {
		srv.ChannelHandlers["session"] = sessionsInside(h)
	}
}
