package replay

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/review"
	"ttx/ui/theme"
)

// TestReplayOpensBeforeTheFileIsRead: the replay shows the session from
// its first event while the rest is read, says how far reading has got,
// and takes the rest when it comes, at the same instant; End pressed
// meanwhile stays at the end of what has been read.
func TestReplayOpensBeforeTheFileIsRead(t *testing.T) {
	path := demoSession(t)
	var ups []review.Update
	for u := range review.OpenInBackground(path, time.Hour) {
		ups = append(ups, u)
	}
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
	first := <-review.OpenInBackground(path, time.Hour)
	ch := make(chan review.Update, 1)
	m := New(first.Log, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}, Updates: ch})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	ch <- review.Update{Done: true, Err: fmt.Errorf("disk gone")}
	m.Update(m.awaitUpdate()())
	if view := m.View(); !strings.Contains(view, "Reading stopped: disk gone; showing the 1 event read before it") || !strings.Contains(view, "event 1/1") {
		t.Errorf("the view does not say reading stopped:\n%s", view)
	}
}
