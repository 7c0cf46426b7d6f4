// Package shape fingerprints Go types by their shape: what a node of a
// cluster decodes its log entries into, so that two builds that would
// decode them differently can tell.
package shape

import (
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
)

// Fingerprint returns a short hash of head and of each named type's
// shape, in the names' order.
func Fingerprint(head string, types map[string]reflect.Type) string {
	h := sha256.New()
	io.WriteString(h, head+"\n")
	for _, name := range slices.Sorted(maps.Keys(types)) {
		fmt.Fprintf(h, "%s ", name)
		write(h, types[name], map[reflect.Type]bool{})
		io.WriteString(h, "\n")
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:6])
}

// write writes t's shape: its kind, and a struct's fields with their
// names, JSON tags and types, through pointers, slices and maps.
func write(w io.Writer, t reflect.Type, seen map[reflect.Type]bool) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		fmt.Fprintf(w, "%s(", t.Kind())
		write(w, t.Elem(), seen)
		io.WriteString(w, ")")
	case reflect.Map:
		io.WriteString(w, "map(")
		write(w, t.Key(), seen)
		io.WriteString(w, ",")
		write(w, t.Elem(), seen)
		io.WriteString(w, ")")
	case reflect.Struct:
		if seen[t] {
			fmt.Fprintf(w, "%s", t)
			return
		}
		seen[t] = true
		fmt.Fprintf(w, "%s{", t)
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(w, "%s %q ", f.Name, f.Tag.Get("json"))
			write(w, f.Type, seen)
			io.WriteString(w, ";")
		}
		io.WriteString(w, "}")
	default:
		fmt.Fprintf(w, "%s", t)
	}
}
