package cluster

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"ttx/exercise/cluster/internal/link"
)

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
// commands: a command does not pay for a TCP and TLS handshake (and,
// across sites, round trips) of its own. It opens at most maxConns to one
// leader and keeps every one it opened while it is used, so that a burst
// (a room joining, a hundred decisions at once) pays for its handshakes
// once, not each time; commands beyond maxConns at once wait for a free
// connection.
type pool struct {
	net *link.Links
	now func() time.Time // time.Now when nil

	mu     sync.Mutex
	to     map[string]*leaderConns
	closed bool
	stop   chan struct{} // closed by close: wakes every command waiting in get
}

// leaderConns are a node's connections to one leader.
type leaderConns struct {
	free chan *fconn   // the idle connections, oldest first
	wake chan struct{} // a connection was closed: one more may be opened
	open int           // connections open or being opened, under pool.mu
}

type fconn struct {
	c     net.Conn
	br    *bufio.Reader
	since time.Time // idle since
}

// maxConns is how many connections to one leader a node opens at most.
const maxConns = 64

// idleKeep is how long a node keeps a connection to the leader idle:
// well within idleForward, after which the leader closes it.
const idleKeep = idleForward / 2

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
		p.broken(addr, fc)
		return r, err
	}
	line, err := readLine(fc.br)
	if err == nil {
		err = json.Unmarshal(line, &r)
	}
	if err != nil {
		p.broken(addr, fc)
		return r, fmt.Errorf("the leader's answer: %w", err)
	}
	if r.Kind == kindNotLeader {
		p.broken(addr, fc) // it led once; the next try goes where the lead is
	} else {
		p.put(addr, fc)
	}
	return r, nil
}

func (p *pool) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

// conns returns the connections to addr; p.mu is held.
func (p *pool) conns(addr string) *leaderConns {
	if p.to == nil {
		p.to = map[string]*leaderConns{}
	}
	lc := p.to[addr]
	if lc == nil {
		lc = &leaderConns{free: make(chan *fconn, maxConns), wake: make(chan struct{}, 1)}
		p.to[addr] = lc
	}
	return lc
}

// get returns an idle connection to addr, a new one if none is idle and
// fewer than maxConns are open, or else the first one freed within
// timeout.
func (p *pool) get(addr string, timeout time.Duration) (*fconn, error) {
	var wait <-chan time.Time
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return nil, errStopping
		}
		lc := p.conns(addr)
		stop := p.stopping()
		var fc *fconn
		select {
		case fc = <-lc.free:
		default:
			if lc.open < maxConns {
				lc.open++
				if lc.open < maxConns {
					p.signal(lc) // another waiting may open one too
				}
				p.mu.Unlock()
				fc, err := p.dial(addr, timeout)
				if err != nil {
					p.gone(addr)
				}
				return fc, err
			}
		}
		p.mu.Unlock()
		if fc == nil {
			if wait == nil {
				t := time.NewTimer(timeout)
				defer t.Stop()
				wait = t.C
			}
			select {
			case fc = <-lc.free:
			case <-lc.wake:
				continue
			case <-stop:
				return nil, errStopping
			case <-wait:
				return nil, fmt.Errorf("no connection to the leader at %s was free within %v", addr, timeout)
			}
		}
		if p.clock().Sub(fc.since) < idleKeep {
			return fc, nil
		}
		fc.c.Close() // the leader has closed it by now, or soon will
		p.gone(addr)
	}
}

// errStopping is what a command waiting for a connection is told when
// the node stops.
var errStopping = errors.New("the node is stopping")

// stopping returns the channel close closes; p.mu is held.
func (p *pool) stopping() chan struct{} {
	if p.stop == nil {
		p.stop = make(chan struct{})
	}
	return p.stop
}

// signal wakes one command waiting for a connection; p.mu is held.
func (p *pool) signal(lc *leaderConns) {
	select {
	case lc.wake <- struct{}{}:
	default:
	}
}

func (p *pool) dial(addr string, timeout time.Duration) (*fconn, error) {
	c, err := p.net.Dial(addr, timeout)
	if err != nil {
		return nil, err
	}
	c.SetDeadline(time.Now().Add(timeout))
	if _, err := c.Write([]byte{link.ForwardByte}); err != nil {
		c.Close()
		return nil, err
	}
	return &fconn{c: c, br: bufio.NewReaderSize(c, 64<<10)}, nil
}

// put gives back a connection that worked.
func (p *pool) put(addr string, fc *fconn) {
	fc.since = p.clock()
	p.mu.Lock()
	defer p.mu.Unlock()
	lc := p.conns(addr)
	if p.closed {
		fc.c.Close()
		lc.open--
		return
	}
	select {
	case lc.free <- fc: // never full: it holds at most lc.open ≤ maxConns
	default:
		fc.c.Close()
		lc.open--
	}
}

// broken closes a connection that failed, and the idle ones to the same
// leader, which whatever closed it (the leader stopping, a cut link)
// most likely closed too.
func (p *pool) broken(addr string, fc *fconn) {
	fc.c.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	lc := p.conns(addr)
	lc.open--
	for {
		select {
		case idle := <-lc.free:
			idle.c.Close()
			lc.open--
			continue
		default:
		}
		break
	}
	p.signal(lc)
}

// gone counts a connection to addr closed, and wakes a command waiting
// for one.
func (p *pool) gone(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	lc := p.conns(addr)
	lc.open--
	p.signal(lc)
}

// close closes the idle connections, and wakes the commands waiting for
// one: they are told the node is stopping. Those in use are closed as
// they are given back.
func (p *pool) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		close(p.stopping())
	}
	p.closed = true
	for _, lc := range p.to {
		for {
			select {
			case fc := <-lc.free:
				fc.c.Close()
				lc.open--
				continue
			default:
			}
			break
		}
	}
}
