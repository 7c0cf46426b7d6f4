package session

import (
	"path/filepath"
	"testing"
	"time"

	"ttx/exercise/event"
)

// refusalLines reads back the access.refused lines of a session file.
func refusalLines(t *testing.T, path string) []event.Refusal {
	t.Helper()
	_, evs := readBack(t, path)
	var out []event.Refusal
	for _, e := range evs {
		if e.Type == event.AccessRefused {
			var d event.Refusal
			if err := e.Decode(&d); err != nil {
				t.Fatal(err)
			}
			out = append(out, d)
		}
	}
	return out
}

// TestRefusalsJournaledBounded: a source guessing every 3 seconds for 5
// minutes makes 100 refused attempts but at most one line a minute (and
// the first at once), whose counts add up to 100; another source's typo
// is its own line; the counts still pending go in before session.closed.
func TestRefusalsJournaledBounded(t *testing.T) {
	clock := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	path := filepath.Join(t.TempDir(), "s.jsonl")
	s, err := Create(path, demo(t), "demo", ana, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		must(t, s, SystemSSH, RefuseAccess{User: "mallory", Remote: "192.0.2.7:" + string(rune('a'+i%26)), Reason: "wrong join code"})
		if i == 50 {
			must(t, s, SystemSSH, RefuseAccess{User: "jo", Remote: "198.51.100.4:5000", Reason: "wrong join code"})
		}
		clock = clock.Add(3 * time.Second)
	}
	if _, err := s.Close(ana); err != nil {
		t.Fatal(err)
	}
	lines := refusalLines(t, path)
	total, mallory := 0, 0
	for _, d := range lines {
		total += d.Attempts()
		if d.Source == "192.0.2.7" {
			mallory++
			if d.Count > 1 && (d.First == "" || d.Last == "" || d.First > d.Last) {
				t.Errorf("a counted line without its first and last times: %+v", d)
			}
		}
	}
	// 100 attempts over 300 s: the first line, then one a minute.
	if mallory > 1+5 || mallory < 2 {
		t.Errorf("%d lines for 100 attempts over five minutes; want 2 to 6", mallory)
	}
	if total != 101 {
		t.Errorf("the lines count %d attempts; want 101", total)
	}
	if lines[0].Count != 0 || lines[0].Source != "192.0.2.7" || lines[0].User != "mallory" {
		t.Errorf("the first attempt is not journaled at once as itself: %+v", lines[0])
	}
	_, evs := readBack(t, path)
	if last := evs[len(evs)-1]; last.Type != event.SessionClosed {
		t.Errorf("the last line is %s", last.Type)
	}
	if r := foldAll(evs); r.Refusals != 101 {
		t.Errorf("the fold counts %d refusals; want 101", r.Refusals)
	}
}

// TestRefusalWindowEndsByItself: the count of a window is journaled when
// the window ends, without waiting for another attempt or the end.
func TestRefusalWindowEndsByItself(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	s, err := Create(path, demo(t), "demo", ana, Options{RefusalWindow: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abandon()
	for range 6 {
		must(t, s, SystemSSH, RefuseAccess{User: "mallory", Remote: "192.0.2.7:22", Reason: "wrong join code"})
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.State().Refusals < 6 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	lines := refusalLines(t, path)
	if len(lines) != 2 || lines[0].Attempts() != 1 || lines[1].Count != 5 {
		t.Errorf("lines = %+v; want one for the first attempt, one counting the other 5", lines)
	}
}
