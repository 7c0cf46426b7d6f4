package review

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttx/exercise/journal"
)

// forked writes smallSession with a forged decision (and depth-1 more
// forged lines chained onto it) inserted before the genuine decision,
// each with a correct prev: two lines then claim seq 3.
func forked(t *testing.T, depth int) string {
	t.Helper()
	data, _ := os.ReadFile(smallSession(t))
	lines := strings.SplitAfter(string(data), "\n")
	forged := []string{strings.Replace(lines[3], "Stop eastbound trains", "We pay the ransom", 1)}
	for i := 1; i < depth; i++ {
		prev := journal.Hash([]byte(strings.TrimSuffix(forged[i-1], "\n")))
		l := lines[3+i]
		cut := strings.LastIndex(l, `"prev":"`) + len(`"prev":"`)
		forged = append(forged, l[:cut]+prev+l[cut+64:])
	}
	out := strings.Join(lines[:3], "") + strings.Join(forged, "") + strings.Join(lines[3:], "")
	path := filepath.Join(t.TempDir(), fmt.Sprintf("forked%d.jsonl", depth))
	os.WriteFile(path, []byte(out), 0o600)
	return path
}
