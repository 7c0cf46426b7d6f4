package pane

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
	"ttx/ui/internal/draw"
)

// StateMsg is sent by a session subscription (WaitForState) after every
// change.
type StateMsg struct{ State event.State }

// WaitForState waits for the next snapshot on a session subscription. A
// view issues it again after each StateMsg.
func WaitForState(ch <-chan event.State) tea.Cmd {
	return func() tea.Msg {
		st, ok := <-ch
		if !ok {
			return nil
		}
		return StateMsg{st}
	}
}

// WaitForStateIn is WaitForState for a view that waits for one snapshot
// only once it has handled the last (it issues it again after each): the
// snapshot comes in msg, the same *StateMsg each time. A change reaches
// every seat of a room at once, and boxing a copy of the state for each
// was a fifth of what a room of 1,000 seats allocated.
func WaitForStateIn(ch <-chan event.State, msg *StateMsg) tea.Cmd {
	return func() tea.Msg {
		st, ok := <-ch
		if !ok {
			return nil
		}
		msg.State = st
		return msg
	}
}

// TooSmall is the notice a view shows instead of itself when the terminal
// is smaller than minW×minH, centred and cut to fit; advice, if any, says
// what to do.
func TooSmall(w, h, minW, minH int, advice string) string {
	lines := []string{fmt.Sprintf("Terminal too small: %d×%d.", w, h), fmt.Sprintf("At least %d×%d is needed.", minW, minH)}
	if advice != "" {
		lines = append(lines, advice)
	}
	for i, l := range lines {
		lines[i] = draw.Truncate(l, w)
	}
	return draw.Center(w, h, strings.Join(lines, "\n"))
}
