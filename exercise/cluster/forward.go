package cluster

import (
	"bufio"
	"encoding/json"
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
// commands: a command does not pay for a TCP handshake (and, across
// sites, a round trip) of its own.
type pool struct {
	net  *link.Links
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
