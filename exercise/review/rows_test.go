package review

import (
	"reflect"
	"testing"
	"unsafe"
)

// TestDecisionRowIsSmallAndPointerFree: a fold-only report holds a row
// per decision, a million of them: each stays at 72 bytes with nothing in
// it for the garbage collector to follow.
func TestDecisionRowIsSmallAndPointerFree(t *testing.T) {
	if n := unsafe.Sizeof(DecisionRow{}); n > 72 {
		t.Errorf("a DecisionRow is %d bytes, want at most 72", n)
	}
	typ := reflect.TypeFor[DecisionRow]()
	for i := range typ.NumField() {
		switch f := typ.Field(i); f.Type.Kind() {
		case reflect.Pointer, reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan, reflect.Struct:
			t.Errorf("DecisionRow.%s is a %s: rows hold no pointers", f.Name, f.Type)
		}
	}
}
