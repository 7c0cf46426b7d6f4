package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
	"ttx/injects"
)

// TestLeavingWhileAResumeIsReadStopsOnceItIsDone: q on the screen that
// shows a long file as it is read leaves once the resume has finished,
// abandoning it (nothing lost, the usual line to go on with), and never
// waits for ever.
func TestLeavingWhileAResumeIsReadStopsOnceItIsDone(t *testing.T) {
	sc, _ := injects.Load("demo")
	path := filepath.Join(t.TempDir(), "s.jsonl")
	a := session.Facilitator("ana")
	s, err := session.Create(path, sc, "demo", a, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(a, session.RecordDecision{Team: "police", Text: "Unit to the entrance"}); err != nil {
		t.Fatal(err)
	}
	s.Abandon()
	// Every file is shown while it is read, and the read is held back
	// until the person has left.
	release := make(chan struct{})
	defer func(size int64, resume func(string, session.Actor, session.Options) (*session.Session, journal.Recovery, error)) {
		openingSize, resumeSession = size, resume
	}(openingSize, resumeSession)
	openingSize = 0
	resumeSession = func(p string, by session.Actor, o session.Options) (*session.Session, journal.Recovery, error) {
		<-release
		return session.Resume(p, by, o)
	}
	var out, errb bytes.Buffer
	root := newRoot(&out, &out, &errb)
	root.SetIn(strings.NewReader("q"))
	root.SetArgs([]string{"run", "--resume", path, "--as", "ana"})
	ended := make(chan error, 1)
	go func() { ended <- root.Execute() }()
	select {
	case err := <-ended:
		t.Fatalf("ended before the resume finished: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	close(release)
	select {
	case err = <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("q while the file was read: ttx did not stop once the resume was done")
	}
	var ee exitError
	if !errors.As(err, &ee) || !strings.Contains(errb.String(), "Go on with:\n  ttx run --resume "+path) {
		t.Errorf("err %v, stderr %q", err, errb.String())
	}
	b, _ := os.ReadFile(path)
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	last, err := event.Unmarshal(lines[len(lines)-1])
	if err != nil || last.Type != event.SessionResumed {
		t.Errorf("the file ends in %s (%v), want session.resumed", last.Type, err)
	}
	r, _, err := session.Resume(path, a, session.Options{})
	if err != nil {
		t.Fatalf("the file cannot be resumed again: %v", err)
	}
	r.Abandon()
}
