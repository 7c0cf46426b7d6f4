package common

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// TestCachesNeverServeAStaleFrame: over inputs that change one at a time
// and come back, FrameCache and JoinCache give exactly what drawing afresh
// gives.
func TestCachesNeverServeAStaleFrame(t *testing.T) {
	st := DefaultStyles()
	other := DefaultStyles()
	type in struct {
		st             *Styles
		title, content string
		w, h           int
		focused        bool
	}
	steps := []in{
		{&st, "Feed", "a\nb", 20, 6, false},
		{&st, "Feed", "a\nb", 20, 6, false},
		{&st, "Feed · 2", "a\nb", 20, 6, false},
		{&st, "Feed · 2", "a\nb\nc", 20, 6, false},
		{&st, "Feed · 2", "a\nb\nc", 24, 6, false},
		{&st, "Feed · 2", "a\nb\nc", 24, 7, false},
		{&st, "Feed · 2", "a\nb\nc", 24, 7, true},
		{&other, "Feed · 2", "a\nb\nc", 24, 7, true},
		{&st, "Feed", "a\nb", 20, 6, false},
	}
	var fc FrameCache
	var jc JoinCache
	prev := ""
	for i, s := range steps {
		got := fc.Frame(s.st, s.title, s.content, s.w, s.h, s.focused)
		want := Frame(s.st, s.title, s.content, s.w, s.h, s.focused)
		if got != want {
			t.Fatalf("step %d: FrameCache gave\n%s\nwant\n%s", i, got, want)
		}
		// Join this frame with the one before, in turn on each side.
		for _, parts := range [][3]string{{want, prev, "below"}, {prev, want, "below"}, {prev, prev, want}} {
			j := jc.Join(parts[0], parts[1], parts[2])
			fresh := lipgloss.JoinVertical(lipgloss.Left, lipgloss.JoinHorizontal(lipgloss.Top, parts[0], parts[1]), parts[2])
			if j != fresh {
				t.Fatalf("step %d: JoinCache gave\n%s\nwant\n%s", i, j, fresh)
			}
		}
		prev = want
	}
}
