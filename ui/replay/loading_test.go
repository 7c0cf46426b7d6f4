package replay

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/review"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/theme"
)

// TestReplayOpensBeforeTheFileIsRead: the replay shows the session from
// its first event while the rest is read, says how far reading has got,
// and takes the rest when it comes, at the same instant; End pressed
// meanwhile stays at the end of what has been read.
func TestReplayOpensBeforeTheFileIsRead(t *testing.T) {
	path := demoSession(t)
	ups := updatesOf(t, path, time.Hour, func(ups []review.Update) bool { return len(ups) == 2 && !ups[0].Done })
	if len(ups) != 2 || ups[0].Done || !ups[1].Done {
		t.Fatalf("%d updates, want the first event, then the whole file", len(ups))
	}
	whole := ups[1].Log.Len()
	ch := make(chan review.Update, 1)
	m := New(ups[0].Log, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}, Updates: ch})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	view := m.View()
	for _, want := range []string{"REPLAY", "event 1/1", "(reading:", "Reading " + path} {
		if !strings.Contains(view, want) {
			t.Errorf("while reading, the view lacks %q:\n%s", want, view)
		}
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	wait := m.awaitUpdate()
	if wait == nil {
		t.Fatal("the replay does not wait for the rest of the file")
	}
	ch <- ups[1]
	_, next := m.Update(wait())
	if next != nil {
		t.Error("the replay waits for more after the last update")
	}
	view = m.View()
	if !strings.Contains(view, fmt.Sprintf("event %d/%d", whole, whole)) || strings.Contains(view, "reading") || strings.Contains(view, "Reading") {
		t.Errorf("once read, the view is not at the end of the whole file (%d events):\n%s", whole, view)
	}
	if !strings.Contains(view, "not closed") {
		t.Error("once read, an unsealed file is not marked as such")
	}
}

// TestReplaySaysWhenReadingStopped: an error after the first frame is
// shown over what was read, not lost.
func TestReplaySaysWhenReadingStopped(t *testing.T) {
	path := demoSession(t)
	first := updatesOf(t, path, time.Hour, func(ups []review.Update) bool { return !ups[0].Done })[0]
	ch := make(chan review.Update, 1)
	m := New(first.Log, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}, Updates: ch})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	ch <- review.Update{Done: true, Err: fmt.Errorf("disk gone")}
	m.Update(m.awaitUpdate()())
	if view := m.View(); !strings.Contains(view, "Reading stopped: disk gone; showing the 1 event read before it") || !strings.Contains(view, "event 1/1") {
		t.Errorf("the view does not say reading stopped:\n%s", view)
	}
}

// TestReplayEndFollowsWhatIsRead: G while the file is read keeps the view
// at the end of what has been read as more comes; another seek stops
// following.
func TestReplayEndFollowsWhatIsRead(t *testing.T) {
	sc, _ := injects.Load("demo")
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "long.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Abandon()
	// Many decisions at once, in one fsync.
	w, _, _, err := journal.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var evs []event.Event
	for i := range 6000 {
		e, _ := event.New(event.DecisionRecorded, "facilitator:ana", t0.Add(time.Duration(i)*time.Second), time.Duration(i)*time.Second,
			event.Said{Team: "police", Text: fmt.Sprintf("Decision %d", i)})
		evs = append(evs, e)
	}
	if _, err := w.Append(evs...); err != nil {
		t.Fatal(err)
	}
	w.Close()
	ups := updatesOf(t, path, 0, func(ups []review.Update) bool { return len(ups) >= 5 })
	if len(ups) < 5 {
		t.Fatalf("%d updates, want the first event, at least three more snapshots and the end", len(ups))
	}
	ch := make(chan review.Update, 1)
	m := New(ups[0].Log, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}, Updates: ch})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	feed := func(u review.Update) {
		t.Helper()
		wait := m.awaitUpdate()
		ch <- u
		m.Update(wait())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	for _, u := range ups[1:3] {
		feed(u)
		if n := u.Log.Len(); m.pos != n {
			t.Errorf("after G, a snapshot of %d events shows event %d, want the last", n, m.pos)
		}
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("g")})
	feed(ups[3])
	if m.pos != 1 {
		t.Errorf("after g, a newer snapshot moved the view to event %d", m.pos)
	}
	feed(ups[len(ups)-1])
	if m.pos != 1 || m.loading {
		t.Errorf("once read: event %d, loading %v", m.pos, m.loading)
	}
}

// updatesOf returns the updates OpenInBackground sends for path, as a
// reader that takes each at once gets them. The channel holds the newest
// update only, so on a busy machine the goroutine may fold on past an
// update before this one is scheduled to take it: as a replay would, it
// then skips to the newer. The tests are of what a replay does with each
// update, so the file is read again (up to 50 times) until got holds.
func updatesOf(t *testing.T, path string, every time.Duration, got func([]review.Update) bool) []review.Update {
	t.Helper()
	var ups []review.Update
	for range 50 {
		ups = ups[:0]
		for u := range review.OpenInBackground(path, every) {
			ups = append(ups, u)
		}
		if got(ups) {
			break
		}
	}
	return ups
}
