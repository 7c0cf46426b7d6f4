package common

import (
	"strings"

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
