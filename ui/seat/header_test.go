package seat

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/ui/theme"
)

// TestSeatHeaderKeepsTheClock: on a narrow seat the header's first line
// keeps the exercise clock and who the seat is whole, and cuts the
// scenario's title (it once cut the clock to "T+…").
func TestSeatHeaderKeepsTheClock(t *testing.T) {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	sess := liveSession(t, func() time.Time { return at }, rosterOf(police)...)
	for _, w := range []int{50, 60, 80, 120} {
		m := New(sess, police, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return at }, Location: time.UTC, Tick: time.Hour}})
		m.Update(tea.WindowSizeMsg{Width: w, Height: 16})
		head := strings.Split(ansi.Strip(m.View()), "\n")[0]
		m.Close()
		for _, want := range []string{"T+00:00:00", "Pat Police · Police"} {
			if !strings.Contains(head, want) {
				t.Errorf("at %d columns the header does not show %q: %q", w, want, head)
			}
		}
		if w >= 80 && !strings.Contains(head, "Demo: smoke at Riverside station") {
			t.Errorf("at %d columns the header does not show the scenario's title: %q", w, head)
		}
	}
}
