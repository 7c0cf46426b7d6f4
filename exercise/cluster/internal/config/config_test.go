package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigReadsNodes(t *testing.T) {
	c, err := Parse("c.yaml", []byte(`nodes:
  - {name: london, raft: "10.0.0.1:7400", ssh: "10.0.0.1:2222"}
  - {name: leeds, raft: "10.0.0.2:7400", ssh: "10.0.0.2:2222"}
  - {name: bristol, raft: "10.0.0.3:7400", ssh: "10.0.0.3:2222"}
  - {name: observers, raft: "10.0.0.4:7400", ssh: "10.0.0.4:2222", voter: false}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Nodes) != 4 || c.Voters() != 3 || c.Member("observers").Voter || c.Member("leeds").Raft != "10.0.0.2:7400" || c.Member("bristol").Line != 4 {
		t.Fatalf("%+v", c.Nodes)
	}
}

// TestConfigProblems: every problem is named with its file:line:col and
// what to write instead, all at once.
func TestConfigProblems(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"not a mapping", "- a\n", "c.yaml:1:1: a cluster file is a YAML mapping"},
		{"no nodes", "nodes: []\n", "0 voting nodes: a cluster has 3 or 5 voters"},
		{"unknown key", "nodes: []\nvoters: 3\n", "c.yaml:2:1: unknown key \"voters\""},
		{"unknown field", "nodes:\n  - name: a\n    rafts: x\n", "c.yaml:3:5"},
		{"two voters", "nodes:\n  - {name: a, raft: \"h:1\", ssh: \"h:2\"}\n  - {name: b, raft: \"h:3\", ssh: \"h:4\"}\n", "2 voting nodes"},
		{"bad address", "nodes:\n  - {name: a, raft: \"h\", ssh: \"h:2\"}\n", "c.yaml:2:5: node \"a\": raft address \"h\": not host:port"},
		{"same name", "nodes:\n  - {name: a, raft: \"h:1\", ssh: \"h:2\"}\n  - {name: a, raft: \"h:3\", ssh: \"h:4\"}\n", "c.yaml:3:5: node \"a\" is named twice"},
		{"same address", "nodes:\n  - {name: a, raft: \"h:1\", ssh: \"h:2\"}\n  - {name: b, raft: \"h:1\", ssh: \"h:4\"}\n", "raft address h:1 is also a's raft"},
		{"bad yaml", "nodes:\n  - name: [\n", "c.yaml:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestConfigSecret(t *testing.T) {
	dir := t.TempDir()
	nodes := "nodes:\n  - {name: a, raft: \"h:1\", ssh: \"h:2\"}\n  - {name: b, raft: \"h:3\", ssh: \"h:4\"}\n  - {name: c, raft: \"h:5\", ssh: \"h:6\"}\n"
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, []byte(nodes+"secret: c.key\n"), 0o600)
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "c.yaml:5:9: the cluster's secret") || !strings.Contains(err.Error(), "head -c 32 /dev/urandom") {
		t.Fatalf("a missing secret file: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "c.key"), []byte("short\n"), 0o600)
	if _, err = Load(path); err == nil || !strings.Contains(err.Error(), "holds 5 bytes, fewer than 16") {
		t.Fatalf("a short secret: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "c.key"), []byte("0123456789abcdef0123\n"), 0o600)
	cfg, err := Load(path)
	if err != nil || string(cfg.Secret) != "0123456789abcdef0123" {
		t.Fatalf("%v, secret %q", err, cfg.Secret)
	}
}
