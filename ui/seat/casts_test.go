package seat

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/session"
	"ttx/ui/theme"
)

// TestBroadcastsBox: b opens the facilitator's broadcasts, newest first,
// one blank line between title and message and between two messages,
// never two; at any height the box fits the seat's screen.
func TestBroadcastsBox(t *testing.T) {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return at }
	sess := liveSession(t, now, rosterOf(police)...)
	fac := session.Facilitator("ana")
	for _, text := range []string{"All commanders to the forward command point.",
		strings.Repeat("Keep the public away from the eastbound entrance; ", 5) + "thank you.", "Second briefing at 10:30."} {
		if _, err := sess.Do(fac, session.Broadcast{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range [][2]int{{80, 24}, {80, 16}, {60, 15}, {120, 40}} {
		m := New(sess, police, Options{ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC, Tick: time.Hour}})
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b")})
		v := ansi.Strip(m.View())
		m.Close()
		if n := strings.Count(v, "\n") + 1; n > size[1] {
			t.Errorf("%dx%d: the seat draws %d lines with the broadcasts open", size[0], size[1], n)
		}
		if !strings.Contains(v, "║ From the facilitator") || !strings.Contains(v, "any key closes") {
			t.Errorf("%dx%d: the broadcasts box is not whole:\n%s", size[0], size[1], v)
		}
		blank := 0
		for l := range strings.SplitSeq(v, "\n") {
			if strings.TrimSpace(strings.Trim(strings.TrimSpace(l), "║")) == "" && strings.Contains(l, "║") {
				if blank++; blank == 2 {
					t.Errorf("%dx%d: two blank lines follow each other in the broadcasts box:\n%s", size[0], size[1], v)
				}
				continue
			}
			blank = 0
		}
		if size == [2]int{80, 24} {
			golden.RequireEqual(t, []byte(v))
		}
	}
}
