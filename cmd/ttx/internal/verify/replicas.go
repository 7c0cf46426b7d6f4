package verify

import (
	"encoding/json"
	"fmt"
	"io"

	"ttx/exercise/cluster"
)

// Replicas is `ttx verify A B C`: each copy's chain, and whether the
// copies are the same. It reports whether every copy is intact and all
// are identical.
func Replicas(stdout io.Writer, paths []string, asJSON bool) (bool, error) {
	c, err := cluster.Compare(paths)
	if err != nil {
		return false, err
	}
	intact := true
	for _, r := range c.Replicas {
		intact = intact && r.Problem == ""
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(c); err != nil {
			return false, err
		}
	} else {
		for _, r := range c.Replicas {
			if r.Problem != "" {
				fmt.Fprintf(stdout, "%s: NOT INTACT: %s\n", r.Path, r.Problem)
			} else {
				fmt.Fprintf(stdout, "%s: intact, %d lines, last hash %s\n", r.Path, r.Lines, r.Head)
			}
		}
		switch {
		case c.Identical:
			fmt.Fprintf(stdout, "The %d copies are identical, byte for byte.\n", len(c.Replicas))
		case c.Shorter:
			fmt.Fprintf(stdout, "The copies agree as far as each goes, but not all go to line %d:\n", c.Differ)
		default:
			fmt.Fprintf(stdout, "The copies differ from line %d:\n", c.Differ)
		}
		if !c.Identical {
			for _, r := range c.Replicas {
				line := r.Line
				if line == "" {
					line = fmt.Sprintf("(ends at line %d)", r.Lines)
				} else if len(line) > 160 {
					line = line[:160] + "…"
				}
				fmt.Fprintf(stdout, "  %s: %s\n", r.Path, line)
			}
			if c.Shorter {
				fmt.Fprintln(stdout, "A shorter copy is a node that stopped or is still catching up: run its node, let it catch up, and verify again.")
			}
		}
	}
	return intact && c.Identical, nil
}
