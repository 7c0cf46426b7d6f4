// Package door is what stands between the network and ttx's SSH seats.
// A connection that has not yet proved who it is may hold the server's
// resources only for a while and only among a few; a source (an IPv4
// address, or an IPv6 /64) may take every free place, and when none is
// free a source holding fewer always gets in, at the expense of the
// source holding the most. Past the door, one person may hold only a few
// connections, and what one SSH session may ask for (sessions, time
// before its shell, environment variables) is bounded. It knows nothing
// of seats: the seat server puts a Door in front of its SSH server
// (Guard), says when a seat's program starts (Started), and asks how
// long a connection has left (Left).
package door

import (
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"

	"ttx/exercise/access"
)

// DefaultAuthTimeout is how long a connection has, from its first byte
// of TCP to its seat's program starting, to prove who it is: time for a
// person to read the prompt, find the join code and type it. A
// connection that has not done so is closed. Once its seat is open, a
// connection is never closed for being quiet.
const DefaultAuthTimeout = 90 * time.Second

// DefaultMaxUnauthenticated is how many connections may be proving who
// they are at once; WaitingRoom times as many may wait for a place
// (within their AuthTimeout), so that a whole room joining in the same
// second gets in. A connection in the middle of its handshake holds up
// to a quarter of a megabyte, one waiting a few kilobytes: together at
// most about twenty megabytes.
const DefaultMaxUnauthenticated = 64

// WaitingRoom is how many connections may wait for each of the door's
// places.
const WaitingRoom = 4

// A source (an IPv4 address, or an IPv6 /64: access.Source) may take any
// place that is free: a room of two hundred behind one NAT address joins
// through the door at once. Fairness comes when the door is full: a
// newcomer from a source holding fewer places sheds the oldest
// connection of the source holding the most, inside and in the waiting
// room alike, so that no few sources flooding the door can keep another
// out.

// Door holds the connections that have not yet proved who they are.
type Door struct {
	timeout time.Duration
	max     int // places inside
	waitMax int // places in the waiting room

	mu       sync.Mutex
	inside   int
	waiting  int
	bySource map[string]*holding
	people   map[string]int // person -> connections in, past the door
	freed    chan struct{}  // closed, and made anew, when a place frees
}

// holding is what one source holds at the door, oldest first.
type holding struct {
	inside, waiting []*entering
}

// New returns a door that gives a connection timeout, from its first
// byte of TCP to its seat's program starting, to prove who it is, and
// lets places of them try at once.
func New(timeout time.Duration, places int) *Door {
	return &Door{timeout: timeout, max: places, waitMax: WaitingRoom * places,
		bySource: map[string]*holding{}, people: map[string]int{}, freed: make(chan struct{})}
}

// enteringKey holds a connection's *entering in its SSH context.
var enteringKey = ctxKey{"entering"}

type ctxKey struct{ name string }

// Where a connection stands at the door; under Door.mu.
const (
	gone = iota
	queued
	in
)

// entering is one connection until it has proved who it is.
type entering struct {
	d        *Door
	conn     net.Conn
	source   string
	deadline time.Time
	timer    *time.Timer
	expired  chan struct{}
	once     sync.Once
	state    int    // under d.mu
	person   string // counted in d.people; under d.mu
	// sessions counts the connection's open session channels, once in.
	sessions atomic.Int32
}

// admit is the SSH server's ConnCallback: it lets conn in if a place is
// free for it, can be taken from a source holding more, or becomes free
// before its time is up, and arms the timer that closes conn if its seat
// has not started by then. It returns nil, which closes conn, if conn is
// turned away.
func (d *Door) admit(ctx ssh.Context, conn net.Conn) net.Conn {
	e := &entering{d: d, conn: conn, source: access.Source(conn.RemoteAddr().String()), expired: make(chan struct{}),
		deadline: time.Now().Add(d.timeout)}
	e.timer = time.AfterFunc(d.timeout, e.expire)
	d.mu.Lock()
	h := d.bySource[e.source]
	if h == nil {
		h = &holding{}
		d.bySource[e.source] = h
	}
	if d.inside >= d.max {
		if v := d.most(func(h *holding) []*entering { return h.inside }, len(h.inside)); v != nil {
			d.leave(v)
			v.expire()
		}
	}
	if d.inside >= d.max {
		if d.waiting >= d.waitMax {
			v := d.most(func(h *holding) []*entering { return h.waiting }, len(h.waiting))
			if v == nil {
				return d.turnAway(e)
			}
			d.leave(v)
			v.expire()
		}
		e.state = queued
		h.waiting = append(h.waiting, e)
		d.waiting++
		for d.inside >= d.max {
			freed := d.freed
			d.mu.Unlock()
			select {
			case <-freed:
			case <-e.expired:
				d.mu.Lock()
				d.leave(e)
				d.mu.Unlock()
				return nil
			}
			d.mu.Lock()
			if e.state != queued { // shed while it waited
				d.mu.Unlock()
				return nil
			}
		}
		d.leave(e)
	}
	e.state = in
	h.inside = append(h.inside, e)
	d.bySource[e.source] = h
	d.inside++
	d.mu.Unlock()
	ctx.SetValue(enteringKey, e)
	return &doorConn{Conn: conn, e: e}
}

// turnAway refuses e, with d.mu held, which it releases.
func (d *Door) turnAway(e *entering) net.Conn {
	d.forget(e.source)
	d.mu.Unlock()
	e.timer.Stop()
	return nil
}

// most is the oldest connection, in the list of, of the source holding
// more of them than any other, if that is at least two more than mine
// (so that shedding it leaves the newcomer's source no better off than
// the victim's); nil if there is none. With d.mu held.
func (d *Door) most(of func(*holding) []*entering, mine int) *entering {
	var v *entering
	n := mine + 1
	for _, h := range d.bySource {
		if l := of(h); len(l) > n {
			v, n = l[0], len(l)
		}
	}
	return v
}

// leave takes e out of the door, wherever it stands, and wakes those
// waiting if it held a place inside. With d.mu held.
func (d *Door) leave(e *entering) {
	h := d.bySource[e.source]
	switch e.state {
	case queued:
		h.waiting = without(h.waiting, e)
		d.waiting--
	case in:
		h.inside = without(h.inside, e)
		d.inside--
		close(d.freed)
		d.freed = make(chan struct{})
	}
	e.state = gone
	d.forget(e.source)
}

// forget drops a source that holds nothing. With d.mu held.
func (d *Door) forget(source string) {
	if h := d.bySource[source]; h != nil && len(h.inside) == 0 && len(h.waiting) == 0 {
		delete(d.bySource, source)
	}
}

func without(l []*entering, e *entering) []*entering {
	for i, x := range l {
		if x == e {
			return append(l[:i:i], l[i+1:]...)
		}
	}
	return l
}

// expire closes a connection whose time is up, or that was shed.
func (e *entering) expire() {
	e.once.Do(func() {
		close(e.expired)
		e.conn.Close()
	})
}

// Left is how long the connection of ctx has before the door would close
// it, and false if it did not pass a door.
func Left(ctx ssh.Context) (time.Duration, bool) {
	e, ok := ctx.Value(enteringKey).(*entering)
	if !ok {
		return 0, false
	}
	return time.Until(e.deadline), true
}

// inside is called once the connection's seat has started (Started): its timer
// stops and its place is free for the next.
func (e *entering) inside() {
	e.timer.Stop()
	e.drop()
}

// drop frees the connection's place, once, and wakes those waiting.
func (e *entering) drop() {
	e.d.mu.Lock()
	defer e.d.mu.Unlock()
	e.d.leave(e)
}

// Started ends the door's watch over the connection of ctx, whose seat's
// program is starting: its timer stops and its place is free for the
// next. It does nothing for a connection that did not pass a door.
func Started(ctx ssh.Context) {
	if e, ok := ctx.Value(enteringKey).(*entering); ok {
		e.inside()
	}
}

// doorConn frees its connection's place at the door, and its count
// among its person's connections, when it closes.
type doorConn struct {
	net.Conn
	e *entering
}

func (c *doorConn) Close() error {
	c.e.timer.Stop()
	c.e.drop()
	c.e.d.unclaim(c.e)
	return c.Conn.Close()
}

// ConnectionsEach is how many connections past the door one person may
// hold at once: one for each seat they may open, and one to spare for
// reconnecting while an old one has not yet been seen to drop.
const ConnectionsEach = access.SeatsEach + 1

// claim counts e among person's connections once it opens its first
// session channel; it reports false if person already holds
// ConnectionsEach.
func (d *Door) claim(e *entering, person string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e.person != "" {
		return true
	}
	if d.people[person] >= ConnectionsEach {
		return false
	}
	d.people[person]++
	e.person = person
	return true
}

// unclaim counts e no longer among its person's connections.
func (d *Door) unclaim(e *entering) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if e.person == "" {
		return
	}
	if d.people[e.person]--; d.people[e.person] <= 0 {
		delete(d.people, e.person)
	}
	e.person = ""
}
