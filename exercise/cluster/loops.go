package cluster

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/hashicorp/raft"

	"ttx/exercise/session"
)

// watchLeader notes when a leader was last known: every change of
// leader, to one or to none, is such a moment.
func (n *Node) watchLeader() {
	defer n.wg.Done()
	ch := make(chan raft.Observation, 16)
	obs := raft.NewObserver(ch, false, func(o *raft.Observation) bool {
		_, ok := o.Data.(raft.LeaderObservation)
		return ok
	})
	n.raft.RegisterObserver(obs)
	defer n.raft.DeregisterObserver(obs)
	for {
		select {
		case <-n.stop:
			return
		case <-ch:
			n.sawLeader.Store(time.Now().UnixNano())
		}
	}
}

// opener proposes the session's opening until the cluster holds one.
func (n *Node) opener() {
	defer n.wg.Done()
	o := n.o.Open
	if o == nil {
		return
	}
	sc, err := json.Marshal(o.Scenario.ForJournal())
	if err != nil {
		n.log.Error("copy the scenario into the session file", "error", err)
		return
	}
	e := &entry{Kind: kindOpen, Actor: o.By, Open: &openData{Scenario: sc, Source: o.Source, Auto: o.Auto, Tool: session.Tool}}
	for {
		if n.State().Scenario != nil {
			return
		}
		if !n.caughtUp() {
			// A node starting again proposes nothing until it has
			// applied what the cluster holds: the session is most
			// likely open already, and each proposal is a copy of the
			// scenario in the log.
			select {
			case <-n.stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			continue
		}
		_, err := n.submit(e)
		if err == nil || errors.Is(err, errOpen) || errors.Is(err, session.ErrClosed) {
			return
		}
		select {
		case <-n.stop:
			return
		case <-time.After(n.o.Timing.Election):
		}
	}
}

// ticker has the leader release the injects that fall due, when the
// session releases automatically.
func (n *Node) ticker() {
	defer n.wg.Done()
	t := time.NewTicker(n.o.Tick)
	defer t.Stop()
	for {
		select {
		case <-n.stop:
			return
		case <-t.C:
		}
		n.flushRefusals(false)
		st := n.State()
		if !n.IsLeader() || !st.Auto {
			continue
		}
		if evs, _ := session.DueReleases(st, n.o.Now()); len(evs) > 0 {
			n.submit(&entry{Kind: kindTick, Actor: session.AutoActor})
		}
	}
}

// flushRefusals journals the counts of refused attempts whose window has
// ended (all of them, when all is set).
func (n *Node) flushRefusals(all bool) {
	n.refMu.Lock()
	lines := n.refusals.Flush(n.o.Now(), all)
	n.refMu.Unlock()
	for _, d := range lines {
		if st := n.State(); st.Closed || st.Scenario == nil {
			return
		}
		n.submit(&entry{Kind: kindDo, Actor: session.SystemSSH, Cmd: "RecordRefusal", Data: mustJSON(session.RecordRefusal{Refusal: d})})
	}
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// caughtUp reports whether this node knows a leader, has heard from it
// lately (or leads), and has applied every entry it knows committed.
func (n *Node) caughtUp() bool {
	if n.Leader() == "" {
		return false
	}
	if !n.IsLeader() && time.Since(n.raft.LastContact()) > n.o.Timing.Heartbeat {
		return false
	}
	return n.raft.AppliedIndex() >= n.raft.CommitIndex() && n.raft.CommitIndex() > 0
}
