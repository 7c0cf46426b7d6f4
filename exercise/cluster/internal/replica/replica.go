// Package replica compares the copies of one session file kept by the
// nodes of a cluster: each one's hash chain, and the first line where
// they differ.
package replica

import (
	"bytes"
	"fmt"
	"os"

	"ttx/exercise/journal"
)

// Replica is one node's copy of a session file, as Compare found it.
type Replica struct {
	Path string
	// Lines is how many whole lines it holds; Head the hash of the last.
	Lines int
	Head  string
	// Problem says why its hash chain is not intact ("" when it is).
	Problem string
	// Line is its line where the replicas first differ ("" when it ends
	// before it).
	Line string
}

// Comparison is what Compare found.
type Comparison struct {
	Replicas []Replica
	// Identical: every copy has the same bytes.
	Identical bool
	// Differ is the first line (from 1) at which they differ, 0 when
	// identical; Shorter that some copies only end earlier, each a
	// prefix of the longest (a node still catching up, or stopped).
	Differ  int
	Shorter bool
}

// Compare reads copies of one session file, from several nodes, checks
// each one's hash chain and says whether they are byte-identical or the
// first line where they differ.
func Compare(paths []string) (Comparison, error) {
	var c Comparison
	files := make([][][]byte, len(paths))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return c, fmt.Errorf("read %s: %w", p, err)
		}
		r := Replica{Path: p}
		rep, err := journal.Scan(bytes.NewReader(b), nil)
		switch {
		case err != nil:
			r.Problem = err.Error()
		case rep.Break != nil:
			r.Problem = rep.Break.Error()
		case rep.Events == 0:
			r.Problem = "no complete event: not a ttx session file"
		case rep.Torn != nil:
			r.Problem = fmt.Sprintf("a torn last line at byte %d (%d bytes)", rep.Torn.Offset, rep.Torn.Size)
		}
		r.Head = rep.Head
		lines := bytes.SplitAfter(b, []byte("\n"))
		if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
			lines = lines[:n-1]
		}
		r.Lines, files[i] = len(lines), lines
		c.Replicas = append(c.Replicas, r)
	}
	longest := 0
	for _, f := range files {
		longest = max(longest, len(f))
	}
	for line := range longest {
		var first []byte
		ended, differ := false, false
		for _, f := range files {
			if line >= len(f) {
				ended = true
				continue
			}
			if first == nil {
				first = f[line]
			} else if !bytes.Equal(f[line], first) {
				differ = true
			}
		}
		if !differ && !ended {
			continue
		}
		c.Differ, c.Shorter = line+1, !differ
		for i, f := range files {
			if line < len(f) {
				c.Replicas[i].Line = string(bytes.TrimSuffix(f[line], []byte("\n")))
			}
		}
		return c, nil
	}
	c.Identical = true
	return c, nil
}
