// Package words writes what the panes say of teams, people, counts and
// durations: a team's name, the recipients', who recorded an entry and
// who answered it, "2 notes", and a delay as "1h30" or "5m".
package words

import (
	"fmt"
	"strings"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// TeamName returns the name of team id, or the id if there is none.
func TeamName(sc *scenario.Scenario, id string) string {
	if t := sc.Team(id); t != nil {
		return t.Name
	}
	return id
}

// TeamNames returns the recipients' names, "all teams" for all.
func TeamNames(sc *scenario.Scenario, ids scenario.Recipients) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		if id == scenario.AllTeams {
			names[i] = "all teams"
		} else {
			names[i] = TeamName(sc, id)
		}
	}
	return strings.Join(names, ", ")
}

// CompactDuration writes 90m as "1h30", 5m as "5m".
func CompactDuration(d time.Duration) string {
	if d >= time.Hour {
		return fmt.Sprintf("%dh%02d", int(d/time.Hour), int(d/time.Minute)%60)
	}
	return fmt.Sprintf("%dm", int(d/time.Minute))
}

// ByName turns "facilitator:ana" into "ana".
func ByName(by string) string {
	if _, name, ok := strings.Cut(by, ":"); ok {
		return name
	}
	return by
}

// AnsweredAs is " from" the simulated organisation that answered, as it
// signs (" from BBC London"), or "" for the control cell.
func AnsweredAs(s *event.State, r event.Reply) string {
	if o := s.Scenario.Org(r.As); o != nil {
		return " from " + o.Name
	}
	return ""
}

// Plural writes "1 note", "2 notes".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
