package review_test

import (
	"io"
	"runtime"
	"testing"

	"ttx/exercise/review"
	"ttx/exercise/review/aar"
)

// TestReportHeapDoesNotGrowWithDecisions: a fold-only report keeps no
// decision in memory (rows and words are in temporary files, read back
// as the report is written), so the heap it holds, once read and built
// and once written, grows from 20,000 decisions to 80,000 by the
// requests, replies, notes and observations among them only (one event
// in 18 of the generated session: about 20 bytes a decision). Rows and
// words kept in memory cost about 170 bytes a decision more.
func TestReportHeapDoesNotGrowWithDecisions(t *testing.T) {
	if testing.Short() {
		t.Skip("writes sessions of 20,000 and 80,000 decisions")
	}
	built, written := map[int]uint64{}, map[int]uint64{}
	for _, n := range []int{20000, 80000} {
		path := review.GenSessionFixes(t, t.TempDir(), "london", n, 0)
		l, err := review.Open(path, review.FoldOnly())
		if err != nil {
			t.Fatal(err)
		}
		r := review.Build(l)
		built[n] = heapInUse()
		if err := aar.WriteMarkdown(io.Discard, r); err != nil {
			t.Fatal(err)
		}
		if err := aar.WriteLogCSV(io.Discard, r); err != nil {
			t.Fatal(err)
		}
		written[n] = heapInUse()
		if r.Counts.Decisions != n {
			t.Fatalf("%d decisions, %d amended; want %d and some", r.Counts.Decisions, r.Counts.Amended, n)
		}
		runtime.KeepAlive(r)
		l.Close()
	}
	const most = 40 // bytes a decision
	for what, heap := range map[string]map[int]uint64{"read and built": built, "written": written} {
		per := (float64(heap[80000]) - float64(heap[20000])) / 60000
		t.Logf("%s: %d KB at 20,000 decisions, %d KB at 80,000: %.1f bytes a decision", what, heap[20000]>>10, heap[80000]>>10, per)
		if per > most {
			t.Errorf("%s, the report holds %.1f bytes more a decision at 80,000 decisions than at 20,000; want at most %d", what, per, most)
		}
	}
}

// heapInUse is the heap in use after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestFoldOnlyBuildsEachDecisionOnce: a fold-only read decodes each
// decision once (on the cores that read the file) and hands it to the
// report's rows as it is folded, without building it again in the
// state's store and reading it back: about two allocations a decision
// (its words), where building each twice made six.
func TestFoldOnlyBuildsEachDecisionOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("writes sessions of 20,000 and 80,000 decisions")
	}
	mallocs := map[int]uint64{}
	for _, n := range []int{20000, 80000} {
		path := review.GenSessionFixes(t, t.TempDir(), "london", n, 0)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		l, err := review.Open(path, review.FoldOnly())
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if l.Final.Decisions.Len() != 0 {
			t.Errorf("a fold-only log keeps %d decisions in its state; want none", l.Final.Decisions.Len())
		}
		l.Close()
		mallocs[n] = after.Mallocs - before.Mallocs
	}
	const most = 3
	if per := float64(mallocs[80000]-mallocs[20000]) / 60000; per > most {
		t.Errorf("reading a decision fold-only makes %.2f allocations; want at most %d", per, most)
	} else {
		t.Logf("%.2f allocations a decision", per)
	}
}
