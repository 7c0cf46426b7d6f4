package console

import (
	"fmt"
	"strings"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// alert says in the status line what reached the console from the seats
// between prev and s that waits on the facilitator: a participant's
// request for information, with the key that answers it. It says nothing
// for the first state, nor for what the facilitator recorded themselves.
func (m *Model) alert(prev, s *event.State) {
	if prev.Scenario == nil || !prev.Opened.Equal(s.Opened) || len(s.Requests) <= len(prev.Requests) {
		return
	}
	var asked []event.Entry
	for _, r := range s.Requests[len(prev.Requests):] {
		if strings.HasPrefix(r.By, scenario.RoleParticipant+":") {
			asked = append(asked, r)
		}
	}
	if len(asked) == 0 {
		return
	}
	r := asked[len(asked)-1]
	from := pane.TeamName(s.Scenario, r.Team)
	if r.Who != "" {
		from += " (" + r.Who + ")"
	}
	if o := s.Scenario.Org(r.To); o != nil {
		from += " to " + o.Name
	}
	said := draw.Truncate(strings.Join(strings.Fields(r.Text), " "), 200)
	text := fmt.Sprintf("● Request from %s: %s · a answers it", from, said)
	if len(asked) > 1 {
		text = fmt.Sprintf("● %d requests for information, the latest from %s: %s · a answers them", len(asked), from, said)
	}
	m.say(text, false)
}
