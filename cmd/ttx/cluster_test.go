package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeClusterFlags: the cluster flags go together, and a wrong node
// or cluster file is named before anything starts.
func TestServeClusterFlags(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "cluster.yaml")
	os.WriteFile(cfg, []byte("nodes:\n  - {name: a, raft: \"127.0.0.1:1\", ssh: \"127.0.0.1:2\"}\n  - {name: b, raft: \"127.0.0.1:3\", ssh: \"127.0.0.1:4\"}\n  - {name: c, raft: \"127.0.0.1:5\", ssh: \"127.0.0.1:6\"}\n"), 0o600)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("nodes:\n  - {name: a, raft: \"127.0.0.1:1\", ssh: \"127.0.0.1:2\"}\n"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--node", "a"}, "give the cluster file with --cluster"},
		{[]string{"serve", "--cluster", cfg}, "--cluster needs --node NAME"},
		{[]string{"serve", "--cluster", cfg, "--node", "z"}, `names no node "z"; its nodes are a, b, c`},
		{[]string{"serve", "--cluster", bad, "--node", "a"}, "bad.yaml:2:3: 1 voting nodes"},
		{[]string{"serve", "--cluster", cfg, "--node", "a", "--resume", "x.jsonl"}, "--resume is not for a cluster node"},
	} {
		code, _, stderr := run(t, tc.args...)
		if code == 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want %q", tc.args, code, stderr, tc.want)
		}
	}
}
