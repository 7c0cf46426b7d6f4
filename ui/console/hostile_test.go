package console

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/session"
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

// TestConsoleResumesHostileFile resumes the crafted file (without its
// session.closed line) and steps through its injects: no frame lets the
// attack through, and the attack is shown as text, in the MSEL, the
// inject detail, the feed and the resume notice.
func TestConsoleResumesHostileFile(t *testing.T) {
	data, err := os.ReadFile(hostileSession)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	path := filepath.Join(t.TempDir(), "hostile.jsonl")
	os.WriteFile(path, bytes.Join(lines[:len(lines)-1], nil), 0o644)
	now := func() time.Time { return t0.Add(time.Hour) }
	s, _, err := session.Resume(path, ana, session.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abandon()
	m := New(s, Options{Facilitator: ana, Notice: "Resumed " + "\x1b]0;pwned\x07", ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 220, Height: 70})
	var all strings.Builder
	for i := range 4 {
		frame := m.View()
		assertInert(t, "frame "+string(rune('0'+i)), frame)
		all.WriteString(frame)
		m.Update(tea.KeyMsg{Type: tea.KeyUp})
	}
	for _, want := range []string{`Inject \u001b]52;c;ZXZpbA==\u0007`, `Body \u001b]52`, `Decision \u001b]52`, `Resumed \u001b]0;pwned\u0007`} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the console does not show %q:\n%s", want, all.String())
		}
	}
}
