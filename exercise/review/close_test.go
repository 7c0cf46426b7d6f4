package review

import (
	"errors"
	"os"
	"runtime/debug"
	"testing"
)

// failingReader fails every read, as a dropped connection does.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

// TestFailedReadClosesItsTemporaryFiles: a fold-only Read that fails
// closes the temporary files it made for the decisions: a reviewer's
// tool reading many streams keeps no file handles for the ones that
// failed.
func TestFailedReadClosesItsTemporaryFiles(t *testing.T) {
	open := func() int {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skip("open files cannot be counted here")
		}
		return len(ents)
	}
	// The collector would close a lost file in its own time: not here.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	before := open()
	for range 20 {
		if _, err := Read(failingReader{}, FoldOnly()); err == nil {
			t.Fatal("a read that fails returns no error")
		}
	}
	if n := open() - before; n > 4 {
		t.Errorf("20 failed reads left %d more files open", n)
	}
}
