// Package cluster is one session replicated across sites with Raft
// (hashicorp/raft). The Raft log carries commands; every node applies the
// committed entries, checking each against its state exactly as a
// session does, and writes the same JSON Lines session file, byte for
// byte, hash chain included. A command is answered once it is committed
// by a quorum and fsynced on the node that answers. docs/cluster.md
// describes the design.
package cluster

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/raft"
	raftboltdb "github.com/hashicorp/raft-boltdb/v2"
	"go.etcd.io/bbolt"

	"ttx/exercise/cluster/internal/forward"
	"ttx/exercise/cluster/internal/link"
	"ttx/exercise/event"
	"ttx/exercise/joincode"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
)

// ErrCutOff is returned for a command given on a node that cannot reach a
// majority of the cluster: nothing was recorded, and nothing this node
// writes while cut off can differ from the others' record.
var ErrCutOff = errors.New("this site is cut off from the rest of the cluster: nothing is recorded here until the link is back")

// Timing is how fast a cluster notices a lost leader.
type Timing struct {
	// Heartbeat and Election are Raft's heartbeat and election timeouts,
	// LeaderLease how long a leader goes without hearing from a majority
	// before it steps down, Commit how long a follower may wait to learn
	// an entry is committed.
	Heartbeat, Election, LeaderLease, Commit time.Duration
}

// SiteTiming suits sites linked over a WAN: Raft's defaults.
var SiteTiming = Timing{Heartbeat: time.Second, Election: time.Second, LeaderLease: 500 * time.Millisecond, Commit: 50 * time.Millisecond}

// LoopbackTiming suits nodes on one machine, as in tests and drills.
var LoopbackTiming = Timing{Heartbeat: 250 * time.Millisecond, Election: 250 * time.Millisecond, LeaderLease: 150 * time.Millisecond, Commit: 5 * time.Millisecond}

// Open is the session a node opens when the cluster holds none yet.
type Open struct {
	Scenario *scenario.Scenario
	Source   string
	Auto     bool
	By       session.Actor
}

// Options configure a node.
type Options struct {
	// Config is the cluster; Name this node's name in it.
	Config *Config
	Name   string
	// Session is this node's session file.
	Session string
	// Dir holds the node's Raft log and snapshots; Session + ".raft"
	// when empty.
	Dir string
	// Listener is the Raft address's listener, when the caller made it;
	// the node listens on its Raft address otherwise.
	Listener net.Listener
	// Open is proposed as session.opened if the cluster holds none.
	Open *Open
	// Now is the wall clock; time.Now when nil.
	Now func() time.Time
	// Tick is how often the leader releases the injects that fell due
	// (when the session releases automatically); 250 ms when zero.
	Tick time.Duration
	// Timing is SiteTiming when zero.
	Timing Timing
	// SnapshotThreshold and TrailingLogs tune Raft's snapshots (Raft's
	// defaults when zero).
	SnapshotThreshold, TrailingLogs uint64
	// Log receives Raft's warnings and what the node did to its file;
	// discarded when nil.
	Log io.Writer
	// Timeout bounds how long a command may wait for a leader and a
	// quorum; 10 s when zero.
	Timeout time.Duration
	// RefusalWindow is how often one source's refused attempts to join
	// this node are journaled, with a count; DefaultRefusalWindow when
	// zero.
	RefusalWindow time.Duration

	plain bool   // tests: no secret in the test cluster's file
	rules string // tests: Rules when empty
}

// Node is one member of a cluster running one session.
type Node struct {
	o     Options
	self  Member
	raft  *raft.Raft
	fsm   *fsm
	mux   *link.Mux
	trans *raft.NetworkTransport
	store *raftboltdb.BoltStore
	log   hclog.Logger

	idBase string
	idNext atomic.Uint64
	// sawLeader is when a leader was last known (Unix ns).
	sawLeader atomic.Int64

	pool forward.Pool // connections to the leader, for forwarded commands
	net  *link.Links  // every connection to the other nodes

	refMu    sync.Mutex
	refusals *session.Refusals // what this node's SSH server refused, counted

	stop     chan struct{}
	stopOnce sync.Once
	stopErr  error
	wg       sync.WaitGroup
}

// Start starts the node called o.Name of cluster o.Config.
func Start(o Options) (*Node, error) {
	self := o.Config.Member(o.Name)
	if self == nil {
		return nil, fmt.Errorf("%s names no node %q; its nodes are %s", o.Config.File, o.Name, o.Config.Names())
	}
	if o.Dir == "" {
		o.Dir = o.Session + ".raft"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Tick == 0 {
		o.Tick = 250 * time.Millisecond
	}
	if o.Timing == (Timing{}) {
		o.Timing = SiteTiming
	}
	if o.Timeout == 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	n := &Node{o: o, self: *self, stop: make(chan struct{}), refusals: session.NewRefusals(o.RefusalWindow), net: &link.Links{}}
	n.pool.Net, n.pool.IdleKeep = n.net, idleForward/2 // well within the leader's idleForward
	n.net.Rules = cmp.Or(o.rules, Rules)
	if len(o.Config.Secret) > 0 {
		sec, err := link.NewSecure(o.Config.Secret, o.Config.Membership())
		if err != nil {
			return nil, err
		}
		n.net.Sec = sec
	}
	n.sawLeader.Store(time.Now().UnixNano())
	n.log = hclog.New(&hclog.LoggerOptions{Name: "ttx-cluster " + o.Name, Output: o.Log, Level: hclog.Warn})
	var b [6]byte
	rand.Read(b[:])
	n.idBase = o.Name + "-" + hex.EncodeToString(b[:]) + "-"
	if err := n.start(); err != nil {
		n.closeAll()
		return nil, err
	}
	n.wg.Add(3)
	go n.opener()
	go n.ticker()
	go n.watchLeader()
	return n, nil
}

func (n *Node) start() error {
	var err error
	if n.fsm, err = newFSM(n.o.Session, func(s string) { n.log.Warn(s) }); err != nil {
		return err
	}
	if err := os.MkdirAll(n.o.Dir, 0o700); err != nil {
		return fmt.Errorf("create the node's Raft folder: %w", err)
	}
	n.store, err = raftboltdb.New(raftboltdb.Options{Path: filepath.Join(n.o.Dir, "raft.db"),
		BoltOptions: &bbolt.Options{Timeout: time.Second}})
	if err != nil {
		if errors.Is(err, bbolt.ErrTimeout) {
			return fmt.Errorf("%s is in use: is node %s already running here?", n.o.Dir, n.o.Name)
		}
		return fmt.Errorf("open the node's Raft log in %s: %w", n.o.Dir, err)
	}
	snaps, err := raft.NewFileSnapshotStoreWithLogger(n.o.Dir, 2, n.log)
	if err != nil {
		return fmt.Errorf("open the node's snapshots in %s: %w", n.o.Dir, err)
	}
	ln := n.o.Listener
	if ln == nil {
		if ln, err = net.Listen("tcp", n.self.Raft); err != nil {
			return fmt.Errorf("listen on node %s's Raft address: %w", n.o.Name, err)
		}
	}
	n.mux = link.NewMux(ln, n.serveForward, n.net)
	n.trans = raft.NewNetworkTransportWithConfig(&raft.NetworkTransportConfig{
		Stream: n.mux, MaxPool: 3, Timeout: 10 * time.Second, Logger: n.log,
		ServerAddressProvider: addresses{n.o.Config},
	})
	conf := raft.DefaultConfig()
	conf.LocalID = raft.ServerID(n.o.Name)
	conf.Logger = n.log
	conf.BatchApplyCh = true // commands waiting together share one log write
	t := n.o.Timing
	conf.HeartbeatTimeout, conf.ElectionTimeout, conf.LeaderLeaseTimeout, conf.CommitTimeout = t.Heartbeat, t.Election, t.LeaderLease, t.Commit
	if n.o.SnapshotThreshold > 0 {
		conf.SnapshotThreshold = n.o.SnapshotThreshold
	}
	if n.o.TrailingLogs > 0 {
		conf.TrailingLogs = n.o.TrailingLogs
	}
	existing, err := raft.HasExistingState(n.store, n.store, snaps)
	if err != nil {
		return fmt.Errorf("read the node's Raft state in %s: %w", n.o.Dir, err)
	}
	if n.raft, err = raft.NewRaft(conf, n.fsm, n.store, n.store, snaps, n.trans); err != nil {
		return fmt.Errorf("start node %s: %w", n.o.Name, err)
	}
	if !existing && n.self.Voter {
		// Every voter bootstraps with the same configuration, from the
		// cluster file: that is safe, and no voter is special. A
		// non-voter does not: the voters' configuration names it, and
		// the leader brings it in.
		var servers []raft.Server
		for _, m := range n.o.Config.Nodes {
			s := raft.Server{ID: raft.ServerID(m.Name), Address: raft.ServerAddress(m.Raft), Suffrage: raft.Voter}
			if !m.Voter {
				s.Suffrage = raft.Nonvoter
			}
			servers = append(servers, s)
		}
		if err := n.raft.BootstrapCluster(raft.Configuration{Servers: servers}).Error(); err != nil && !errors.Is(err, raft.ErrCantBootstrap) {
			return fmt.Errorf("start the cluster: %w", err)
		}
	}
	return nil
}

// addresses maps node names to their Raft addresses from the cluster
// file, so that a node moved to a new address is found there.
type addresses struct{ c *Config }

func (a addresses) ServerAddr(id raft.ServerID) (raft.ServerAddress, error) {
	if m := a.c.Member(string(id)); m != nil {
		return raft.ServerAddress(m.Raft), nil
	}
	return "", fmt.Errorf("no node %q in %s", id, a.c.File)
}

// Name returns the node's name.
func (n *Node) Name() string { return n.o.Name }

// Path returns the node's session file.
func (n *Node) Path() string { return n.o.Session }

// State returns the state of the session as this node has applied it.
func (n *Node) State() event.State {
	n.fsm.mu.Lock()
	defer n.fsm.mu.Unlock()
	return n.fsm.state
}

// Subscribe returns a channel that receives the state after every change
// this node applies (only the latest, if the reader is slow), and a
// function to stop, which closes the channel.
func (n *Node) Subscribe() (<-chan event.State, func()) {
	ch := make(chan event.State, 1)
	f := n.fsm
	f.mu.Lock()
	f.subs[ch] = struct{}{}
	f.mu.Unlock()
	return ch, func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[ch]; ok {
			delete(f.subs, ch)
			close(ch)
		}
	}
}

// Leader returns the name of the node this node takes for the leader, or
// "" when it knows none.
func (n *Node) Leader() string {
	_, id := n.raft.LeaderWithID()
	return string(id)
}

// IsLeader reports whether this node leads.
func (n *Node) IsLeader() bool { return n.raft.State() == raft.Leader }

// CutOff reports whether this node has known no leader for a while
// (four election timeouts): it cannot reach a majority, and refuses
// commands.
func (n *Node) CutOff() bool {
	if addr, _ := n.raft.LeaderWithID(); addr != "" {
		n.sawLeader.Store(time.Now().UnixNano())
		return false
	}
	return time.Since(time.Unix(0, n.sawLeader.Load())) > 4*n.o.Timing.Election
}

// Fault returns why this node records nothing: its disk failed, or it is
// cut off (ErrCutOff, as a NotSavedError, so that a console shows it
// until the link is back); nil when it works.
func (n *Node) Fault() error {
	n.fsm.mu.Lock()
	broken := n.fsm.broken
	n.fsm.mu.Unlock()
	switch {
	case broken != nil:
		return &session.NotSavedError{Err: fmt.Errorf("this site's session file cannot be written (%v); restart this node when the disk is fixed: it catches up from the others", broken)}
	case n.CutOff():
		return &session.NotSavedError{Err: n.cutOff()}
	}
	return nil
}

// OtherTTX returns why a link between this node and another was refused
// in the last minute for their running other builds of ttx; nil if none.
func (n *Node) OtherTTX() error {
	if other := n.net.OtherRules(); other != nil {
		return other
	}
	return nil
}

// cutOff is ErrCutOff, with why when a node refused this one's link for
// running another ttx.
func (n *Node) cutOff() error {
	if other := n.net.OtherRules(); other != nil {
		return fmt.Errorf("%w: %w", ErrCutOff, other)
	}
	return ErrCutOff
}

// Close journals session.closed across the cluster, stops this node,
// and returns the final hash.
func (n *Node) Close(a session.Actor) (string, error) {
	head, err := n.CloseSession(a)
	if err != nil {
		return "", err
	}
	return head, n.Shutdown()
}

// Abandon stops this node without ending the session, which goes on on
// the others; started again, the node catches up.
func (n *Node) Abandon() error { return n.Shutdown() }

var _ session.Live = (*Node)(nil)

// Do carries out command c for actor a: it is sent to the leader, checked
// there against the state, committed by a quorum, and answered once this
// node has written it to its file. It returns the event as journaled, or
// why the command was refused or not recorded.
func (n *Node) Do(a session.Actor, c session.Command) (event.Event, error) {
	if p, ok := c.(session.AddPerson); ok && p.Code != "" && p.Salt == nil {
		// Drawn here, once, or each node would hash the code its own way.
		p.Salt = joincode.NewSalt()
		c = p
	}
	if p, ok := c.(session.NewJoinCode); ok && p.Salt == nil {
		p.Salt = joincode.NewSalt() // as AddPerson's
		c = p
	}
	if r, ok := c.(session.RefuseAccess); ok && a == session.SystemSSH {
		// Counted here, and journaled a window at a time, as a session
		// does: a guessing source costs a line a minute, not one a guess.
		n.refMu.Lock()
		d, write := n.refusals.Note(r, n.o.Now())
		n.refMu.Unlock()
		if !write {
			return event.Event{}, nil
		}
		c = session.RecordRefusal{Refusal: d}
	}
	name, data, err := encodeCommand(c)
	if err != nil {
		return event.Event{}, err
	}
	evs, err := n.submit(&entry{Kind: kindDo, Actor: a, Cmd: name, Data: data})
	if len(evs) == 0 {
		return event.Event{}, err
	}
	return evs[0], err
}

// CloseSession journals session.closed for actor a and returns the final
// hash. The node goes on running; Shutdown stops it.
func (n *Node) CloseSession(a session.Actor) (string, error) {
	n.flushRefusals(true) // the counts go in before the end
	evs, err := n.submit(&entry{Kind: kindClose, Actor: a})
	if err != nil {
		return "", err
	}
	if len(evs) == 0 {
		return "", errors.New("the session was closed, but its final line is not known here")
	}
	return lineHash(evs[len(evs)-1]), nil
}

// Shutdown stops the node, as a clean stop of the process would; the
// session goes on on the others.
func (n *Node) Shutdown() error {
	n.stopOnce.Do(func() {
		close(n.stop)
		n.wg.Wait()
		n.stopErr = n.closeAll()
	})
	return n.stopErr
}

func (n *Node) closeAll() error {
	var errs []error
	n.pool.Close()
	if n.raft != nil {
		errs = append(errs, n.raft.Shutdown().Error())
	}
	if n.trans != nil {
		errs = append(errs, n.trans.Close())
	} else if n.mux != nil {
		n.mux.Close()
	} else if n.o.Listener != nil {
		n.o.Listener.Close()
	}
	n.net.CloseAll() // forwarded commands' connections too
	if n.store != nil {
		errs = append(errs, n.store.Close())
	}
	if n.fsm != nil {
		errs = append(errs, n.fsm.close())
	}
	return errors.Join(errs...)
}
