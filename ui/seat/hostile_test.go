package seat

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/theme"
)

// hostileSession is a session file with a terminal attack (OSC 52, clear
// screen, OSC 0 title, bidi override, C1 CSI, DEL, NUL) in every text
// field, written by exercise/review's TestHostileFixture.
const hostileSession = "../../exercise/review/testdata/TestHostileFixture.golden"

// TestSeatsOfAResumedHostileFile resumes the crafted file and draws the
// participant's, evaluator's and observer's seats: no frame lets the
// attack through, and it is shown as text.
func TestSeatsOfAResumedHostileFile(t *testing.T) {
	data, err := os.ReadFile(hostileSession)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	path := filepath.Join(t.TempDir(), "hostile.jsonl")
	os.WriteFile(path, bytes.Join(lines[:len(lines)-1], nil), 0o644)
	now := func() time.Time { return time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) }
	sess, _, err := session.Resume(path, session.Facilitator("ana"), session.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Abandon()
	for _, actor := range []session.Actor{
		{Role: scenario.RoleParticipant, Name: "p", Team: "t1"},
		{Role: scenario.RoleEvaluator, Name: "e"},
		{Role: scenario.RoleObserver, Name: "o"},
	} {
		m := New(sess, actor, Options{ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC}})
		m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		var all strings.Builder
		for i := range 3 {
			frame := m.View()
			for j, r := range frame {
				if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
					t.Fatalf("%s seat, frame %d: raw %U at byte %d: %q", actor.Role, i, r, j, frame[max(j-40, 0):min(j+40, len(frame))])
				}
			}
			all.WriteString(frame)
			m.Update(tea.KeyMsg{Type: tea.KeyDown})
		}
		if !strings.Contains(all.String(), `\u001b]52;c;ZXZpbA==\u0007`) {
			t.Errorf("%s seat does not show the attack as text:\n%s", actor.Role, all.String())
		}
		m.Close()
	}
}
