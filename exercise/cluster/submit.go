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

	"ttx/exercise/cluster/internal/answer"
	"ttx/exercise/cluster/internal/forward"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
)

// submit puts e in the Raft log through the leader, and returns the
// events it made as this node wrote them. A lost answer (the leader died,
// the link dropped) is asked again with the same ID, which the log
// applies once, until the node's Timeout.
//
// A node cut off from the cluster refuses a command at once with
// ErrCutOff, which tells the person that nothing was recorded, only while
// that is so: once e may be in a leader's log (this node led and put it
// there, or it was written to the leader's connection), e is asked again
// until the Timeout, and then said to be unconfirmed, never unrecorded.
// Sent again by hand, a command so refused is in the file once.
//
// A person's command is watched for from before its first try: one
// applied here by the time its answer is given up on is answered as it
// turned out; one still unconfirmed hands the watch to the error, whose
// Settled is told when this node applies it; one answered by a retry
// (its seq only, the first try having been applied) gets its events.
func (n *Node) submit(e *entry) ([]event.Event, error) {
	e.ID = n.idBase + strconv.FormatUint(n.idNext.Add(1), 36)
	e.At = n.o.Now().UnixMilli()
	data, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	if e.Kind != kindDo {
		return n.put(data)
	}
	w := n.fsm.watch.For(e.ID) // before it can be applied
	evs, err := n.put(data)
	var un *session.UnconfirmedError
	unsure := errors.As(err, &un)
	retried := err == nil && len(evs) > 0 && evs[0].Type == "" // its seq only: the first try was applied
	if w != nil && (unsure || retried) {
		select {
		case o, ok := <-w:
			if ok && (unsure || len(o.Events) > 0) {
				return o.Events, o.Err // applied here meanwhile
			}
		default:
			if unsure { // closed, if this node's file failed
				un.Settled = w
				return evs, err
			}
		}
	}
	n.fsm.watch.Stop(e.ID)
	return evs, err
}

// put is submit's work, for the entry marshalled as data.
func (n *Node) put(data []byte) ([]event.Event, error) {
	deadline := time.Now().Add(n.o.Timeout)
	handed := false // e may be in a leader's log
	for {
		select {
		case <-n.stop:
			return nil, session.ErrClosed
		default:
		}
		left := time.Until(deadline)
		if left <= 0 {
			switch cut := n.CutOff(); {
			case !handed && cut:
				return nil, &session.NotSavedError{Err: n.cutOff()}
			case !handed:
				return nil, &session.NotSavedError{Err: errNoLeader}
			case cut:
				return nil, &session.UnconfirmedError{Err: errCutOffAsSent}
			}
			return nil, &session.UnconfirmedError{Err: errUnconfirmed}
		}
		addr, _ := n.raft.LeaderWithID()
		switch {
		case n.raft.State() == raft.Leader:
			fut := n.raft.Apply(data, left)
			if err := fut.Error(); err != nil {
				if errors.Is(err, raft.ErrRaftShutdown) {
					return nil, session.ErrClosed
				}
				handed = handed || inLog(err)
				n.pause()
				continue // lost the lead or timed out: ask again
			}
			a := fut.Response().(*applied)
			return a.Events, a.Err
		case addr == "":
			if !handed && n.CutOff() {
				return nil, &session.NotSavedError{Err: n.cutOff()}
			}
			n.pause()
			continue
		}
		r, err := answer.Send(&n.pool, string(addr), data, left)
		var notSent *forward.NotSentError
		if (err != nil && !errors.As(err, &notSent)) || r.Maybe {
			handed = true // written to the leader, answer or none
		}
		if err != nil || r.Kind == answer.NotLeader {
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
		err = answer.Err(r)
		var un *session.UnconfirmedError
		if errors.As(err, &un) && r.Index > 0 {
			// Committed, but not on the leader's disk: this node's file
			// may well hold it, and says how it turned out (submit).
			n.waitIndex(r.Index, deadline)
		}
		return evs, err
	}
}

// waitIndex waits until this node has applied the log up to index, or
// until deadline or the node stops.
func (n *Node) waitIndex(index uint64, deadline time.Time) {
	n.awaitFile(func(f *fsm) bool { return f.index >= index }, deadline)
}

// awaitFile waits until ready, asked under the file's lock at each change
// to it, says the wait is over; stopped when the node stopped first, and
// ready false at the deadline.
func (n *Node) awaitFile(ready func(f *fsm) bool, deadline time.Time) (stopped bool) {
	f := n.fsm
	for {
		f.mu.Lock()
		done, ch := ready(f), f.changed
		f.mu.Unlock()
		if done {
			return false
		}
		select {
		case <-ch:
		case <-n.stop:
			return true
		case <-time.After(time.Until(deadline)):
			return false
		}
	}
}

// errUnconfirmed is a command's error when it may be in the log but its
// outcome was not heard in time.
var errUnconfirmed = errors.New("the cluster did not confirm the command in time; it may yet be recorded: look at the record before sending it again")

// errCutOffAsSent is a command's error when this node was cut off as it
// sent it, after a leader may have put it in its log. It is ErrCutOff.
var errCutOffAsSent error = cutOffAsSent{}

type cutOffAsSent struct{}

func (cutOffAsSent) Error() string {
	return "this site was cut off from the rest of the cluster as it sent the command, which may be recorded once the link is back: look at the record before sending it again"
}

func (cutOffAsSent) Is(target error) bool { return target == ErrCutOff }

// errNoLeader is a command's error when it reached no leader in time:
// none was chosen, or the one known could not be reached.
var errNoLeader = errors.New("the command reached no leader of the cluster in time, so it was not recorded; send it again in a moment")

// inLog reports whether an entry whose Apply on the leader failed with
// err may still be in the log: it was appended before the lead was lost
// or the time ran out. Raft refuses the others before appending.
func inLog(err error) bool {
	// Not ErrRaftShutdown: a leader stopping fails the futures of entries
	// already in its log, committed ones too.
	for _, before := range []error{raft.ErrNotLeader, raft.ErrLeadershipTransferInProgress, raft.ErrEnqueueTimeout} {
		if errors.Is(err, before) {
			return false
		}
	}
	return true
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
	var cur int64
	var broken error
	stopped := n.awaitFile(func(f *fsm) bool {
		cur, broken = f.state.Seq, f.broken
		return cur >= seq || broken != nil
	}, deadline)
	switch {
	case cur >= seq:
		return nil
	case broken != nil:
		return &session.UnconfirmedError{Err: fmt.Errorf("recorded by the cluster, but not on this site's disk: %w", broken)}
	case stopped:
		return session.ErrClosed
	}
	return &session.UnconfirmedError{Err: fmt.Errorf("recorded by the cluster (line %d), but this site has not caught up with it yet", seq)}
}

// serveForward answers the commands a follower forwards to this node,
// one line each, on a connection the follower keeps for the next.
func (n *Node) serveForward(c net.Conn) {
	defer c.Close()
	br := bufio.NewReaderSize(c, 64<<10)
	for {
		c.SetDeadline(time.Now().Add(idleForward))
		line, err := answer.ReadLine(br)
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

func (n *Node) forwarded(line []byte) answer.Reply {
	r := answer.Reply{Seq: -1}
	var e entry
	if err := json.Unmarshal(line, &e); err != nil || e.Kind == "" {
		r.Err = "not a ttx cluster entry"
		return r
	}
	if n.raft.State() != raft.Leader {
		r.Kind = answer.NotLeader
		return r
	}
	fut := n.raft.Apply(line, n.o.Timeout)
	if err := fut.Error(); err != nil {
		r.Kind, r.Maybe = answer.NotLeader, inLog(err)
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
		r.Err, r.Kind = a.Err.Error(), answer.KindOf(a.Err)
	}
	return r
}

// lineHash is the SHA-256 of ev's line as written.
func lineHash(ev event.Event) string {
	b, _ := event.Marshal(ev)
	return journal.Hash(b)
}
