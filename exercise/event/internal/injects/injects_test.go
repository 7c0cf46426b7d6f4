package injects

import (
	"reflect"
	"runtime"
	"testing"
	"time"
)

// TestInjectsPersistent: a list of any size reads back what was set, a
// change leaves the list it came from as it was, and All walks the same
// states as At.
func TestInjectsPersistent(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 33, 1023, 1024, 1025, 40000} {
		l := New(n)
		want := make([]State, n)
		for i := 0; i < n; i += 1 + i/7 {
			old := l
			s := State{Released: true, ReleasedT: time.Duration(i) * time.Second}
			l = l.With(i, s)
			want[i] = s
			if old.At(i).Released {
				t.Fatalf("n=%d: setting %d changed the list it came from", n, i)
			}
			if old.Same(l) {
				t.Fatalf("n=%d: a changed list is the same as before", n)
			}
		}
		if l.Len() != n {
			t.Fatalf("n=%d: Len %d", n, l.Len())
		}
		for i := range n {
			if l.At(i) != want[i] {
				t.Fatalf("n=%d: At(%d) = %+v, want %+v", n, i, l.At(i), want[i])
			}
		}
		if got := states(l); n > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("n=%d: All differs from At", n)
		}
	}
}

// TestInjectChangeCopiesLittle guards against a release costing time in
// proportion to the scenario: the bytes one change copies grow with the
// depth of the tree (log n), not with n. Copying the whole list, as a
// plain slice must, costs 88 bytes an inject: 8.8 MB at 100,000.
func TestInjectChangeCopiesLittle(t *testing.T) {
	var per []float64
	for _, n := range []int{1000, 100000} {
		l := New(n)
		const changes = 1000
		per = append(per, float64(allocated(func() {
			for i := range changes {
				l = l.With(i*7919%n, State{Released: true})
			}
		}))/changes)
	}
	// Three levels at 100,000 against two at 1,000: at most twice the bytes.
	if per[1] > 2*per[0] || per[1] > 8<<10 {
		t.Errorf("a change copies %.0f bytes at 1,000 injects and %.0f at 100,000; want about the same", per[0], per[1])
	}
}

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestInjectsAppend: a list grown one inject at a time, past the width of
// a node and of two levels, holds every state where it was put, and each
// earlier list is unchanged.
func TestInjectsAppend(t *testing.T) {
	var lists []List
	l := New(3)
	for i := range 3 {
		l = l.With(i, State{Delay: time.Duration(i)})
	}
	for i := 3; i < 1100; i++ {
		lists = append(lists, l)
		l = l.Append(State{Delay: time.Duration(i)})
	}
	if l.Len() != 1100 {
		t.Fatalf("len %d", l.Len())
	}
	for i, s := range l.All() {
		if s.Delay != time.Duration(i) || l.At(i).Delay != time.Duration(i) {
			t.Fatalf("inject %d holds %v", i, s.Delay)
		}
	}
	for k, old := range lists {
		if old.Len() != k+3 || old.At(old.Len()-1).Delay != time.Duration(k+2) {
			t.Fatalf("list %d changed: len %d", k, old.Len())
		}
	}
	if e := (List{}).Append(State{Held: true}); e.Len() != 1 || !e.At(0).Held {
		t.Error("append to the empty list")
	}
}

// states lists an inject list's states.
func states(l List) []State {
	var out []State
	for _, s := range l.All() {
		out = append(out, s)
	}
	return out
}
