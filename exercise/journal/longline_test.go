package journal

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"ttx/exercise/event"
)

// TestLongLineReadInFewCopies: a line far longer than a read block (the
// session.opened of a scenario of 60,000 injects is 15 MB) is read with
// memory in proportion to its length. Growing the buffer by one block at
// a time copied it once per 64 KB: 8 MB cost 500 MB.
func TestLongLineReadInFewCopies(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	const size = 8 << 20
	big, err := event.New(event.SessionOpened, "facilitator:ana", at, 0, map[string]string{"pad": strings.Repeat("x", size)})
	if err != nil {
		t.Fatal(err)
	}
	small, _ := event.New(event.NoteRecorded, "facilitator:ana", at, 0, event.Note{Text: "after"})
	if _, err := w.Append(big, small); err != nil {
		t.Fatal(err)
	}
	w.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	w, evs, _, err := Open(path)
	runtime.ReadMemStats(&after)
	if err != nil || len(evs) != 2 {
		t.Fatalf("%d events, %v", len(evs), err)
	}
	w.Close()
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 16*size {
		t.Errorf("reading an %d MB line allocated %d MB; want a few times the line", size>>20, grew>>20)
	}
}
