package review

import (
	"reflect"
	"runtime"
	"testing"
	"time"
)

// liveHeap is the heap in use after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestCheckpointsKeepNoOldLists holds what a replay keeps of a long file
// to its lists once each: a checkpoint that kept the decisions as they
// were then would keep alive every array appending has since replaced
// (1.4 KB an event at a million events, of which 0.9 KB such copies).
func TestCheckpointsKeepNoOldLists(t *testing.T) {
	l := openLog(t, genSession(t, t.TempDir(), "london", 40000))
	with := liveHeap()
	cps := len(l.checkpoints)
	l.checkpoints = nil
	without := liveHeap()
	decisions := cap(l.Final.Decisions) * int(reflect.TypeOf(l.Final.Decisions).Elem().Size())
	kept := int64(with) - int64(without)
	t.Logf("%d events, %d checkpoints: they keep %d KB; the decisions' array is %d KB", len(l.Events), cps, kept>>10, decisions>>10)
	if kept > int64(decisions)/10 {
		t.Errorf("the checkpoints keep %d KB, against %d KB for the decisions themselves: old copies of the lists are kept alive", kept>>10, decisions>>10)
	}
	runtime.KeepAlive(l)
}

// TestOpenInBackgroundShowsTheFirstEventsFirst: the first update comes
// with the first event, every snapshot stays as it was while reading goes
// on, and the last is the whole log, as Open reads it.
func TestOpenInBackgroundShowsTheFirstEventsFirst(t *testing.T) {
	path := genSession(t, t.TempDir(), "london", 20000)
	want := openLog(t, path)
	var snaps []Update
	for u := range OpenInBackground(path, time.Millisecond) {
		snaps = append(snaps, u)
		if !u.Done {
			// Read from the snapshot while the fold goes on behind it.
			_ = u.Log.StateAt(len(u.Log.Events) / 2)
			_ = u.Log.ClockAt(u.Log.End())
		}
	}
	if len(snaps) < 2 {
		t.Fatalf("%d updates, want the first events and then the rest", len(snaps))
	}
	first, last := snaps[0], snaps[len(snaps)-1]
	if first.Done || !first.Log.Partial() || len(first.Log.Events) != 1 || first.Log.Final.Scenario == nil {
		t.Errorf("first update: done %v, %d events, scenario %v; want the session.opened event alone, still reading",
			first.Done, len(first.Log.Events), first.Log.Final.Scenario != nil)
	}
	if first.Log.Problem() != "" || first.Log.Final.Scenario == nil {
		t.Errorf("a file not all read has a problem: %q", first.Log.Problem())
	}
	if !last.Done || last.Err != nil || last.Log.Partial() || len(last.Log.Events) != len(want.Events) ||
		last.Log.Scan != want.Scan || len(last.Log.Final.Decisions) != len(want.Final.Decisions) {
		t.Fatalf("last update: done %v, err %v, %d events (want %d)", last.Done, last.Err, len(last.Log.Events), len(want.Events))
	}
	for _, u := range snaps[:len(snaps)-1] {
		l := u.Log
		n := len(l.Events)
		if n == 0 || n > len(want.Events) || l.Events[n-1].Seq != int64(n-1) {
			t.Fatalf("a snapshot of %d events", n)
		}
		// What a snapshot shows is what the whole file shows at that
		// point, however far reading has gone since.
		for _, i := range []int{n / 3, n - 1, n} {
			got, w := l.StateAt(i), want.StateAt(i)
			if got.Seq != w.Seq || !equalEntries(got.Decisions, w.Decisions) || !reflect.DeepEqual(got.Injects, w.Injects) || got.Clock != w.Clock {
				t.Errorf("snapshot of %d events, StateAt(%d) differs from the whole log's", n, i)
			}
		}
		if n, err := l.Refresh(); n != 0 || err != nil {
			t.Errorf("Refresh of a snapshot read %d events (%v)", n, err)
		}
	}
}

// TestOpenInBackgroundSaysWhyItFailed: a file that is not a session ends
// in one update, with Open's error.
func TestOpenInBackgroundSaysWhyItFailed(t *testing.T) {
	_, openErr := Open(t.TempDir() + "/none.jsonl")
	var got []Update
	for u := range OpenInBackground(t.TempDir()+"/none.jsonl", time.Millisecond) {
		got = append(got, u)
	}
	if len(got) != 1 || !got[0].Done || got[0].Err == nil || openErr == nil {
		t.Fatalf("updates %+v, want one, done, with an error", got)
	}
}
