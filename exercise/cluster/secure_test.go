package cluster

import (
	"bufio"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

	other, err := newSecure([]byte("another cluster's secret"), c.cfg.membership())
	if err != nil {
		t.Fatal(err)
	}
	tcp, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.wrap(tcp, true, 5*time.Second); err == nil {
		t.Error("a node with another secret was let in")
	}
	moved := *c.cfg
	moved.Nodes = append([]Member{}, c.cfg.Nodes...)
	moved.Nodes[2].Voter = false
	other, _ = newSecure(c.cfg.Secret, moved.membership())
	if tcp, err = net.Dial("tcp", addr); err != nil {
		t.Fatal(err)
	}
	if _, err := other.wrap(tcp, true, 5*time.Second); err == nil {
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

func TestConfigSecret(t *testing.T) {
	dir := t.TempDir()
	nodes := "nodes:\n  - {name: a, raft: \"h:1\", ssh: \"h:2\"}\n  - {name: b, raft: \"h:3\", ssh: \"h:4\"}\n  - {name: c, raft: \"h:5\", ssh: \"h:6\"}\n"
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, []byte(nodes+"secret: c.key\n"), 0o600)
	_, err := LoadConfig(path)
	if err == nil || !strings.Contains(err.Error(), "c.yaml:5:9: the cluster's secret") || !strings.Contains(err.Error(), "head -c 32 /dev/urandom") {
		t.Fatalf("a missing secret file: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "c.key"), []byte("short\n"), 0o600)
	if _, err = LoadConfig(path); err == nil || !strings.Contains(err.Error(), "holds 5 bytes, fewer than 16") {
		t.Fatalf("a short secret: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "c.key"), []byte("0123456789abcdef0123\n"), 0o600)
	cfg, err := LoadConfig(path)
	if err != nil || string(cfg.Secret) != "0123456789abcdef0123" {
		t.Fatalf("%v, secret %q", err, cfg.Secret)
	}
}
