package seat

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/session"
)

// TestParticipantIsToldWhatArrives: the message open on joining is read;
// a message released above it and an answer to the team's request are
// said in the status line, with the unread count; a long broadcast opens
// whole with b.
func TestParticipantIsToldWhatArrives(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(police)...)
	fac := session.Facilitator("ana")
	do := func(a session.Actor, c session.Command) {
		t.Helper()
		if _, err := sess.Do(a, c); err != nil {
			t.Fatal(err)
		}
	}
	do(fac, session.Release{Inject: "D-02"})
	m := New(sess, police, Options{ViewOptions: never})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
	if got := ansi.Strip(m.View()); strings.Contains(got, "unread") {
		t.Errorf("the message open on joining is unread:\n%s", got)
	}
	do(fac, session.Release{Inject: "D-03"})
	got := ansi.Strip(catchUp(t, m))
	if !strings.Contains(got, "● New message at") || !strings.Contains(got, "· 1 unread") {
		t.Errorf("a new message arrives silently:\n%s", got)
	}
	do(police, session.RecordRequest{Team: "police", Text: "How many on the platform?"})
	catchUp(t, m)
	do(fac, session.AnswerRequest{Request: sess.State().Seq, Text: "About two hundred."})
	if got := ansi.Strip(catchUp(t, m)); !strings.Contains(got, "Answer to your team's request: About two hundred.") {
		t.Errorf("the answer arrives silently:\n%s", got)
	}
	long := strings.Repeat("All commanders to the forward command point now, ", 6) + "quickly."
	do(fac, session.Broadcast{Text: long})
	if got := ansi.Strip(catchUp(t, m)); !strings.Contains(got, " · b reads it whole ") {
		t.Errorf("a cut broadcast does not say where it is whole:\n%s", got)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b")})
	if got := ansi.Strip(m.View()); !strings.Contains(strings.Join(strings.Fields(got), " "), "point now, quickly.") {
		t.Errorf("b does not show the broadcast whole:\n%s", got)
	}
}
