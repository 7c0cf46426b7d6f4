package mapfile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"ttx/exercise/msel"
)

// TestMapFileRoundTrip: a mapping written by Marshal reads back the same,
// headers with quotes, colons, a hash and escape sequences included.
func TestMapFileRoundTrip(t *testing.T) {
	want := &File{
		Columns: []Column{{"Sent To:", msel.FieldTo}, {"SCENARIO TIME", msel.FieldAt}, {"Status", msel.FieldIgnore},
			{`Say "what" # now`, msel.FieldBody}, {"Ev\x1b[31ment", msel.FieldTitle}, {"C", msel.FieldNotes}},
		Start: "09:00", To: "All Players",
	}
	got, err := Parse("m.yaml", want.Marshal())
	if err != nil {
		t.Fatalf("%v\n%s", err, want.Marshal())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%#v\nwant\n%#v\nfrom\n%s", got, want, want.Marshal())
	}
}

// TestMapFileErrorsSayWhereAndWhat: each mistake a planner makes editing a
// mapping file by hand is an error naming the file, the line and what to
// write.
func TestMapFileErrorsSayWhereAndWhat(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"colums:\n  Time: at\n", `m.yaml:1: unknown field "colums"; a mapping file has columns, start, sheet, to`},
		{"columns:\n  Time: at\n  Sent To: tto\n", `m.yaml:3: field "tto" (column "Sent To") is not one of id, at,`},
		{"columns:\n  Time: at\n  \"--\": to\n", `m.yaml:3: column "--" has no letters or digits`},
		{"columns: [Time, at]\n", `m.yaml:1: columns is one line a column`},
		{"start: [09:00]\n", `m.yaml:1: start is one value`},
		{"columns:\n  Time: [\n", `m.yaml: not a mapping file (YAML)`},
		{"- Time\n", `m.yaml:1: a mapping file is keys (columns, start, sheet, to)`},
	} {
		_, err := Parse("m.yaml", []byte(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.text, err, c.want)
		}
	}
	if _, err := Read(filepath.Join(t.TempDir(), "none.yaml")); !os.IsNotExist(err) {
		t.Errorf("a missing file: %v", err)
	}
}

// TestMapFileApplyLetsFlagsWin: a mapping file's columns and options go
// under what --map and the flags already say, normalised as --map is.
func TestMapFileApplyLetsFlagsWin(t *testing.T) {
	mf, err := Parse("m.yaml", []byte("columns:\n  \"Sent To:\": to\n  WHEN: at\nstart: \"08:00\"\nto: Control\n"))
	if err != nil {
		t.Fatal(err)
	}
	opts := msel.Options{Map: map[string]string{"when": msel.FieldNotes}, Start: "09:30"}
	mf.Apply(&opts)
	want := msel.Options{Map: map[string]string{"sentto": msel.FieldTo, "when": msel.FieldNotes}, Start: "09:30", To: "Control"}
	if !reflect.DeepEqual(opts, want) {
		t.Errorf("got %#v, want %#v", opts, want)
	}
}
