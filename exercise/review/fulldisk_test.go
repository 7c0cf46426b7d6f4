//go:build linux

package review

import (
	"errors"
	"os/signal"
	"strings"
	"syscall"
	"testing"
)

// limitFileSize caps the size of any file this process writes at n
// bytes, as a nearly full disk does (a write past it fails with EFBIG
// instead of the signal), and returns what lifts the cap.
func limitFileSize(t *testing.T, n uint64) (restore func()) {
	t.Helper()
	var was syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &was); err != nil {
		t.Skip("the file size limit cannot be read here")
	}
	signal.Ignore(syscall.SIGXFSZ)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: was.Max}); err != nil {
		t.Skip("the file size limit cannot be set here")
	}
	return func() {
		syscall.Setrlimit(syscall.RLIMIT_FSIZE, &was)
		signal.Reset(syscall.SIGXFSZ)
	}
}

// TestOpenOnAFullTempDiskSaysSo: the decisions' temporary files run out
// of room (a 256 KB cap on file size, 5,000 decisions, fewer than the buffers hold): Open fails
// with an error that says to set TMPDIR, instead of a log whose report
// would list no decisions.
func TestOpenOnAFullTempDiskSaysSo(t *testing.T) {
	path := genSession(t, t.TempDir(), "london", 5000)
	restore := limitFileSize(t, 256<<10)
	l, err := Open(path, FoldOnly())
	restore()
	if err == nil {
		n := l.refs.Len()
		l.Close()
		t.Fatalf("Open with no room for the temporary files succeeds (%d decisions)", n)
	}
	if !strings.Contains(err.Error(), "set TMPDIR to a directory with room") || !errors.Is(err, syscall.EFBIG) {
		t.Errorf("Open with no room for the temporary files: %v", err)
	}
}
