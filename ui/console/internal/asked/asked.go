// Package asked says what the seats asked the facilitator: the requests
// for information that reached the console, for its status line.
package asked

import (
	"fmt"
	"strings"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// Since returns what to say of the participants' requests for
// information that arrived between prev and s, with the key that answers
// them; "" for none, for the first state, and for what the facilitator
// recorded themselves.
func Since(prev, s *event.State) string {
	if prev.Scenario == nil || !prev.Opened.Equal(s.Opened) || len(s.Requests) <= len(prev.Requests) {
		return ""
	}
	var asked []event.Entry
	for _, r := range s.Requests[len(prev.Requests):] {
		if strings.HasPrefix(r.By, scenario.RoleParticipant+":") {
			asked = append(asked, r)
		}
	}
	if len(asked) == 0 {
		return ""
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
	if len(asked) > 1 {
		return fmt.Sprintf("● %d requests for information, the latest from %s: %s · a answers them", len(asked), from, said)
	}
	return fmt.Sprintf("● Request from %s: %s · a answers it", from, said)
}
