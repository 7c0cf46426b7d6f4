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
