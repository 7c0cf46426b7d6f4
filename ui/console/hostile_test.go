package console

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/session"
	"ttx/ui/internal/termtest"
	"ttx/ui/theme"
)

// TestConsoleResumesHostileFile resumes the crafted file (without its
// session.closed line, nor its event of a type ttx does not know, which
// ttx refuses to resume) and steps through its injects: no frame lets the
// attack through, and the attack is shown as text, in the MSEL, the
// inject detail, the feed and the resume notice.
func TestConsoleResumesHostileFile(t *testing.T) {
	now := func() time.Time { return t0.Add(time.Hour) }
	// As crafted, with an event of a type ttx does not know: refused, and
	// the refusal, which names the type, lets no attack through.
	if _, _, err := session.Resume(termtest.OpenHostileSessionAsCrafted(t), ana, session.Options{Now: now}); err == nil {
		t.Fatal("resumed a file with an event of a type ttx does not know")
	} else {
		termtest.AssertInert(t, "the refusal to resume", err.Error())
	}
	path := termtest.OpenHostileSession(t)
	s, _, err := session.Resume(path, ana, session.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abandon()
	m := New(s, Options{Facilitator: ana, Notice: "Resumed " + "\x1b]0;pwned\x07", ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 220, Height: 70})
	all := termtest.InertFrames(t, "the console", m, tea.KeyMsg{Type: tea.KeyUp}, 4)
	for _, want := range []string{`Inject \u001b]52;c;ZXZpbA==\u0007`, `Body \u001b]52`, `Decision \u001b]52`, `Resumed \u001b]0;pwned\u0007`} {
		if !strings.Contains(all, want) {
			t.Errorf("the console does not show %q:\n%s", want, all)
		}
	}
}
