package rows

import (
	"reflect"
	"strconv"
	"testing"
	"unsafe"
)

// TestRowIsSmallAndPointerFree: a fold-only report holds a row
// per decision, a million of them: each stays at 72 bytes with nothing in
// it for the garbage collector to follow.
func TestRowIsSmallAndPointerFree(t *testing.T) {
	if n := unsafe.Sizeof(Row{}); n > 72 {
		t.Errorf("a Row is %d bytes, want at most 72", n)
	}
	typ := reflect.TypeFor[Row]()
	for i := range typ.NumField() {
		switch f := typ.Field(i); f.Type.Kind() {
		case reflect.Pointer, reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan, reflect.Struct:
			t.Errorf("Row.%s is a %s: rows hold no pointers", f.Name, f.Type)
		}
	}
}

// TestStagesPastWhatARowNumbers: a crafted file with 300 invented stage
// ids: past the 254th, decisions read as "one of too many", never as
// another decision's stage (they read as the 255th).
func TestStagesPastWhatARowNumbers(t *testing.T) {
	var rs Rows
	rows := make([]*Row, 300)
	for i := range rows {
		rows[i] = rs.Add(Row{Seq: int64(i)}, InLog, 0, "police", "", "stage-"+strconv.Itoa(i))
	}
	if got := rs.Stage(rows[10]); got != "stage-10" {
		t.Errorf("decision 10's stage is %q", got)
	}
	for _, i := range []int{260, 299} {
		if got := rs.Stage(rows[i]); got != OtherStage {
			t.Errorf("decision %d's stage is %q, want %q", i, got, OtherStage)
		}
	}
}
