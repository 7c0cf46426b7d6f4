package cluster

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
)

var ana = session.Facilitator("ana")

func loadDemo() (*scenario.Scenario, scenario.Problems) { return injects.Load("demo") }

// testCluster is nodes of one cluster in this process, on loopback.
type testCluster struct {
	t     testing.TB
	cfg   *Config
	dir   string
	opts  Options
	mu    sync.Mutex
	nodes map[string]*Node
	rules map[string]string // a node's Rules, when not this build's
}

// newTestCluster starts voters nodes (and nonvoters) on 127.0.0.1 with
// the demo scenario; o holds options for every node.
func newTestCluster(t testing.TB, voters, nonvoters int, o Options) *testCluster {
	t.Helper()
	c := &testCluster{t: t, dir: t.TempDir(), nodes: map[string]*Node{}}
	var yaml strings.Builder
	yaml.WriteString("nodes:\n")
	// Each node's port is held until every node has one: a port closed at
	// once may be handed out again to the next.
	var held []net.Listener
	for i := range voters + nonvoters {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, ln)
		fmt.Fprintf(&yaml, "  - name: n%d\n    raft: %s\n    ssh: 127.0.0.1:%d\n    voter: %v\n", i+1, ln.Addr(), 30000+i, i < voters)
	}
	for _, ln := range held {
		ln.Close()
	}
	cfg, err := ParseConfig("cluster.yaml", []byte(yaml.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !o.plain {
		cfg.Secret = []byte("a secret for the tests only")
	}
	c.cfg = cfg
	sc, probs := loadDemo()
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	if o.Open == nil {
		o.Open = &Open{Scenario: sc, Source: "demo", By: ana}
	}
	if o.Timing == (Timing{}) {
		o.Timing = LoopbackTiming
	}
	if testing.Verbose() {
		o.Log = os.Stderr
	}
	c.opts = o
	for _, m := range cfg.Nodes {
		c.start(m.Name)
	}
	t.Cleanup(func() {
		for _, name := range c.names() {
			c.stop(name)
		}
	})
	return c
}

func (c *testCluster) path(name string) string { return filepath.Join(c.dir, name+".jsonl") }

func (c *testCluster) start(name string) *Node {
	c.t.Helper()
	o := c.opts
	o.Config, o.Name, o.Session = c.cfg, name, c.path(name)
	o.rules = c.rules[name]
	var n *Node
	var err error
	for try := 0; try < 50; try++ { // the port may linger a moment after a stop
		if n, err = Start(o); err == nil || !strings.Contains(err.Error(), "address already in use") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		c.t.Fatal(err)
	}
	c.mu.Lock()
	c.nodes[name] = n
	c.mu.Unlock()
	return n
}

func (c *testCluster) stop(name string) {
	c.t.Helper()
	c.mu.Lock()
	n := c.nodes[name]
	delete(c.nodes, name)
	c.mu.Unlock()
	if n != nil {
		n.Shutdown()
	}
}

func (c *testCluster) names() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var names []string
	for _, m := range c.cfg.Nodes {
		if c.nodes[m.Name] != nil {
			names = append(names, m.Name)
		}
	}
	return names
}

func (c *testCluster) node(name string) *Node {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.nodes[name]
}

// leader waits for a leader among the running nodes.
func (c *testCluster) leader() *Node {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		for _, name := range c.names() {
			if n := c.node(name); n != nil && n.IsLeader() {
				return n
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.t.Fatal("no leader was elected")
	return nil
}

// settle waits until every running node has applied seq, and returns
// their files, checked byte-identical and intact.
func (c *testCluster) settle(seq int64) []byte {
	c.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for _, name := range c.names() {
		for c.node(name).State().Seq < seq {
			if time.Now().After(deadline) {
				c.t.Fatalf("%s applied up to line %d, not %d", name, c.node(name).State().Seq, seq)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	var first []byte
	for i, name := range c.names() {
		b, err := os.ReadFile(c.path(name))
		if err != nil {
			c.t.Fatal(err)
		}
		if i == 0 {
			first = b
			rep, err := journal.Scan(bytes.NewReader(b), nil)
			if err != nil || rep.Break != nil || rep.Torn != nil || rep.Events != seq+1 {
				c.t.Fatalf("%s: %d events, break %v, torn %v, err %v", name, rep.Events, rep.Break, rep.Torn, err)
			}
			continue
		}
		if !bytes.Equal(b, first) {
			c.t.Fatalf("%s's file differs from %s's: %s", name, c.names()[0], firstDiff(first, b))
		}
	}
	return first
}

func firstDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(la), len(lb))
}

// opened waits for session.opened on every running node.
func (c *testCluster) opened() {
	c.t.Helper()
	c.settle(0)
}

func decision(text string) session.RecordDecision {
	return session.RecordDecision{Team: "police", Who: "chief", Text: text}
}

// decisions returns the texts of the decisions in a file, in order.
func decisions(t *testing.T, file []byte) []string {
	t.Helper()
	var out []string
	_, err := journal.Scan(bytes.NewReader(file), func(e event.Event) error {
		if e.Type == event.DecisionRecorded {
			var d event.Said
			if err := e.Decode(&d); err != nil {
				return err
			}
			out = append(out, d.Text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// isolate cuts node name off from the others (heal with mend): a
// partition with it alone on one side.
func (c *testCluster) isolate(name string) {
	addr := c.cfg.Member(name).Raft
	for _, other := range c.names() {
		n := c.node(other)
		if other == name {
			n.net.SetCut(func(string) bool { return true }, true)
		} else {
			n.net.SetCut(func(a string) bool { return a == addr }, false)
		}
	}
}

// mend heals every partition.
func (c *testCluster) mend() {
	for _, name := range c.names() {
		c.node(name).net.SetCut(nil, false)
	}
}
