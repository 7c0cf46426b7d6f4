package seat

import (
	"fmt"
	"maps"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
	"ttx/exercise/session"
)

// Who may hold the server's resources, and for how long. A connection
// that has not yet proved who it is may hold them only briefly and only
// among a few; one person may hold only a few seats.

// DefaultAuthTimeout is how long a connection has, from its first byte
// of TCP to opening its seat, to prove who it is: time to type a join
// code, and no longer. A connection that has not done so is closed.
// Once in, a seat is never closed for being quiet.
const DefaultAuthTimeout = 30 * time.Second

// DefaultMaxUnauthenticated is how many connections may be proving who
// they are at once, and no more than half of them from one address;
// waitingRoom times as many may wait for a place (within their
// AuthTimeout), so that a whole room joining in the same second gets in;
// any more are closed at once. One address filling its half and the
// waiting room leaves the other half to everyone else. A connection in
// the middle of its handshake holds up to a quarter of a megabyte, one
// waiting a few kilobytes: together at most about twenty megabytes.
const DefaultMaxUnauthenticated = 64

// waitingRoom is how many connections may wait for each of the door's
// places.
const waitingRoom = 4

// door holds the connections that have not yet proved who they are.
type door struct {
	timeout time.Duration
	max     int // places inside
	each    int // places one address may hold

	mu       sync.Mutex
	inside   int
	bySource map[string]int
	waiting  int
	freed    chan struct{} // closed, and made anew, when a place frees
}

func newDoor(timeout time.Duration, places int) *door {
	return &door{timeout: timeout, max: places, each: max(1, places/2), bySource: map[string]int{}, freed: make(chan struct{})}
}

// enteringKey holds a connection's *entering in its SSH context.
var enteringKey = ctxKey{"entering"}

// entering is one connection until it has proved who it is.
type entering struct {
	d       *door
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
func (d *door) admit(ctx ssh.Context, conn net.Conn) net.Conn {
	e := &entering{d: d, conn: conn, source: sourceOf(conn), expired: make(chan struct{})}
	e.timer = time.AfterFunc(d.timeout, e.expire)
	d.mu.Lock()
	queued := false
	for d.inside >= d.max || d.bySource[e.source] >= d.each {
		if !queued {
			if d.waiting >= waitingRoom*d.max {
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
	sessionsEach = access.SeatsEach // open session channels per connection
	envEach      = 64               // environment variables per session
	envBytes     = 4 << 10          // the largest variable, name and value
)

// sessionsInside wraps the handler of SSH session channels: a connection
// may open one only once it has proved who it is, so the first one ends
// its time at the door; it may hold at most sessionsEach at once, and
// each is sent at most envEach variables of envBytes.
func sessionsInside(next ssh.ChannelHandler) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		e, ok := ctx.Value(enteringKey).(*entering)
		if !ok {
			next(srv, conn, ch, ctx)
			return
		}
		e.inside()
		if e.sessions.Add(1) > sessionsEach {
			e.sessions.Add(-1)
			ch.Reject(gossh.ResourceShortage, fmt.Sprintf("at most %d sessions on one connection", sessionsEach))
			return
		}
		defer e.sessions.Add(-1)
		next(srv, conn, boundedChannel{ch}, ctx)
	}
}

// boundedChannel is a session channel whose requests are bounded: the
// variables past envEach, or larger than envBytes, are refused.
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
				if env >= envEach || len(r.Payload) > envBytes {
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

// guardDoor puts the door in front of srv: every connection passes
// through admit (after any ConnCallback srv already has), and leaves the
// door when it opens a session.
func guardDoor(srv *ssh.Server, d *door) {
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

// takeSeat counts a seat for name, or reports that they already hold
// access.SeatsEach.
func (s *Server) takeSeat(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seats[name] >= access.SeatsEach {
		return false
	}
	s.seats[name]++
	return true
}

// leaveSeat counts one seat fewer for name.
func (s *Server) leaveSeat(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seats[name]--; s.seats[name] <= 0 {
		delete(s.seats, name)
	}
}

// refuseSeat tells a person who already holds every seat they may why
// this one does not open, and journals the refusal, which the
// facilitator sees in the list of seats.
func (s *Server) refuseSeat(sess ssh.Session, name string) {
	s.sess.Do(session.SystemSSH, session.RefuseAccess{User: sess.User(), Remote: sess.RemoteAddr().String(),
		Reason: fmt.Sprintf("%s already holds %d seats", name, access.SeatsEach)})
	wish.Fatalln(sess, fmt.Sprintf("%s, you already have %d seats open in this exercise, the most one person may have.\n"+
		"Leave one of them (press q there), then connect again.", name, access.SeatsEach))
}
