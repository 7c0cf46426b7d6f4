package cluster

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/hashicorp/raft"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
)

// maxEntry bounds a forwarded entry: a session.opened carries the whole
// scenario.
const maxEntry = 64 << 20

// submit puts e in the Raft log through the leader, and returns the
// events it made as this node wrote them. A lost answer (the leader died,
// the link dropped) is asked again with the same ID, which the log
// applies once, until the node's Timeout.
func (n *Node) submit(e *entry) ([]event.Event, error) {
	e.ID = n.idBase + strconv.FormatUint(n.idNext.Add(1), 36)
	e.At = n.o.Now().UnixMilli()
	data, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(n.o.Timeout)
	for {
		select {
		case <-n.stop:
			return nil, session.ErrClosed
		default:
		}
		left := time.Until(deadline)
		if left <= 0 {
			if n.CutOff() {
				return nil, &session.NotSavedError{Err: ErrCutOff}
			}
			return nil, &session.NotSavedError{Err: errors.New("the cluster did not confirm the command in time; it may yet be recorded: check the record before sending it again")}
		}
		addr, _ := n.raft.LeaderWithID()
		switch {
		case n.raft.State() == raft.Leader:
			fut := n.raft.Apply(data, left)
			if err := fut.Error(); err != nil {
				if errors.Is(err, raft.ErrRaftShutdown) {
					return nil, session.ErrClosed
				}
				n.pause()
				continue // lost the lead or timed out: ask again
			}
			a := fut.Response().(*applied)
			return a.Events, a.Err
		case addr == "":
			if n.CutOff() {
				return nil, &session.NotSavedError{Err: ErrCutOff}
			}
			n.pause()
			continue
		}
		r, err := sendTo(&n.pool, string(addr), data, left)
		if err != nil || r.Kind == kindNotLeader {
			n.pause()
			continue
		}
		evs := make([]event.Event, 0, len(r.Lines))
		for _, l := range r.Lines {
			ev, err := event.Unmarshal(l)
			if err != nil {
				return nil, fmt.Errorf("the leader's answer: %w", err)
			}
			evs = append(evs, ev)
		}
		if len(evs) == 0 && r.Err == "" && r.Seq >= 0 && r.Kind == "" {
			evs = append(evs, event.Event{Seq: r.Seq})
		}
		if len(evs) > 0 {
			if err := n.waitSeq(evs[len(evs)-1].Seq, deadline); err != nil {
				return nil, err
			}
		}
		return evs, remoteError(r)
	}
}

func (n *Node) pause() {
	select {
	case <-n.stop:
	case <-time.After(20 * time.Millisecond):
	}
}

// waitSeq waits until this node has written the line seq: an answer is
// given once the line is on the disk of the node that gives it.
func (n *Node) waitSeq(seq int64, deadline time.Time) error {
	f := n.fsm
	for {
		f.mu.Lock()
		cur, ch, broken := f.state.Seq, f.changed, f.broken
		f.mu.Unlock()
		switch {
		case cur >= seq:
			return nil
		case broken != nil:
			return &session.NotSavedError{Err: fmt.Errorf("recorded by the cluster, but not on this site's disk: %w", broken)}
		}
		select {
		case <-ch:
		case <-n.stop:
			return session.ErrClosed
		case <-time.After(time.Until(deadline)):
			return &session.NotSavedError{Err: fmt.Errorf("recorded by the cluster (line %d), but this site has not caught up with it yet", seq)}
		}
	}
}

// Error kinds in a forwarded answer, so that errors.Is works on the
// follower as on the leader.
const (
	kindNotLeader = "not-leader"
	kindForbidden = "forbidden"
	kindClosed    = "closed"
	kindPaused    = "input-paused"
	kindNotSaved  = "not-saved"
	kindIsOpen    = "open"
)

var kinds = map[string]error{
	kindForbidden: session.ErrForbidden, kindClosed: session.ErrClosed, kindPaused: session.ErrInputPaused, kindIsOpen: errOpen,
}

func kindOf(err error) string {
	var ns *session.NotSavedError
	if errors.As(err, &ns) {
		return kindNotSaved
	}
	for k, target := range kinds {
		if errors.Is(err, target) {
			return k
		}
	}
	return ""
}

// forwarded is an error the leader gave for a forwarded command.
type forwarded struct{ msg, kind string }

func (e *forwarded) Error() string { return e.msg }

func (e *forwarded) Is(target error) bool { return kinds[e.kind] == target }

func remoteError(r reply) error {
	switch {
	case r.Err == "":
		return nil
	case r.Kind == kindNotSaved:
		return &session.NotSavedError{Err: errors.New(r.Err)}
	}
	return &forwarded{msg: r.Err, kind: r.Kind}
}

// serveForward answers the commands a follower forwards to this node,
// one line each, on a connection the follower keeps for the next.
func (n *Node) serveForward(c net.Conn) {
	defer c.Close()
	br := bufio.NewReaderSize(c, 64<<10)
	for {
		c.SetDeadline(time.Now().Add(idleForward))
		line, err := readLine(br)
		if err != nil {
			return
		}
		c.SetDeadline(time.Now().Add(n.o.Timeout + 5*time.Second))
		if err := json.NewEncoder(c).Encode(n.forwarded(line)); err != nil {
			return
		}
	}
}

// idleForward is how long a forwarding connection may wait for its next
// command.
const idleForward = 2 * time.Minute

func (n *Node) forwarded(line []byte) reply {
	r := reply{Seq: -1}
	var e entry
	if err := json.Unmarshal(line, &e); err != nil || e.Kind == "" {
		r.Err = "not a ttx cluster entry"
		return r
	}
	if n.raft.State() != raft.Leader {
		r.Kind = kindNotLeader
		return r
	}
	fut := n.raft.Apply(line, n.o.Timeout)
	if err := fut.Error(); err != nil {
		r.Kind = kindNotLeader
		return r
	}
	a := fut.Response().(*applied)
	r.Index = a.Index
	for _, ev := range a.Events {
		if ev.Type == "" { // remembered from a first try: its seq only
			r.Seq = ev.Seq
			continue
		}
		b, _ := event.Marshal(ev)
		r.Lines = append(r.Lines, b)
	}
	if a.Err != nil {
		r.Err, r.Kind = a.Err.Error(), kindOf(a.Err)
	}
	return r
}

func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if err == nil {
			return line[:len(line)-1], nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) || len(line) > maxEntry {
			return nil, err
		}
	}
}

// lineHash is the SHA-256 of ev's line as written.
func lineHash(ev event.Event) string {
	b, _ := event.Marshal(ev)
	return journal.Hash(b)
}
