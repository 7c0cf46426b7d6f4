package link

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/hashicorp/raft"
)

// ForwardByte opens a connection that carries a command forwarded from a
// follower to the leader, not Raft traffic. Raft's own connections open
// with a small RPC type (0 to 5), never with it.
const ForwardByte = 'T'

// Mux is the Raft stream layer of a node, sharing the node's one Raft
// address with the commands followers forward to the leader: one port per
// site to open in a firewall, and a forwarded command travels the path
// the Raft traffic already proves open.
type Mux struct {
	ln      net.Listener
	conns   chan net.Conn
	forward func(net.Conn)
	done    chan struct{}
	once    sync.Once
	net     *Links
}

// NewMux serves ln: Raft connections through Accept, and each connection
// opening with ForwardByte to forward.
func NewMux(ln net.Listener, forward func(net.Conn), l *Links) *Mux {
	m := &Mux{ln: ln, conns: make(chan net.Conn), forward: forward, done: make(chan struct{}), net: l}
	go m.loop()
	return m
}

// Links are a node's connections to the others. Tests cut them to make
// a partition: a cut address is not dialled, and cutting closes every
// connection open.
type Links struct {
	// Sec secures the links; nil: plain TCP.
	Sec *Secure
	// Rules names what this node applies the log with; a link opens only
	// between nodes with the same (see hello).
	Rules string

	otherMu    sync.Mutex
	otherRules *OtherRulesError // the last link refused for other rules
	otherAt    time.Time

	mu    sync.Mutex
	open  map[net.Conn]struct{}
	cut   func(addr string) bool
	inCut bool // this node is cut off from every other (accepts nothing)
}

// Dial opens a connection to addr, secured when the links are.
func (l *Links) Dial(addr string, timeout time.Duration) (net.Conn, error) {
	l.mu.Lock()
	cut := l.cut != nil && l.cut(addr)
	l.mu.Unlock()
	if cut {
		return nil, fmt.Errorf("dial %s: the link is cut", addr)
	}
	c, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return nil, err
	}
	c = l.Track(c)
	if l.Sec != nil {
		if c, err = l.Sec.Wrap(c, true, timeout); err != nil {
			return nil, err
		}
	}
	if err := l.hello(c, true, timeout); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Track keeps c among the connections open, to close as links are cut.
func (l *Links) Track(c net.Conn) net.Conn {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open == nil {
		l.open = map[net.Conn]struct{}{}
	}
	l.open[c] = struct{}{}
	return &tracked{Conn: c, l: l}
}

// SetCut cuts the links to the addresses cut reports (none when nil),
// closing every connection open now.
func (l *Links) SetCut(cut func(addr string) bool, all bool) {
	l.mu.Lock()
	l.cut, l.inCut = cut, all
	open := l.open
	l.open = nil
	l.mu.Unlock()
	for c := range open {
		c.Close()
	}
}

// CloseAll closes every connection open, as the node stops.
func (l *Links) CloseAll() {
	l.mu.Lock()
	open := l.open
	l.open = nil
	l.mu.Unlock()
	for c := range open {
		c.Close()
	}
}

// Refuses says whether this node is cut off from every other.
func (l *Links) Refuses() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inCut
}

type tracked struct {
	net.Conn
	l *Links
}

func (t *tracked) Close() error {
	t.l.mu.Lock()
	delete(t.l.open, t.Conn)
	t.l.mu.Unlock()
	return t.Conn.Close()
}

func (m *Mux) loop() {
	for {
		c, err := m.ln.Accept()
		if err != nil {
			select {
			case <-m.done:
				return
			default:
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(10 * time.Millisecond)
				continue
			}
			m.Close()
			return
		}
		if m.net.Refuses() {
			c.Close()
			continue
		}
		go m.route(m.net.Track(c))
	}
}

func (m *Mux) route(c net.Conn) {
	if m.net.Sec != nil {
		var err error
		if c, err = m.net.Sec.Wrap(c, false, 10*time.Second); err != nil {
			return // a stranger, or a node with another secret
		}
	}
	if err := m.net.hello(c, false, 10*time.Second); err != nil {
		c.Close()
		return // a node of another ttx
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	var b [1]byte
	if _, err := c.Read(b[:]); err != nil {
		c.Close()
		return
	}
	c.SetReadDeadline(time.Time{})
	if b[0] == ForwardByte {
		m.forward(c)
		return
	}
	select {
	case m.conns <- &peeked{Conn: c, first: b[0], has: true}:
	case <-m.done:
		c.Close()
	}
}

// Accept returns the next Raft connection.
func (m *Mux) Accept() (net.Conn, error) {
	select {
	case c := <-m.conns:
		return c, nil
	case <-m.done:
		return nil, errors.New("the node is stopping")
	}
}

// Close stops listening.
func (m *Mux) Close() error {
	m.once.Do(func() {
		close(m.done)
		m.ln.Close()
	})
	return nil
}

// Addr is the listening address.
func (m *Mux) Addr() net.Addr { return m.ln.Addr() }

// Dial opens a Raft connection to a peer.
func (m *Mux) Dial(addr raft.ServerAddress, timeout time.Duration) (net.Conn, error) {
	return m.net.Dial(string(addr), timeout)
}

// peeked is a connection whose first byte was read to route it.
type peeked struct {
	net.Conn
	first byte
	has   bool
}

func (p *peeked) Read(b []byte) (int, error) {
	if p.has && len(b) > 0 {
		b[0], p.has = p.first, false
		return 1, nil
	}
	return p.Conn.Read(b)
}
