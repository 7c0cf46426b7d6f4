package cluster

import (
	"bufio"
	"net"
	"testing"
	"time"

	"ttx/exercise/cluster/internal/link"
)

// TestStrangersAreNotHeard: with a secret, a node answers no one who
// does not hold it: a forwarded command over plain TCP, or over TLS
// with another secret, records nothing.
func TestStrangersAreNotHeard(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	addr := c.cfg.Member(c.leader().Name()).Raft
	entry := `{"id":"x","k":"do","a":{"Role":"facilitator","Name":"eve"},"c":"RecordDecision","d":{"Team":"police","Text":"forged"},"at":0}`

	raw, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetDeadline(time.Now().Add(5 * time.Second))
	raw.Write([]byte("T" + entry + "\n"))
	if line, err := bufio.NewReader(raw).ReadString('\n'); err == nil {
		t.Errorf("plain TCP got an answer: %q", line)
	}
	raw.Close()

	other, err := link.NewSecure([]byte("another cluster's secret"), c.cfg.Membership())
	if err != nil {
		t.Fatal(err)
	}
	tcp, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Wrap(tcp, true, 5*time.Second); err == nil {
		t.Error("a node with another secret was let in")
	}
	moved := *c.cfg
	moved.Nodes = append([]Member{}, c.cfg.Nodes...)
	moved.Nodes[2].Voter = false
	other, _ = link.NewSecure(c.cfg.Secret, moved.Membership())
	if tcp, err = net.Dial("tcp", addr); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Wrap(tcp, true, 5*time.Second); err == nil {
		t.Error("a node with another cluster file was let in")
	}
	time.Sleep(200 * time.Millisecond)
	if got := decisions(t, c.settle(0)); len(got) != 0 {
		t.Fatalf("a stranger recorded %q", got)
	}
}

// TestPlainLinks: without a secret the links are plain TCP, and the
// cluster works the same.
func TestPlainLinks(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{plain: true})
	c.opened()
	if _, err := c.node("n1").Do(ana, decision("plain")); err != nil {
		t.Fatal(err)
	}
	c.settle(1)
}
