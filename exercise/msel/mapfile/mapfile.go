// Package mapfile reads and writes the mapping files of ttx import
// --map-file: which field each of a sheet's columns is, saved once so that
// an organisation's next sheet laid out the same imports with no
// questions.
package mapfile

import (
	"bytes"
	"fmt"
	"github.com/xuri/excelize/v2"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"ttx/exercise/msel"
	"ttx/exercise/msel/sheet"
)

// File is a mapping saved for reuse: which field each of a sheet's
// columns is, and the options an organisation's sheets share. ttx import
// --map-file reads it before anything else, so the next sheet laid out
// the same way imports with no questions.
type File struct {
	// Columns are header (or column letter) and field, in the order
	// written; a field of "ignore" drops the column.
	Columns []Column
	// Start, Sheet and To are msel.Options' own, empty when not set.
	Start, Sheet, To string
}

// Column is one column of a mapping file.
type Column struct{ Header, Field string }

// keys are the keys a mapping file may hold, in the order written.
var keys = []string{"columns", "start", "sheet", "to"}

// Read reads a mapping file.
func Read(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads a mapping file's text; name is its file name, for
// errors, which say file:line and what to write instead.
func Parse(name string, data []byte) (*File, error) {
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: not a mapping file (YAML): %s", name, yaml.FormatError(err, false, true))
	}
	mf := &File{}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return mf, nil
	}
	top, ok := pairs(f.Docs[0].Body)
	if !ok {
		return nil, fmt.Errorf("%s:%d: a mapping file is keys (%s), not %s", name, line(f.Docs[0].Body), strings.Join(keys, ", "), f.Docs[0].Body.Type())
	}
	for _, kv := range top {
		k := scalar(kv.Key)
		switch k {
		case "columns":
			cols, ok := pairs(kv.Value)
			if !ok && !isNull(kv.Value) {
				return nil, fmt.Errorf("%s:%d: columns is one line a column, \"Header\": field", name, line(kv.Value))
			}
			for _, c := range cols {
				h, field := strings.TrimSpace(scalar(c.Key)), strings.ToLower(strings.TrimSpace(scalar(c.Value)))
				if field == "-" {
					field = msel.FieldIgnore
				}
				switch {
				case sheet.Normalize(h) == "":
					return nil, fmt.Errorf("%s:%d: column %q has no letters or digits; write the header as the sheet has it, or the column's letter", name, line(c.Key), h)
				case !slices.Contains(msel.Fields, field) && field != msel.FieldIgnore:
					return nil, fmt.Errorf("%s:%d: field %q (column %q) is not one of %s or ignore", name, line(c.Value), field, h, strings.Join(msel.Fields, ", "))
				}
				mf.Columns = append(mf.Columns, Column{Header: h, Field: field})
			}
		case "start", "sheet", "to":
			v, ok := kv.Value.(ast.ScalarNode)
			if !ok {
				return nil, fmt.Errorf("%s:%d: %s is one value, like %s: \"\"", name, line(kv.Value), k, k)
			}
			*map[string]*string{"start": &mf.Start, "sheet": &mf.Sheet, "to": &mf.To}[k] = strings.TrimSpace(scalarOf(v))
		default:
			return nil, fmt.Errorf("%s:%d: unknown field %q; a mapping file has %s", name, line(kv.Key), k, strings.Join(keys, ", "))
		}
	}
	return mf, nil
}

// pairs returns a YAML mapping's key-value pairs.
func pairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
}

func isNull(n ast.Node) bool { _, ok := n.(*ast.NullNode); return n == nil || ok }

func scalar(n ast.Node) string {
	if s, ok := n.(ast.ScalarNode); ok {
		return scalarOf(s)
	}
	if n == nil {
		return ""
	}
	return n.String()
}

func scalarOf(s ast.ScalarNode) string {
	if v := s.GetValue(); v != nil {
		return fmt.Sprint(v)
	}
	return ""
}

func line(n ast.Node) int {
	if n == nil || n.GetToken() == nil {
		return 0
	}
	return n.GetToken().Position.Line
}

// Apply puts the file's mapping under opts: a column opts.Map already
// names (from --map) and an option already set (by its flag) win.
func (f *File) Apply(opts *msel.Options) {
	if opts.Map == nil {
		opts.Map = map[string]string{}
	}
	for _, c := range f.Columns {
		if _, set := opts.Map[msel.MapKey(c.Header)]; !set {
			opts.Map[msel.MapKey(c.Header)] = c.Field
		}
	}
	for _, o := range []struct {
		to   *string
		from string
	}{{&opts.Start, f.Start}, {&opts.Sheet, f.Sheet}, {&opts.To, f.To}} {
		if *o.to == "" {
			*o.to = o.from
		}
	}
}

// Of is the mapping an import made: every column's field (ignore
// for those it dropped) and the options that shaped it.
func Of(res msel.Result, opts msel.Options) *File {
	f := &File{Start: opts.Start, Sheet: opts.Sheet, To: opts.To}
	for _, c := range res.Columns {
		field := c.Field
		if field == "" {
			field = msel.FieldIgnore
		}
		h := c.Header
		l, _ := excelize.ColumnNumberToName(c.Column + 1)
		if _, byLetter := opts.Map[msel.MapKey(l)]; h == "" || byLetter {
			h = l // a column with no header, or one named by its letter
		}
		f.Columns = append(f.Columns, Column{Header: h, Field: field})
	}
	return f
}

// Marshal writes the mapping file, with a comment that says how to use it.
func (f *File) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString("# ttx import mapping — reuse with: ttx import NEXT.xlsx --map-file THIS.yaml\n")
	fmt.Fprintf(&b, "# A column is \"Header\": field, the field one of %s or ignore.\ncolumns:\n", strings.Join(msel.Fields, ", "))
	for _, c := range f.Columns {
		fmt.Fprintf(&b, "  %s: %s\n", strconv.Quote(c.Header), c.Field)
	}
	fmt.Fprintf(&b, "start: %s # the exercise's start (09:00); empty: the first inject\n", strconv.Quote(f.Start))
	fmt.Fprintf(&b, "sheet: %s # the sheet to read; empty: the first with injects\n", strconv.Quote(f.Sheet))
	fmt.Fprintf(&b, "to: %s # who an inject goes to when the sheet names no one\n", strconv.Quote(f.To))
	return b.Bytes()
}
