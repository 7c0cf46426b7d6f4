// Package yamlpos finds where a part of a scenario is in its YAML: the
// node at a path of keys and list indexes, and its line and column, so
// that every problem can point at the line to change.
package yamlpos

import "github.com/goccy/go-yaml/ast"

// Locate returns the line and column of the node at path under root: a
// sequence of top-level keys, list indexes and field names such as
// ("injects", 3, "to", 1). lists holds each top-level list's entry nodes
// by key, parallel to the decoded list. It returns the deepest node it
// can find; 0, 0 when there is none.
func Locate(root ast.Node, lists map[string][]ast.Node, path ...any) (line, col int) {
	n := root
	if len(path) >= 2 {
		if key, ok := path[0].(string); ok {
			if i, ok := path[1].(int); ok && i < len(lists[key]) {
				n, path = lists[key][i], path[2:]
			}
		}
	}
walk:
	for _, p := range path {
		switch p := p.(type) {
		case string:
			m, ok := n.(*ast.MappingNode)
			if !ok {
				break walk
			}
			found := false
			for _, kv := range m.Values {
				if kv.Key.String() == p {
					n, found = kv.Value, true
					if _, null := kv.Value.(*ast.NullNode); null {
						n = kv.Key
					}
					break
				}
			}
			if !found {
				break walk
			}
		case int:
			seq, ok := n.(*ast.SequenceNode)
			if !ok || p >= len(seq.Values) {
				break walk
			}
			n = seq.Values[p]
		}
	}
	if n == nil || n.GetToken() == nil {
		return 0, 0
	}
	if m, ok := n.(*ast.MappingNode); ok && len(m.Values) > 0 {
		n = m.Values[0].Key
	}
	pos := n.GetToken().Position
	return pos.Line, pos.Column
}
