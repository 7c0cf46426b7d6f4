package sight

import (
	"fmt"
	"strings"

	"ttx/exercise/digest"
	"ttx/exercise/event"
)

// Digest says in one line what the person called name missed since they
// last left (digest.For): what a controller reconnecting, or the next
// shift, reads first. It is for the control cell's eyes: it counts
// notes and requests.
func Digest(s *event.State, name string) string {
	d := digest.For(s, name)
	var ids []string
	for _, i := range d.Released {
		ids = append(ids, s.Scenario.Injects[i].ID)
	}
	if len(ids) > 6 {
		ids = append(ids[:6], "…")
	}
	lead := "Since you left"
	if d.Since < 0 {
		lead = "So far"
	}
	released := fmt.Sprintf("%d released", len(d.Released))
	if len(ids) > 0 {
		released += " (" + strings.Join(ids, ", ") + ")"
	}
	return fmt.Sprintf("%s: %s · %s · %s answered · %s · %s open · H lists them",
		lead, released, plural(d.Decisions.Len(), "decision"), plural(len(d.Answered), "request"),
		plural(len(d.Notes), "note"), plural(len(d.Open), "request"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
