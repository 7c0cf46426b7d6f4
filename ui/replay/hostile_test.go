package replay

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/review"
	"ttx/ui/theme"
)

// hostileSession is a session file with a terminal attack (OSC 52, clear
// screen, OSC 0 title, bidi override, C1 CSI, DEL, NUL) in every text
// field, written by exercise/review's TestHostileFixture.
const hostileSession = "../../exercise/review/testdata/TestHostileFixture.golden"

// assertInert fails if a frame holds a byte or character from the file
// that drives a terminal or reorders text (the colour profile is ASCII in
// these tests, so the frame has no escape sequence of its own).
func assertInert(t *testing.T, where, s string) {
	t.Helper()
	for i, r := range s {
		bad := r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
		if bad {
			lo, hi := max(i-40, 0), min(i+40, len(s))
			t.Fatalf("%s: raw %U at byte %d: …%q…", where, r, i, s[lo:hi])
		}
	}
}

// TestReplayEscapesHostileFile steps through the crafted file's injects
// at its end: every frame, MSEL, inject detail and feed with its unknown
// event, shows the attack as text and lets none of it through.
func TestReplayEscapesHostileFile(t *testing.T) {
	l, err := review.Open(hostileSession)
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 220, Height: 70})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	var all strings.Builder
	for i := range 4 {
		frame := m.View()
		assertInert(t, "frame "+string(rune('0'+i)), frame)
		all.WriteString(frame)
		m.Update(tea.KeyMsg{Type: tea.KeyDown})
	}
	for _, want := range []string{`\u001b]52;c;ZXZpbA==\u0007`, `Decision \u001b]52`, `RAW x.new \u001b]52`} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the replay does not show %q:\n%s", want, all.String())
		}
	}
}
