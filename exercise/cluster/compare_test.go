package cluster

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareReplicas(t *testing.T) {
	c := newTestCluster(t, 3, 0, Options{})
	c.opened()
	for i := range 3 {
		if _, err := c.leader().Do(ana, decision(strings.Repeat("x", i+1))); err != nil {
			t.Fatal(err)
		}
	}
	c.settle(3)
	names := c.names()
	paths := []string{c.path(names[0]), c.path(names[1]), c.path(names[2])}
	for _, name := range names {
		c.stop(name)
	}
	got, err := Compare(paths)
	if err != nil || !got.Identical || got.Replicas[0].Lines != 4 || got.Replicas[2].Problem != "" {
		t.Fatalf("identical replicas: %+v, %v", got, err)
	}

	b, _ := os.ReadFile(paths[2])
	short := filepath.Join(t.TempDir(), "short.jsonl")
	os.WriteFile(short, b[:strings.LastIndex(string(b[:len(b)-1]), "\n")+1], 0o600)
	got, _ = Compare([]string{paths[0], short})
	if got.Identical || !got.Shorter || got.Differ != 4 || got.Replicas[1].Lines != 3 || got.Replicas[1].Line != "" {
		t.Fatalf("a replica one line short: %+v", got)
	}

	changed := filepath.Join(t.TempDir(), "changed.jsonl")
	os.WriteFile(changed, []byte(strings.Replace(string(b), `"text":"xx"`, `"text":"yy"`, 1)), 0o600)
	got, _ = Compare([]string{paths[0], paths[1], changed})
	if got.Identical || got.Shorter || got.Differ != 3 || !strings.Contains(got.Replicas[2].Line, `"yy"`) || got.Replicas[2].Problem == "" {
		t.Fatalf("a replica with line 3 changed: %+v", got)
	}
}
