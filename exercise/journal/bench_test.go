package journal

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"ttx/exercise/event"
)

// benchDecision is a typical decision event.
func benchDecision() event.Event {
	e, _ := event.New(event.DecisionRecorded, "participant:pc", time.Now(), time.Minute,
		event.Said{Team: "police", Text: "Cordon at the main entrance; ask for armed support."})
	return e
}

func benchWriter(b *testing.B) *Writer {
	w, err := Create(filepath.Join(b.TempDir(), "s.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { w.Close() })
	return w
}

// BenchmarkAppendFsync is one acknowledged decision: one line, one write,
// one fsync.
func BenchmarkAppendFsync(b *testing.B) {
	w, e := benchWriter(b), benchDecision()
	for b.Loop() {
		if _, err := w.Append(e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendBatch64 is 64 decisions sharing one fsync (group commit);
// ns/op is per batch.
func BenchmarkAppendBatch64(b *testing.B) {
	w, e := benchWriter(b), benchDecision()
	batch := make([]event.Event, 64)
	for i := range batch {
		batch[i] = e
	}
	for b.Loop() {
		if _, err := w.Append(batch...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareWriteFsync is the physical floor: the same bytes written
// and fsynced with no journal around them.
func BenchmarkBareWriteFsync(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "raw"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	line, _ := event.Marshal(benchDecision())
	line = append(line, '\n')
	for b.Loop() {
		if _, err := f.Write(line); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
	}
}
