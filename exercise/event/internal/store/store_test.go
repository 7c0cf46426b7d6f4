package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestRecordIsSmallAndPointerFree: a long session's state holds a record
// per decision, a million of them: each stays at 72 bytes with nothing in
// it for the garbage collector to follow.
func TestRecordIsSmallAndPointerFree(t *testing.T) {
	if size := unsafe.Sizeof(rec{}); size != 72 {
		t.Errorf("a record takes %d bytes, want 72", size)
	}
	typ := reflect.TypeFor[rec]()
	for i := range typ.NumField() {
		switch k := typ.Field(i).Type.Kind(); k {
		case reflect.Pointer, reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
			t.Errorf("record field %s is a %s", typ.Field(i).Name, k)
		}
	}
}

// entries returns n entries of every shape a file can give: names
// repeated and new, words empty, short and longer than a block, times in
// UTC, Local and zones of their own, the zero time.
func entries(n int) []Entry {
	r := rand.New(rand.NewPCG(1, 2))
	zones := []*time.Location{time.UTC, time.Local, time.FixedZone("", 2*3600), time.FixedZone("CET", 3600)}
	word := func() string {
		switch r.IntN(6) {
		case 0:
			return ""
		case 1:
			if r.IntN(200) == 0 {
				return strings.Repeat("é", lastBlock/2+r.IntN(lastBlock)) // longer than a block, now and then
			}
		}
		return fmt.Sprintf("words %d\n%s", r.IntN(1000), strings.Repeat("x", r.IntN(300)))
	}
	name := func(of ...string) string { return of[r.IntN(len(of))] }
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	out := make([]Entry, n)
	for i := range out {
		e := Entry{Seq: int64(2*i + 1), T: time.Duration(i) * time.Millisecond, SaidT: time.Duration(i-r.IntN(5)) * time.Second,
			At: at.Add(time.Duration(i) * 1500 * time.Microsecond).In(zones[r.IntN(len(zones))]), Action: r.IntN(2) == 0,
			By: name("participant:pat", "facilitator:ana", "", fmt.Sprintf("participant:p%d", i)), Kind: name("decision.recorded", "request.recorded"),
			Team: name("police", "fire", ""), Who: name("", "Zoë", "Gold"), Inject: name("I1", "I2", "", fmt.Sprintf("L-%d", i%300)),
			Stage: name("", "options", "action")}
		if r.IntN(40) == 0 {
			e.At = time.Time{}
		}
		if r.IntN(3) == 0 {
			e.Text = word()
		} else {
			e.Text = fmt.Sprintf("decision %d", i)
		}
		e.Rationale = word()
		if r.IntN(10) == 0 {
			e.Objective, e.Rating, e.Target, e.Task, e.Finding, e.To = word(), "P", word(), word(), word(), word()
		}
		out[i] = e
	}
	return out
}

// same reports whether a is b: At the same instant in a zone of the same
// name and offset (see Entries), all else equal.
func same(a, b Entry) bool {
	an, ao := a.At.Zone()
	bn, bo := b.At.Zone()
	if !a.At.Equal(b.At) || an != bn || ao != bo {
		return false
	}
	a.At = b.At
	return a == b
}

// TestEntriesAreTheEntriesGiven holds the store to the plain path: every
// entry read back equals the one appended, field for field, and the ways
// of finding entries agree with looking through a slice.
func TestEntriesAreTheEntriesGiven(t *testing.T) {
	want := entries(20_000)
	var l Entries
	for _, e := range want {
		l = l.Append(e)
	}
	plain := EntriesOf(want)
	for _, got := range []Entries{l, plain} {
		if got.Len() != len(want) {
			t.Fatalf("%d entries, want %d", got.Len(), len(want))
		}
		for i, e := range got.All() {
			if !same(e, want[i]) || got.Seq(i) != want[i].Seq {
				t.Fatalf("entry %d is\n%+v\nwant\n%+v", i, e, want[i])
			}
		}
		for _, seq := range []int64{0, 1, 2, 3, 4001, 4002, 39_999, 40_000} {
			e, ok := got.Find(seq)
			if wantOK := seq%2 == 1 && seq < 40_000; ok != wantOK || ok && !same(e, want[seq/2]) {
				t.Errorf("Find(%d) = %v, %v", seq, e.Seq, ok)
			}
			after := got.After(seq)
			if n := int(min(max((seq+1)/2, 0), 20_000)); after.Len() != len(want)-n || after.Len() > 0 && !same(after.At(0), want[n]) {
				t.Errorf("After(%d) has %d entries", seq, after.Len())
			}
		}
		for _, inject := range []string{"I1", "L-7", "", "none"} {
			last, total := got.LastFor(inject, 5)
			var wantLast []Entry
			wantTotal := 0
			for _, e := range want {
				if e.Inject == inject {
					wantTotal++
					wantLast = append(wantLast, e)
				}
			}
			wantLast = wantLast[max(len(wantLast)-5, 0):]
			if total != wantTotal || !slices.EqualFunc(last, wantLast, same) {
				t.Errorf("LastFor(%q) = %d of %d, want %d of %d", inject, len(last), total, len(wantLast), wantTotal)
			}
		}
		n := 0
		for i, e := range got.Backward() {
			if i != len(want)-1-n || !same(e, want[i]) {
				t.Fatalf("Backward gave %d at step %d", i, n)
			}
			n++
		}
		if p := got.Prefix(100).From(40); p.Len() != 60 || !same(p.At(0), want[40]) || !same(p.At(59), want[99]) {
			t.Errorf("Prefix(100).From(40): %d entries", p.Len())
		}
	}
	// Appended to, a list made by EntriesOf becomes a store of its own,
	// and leaves the slice alone.
	more := plain.Append(Entry{Seq: 1 << 40, Text: "more"})
	if more.Len() != len(want)+1 || more.At(len(want)).Text != "more" || !same(more.At(7), want[7]) || plain.Len() != len(want) {
		t.Errorf("appending to the plain list: %d entries", more.Len())
	}
}

// TestListsSharingAStoreGoTheirOwnWays: two lists from one (a prefix,
// a copy) appended to along their own paths each read back what was
// appended to them, and neither disturbs the other, nor the list they
// came from.
func TestListsSharingAStoreGoTheirOwnWays(t *testing.T) {
	want := entries(9000)
	var base Entries
	for _, e := range want[:8200] {
		base = base.Append(e)
	}
	a, b := base, base.Prefix(8150) // b ends inside a chunk a fills further
	for i := 8200; i < 9000; i++ {
		a = a.Append(want[i])
		e := want[i]
		e.Text = "b's own"
		b = b.Append(e)
	}
	c := base.Append(Entry{Seq: -1, Text: "c's own"}) // from a list already passed
	for i := range 9000 {
		if !same(a.At(i), want[i]) {
			t.Fatalf("a's entry %d changed", i)
		}
		switch {
		case i < 8150 && !same(b.At(i), want[i]), i >= 8150 && i < 8950 && b.At(i).Text != "b's own":
			t.Fatalf("b's entry %d is %q", i, b.At(i).Text)
		}
	}
	if b.Len() != 8950 || base.Len() != 8200 || c.Len() != 8201 || c.At(8200).Text != "c's own" || !same(c.At(8199), want[8199]) {
		t.Errorf("lengths %d, %d, %d", b.Len(), base.Len(), c.Len())
	}
	// Reset keeps what was handed out as it was.
	kept := a.At(8999)
	text := strings.Clone(kept.Text)
	a.Reset()
	for _, e := range want[:3] {
		a = a.Append(Entry{Seq: e.Seq, Text: strings.Repeat("y", len(text)+1)})
	}
	if a.Len() != 3 || kept.Text != text {
		t.Errorf("after Reset: %d entries, an entry handed out before says %q", a.Len(), kept.Text)
	}
}
