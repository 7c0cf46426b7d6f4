package replay

import (
	"fmt"
	"strings"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/pane"
)

// describe says, in the status line, what the event stepped to was: its
// place, its exercise time, its type and who, and what it was about (an
// inject's id and title, a team and the first words said).
func describe(e event.Event, n, of int, sc *scenario.Scenario) string {
	var d struct {
		Inject, Team, Text, Branch, Option, Name string
		Speed                                    float64
	}
	_ = e.Decode(&d) // an event whose data does not read is still named
	parts := []string{fmt.Sprintf("Event %d of %d", n, of), clock.Format(e.T), e.Type + " by " + e.By}
	var about []string
	if d.Inject != "" {
		title := d.Inject
		if sc != nil {
			if in := sc.Inject(d.Inject); in != nil {
				title += " " + in.Title
			}
		}
		about = append(about, title)
	}
	if d.Team != "" {
		about = append(about, pane.TeamName(sc, d.Team))
	}
	if d.Branch != "" {
		about = append(about, d.Branch+" → "+d.Option)
	}
	if d.Name != "" {
		about = append(about, d.Name)
	}
	if d.Speed != 0 && strings.HasPrefix(e.Type, "clock.") {
		about = append(about, fmt.Sprintf("%gx", d.Speed))
	}
	if d.Text != "" {
		about = append(about, strings.Join(strings.Fields(d.Text), " "))
	}
	if len(about) > 0 {
		parts = append(parts, strings.Join(about, ": "))
	}
	return strings.Join(parts, " · ")
}
