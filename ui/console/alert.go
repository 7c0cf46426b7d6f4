package console

import (
	"ttx/exercise/event"
	"ttx/ui/console/internal/asked"
)

// alert says in the status line what reached the console from the seats
// between prev and s that waits on the facilitator (asked.Since).
func (m *Model) alert(prev, s *event.State) {
	if text := asked.Since(prev, s); text != "" {
		m.say(text, false)
	}
}
