package cluster

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/hashicorp/raft"
)

// forwardByte opens a connection that carries a command forwarded from a
// follower to the leader, not Raft traffic. Raft's own connections open
// with a small RPC type (0 to 5), never with it.
const forwardByte = 'T'

// mux is the Raft stream layer of a node, sharing the node's one Raft
// address with the commands followers forward to the leader: one port per
// site to open in a firewall, and a forwarded command travels the path
// the Raft traffic already proves open.
type mux struct {
	ln      net.Listener
	conns   chan net.Conn
	forward func(net.Conn)
	done    chan struct{}
	once    sync.Once
	net     *links
}

func newMux(ln net.Listener, forward func(net.Conn), l *links) *mux {
	m := &mux{ln: ln, conns: make(chan net.Conn), forward: forward, done: make(chan struct{}), net: l}
	go m.loop()
	return m
}

// links are a node's connections to the others. Tests cut them to make
// a partition: a cut address is not dialled, and cutting closes every
// connection open.
type links struct {
	sec   *secure // nil: plain TCP
	mu    sync.Mutex
	open  map[net.Conn]struct{}
	cut   func(addr string) bool
	inCut bool // this node is cut off from every other (accepts nothing)
}

func (l *links) dial(addr string, timeout time.Duration) (net.Conn, error) {
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
	if l.sec != nil {
		return l.sec.wrap(l.track(c), true, timeout)
	}
	return l.track(c), nil
}

func (l *links) track(c net.Conn) net.Conn {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open == nil {
		l.open = map[net.Conn]struct{}{}
	}
	l.open[c] = struct{}{}
	return &tracked{Conn: c, l: l}
}

// setCut cuts the links to the addresses cut reports (none when nil),
// closing every connection open now.
func (l *links) setCut(cut func(addr string) bool, all bool) {
	l.mu.Lock()
	l.cut, l.inCut = cut, all
	open := l.open
	l.open = nil
	l.mu.Unlock()
	for c := range open {
		c.Close()
	}
}

// closeAll closes every connection open, as the node stops.
func (l *links) closeAll() {
	l.mu.Lock()
	open := l.open
	l.open = nil
	l.mu.Unlock()
	for c := range open {
		c.Close()
	}
}

func (l *links) refuses() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inCut
}

type tracked struct {
	net.Conn
	l *links
}

func (t *tracked) Close() error {
	t.l.mu.Lock()
	delete(t.l.open, t.Conn)
	t.l.mu.Unlock()
	return t.Conn.Close()
}

func (m *mux) loop() {
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
		if m.net.refuses() {
			c.Close()
			continue
		}
		go m.route(m.net.track(c))
	}
}

func (m *mux) route(c net.Conn) {
	if m.net.sec != nil {
		var err error
		if c, err = m.net.sec.wrap(c, false, 10*time.Second); err != nil {
			return // a stranger, or a node with another secret
		}
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	var b [1]byte
	if _, err := c.Read(b[:]); err != nil {
		c.Close()
		return
	}
	c.SetReadDeadline(time.Time{})
	if b[0] == forwardByte {
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
func (m *mux) Accept() (net.Conn, error) {
	select {
	case c := <-m.conns:
		return c, nil
	case <-m.done:
		return nil, errors.New("the node is stopping")
	}
}

// Close stops listening.
func (m *mux) Close() error {
	m.once.Do(func() {
		close(m.done)
		m.ln.Close()
	})
	return nil
}

// Addr is the listening address.
func (m *mux) Addr() net.Addr { return m.ln.Addr() }

// Dial opens a Raft connection to a peer.
func (m *mux) Dial(addr raft.ServerAddress, timeout time.Duration) (net.Conn, error) {
	return m.net.dial(string(addr), timeout)
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

// reply is the leader's answer to a forwarded entry.
type reply struct {
	Index uint64 `json:"index"`
	// Lines are the events written, as JSON lines.
	Lines []json.RawMessage `json:"lines,omitempty"`
	Seq   int64             `json:"seq"`
	Err   string            `json:"err,omitempty"`
	Kind  string            `json:"kind,omitempty"`
}

// pool keeps connections to the leader open between forwarded
// commands: a command does not pay for a TCP handshake (and, across
// sites, a round trip) of its own.
type pool struct {
	net  *links
	mu   sync.Mutex
	idle map[string][]*fconn
}

type fconn struct {
	c  net.Conn
	br *bufio.Reader
}

// maxIdle is how many idle connections to one leader a node keeps.
const maxIdle = 8

// send forwards a log entry to the leader at addr and returns its answer.
func (p *pool) send(addr string, data []byte, timeout time.Duration) (reply, error) {
	var r reply
	fc, err := p.get(addr, timeout)
	if err != nil {
		return r, err
	}
	fc.c.SetDeadline(time.Now().Add(timeout))
	w := bufio.NewWriter(fc.c)
	w.Write(data)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		fc.c.Close()
		return r, err
	}
	line, err := readLine(fc.br)
	if err == nil {
		err = json.Unmarshal(line, &r)
	}
	if err != nil {
		fc.c.Close()
		return r, fmt.Errorf("the leader's answer: %w", err)
	}
	if r.Kind == kindNotLeader {
		fc.c.Close() // it led once; the next try goes where the lead is
	} else {
		p.put(addr, fc)
	}
	return r, nil
}

func (p *pool) get(addr string, timeout time.Duration) (*fconn, error) {
	p.mu.Lock()
	if list := p.idle[addr]; len(list) > 0 {
		fc := list[len(list)-1]
		p.idle[addr] = list[:len(list)-1]
		p.mu.Unlock()
		return fc, nil
	}
	p.mu.Unlock()
	c, err := p.net.dial(addr, timeout)
	if err != nil {
		return nil, err
	}
	c.SetDeadline(time.Now().Add(timeout))
	if _, err := c.Write([]byte{forwardByte}); err != nil {
		c.Close()
		return nil, err
	}
	return &fconn{c: c, br: bufio.NewReaderSize(c, 64<<10)}, nil
}

func (p *pool) put(addr string, fc *fconn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.idle == nil {
		p.idle = map[string][]*fconn{}
	}
	if len(p.idle[addr]) >= maxIdle {
		fc.c.Close()
		return
	}
	p.idle[addr] = append(p.idle[addr], fc)
}

// close closes the idle connections.
func (p *pool) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, list := range p.idle {
		for _, fc := range list {
			fc.c.Close()
		}
	}
	p.idle = nil
}
