//go:build linux

package main

import (
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"ttx/exercise/session"
	"ttx/injects"
)

// TestReportOnAFullTempDiskLeavesNoFile: with no room for the
// decisions' temporary files (a 256 KB cap on file size, 5,000
// decisions), report -o fails saying to set TMPDIR, and leaves no file
// under the name given.
func TestReportOnAFullTempDiskLeavesNoFile(t *testing.T) {
	sc, _ := injects.Load("demo")
	dir := t.TempDir()
	path := filepath.Join(dir, "s.jsonl")
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a := session.Facilitator("ana")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	s.Do(a, session.StartClock{})
	s.Do(a, session.Release{Inject: "D-01"})
	for i := range 5000 {
		if _, err := s.Do(a, session.RecordDecision{Team: "transport", Text: "Stop trains at platform " + strconv.Itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	var was syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &was); err != nil {
		t.Skip("the file size limit cannot be read here")
	}
	signal.Ignore(syscall.SIGXFSZ)
	defer signal.Reset(syscall.SIGXFSZ)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: 256 << 10, Max: was.Max}); err != nil {
		t.Skip("the file size limit cannot be set here")
	}
	out := filepath.Join(dir, "aar.md")
	code, _, errOut := run(t, "report", path, "-o", out)
	syscall.Setrlimit(syscall.RLIMIT_FSIZE, &was)
	if code == 0 || !strings.Contains(errOut, "set TMPDIR") {
		t.Errorf("report with no room for its temporary files: code %d, %q", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed report left %s", out)
	}
}
