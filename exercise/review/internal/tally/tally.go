// Package tally draws the report's tables from a session's final state:
// a row per inject and what became of it, per team and per objective,
// the branch choices, and the session's totals.
package tally

import (
	"slices"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/review/internal/rows"
	"ttx/exercise/scenario"
)

// Counts are the session's totals.
type Counts struct {
	Events, Injects, Released, Skipped, NeverReleased    int
	Decisions, Requests, Notes, Observations, Unanswered int
	// Actions counts the decisions recorded as actions.
	Actions int
	// Struck counts the decisions struck through (not the teams'
	// response, still listed); Amended those whose words were amended.
	Struck, Amended int
}

// TeamRow is one team's part in the session.
type TeamRow struct {
	ID, Name, Description string
	// Decisions counts the team's decisions that stand (struck ones are
	// counted in Struck).
	Decisions, Requests, Struck int
	// InjectsReceived counts released injects sent to the team.
	InjectsReceived int
	// Answered counts those it recorded at least one decision against.
	Answered int
	// MedianResponse is the median time from release to the team's first
	// decision, over the injects it answered (0 when none).
	MedianResponse time.Duration
}

// InjectRow is one inject and what became of it.
type InjectRow struct {
	Inject      *scenario.Inject
	Scheduled   time.Duration
	Contingency bool
	Status      event.Status
	State       event.InjectState
	// Recipients are team ids, with "all" expanded.
	Recipients []string
	// Decisions are the first decisions recorded against it, up to
	// Listed (the timeline lists them; the decision log every one);
	// Total counts them all, Standing those not struck through.
	Decisions       []*rows.Row
	Total, Standing int
	// FirstResponse is, per recipient team that answered, the time from
	// release to its first decision.
	FirstResponse map[string]time.Duration
}

// Unanswered reports whether the inject was released and nobody recorded
// a decision against it that stands (one struck through is no answer).
func (r InjectRow) Unanswered() bool {
	return r.State.Released && r.Standing == 0
}

// Listed is how many of an inject's decisions its row keeps (Decisions):
// enough for any exercise people run, few enough that a session of
// millions of decisions keeps a few for each inject, not millions.
const Listed = 100

// ObjectiveRow gathers what the session shows about one objective.
type ObjectiveRow struct {
	Objective scenario.Objective
	Injects   []string
	// Decisions counts the decisions that stand against its injects.
	Decisions    int
	Observations []event.Entry
	// Ratings counts observations by HSEEP rating (P, S, M, U), leaving
	// out those struck through.
	Ratings map[string]int
}

// BranchRow is a branch point and the option chosen.
type BranchRow struct {
	Branch scenario.Branch
	Chosen *scenario.Option
}

// Injects is a row for each of the scenario's injects, in its order, as
// the state s leaves them; an inject created during play is in the
// timeline when it went out.
func Injects(sc *scenario.Scenario, s *event.State) []InjectRow {
	var out []InjectRow
	for i := range sc.Injects {
		in := &sc.Injects[i]
		at, timed := in.Offset()
		row := InjectRow{Inject: in, Scheduled: at, Contingency: !timed, Status: s.Status(i, s.LastT), State: s.Injects.At(i),
			Recipients: Recipients(sc, in.To), FirstResponse: map[string]time.Duration{}}
		if row.State.Live {
			// Created during play: in the timeline when it went out.
			row.Scheduled, row.Contingency = row.State.ReleasedT, false
		}
		out = append(out, row)
	}
	return out
}

// Respond files each decision under the inject it answers and measures,
// for each that stands and was said after the release, the time since
// the release, and each team's first response; then puts the injects in
// timeline order, contingency injects last.
func Respond(injects []InjectRow, decisions *rows.Rows) {
	byID := make(map[string]*InjectRow, len(injects))
	for i := range injects {
		ir := &injects[i]
		byID[ir.Inject.ID] = ir
		if ir.State.Released {
			decisions.Released(ir.Inject.ID, ir.State.ReleasedT)
		}
	}
	// A row of the Rows is valid until the next: keep copies, in blocks.
	var kept []rows.Row
	for row := range decisions.All() {
		if ir := byID[decisions.Inject(row)]; ir != nil {
			if row.HasAfter {
				team := decisions.Team(row)
				if prev, ok := ir.FirstResponse[team]; !ok || row.AfterRelease < prev {
					ir.FirstResponse[team] = row.AfterRelease
				}
			}
			ir.Total++
			if !row.Struck {
				ir.Standing++
			}
			if len(ir.Decisions) < Listed {
				if len(kept) == cap(kept) {
					kept = make([]rows.Row, 0, 256)
				}
				kept = append(kept, *row)
				ir.Decisions = append(ir.Decisions, &kept[len(kept)-1])
			}
		}
	}
	slices.SortStableFunc(injects, func(a, b InjectRow) int {
		if a.Contingency != b.Contingency {
			if a.Contingency {
				return 1
			}
			return -1
		}
		return int(a.Scheduled - b.Scheduled)
	})
}

// Count totals a session of events events whose final state is s.
func Count(events int64, s *event.State, injects []InjectRow, decisions *rows.Rows) Counts {
	c := Counts{Events: int(events), Injects: len(injects), Decisions: decisions.Len(),
		Requests: len(s.Requests), Notes: len(s.Notes), Observations: len(s.Observations)}
	for _, in := range injects {
		switch {
		case in.State.Released:
			c.Released++
		case in.State.Skipped:
			c.Skipped++
		default:
			c.NeverReleased++
		}
		if in.Unanswered() {
			c.Unanswered++
		}
	}
	for d := range decisions.All() {
		if d.Action {
			c.Actions++
		}
		if d.Struck {
			c.Struck++
		}
		if d.Amended {
			c.Amended++
		}
	}
	return c
}

// Teams is a row for each of the scenario's teams.
func Teams(teams []scenario.Team, decisions *rows.Rows, requests []event.Entry, injects []InjectRow) []TeamRow {
	made, asked, struck := map[string]int{}, map[string]int{}, map[string]int{}
	for d := range decisions.All() {
		if d.Struck {
			struck[decisions.Team(d)]++
		} else {
			made[decisions.Team(d)]++
		}
	}
	for _, q := range requests {
		asked[q.Team]++
	}
	received := map[string]int{}
	times := map[string][]time.Duration{}
	for _, in := range injects {
		if !in.State.Released {
			continue
		}
		for k, id := range in.Recipients {
			if slices.Contains(in.Recipients[:k], id) {
				continue // a team listed twice receives the inject once
			}
			received[id]++
			if d, ok := in.FirstResponse[id]; ok {
				times[id] = append(times[id], d)
			}
		}
	}
	var out []TeamRow
	for _, t := range teams {
		out = append(out, TeamRow{ID: t.ID, Name: t.Name, Description: t.Description,
			Decisions: made[t.ID], Requests: asked[t.ID], Struck: struck[t.ID], InjectsReceived: received[t.ID],
			Answered: len(times[t.ID]), MedianResponse: median(times[t.ID])})
	}
	return out
}

// Objectives is a row for each objective (nil for none); struck says
// whether an observation was struck through (its rating then does not
// count).
func Objectives(objectives []scenario.Objective, injects []InjectRow, observations []event.Entry, struck func(seq int64) bool) []ObjectiveRow {
	if len(objectives) == 0 {
		return nil
	}
	out := make([]ObjectiveRow, len(objectives))
	index := make(map[string]int, len(objectives))
	for k, o := range objectives {
		out[k] = ObjectiveRow{Objective: o, Ratings: map[string]int{}}
		if _, dup := index[o.ID]; !dup {
			index[o.ID] = k
		}
	}
	for _, in := range injects {
		for j, id := range in.Inject.Objectives {
			k, ok := index[id]
			if !ok || slices.Contains(in.Inject.Objectives[:j], id) {
				continue
			}
			out[k].Injects = append(out[k].Injects, in.Inject.ID)
			out[k].Decisions += in.Standing
		}
	}
	for _, ob := range observations {
		if k, ok := index[ob.Objective]; ok {
			out[k].Observations = append(out[k].Observations, ob)
			if ob.Rating != "" && !struck(ob.Seq) {
				out[k].Ratings[ob.Rating]++
			}
		}
	}
	return out
}

// Branches is a row for each branch point, with the option chosen.
func Branches(branches []scenario.Branch, choices map[string]string) []BranchRow {
	var out []BranchRow
	for _, b := range branches {
		br := BranchRow{Branch: b}
		if o, ok := choices[b.ID]; ok {
			br.Chosen = b.Option(o)
		}
		out = append(out, br)
	}
	return out
}

// Recipients are the team ids an inject is sent to, with "all"
// expanded to the scenario's teams.
func Recipients(sc *scenario.Scenario, to scenario.Recipients) []string {
	if slices.Contains(to, scenario.AllTeams) {
		ids := make([]string, len(sc.Teams))
		for i, t := range sc.Teams {
			ids[i] = t.ID
		}
		return ids
	}
	return to
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
