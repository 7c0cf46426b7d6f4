package seat

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/internal/termtest"
	"ttx/ui/theme"
)

// TestSeatsOfAResumedHostileFile resumes the crafted file and draws the
// participant's, evaluator's and observer's seats: no frame lets the
// attack through, and it is shown as text.
func TestSeatsOfAResumedHostileFile(t *testing.T) {
	path := termtest.OpenHostileSession(t)
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
		all := termtest.InertFrames(t, actor.Role+" seat", m, tea.KeyMsg{Type: tea.KeyDown}, 3)
		if !strings.Contains(all, `\u001b]52;c;ZXZpbA==\u0007`) {
			t.Errorf("%s seat does not show the attack as text:\n%s", actor.Role, all)
		}
		m.Close()
	}
}
