// Package forward keeps a follower's connections to the leader open
// between the commands it forwards.
package forward

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"ttx/exercise/cluster/internal/link"
)

// Pool keeps connections to the leader open between forwarded
// commands: a command does not pay for a TCP and TLS handshake (and,
// across sites, round trips) of its own. It opens at most MaxConns to one
// leader and keeps every one it opened while it is used, so that a burst
// (a room joining, a hundred decisions at once) pays for its handshakes
// once, not each time; commands beyond MaxConns at once wait for a free
// connection.
type Pool struct {
	// Net dials the leader; Now is time.Now when nil; IdleKeep is how long
	// an idle connection is kept (the leader closes one idle for longer).
	Net      *link.Links
	Now      func() time.Time
	IdleKeep time.Duration

	mu     sync.Mutex
	to     map[string]*leaderConns
	closed bool
	stop   chan struct{} // closed by close: wakes every command waiting in get
}

// leaderConns are a node's connections to one leader.
type leaderConns struct {
	free chan *fconn   // the idle connections, oldest first
	wake chan struct{} // a connection was closed: one more may be opened
	open int           // connections open or being opened, under Pool.mu
}

type fconn struct {
	c     net.Conn
	br    *bufio.Reader
	since time.Time // idle since
}

// MaxConns is how many connections to one leader a node opens at most.
const MaxConns = 64

// Send forwards data, a line, to the leader at addr and hands the
// connection's reader to answer, which reads the leader's answer and says
// whether the connection may serve the next command (false: the node it
// reached no longer leads). An error before any of data was written (no
// connection could be had) is a NotSentError: the leader cannot have it.
func (p *Pool) Send(addr string, data []byte, timeout time.Duration, answer func(*bufio.Reader) (keep bool, err error)) error {
	fc, err := p.get(addr, timeout)
	if err != nil {
		return &NotSentError{Err: err}
	}
	fc.c.SetDeadline(time.Now().Add(timeout))
	w := bufio.NewWriter(fc.c)
	w.Write(data)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		p.broken(addr, fc)
		return err
	}
	keep, err := answer(fc.br)
	if err != nil {
		p.broken(addr, fc)
		return fmt.Errorf("the leader's answer: %w", err)
	}
	if keep {
		p.put(addr, fc)
	} else {
		p.broken(addr, fc) // it led once; the next try goes where the lead is
	}
	return nil
}

// NotSentError is Send's error when nothing was written: the command
// never reached the leader, so it cannot be in the log through this
// try. Any other error from Send leaves that open.
type NotSentError struct{ Err error }

func (e *NotSentError) Error() string { return e.Err.Error() }

// Unwrap returns why nothing was sent.
func (e *NotSentError) Unwrap() error { return e.Err }

func (p *Pool) clock() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// conns returns the connections to addr; p.mu is held.
func (p *Pool) conns(addr string) *leaderConns {
	if p.to == nil {
		p.to = map[string]*leaderConns{}
	}
	lc := p.to[addr]
	if lc == nil {
		lc = &leaderConns{free: make(chan *fconn, MaxConns), wake: make(chan struct{}, 1)}
		p.to[addr] = lc
	}
	return lc
}

// get returns an idle connection to addr, a new one if none is idle and
// fewer than MaxConns are open, or else the first one freed within
// timeout.
func (p *Pool) get(addr string, timeout time.Duration) (*fconn, error) {
	var wait <-chan time.Time
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return nil, ErrStopping
		}
		lc := p.conns(addr)
		stop := p.stopping()
		var fc *fconn
		select {
		case fc = <-lc.free:
		default:
			if lc.open < MaxConns {
				lc.open++
				if lc.open < MaxConns {
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
				return nil, ErrStopping
			case <-wait:
				return nil, fmt.Errorf("no connection to the leader at %s was free within %v", addr, timeout)
			}
		}
		if p.clock().Sub(fc.since) < p.IdleKeep {
			return fc, nil
		}
		fc.c.Close() // the leader has closed it by now, or soon will
		p.gone(addr)
	}
}

// ErrStopping is what a command waiting for a connection is told when
// the node stops.
var ErrStopping = errors.New("the node is stopping")

// stopping returns the channel close closes; p.mu is held.
func (p *Pool) stopping() chan struct{} {
	if p.stop == nil {
		p.stop = make(chan struct{})
	}
	return p.stop
}

// signal wakes one command waiting for a connection; p.mu is held.
func (p *Pool) signal(lc *leaderConns) {
	select {
	case lc.wake <- struct{}{}:
	default:
	}
}

func (p *Pool) dial(addr string, timeout time.Duration) (*fconn, error) {
	c, err := p.Net.Dial(addr, timeout)
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
func (p *Pool) put(addr string, fc *fconn) {
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
	case lc.free <- fc: // never full: it holds at most lc.open ≤ MaxConns
	default:
		fc.c.Close()
		lc.open--
	}
}

// broken closes a connection that failed, and the idle ones to the same
// leader, which whatever closed it (the leader stopping, a cut link)
// most likely closed too.
func (p *Pool) broken(addr string, fc *fconn) {
	fc.c.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	lc := p.conns(addr)
	lc.open--
	lc.closeIdle()
	p.signal(lc)
}

// gone counts a connection to addr closed, and wakes a command waiting
// for one.
func (p *Pool) gone(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	lc := p.conns(addr)
	lc.open--
	p.signal(lc)
}

// Close closes the idle connections, and wakes the commands waiting for
// one: they are told the node is stopping. Those in use are closed as
// they are given back.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		close(p.stopping())
	}
	p.closed = true
	for _, lc := range p.to {
		lc.closeIdle()
	}
}

// closeIdle closes the idle connections; Pool.mu is held.
func (lc *leaderConns) closeIdle() {
	for {
		select {
		case fc := <-lc.free:
			fc.c.Close()
			lc.open--
		default:
			return
		}
	}
}
