package console

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/pane"
)

// TestFacilitatorIsToldOfARequest: a participant's request for
// information arriving from a seat is said in the console's status line,
// with who asked and the key that answers it; one the facilitator
// recorded themselves is not.
func TestFacilitatorIsToldOfARequest(t *testing.T) {
	m, sess := testConsole(t, "demo")
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	pat := session.Actor{Role: scenario.RoleParticipant, Name: "Pat Police", Team: "police"}
	if _, err := sess.Do(ana, session.RecordRequest{Team: "fire", Text: "Said in the room."}); err != nil {
		t.Fatal(err)
	}
	m.Update(pane.StateMsg{State: sess.State()})
	if v := ansi.Strip(m.View()); strings.Contains(v, "Request from") {
		t.Errorf("a request the facilitator recorded is announced to them:\n%s", v)
	}
	if _, err := sess.Do(pat, session.RecordRequest{Team: "police", Who: "Pat Police", Text: "How many passengers\nare on the platform?"}); err != nil {
		t.Fatal(err)
	}
	m.Update(pane.StateMsg{State: sess.State()})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "\n ● Request from Police (Pat Police): How many passengers are on the platform? · a answers it") {
		t.Errorf("a participant's request arrives silently:\n%s", v)
	}
}
