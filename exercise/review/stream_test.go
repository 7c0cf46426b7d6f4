package review

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"ttx/exercise/event"
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
	decisions := l.Final.Decisions.Len() * int(reflect.TypeFor[event.Entry]().Size()) // as a list of Entry values
	kept := int64(with) - int64(without)
	t.Logf("%d events, %d checkpoints: they keep %d KB; the decisions' array is %d KB", l.Len(), cps, kept>>10, decisions>>10)
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
			_ = u.Log.StateAt(u.Log.Len() / 2)
			_ = u.Log.ClockAt(u.Log.End())
		}
	}
	if len(snaps) < 2 {
		t.Fatalf("%d updates, want the first events and then the rest", len(snaps))
	}
	first, last := snaps[0], snaps[len(snaps)-1]
	if first.Done || !first.Log.Partial() || first.Log.Len() != 1 || first.Log.Final.Scenario == nil {
		t.Errorf("first update: done %v, %d events, scenario %v; want the session.opened event alone, still reading",
			first.Done, first.Log.Len(), first.Log.Final.Scenario != nil)
	}
	if first.Log.Problem() != "" || first.Log.Final.Scenario == nil {
		t.Errorf("a file not all read has a problem: %q", first.Log.Problem())
	}
	if !last.Done || last.Err != nil || last.Log.Partial() || last.Log.Len() != want.Len() ||
		last.Log.Scan != want.Scan || last.Log.Final.Decisions.Len() != want.Final.Decisions.Len() {
		t.Fatalf("last update: done %v, err %v, %d events (want %d)", last.Done, last.Err, last.Log.Len(), want.Len())
	}
	for _, u := range snaps[:len(snaps)-1] {
		l := u.Log
		n := l.Len()
		if n == 0 || n > want.Len() || l.At(n-1).IsZero() {
			t.Fatalf("a snapshot of %d events", n)
		}
		// What a snapshot shows is what the whole file shows at that
		// point, however far reading has gone since.
		for _, i := range []int{n / 3, n - 1, n} {
			got, w := l.StateAt(i), want.StateAt(i)
			if got.Seq != w.Seq || !equalEntries(got.Decisions.Slice(), w.Decisions.Slice()) || !reflect.DeepEqual(got.Injects, w.Injects) || got.Clock != w.Clock {
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

// TestLogKeepsLittleOfEachEvent: besides the state, a log keeps of each
// event where its line is, when it happened and its type, and reads the
// rest back when a seek needs it. Keeping every event decoded, with its
// payload and the clock after it, took about 300 bytes an event more.
func TestLogKeepsLittleOfEachEvent(t *testing.T) {
	path := genSession(t, t.TempDir(), "london", 40000)
	before := liveHeap()
	l := openLog(t, path)
	grew := int64(liveHeap() - before)
	entries := int64(l.Final.Decisions.Len()) * 72 // a decision's record in the state
	var words int64
	for _, d := range l.Final.Decisions.All() {
		words += int64(len(d.Text))
	}
	rest := float64(grew-entries-words) / float64(l.Len())
	t.Logf("%d events: %d KB kept, of which the decisions' records %d KB and their words %d KB; %.0f B an event besides", l.Len(), grew>>10, entries>>10, words>>10, rest)
	if rest > 120 {
		t.Errorf("the log keeps %.0f bytes an event besides the decisions and their words, want at most 120", rest)
	}
	runtime.KeepAlive(l)
}

// TestEventsReadBackAreTheEventsChecked: a seek reads events back from
// the file, and a line changed since it was first read is an error the
// state shown carries, never a different event shown as the record.
func TestEventsReadBackAreTheEventsChecked(t *testing.T) {
	path := genSession(t, t.TempDir(), "london", 3000)
	l := openLog(t, path)
	evs, err := l.Events(0, l.Len())
	if err != nil || len(evs) != l.Len() {
		t.Fatalf("read back %d of %d events: %v", len(evs), l.Len(), err)
	}
	for i, e := range evs {
		if e.Seq != int64(i) || !e.At.Equal(l.At(i)) || e.Type != l.Type(i) {
			t.Fatalf("event %d read back is seq %d, %s at %v; kept as %s at %v", i, e.Seq, e.Type, e.At, l.Type(i), l.At(i))
		}
	}
	before := openLog(t, path).StateAt(1000)
	// Change one word of a decision the seek to 1000 reads back (the
	// stretch read last, which is kept as it was checked, is another).
	i := 900
	for l.Type(i) != event.DecisionRecorded {
		i++
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	line := l.stamps[i].off
	j := line + int64(bytes.Index(b[line:], []byte(`"text":"`))) + int64(len(`"text":"`))
	b[j] ^= 0x20 // the case of its first letter
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Event(i); err == nil || !strings.Contains(err.Error(), "changed after it was read") {
		t.Errorf("event %d read back from a changed line: err %v", i, err)
	}
	after := l.StateAt(1000)
	if n := len(after.Anomalies); n == 0 || !strings.Contains(after.Anomalies[n-1], fmt.Sprintf("line %d or %d is not the line that was checked", i+1, i+2)) {
		t.Errorf("the state at 1000 after line %d changed does not say so: %q", i+1, after.Anomalies)
	}
	if after.Decisions.Len() > before.Decisions.Len() {
		t.Error("the state at 1000 shows more decisions than before the file changed")
	}
}
