// Package yamlguard checks a YAML file before and after parsing, so that
// a hostile or broken scenario gets a clear error at its line instead of a
// hang or exhausted memory: bytes that are not UTF-8 text, nesting deeper
// than any scenario needs, aliases that expand without end.
package yamlguard

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
)

// Limits on what a scenario file may be, so that a hostile or broken file
// gets a clear error instead of a hang or exhausted memory.
const (
	// MaxDepth is the deepest nesting of lists and mappings accepted; a
	// real scenario needs five or six.
	MaxDepth = 64
	// MaxExpanded is how many values the YAML may stand for once aliases
	// are expanded (a "billion laughs" file stands for billions).
	MaxExpanded = 1_000_000
)

// Error is what a check found, and where: line and column count from 1.
type Error struct {
	Line, Col int
	Msg       string
}

// Text rejects NUL bytes and invalid UTF-8, naming the line and
// column of the first.
func Text(data []byte) *Error {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == 0:
			return &Error{Line: line, Col: col, Msg: "the file has a NUL byte here; a scenario is UTF-8 text: save it again as text"}
		case r == utf8.RuneError && size == 1:
			return &Error{Line: line, Col: col, Msg: "the file is not UTF-8 here; save it again as UTF-8 text"}
		case r == '\n':
			line, col = line+1, 0
		}
		col++
		i += size
	}
	return nil
}

// Depth rejects nesting deeper than MaxDepth before the YAML parser
// sees it: flow brackets outside quotes and comments, and block indentation.
func Depth(data []byte) *Error {
	depth := 0
	for n, line := range bytes.Split(data, []byte("\n")) {
		indent := len(line) - len(bytes.TrimLeft(line, " -"))
		if indent/2 > MaxDepth*2 {
			return &Error{Line: n + 1, Col: 1, Msg: fmt.Sprintf("the YAML is indented more than %d levels deep; a scenario needs a handful", MaxDepth)}
		}
		var quote byte
		for c, b := range line {
			switch {
			case quote != 0:
				if b == quote {
					quote = 0
				}
			case b == '"' || b == '\'':
				quote = b
			case b == '#':
				goto next
			case b == '[' || b == '{':
				depth++
				if depth > MaxDepth {
					return &Error{Line: n + 1, Col: c + 1, Msg: fmt.Sprintf("lists or mappings nested more than %d deep; a scenario needs a handful", MaxDepth)}
				}
			case b == ']' || b == '}':
				depth = max(depth-1, 0)
			}
		}
	next:
	}
	return nil
}

// Aliases rejects YAML whose aliases expand to more than MaxExpanded
// values.
func Aliases(root ast.Node) *Error {
	anchors := map[string]ast.Node{}
	memo := map[ast.Node]int{}
	var size func(n ast.Node, depth int) int
	size = func(n ast.Node, depth int) int {
		if n == nil || depth > MaxDepth*4 {
			return 1
		}
		if v, ok := memo[n]; ok {
			return v
		}
		memo[n] = 1 // a cycle counts once
		total := 1
		switch n := n.(type) {
		case *ast.AnchorNode:
			anchors[n.Name.GetToken().Value] = n.Value
			total = size(n.Value, depth+1)
		case *ast.AliasNode:
			if a, ok := anchors[n.Value.GetToken().Value]; ok {
				total = size(a, depth+1)
			}
		case *ast.MappingNode:
			for _, kv := range n.Values {
				total += size(kv.Value, depth+1)
			}
		case *ast.MappingValueNode:
			total += size(n.Value, depth+1)
		case *ast.SequenceNode:
			for _, v := range n.Values {
				total += size(v, depth+1)
				if total > MaxExpanded {
					break
				}
			}
		case *ast.TagNode:
			total = size(n.Value, depth+1)
		}
		total = min(total, MaxExpanded+1)
		memo[n] = total
		return total
	}
	if size(root, 0) > MaxExpanded {
		return &Error{Line: 1, Col: 1, Msg: fmt.Sprintf("the YAML's aliases (*name) expand to more than %d values; write the scenario out plainly", MaxExpanded)}
	}
	return nil
}
