package mapfile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"ttx/exercise/msel"
	"ttx/exercise/msel/sheet"
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

// TestLetteredMappingReadsBack: a mapping made by column letters (a
// sheet with no header row) is saved by letter and read back whole;
// it was saved as "": field, which the loader refused.
func TestLetteredMappingReadsBack(t *testing.T) {
	tab, err := sheet.ReadCSV("nh.csv", []byte("1,09:00,EOC,hi\n2,09:10,EOC,there\n"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := msel.ParseMap("A=id,B=at,C=to,D=body")
	if err != nil {
		t.Fatal(err)
	}
	opts := msel.Options{Map: m}
	res := msel.Import(tab, opts)
	f, err := Parse("nh.map.yaml", Of(res, opts).Marshal())
	if err != nil {
		t.Fatalf("the saved mapping does not read back: %v", err)
	}
	var again msel.Options
	f.Apply(&again)
	if res2 := msel.Import(tab, again); res2.Scenario == nil || len(res2.Scenario.Injects) != 2 {
		t.Errorf("with the mapping read back: %v %s", res2.Scenario, res2.Problems)
	}
}
