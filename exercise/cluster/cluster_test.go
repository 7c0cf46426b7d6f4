package cluster

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/raft"

	"ttx/exercise/cluster/internal/link"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
)

// TestEveryNodeWritesTheSameFile gives commands on every node at once,
// stops the leader, goes on, brings it back, and finds the three files
// byte-identical and intact, each acknowledged decision in them once.
func TestEveryNodeWritesTheSameFile(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	var (
		mu    sync.Mutex
		acked []string
	)
	round := func(tag string) {
		var wg sync.WaitGroup
		for _, name := range c.names() {
			for w := range 2 {
				wg.Go(func() {
					for i := range 5 {
						text := fmt.Sprintf("%s %s/%d #%d", tag, name, w, i)
						_, err := c.node(name).Do(ana, decision(text))
						var ns *session.NotSavedError
						if errors.As(err, &ns) {
							// Not recorded, it says (the election ran
							// long on a loaded machine): sent again once
							// there is a leader, as a person would. Had it
							// been recorded, it would now be there twice.
							c.leader()
							_, err = c.node(name).Do(ana, decision(text))
						}
						if err != nil {
							t.Errorf("%s: %v", name, err)
							continue
						}
						mu.Lock()
						acked = append(acked, text)
						mu.Unlock()
					}
				})
			}
		}
		wg.Wait()
	}
	round("first")
	lead := c.leader().Name()
	c.stop(lead)
	round("without " + lead)
	c.start(lead)
	round("back")
	file := c.settle(int64(len(acked)))
	got := decisions(t, file)
	slices.Sort(got)
	slices.Sort(acked)
	if !slices.Equal(got, acked) {
		t.Fatalf("the file holds %d decisions, %d were acknowledged:\n%v\n%v", len(got), len(acked), got, acked)
	}
}

// TestRefusedAlikeOnEveryNode: a command the state refuses is refused on
// the node it is given on, leader or not, with the same reason, and
// writes nothing anywhere.
func TestRefusedAlikeOnEveryNode(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	lead := c.leader()
	var follower *Node
	for _, name := range c.names() {
		if name != lead.Name() {
			follower = c.node(name)
		}
	}
	if _, err := follower.Do(ana, session.Release{Inject: "D-01"}); err != nil {
		t.Fatal(err)
	}
	_, errL := lead.Do(ana, session.Release{Inject: "D-01"})
	_, errF := follower.Do(ana, session.Release{Inject: "D-01"})
	if errL == nil || errF == nil || errL.Error() != errF.Error() || !strings.Contains(errL.Error(), "already released") {
		t.Fatalf("a second release: leader %v, follower %v", errL, errF)
	}
	player := session.Actor{Role: "participant", Name: "pc", Team: "police"}
	_, errL = lead.Do(player, session.StartClock{})
	_, errF = follower.Do(player, session.StartClock{})
	if !errors.Is(errL, session.ErrForbidden) || !errors.Is(errF, session.ErrForbidden) || errL.Error() != errF.Error() {
		t.Fatalf("a participant starting the clock: leader %v, follower %v", errL, errF)
	}
	c.settle(1) // opened and one release, on every node
}

// TestCutOffNodeRefuses: a node that cannot reach a majority refuses
// commands, saying so, and writes nothing.
func TestCutOffNodeRefuses(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	names := c.names()
	c.stop(names[0])
	c.stop(names[1])
	n := c.node(names[2])
	for deadline := time.Now().Add(10 * time.Second); !n.CutOff(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the node alone does not say it is cut off")
		}
	}
	asked := time.Now()
	_, err := n.Do(ana, decision("alone"))
	var ns *session.NotSavedError
	if !errors.Is(err, ErrCutOff) || !errors.As(err, &ns) {
		t.Fatalf("a decision on a node alone: %v, want %v as not saved", err, ErrCutOff)
	}
	if took := time.Since(asked); took > time.Second {
		t.Errorf("the node alone took %v to refuse", took)
	}
	if got := n.State().Seq; got != 0 {
		t.Fatalf("the node alone applied up to line %d", got)
	}
}

// TestRestartedNodeCatchesUpFromSnapshot: a node that was down while the
// others compacted their logs is sent a snapshot, keeps the lines its
// file had, and ends with the same file.
func TestRestartedNodeCatchesUpFromSnapshot(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{SnapshotThreshold: 8, TrailingLogs: 2})
	c.opened()
	lead := c.leader()
	for i := range 5 {
		if _, err := lead.Do(ana, decision(fmt.Sprintf("before %d", i))); err != nil {
			t.Fatal(err)
		}
	}
	c.settle(5)
	var down string
	for _, name := range c.names() {
		if name != lead.Name() {
			down = name
			break
		}
	}
	c.stop(down)
	for i := range 40 {
		if _, err := lead.Do(ana, decision(fmt.Sprintf("while down %d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := lead.raft.Snapshot().Error(); err != nil {
		t.Fatal(err)
	}
	c.start(down)
	file := c.settle(45)
	if got := len(decisions(t, file)); got != 45 {
		t.Fatalf("%d decisions, want 45", got)
	}
}

// TestJoinCodeHashedAlike: a person added with a join code is hashed with
// one salt, drawn where the command is given, so the files stay the same.
func TestJoinCodeHashedAlike(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	var follower *Node
	for _, name := range c.names() {
		if n := c.node(name); !n.IsLeader() {
			follower = n
		}
	}
	add := session.AddPerson{Name: "Pat", Team: "police", Role: "participant", Code: "tiger-lamp-orbit-7"}
	if _, err := follower.Do(ana, add); err != nil {
		t.Fatal(err)
	}
	c.settle(1)
}

// TestClockAndAutoReleaseAcrossFailover: the exercise clock is in the
// replicated state: after the leader is stopped, exercise time goes on
// from where it was, neither jumping nor running twice, and an inject that
// falls due is released automatically once, by whichever node leads.
func TestClockAndAutoReleaseAcrossFailover(t *testing.T) {
	sc, _ := loadDemo()
	c := newTestCluster(t, 3, 0, Options{Open: &Open{Scenario: sc, Source: "demo", Auto: true, By: ana}, Tick: 20 * time.Millisecond})
	c.opened()
	if _, err := c.leader().Do(ana, session.StartClock{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.leader().Do(ana, session.SetSpeed{Speed: 60}); err != nil {
		t.Fatal(err) // D-02 falls due a second later
	}
	c.stop(c.leader().Name())
	n := c.leader()
	deadline := time.Now().Add(10 * time.Second)
	for st := n.State(); !st.Injects.At(st.Scenario.InjectIndex("D-02")).Released; st = n.State() {
		if time.Now().After(deadline) {
			t.Fatal("D-02 was not released after the failover")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if _, err := n.Do(ana, decision("after")); err != nil {
		t.Fatal(err)
	}
	file := c.settle(n.State().Seq)
	var started event.Event
	released := map[string]int{}
	_, err := journal.Scan(bytes.NewReader(file), func(e event.Event) error {
		switch e.Type {
		case event.ClockSpeed:
			started = e
		case event.InjectReleased:
			var d event.InjectChange
			e.Decode(&d)
			released[d.Inject]++
		}
		if started.Seq > 0 && e.Seq > started.Seq {
			want := started.T + 60*e.At.Sub(started.At)
			if e.At.Before(started.At) || e.T != want.Truncate(time.Millisecond) {
				t.Errorf("line %d: t %s at %s, want %s: the clock jumped", e.Seq, e.T, e.At, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, k := range released {
		if k != 1 {
			t.Errorf("%s released %d times", id, k)
		}
	}
	if released["D-01"] != 1 || released["D-02"] != 1 {
		t.Errorf("released: %v", released)
	}
}

// TestNodeFileLocked: while a node writes its file, a console cannot
// resume it (two writers would fork the record).
func TestNodeFileLocked(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	_, _, err := session.Resume(c.path("n1"), ana, session.Options{})
	if err == nil || !strings.Contains(err.Error(), "already open for writing") {
		t.Fatalf("resuming a node's file: %v", err)
	}
}

// TestRefusalsCountedPerWindow: refused attempts to join a node are
// journaled a window at a time with a count, as on one machine, not one
// line an attempt.
func TestRefusalsCountedPerWindow(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{RefusalWindow: 300 * time.Millisecond, Tick: 20 * time.Millisecond})
	c.opened()
	n := c.node("n2")
	for range 50 {
		if _, err := n.Do(session.SystemSSH, session.RefuseAccess{User: "x", Remote: "192.0.2.7:4000", Reason: "wrong join code"}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for n.State().Refusals < 50 {
		if time.Now().After(deadline) {
			t.Fatalf("%d refusals journaled, want 50", n.State().Refusals)
		}
		time.Sleep(20 * time.Millisecond)
	}
	file := c.settle(n.State().Seq)
	if lines := bytes.Count(file, []byte(`"type":"access.refused"`)); lines > 3 {
		t.Fatalf("%d lines for 50 refused attempts", lines)
	}
}

// TestRestartedNodeRepairsItsFile: a node whose file was cut mid-line
// (killed mid-write) completes the line when it starts again; one whose
// file holds a line the cluster never wrote moves it to FILE.diverged,
// byte for byte, and writes the cluster's record.
func TestRestartedNodeRepairsItsFile(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	for i := range 4 {
		if _, err := c.leader().Do(ana, decision(fmt.Sprintf("d%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	c.settle(4)
	good, _ := os.ReadFile(c.path("n1"))
	lines := bytes.SplitAfter(good, []byte("\n"))
	forged := []byte(`{"v":1,"seq":4,"at":"2026-12-01T00:00:00.000Z","t":0,"type":"note.recorded","by":"facilitator:eve","data":{"text":"not said"},"prev":"x"}` + "\n")
	for _, tc := range []struct {
		name string
		file []byte
	}{
		{"torn", good[:len(good)-len(lines[len(lines)-2])/2]},
		{"forged", append(bytes.Join(lines[:4], nil), forged...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := "n3"
			if c.leader().Name() == name {
				name = "n2"
			}
			c.stop(name)
			os.RemoveAll(c.path(name) + ".raft") // a new disk: it catches up from the others
			os.WriteFile(c.path(name), tc.file, 0o600)
			c.start(name)
			c.settle(4)
			aside, err := os.ReadFile(c.path(name) + ".diverged")
			if tc.name == "torn" && err == nil {
				t.Fatalf("a torn line, the start of the cluster's own, was set aside: %q", aside)
			}
			if tc.name == "forged" && !bytes.Equal(aside, forged) {
				t.Fatalf("set aside %q, want the forged line", aside)
			}
		})
	}
}

// TestNonVoterFollows: a non-voting site writes the same file and takes
// commands, which it forwards.
func TestNonVoterFollows(t *testing.T) {
	c := newTestCluster(t, 3, 1, Options{})
	c.opened()
	if _, err := c.node("n4").Do(ana, decision("from the non-voter")); err != nil {
		t.Fatal(err)
	}
	if got := decisions(t, c.settle(1)); len(got) != 1 || got[0] != "from the non-voter" {
		t.Fatalf("decisions %q", got)
	}
}

// TestPartitionedLeaderWritesNothing: a leader cut off from the others is
// a minority of one: it refuses commands saying the site is cut off and
// writes nothing, while the majority elects another and goes on; healed,
// it catches up and its file is the others' with nothing set aside.
//
// The cut-off leader had put the decision in its log before it knew: a
// majority that wrote nothing meanwhile could elect it again when healed,
// and commit it. So it is not said to be unrecorded (the person would
// give it again, and it might be in the record twice) but unconfirmed.
func TestPartitionedLeaderWritesNothing(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{Timeout: 3 * time.Second, Timing: leaseyTiming})
	c.opened()
	old := c.leader()
	if _, err := old.Do(ana, decision("before")); err != nil {
		t.Fatal(err)
	}
	c.settle(1)
	c.isolate(old.Name())
	_, err := old.Do(ana, decision("on the cut-off side"))
	var un *session.UnconfirmedError
	if !errors.Is(err, ErrCutOff) || !errors.As(err, &un) || !strings.Contains(err.Error(), "look at the record before sending it again") {
		t.Fatalf("a decision on the cut-off leader: %v, want %v, unconfirmed", err, ErrCutOff)
	}
	if !old.CutOff() || old.Fault() == nil {
		t.Error("the cut-off node does not say so")
	}
	var other *Node
	for _, name := range c.names() {
		if name != old.Name() {
			other = c.node(name)
		}
	}
	if _, err := other.Do(ana, decision("on the majority side")); err != nil {
		t.Fatal(err)
	}
	if got := old.State().Seq; got != 1 {
		t.Fatalf("the cut-off node applied up to line %d", got)
	}
	c.mend()
	file := c.settle(2)
	if got := decisions(t, file); !slices.Equal(got, []string{"before", "on the majority side"}) {
		t.Fatalf("decisions %q", got)
	}
	if _, err := os.Stat(c.path(old.Name()) + ".diverged"); err == nil {
		t.Fatal("the cut-off node's file diverged")
	}
	if old.Fault() != nil {
		t.Fatalf("healed, the node still says %v", old.Fault())
	}
}

// TestEveryCommandCrossesTheCluster: a correction and a live inject are
// carried like any other command, and the live inject goes out on every
// node as it does on one machine: created, then released. They were
// refused ("a cluster cannot carry the command") and, through the
// entry's events, the release did not follow.
func TestEveryCommandCrossesTheCluster(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	names := c.names()
	ev, err := c.node(names[0]).Do(ana, decision("Close Bridge St"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.node(names[1]).Do(ana, session.Amend{Seq: ev.Seq, Text: "Close Bridge St and Mill Lane", Reason: "left out"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.node(names[2]).Do(ana, session.SendInject{Title: "Press at the cordon", Body: "A reporter asks for a statement.", Channel: "in person", To: []string{"police"}}); err != nil {
		t.Fatal(err)
	}
	file := c.settle(ev.Seq + 3)
	for _, name := range names {
		st := c.node(name).State()
		if fixes := st.FixesOf(ev.Seq); len(fixes) != 1 {
			t.Errorf("%s: %d corrections of the decision, want 1", name, len(fixes))
		}
		last := len(st.Scenario.Injects) - 1
		if in := st.Injects.At(last); !in.Released {
			t.Errorf("%s: the live inject %s was not released", name, st.Scenario.Injects[last].ID)
		}
	}
	if !bytes.Contains(file, []byte(`"type":"inject.created"`)) || !bytes.Contains(file, []byte(`"type":"decision.amended"`)) {
		t.Error("the file lacks the live inject or the amendment")
	}
}

// TestUnconfirmedCommandLearnsItsOutcome: the leader puts a decision in
// its log as it is cut off (one node down, the link to the other cut), so
// it cannot say whether it is recorded. When the link is back it is
// elected again (its log is the longer) and commits the decision: the
// error's Settled is told, with the decision as written, and the file
// holds it once. Before, the leader said "not saved" and the decision
// was in the record all the same.
func TestUnconfirmedCommandLearnsItsOutcome(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{Timeout: 3 * time.Second, Timing: leaseyTiming})
	c.opened()
	lead := c.leader()
	var others []string
	for _, name := range c.names() {
		if name != lead.Name() {
			others = append(others, name)
		}
	}
	c.stop(others[1])
	c.isolate(lead.Name())
	_, err := lead.Do(ana, decision("as the link went"))
	var un *session.UnconfirmedError
	if !errors.As(err, &un) || un.Settled == nil {
		t.Fatalf("a decision on the leader as it was cut off: %v, want unconfirmed, watched", err)
	}
	c.mend()
	select {
	case o, ok := <-un.Settled:
		if !ok || o.Err != nil || len(o.Events) != 1 || o.Events[0].Type != event.DecisionRecorded {
			t.Fatalf("the outcome: %v %+v", ok, o)
		}
		var d event.Said
		if o.Events[0].Decode(&d); d.Text != "as the link went" {
			t.Fatalf("the outcome is %q", d.Text)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the leader, elected again, never said how the decision turned out")
	}
	c.start(others[1])
	if got := decisions(t, c.settle(1)); !slices.Equal(got, []string{"as the link went"}) {
		t.Fatalf("decisions %q", got)
	}
}

// TestNodeOfAnotherTTXDoesNotLink: a node started again with another
// ttx, whose rules differ, would make other events of the same log and
// write another file in good faith. The others refuse its links: it is
// cut off and says the other node runs another ttx, it writes nothing
// more, and the two with the same rules go on, their files identical.
// Before, any two builds linked.
func TestNodeOfAnotherTTXDoesNotLink(t *testing.T) {
	for _, plain := range []bool{false, true} {
		t.Run(fmt.Sprintf("plain=%v", plain), func(t *testing.T) {
			c := newTestCluster(t, 3, 0, Options{plain: plain})
			c.opened()
			odd := c.names()[2]
			c.stop(odd)
			before, err := os.ReadFile(c.path(odd))
			if err != nil {
				t.Fatal(err)
			}
			c.rules = map[string]string{odd: "r0-another"}
			n := c.start(odd)
			lead := c.leader()
			if _, err := lead.Do(ana, decision("with the same rules")); err != nil {
				t.Fatal(err)
			}
			for deadline := time.Now().Add(15 * time.Second); !n.CutOff(); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("the node of another ttx is not cut off")
				}
			}
			var other *link.OtherRulesError
			if err := n.Fault(); !errors.Is(err, ErrCutOff) || !errors.As(err, &other) || !strings.Contains(err.Error(), "runs another ttx") {
				t.Fatalf("the node of another ttx says %v", err)
			}
			if got := n.State().Seq; got >= 1 {
				t.Fatalf("the node of another ttx applied up to line %d", got)
			}
			c.stop(odd)
			if after, _ := os.ReadFile(c.path(odd)); !bytes.Equal(after, before) {
				t.Fatalf("the node of another ttx wrote to its file:\n%s", after)
			}
			if got := decisions(t, c.settle(1)); !slices.Equal(got, []string{"with the same rules"}) {
				t.Fatalf("decisions %q", got)
			}
		})
	}
}

// TestRulesNameTheCommands: Rules changes with the commands a log entry
// may carry. When this test fails, the commands changed: if what any
// command makes of the state changed too, bump rulesRevision; then put
// the new Rules here. Nodes of builds with other Rules refuse to link.
func TestRulesNameTheCommands(t *testing.T) {
	const want = "r1-2f2887594c4d"
	if Rules != want {
		t.Errorf("Rules = %q, want %q (see the comment above)", Rules, want)
	}
	fewer := maps.Clone(commandTypes)
	delete(fewer, "Strike")
	if rulesOf(fewer) == Rules {
		t.Error("Rules do not change with the commands")
	}
}

// leaseyTiming is LoopbackTiming with the longest lease Raft allows: a
// test that cuts a leader off and gives it a command at once needs it to
// be leading still when the command reaches Raft, on a loaded machine.
var leaseyTiming = Timing{Heartbeat: 500 * time.Millisecond, Election: 500 * time.Millisecond, LeaderLease: 500 * time.Millisecond, Commit: 5 * time.Millisecond}

// TestEntryAStoppingLeaderHadMayBeInTheLog: Raft fails with
// ErrRaftShutdown the futures of entries already in a stopping leader's
// log, committed ones too; a forwarded command so answered is asked again,
// not said to be unrecorded.
func TestEntryAStoppingLeaderHadMayBeInTheLog(t *testing.T) {
	if !inLog(raft.ErrRaftShutdown) || !inLog(raft.ErrLeadershipLost) || inLog(raft.ErrNotLeader) || inLog(raft.ErrEnqueueTimeout) {
		t.Fatal("inLog tells wrongly which failed entries may be in the log")
	}
}
