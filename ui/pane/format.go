package pane

import (
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/pane/internal/words"
)

// TeamName returns the name of team id, or the id if there is none.
func TeamName(sc *scenario.Scenario, id string) string { return words.TeamName(sc, id) }

// TeamNames returns the recipients' names, "all teams" for all.
func TeamNames(sc *scenario.Scenario, ids scenario.Recipients) string {
	return words.TeamNames(sc, ids)
}

// CompactDuration writes 90m as "1h30", 5m as "5m".
func CompactDuration(d time.Duration) string { return words.CompactDuration(d) }

// ScenarioClock is the simulated time of day at exercise time t: the
// scenario's start (or, without one, the session's opening) plus t.
func ScenarioClock(s *event.State, t time.Duration, loc *time.Location) string {
	start, timeOfDay := s.Scenario.StartTime()
	opened := s.Opened.In(loc)
	switch {
	case start.IsZero():
		return opened.Add(t).Format("15:04:05")
	case timeOfDay:
		base := time.Date(opened.Year(), opened.Month(), opened.Day(), start.Hour(), start.Minute(), start.Second(), 0, loc)
		return base.Add(t).Format("15:04:05")
	default:
		return start.Add(t).Format("Mon 2 Jan 15:04:05")
	}
}

// Plural writes "1 note", "2 notes".
func Plural(n int, noun string) string { return words.Plural(n, noun) }
