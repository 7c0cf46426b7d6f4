// Package memory holds how ttx's commands set the garbage collector for
// the sessions they hold: GOGC for a resumed session, a soft memory
// limit for a report.
package memory

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
)

// SessionGCPercent is the collector's GOGC in a process that resumes a
// session.
const SessionGCPercent = 50

// SessionGC sets the collector's GOGC to SessionGCPercent for the rest of
// the process, unless the environment sets GOGC: for the console resuming
// a session (`ttx run --resume`) and for a replay, which keeps the same.
// A replay of the million-event file peaked at 324–397 MB at the default,
// 300–302 MB at 50, read in the same 1.6–1.7 s. A resumed session keeps almost all the
// fold allocates (the decisions' records and words) for as long as it
// runs, so the default GOGC of 100 lets the heap grow to twice that
// before each collection: for the 160 MB a million decisions keep, 290 MB
// peak while folding and 330 MB once the console had drawn and taken a
// decision, against 245 MB and 250–270 MB at 50. What is kept holds no
// pointers, so the extra collections cost the collector little to mark,
// while folding and after.
func SessionGC() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(SessionGCPercent)
}

// FoldingGC is SessionGC while a session is folded only, for `ttx serve
// --resume`: it returns what sets GOGC back. A server's seats keep a heap
// full of pointers (each seat's model, its screens, its connection),
// which collecting twice as often would mark twice as often; the room's
// bound is 2 GB, not the console's 300 MB.
func FoldingGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(SessionGCPercent)
	return func() { debug.SetGCPercent(old) }
}

// ReportHeap is the heap a report collects garbage harder to stay under.
const ReportHeap = 200 << 20

// ReportLimit returns the soft memory limit a report sets, and whether
// it sets one: none when the user set GOMEMLIMIT (env), which stands, nor
// when the decisions cannot go to temporary files (spill false: they stay
// in memory, and a limit below them would keep the collector running
// almost constantly); else ReportHeap, or twice the live heap when that
// is more, so that the collector never runs without end.
func ReportLimit(env string, spill bool, live uint64) (int64, bool) {
	if env != "" || !spill {
		return 0, false
	}
	return max(ReportHeap, 2*int64(min(live, math.MaxInt64/2))), true
}

// CanSpill reports whether a temporary file can be made where a report
// keeps its decisions (TMPDIR).
func CanSpill() bool {
	f, err := os.CreateTemp("", "ttx-report-*.probe")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// LiveHeap is the heap the last garbage collection found in use.
func LiveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
