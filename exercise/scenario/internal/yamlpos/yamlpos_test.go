package yamlpos

import (
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

const src = `title: Drill
injects:
  - id: I1
    to: [police, fire]
    notes:
  - id: I2
`

// TestLocateFindsTheDeepestNode: a path finds its node through the lists'
// entries; a field left empty is its key; a path that goes further than
// the file is its deepest node; a mapping is its first key.
func TestLocateFindsTheDeepestNode(t *testing.T) {
	file, err := parser.ParseBytes([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	root := file.Docs[0].Body
	var entries []ast.Node
	for _, kv := range root.(*ast.MappingNode).Values {
		if kv.Key.String() == "injects" {
			entries = kv.Value.(*ast.SequenceNode).Values
		}
	}
	lists := map[string][]ast.Node{"injects": entries}
	for _, tt := range []struct {
		path      []any
		line, col int
	}{
		{[]any{"title"}, 1, 8},
		{[]any{"injects", 0, "to", 1}, 4, 18},
		{[]any{"injects", 0, "notes"}, 5, 5},
		{[]any{"injects", 1}, 6, 5},
		{[]any{"injects", 1, "at"}, 6, 5},
		{[]any{"injects", 0, "to", 9}, 4, 9},
		{nil, 1, 1},
	} {
		if line, col := Locate(root, lists, tt.path...); line != tt.line || col != tt.col {
			t.Errorf("Locate(%v) = %d:%d, want %d:%d", tt.path, line, col, tt.line, tt.col)
		}
	}
}
