package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyComparesReplicas: with several files, verify says whether
// they are the same copy, or the first line where they differ.
func TestVerifyComparesReplicas(t *testing.T) {
	a, _ := sessionFile(t)
	data, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	b, c := filepath.Join(dir, "b.jsonl"), filepath.Join(dir, "c.jsonl")
	os.WriteFile(b, data, 0o600)
	os.WriteFile(c, data, 0o600)
	code, out, _ := run(t, "verify", a, b, c)
	if code != 0 || !strings.Contains(out, "The 3 copies are identical") {
		t.Fatalf("identical copies: exit %d\n%s", code, out)
	}
	lines := strings.SplitAfter(string(data), "\n")
	os.WriteFile(c, []byte(strings.Join(lines[:2], "")), 0o600)
	code, out, _ = run(t, "verify", a, b, c)
	if code != 1 || !strings.Contains(out, "not all go to line 3") || !strings.Contains(out, "c.jsonl: (ends at line 2)") {
		t.Fatalf("a shorter copy: exit %d\n%s", code, out)
	}
}
