package form

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/huh"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// The choices the console's and the seats' forms offer, over a session's
// state.

// TeamOptions lists the teams, for a choice.
func TeamOptions(sc *scenario.Scenario) []huh.Option[string] {
	opts := make([]huh.Option[string], len(sc.Teams))
	for i, t := range sc.Teams {
		opts[i] = huh.NewOption(t.Name, t.ID)
	}
	return opts
}

// InjectOptions lists "no inject", the released injects and the selected
// one, newest release first, for choosing what a decision answers.
func InjectOptions(s *event.State, selected int) []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption("(none)", "")}
	add := func(i int) {
		in := &s.Scenario.Injects[i]
		opts = append(opts, huh.NewOption(in.ID+" · "+in.Title, in.ID))
	}
	if selected >= 0 {
		add(selected)
	}
	var released []int
	for i := range s.Injects.Len() {
		if i != selected && s.Injects.At(i).Released {
			released = append(released, i)
		}
	}
	slices.SortFunc(released, func(x, y int) int { return s.NewerRelease(x, y) })
	for _, i := range released {
		add(i)
	}
	return opts
}

// Answering is the inject a decision of team most likely answers: the
// selected inject, if it was released to the team, else the one last
// released to the team; "" when none was.
func Answering(s *event.State, team string, selected int) string {
	to := func(i int) bool {
		in := &s.Scenario.Injects[i]
		return s.Injects.At(i).Released && (slices.Contains(in.To, team) || slices.Contains(in.To, scenario.AllTeams))
	}
	if selected >= 0 && to(selected) {
		return s.Scenario.Injects[selected].ID
	}
	best, seq := "", int64(-1)
	for i := range s.Injects.Len() {
		if is := s.Injects.At(i); to(i) && is.ReleasedSeq > seq {
			best, seq = s.Scenario.Injects[i].ID, is.ReleasedSeq
		}
	}
	return best
}

// RecentEntries is how many entries the correction form lists; an older
// one is found by its number.
const RecentEntries = 200

// EntryLabel is how the correction form lists an entry, as it now
// stands: "#57 T+00:42 Police: Cordon the station".
func EntryLabel(s *event.State, e event.Entry, w int) string {
	return entryLabel(s, e, s.FixesOf(e.Seq), w)
}

// entryLabel is EntryLabel with the entry's corrections given.
func entryLabel(s *event.State, e event.Entry, fixes []event.Fix, w int) string {
	now, _ := event.Corrected(e, fixes)
	kind := ""
	switch e.Kind {
	case event.RequestRecorded:
		kind = "RFI "
	case event.NoteRecorded:
		kind = "NOTE "
	case event.ObservationRecorded:
		kind = "OBS "
	}
	who := pane.ByName(e.By)
	if e.Team != "" {
		who = pane.TeamName(s.Scenario, e.Team)
	}
	l := fmt.Sprintf("#%d T+%s %s%s: %s", e.Seq, scenario.FormatOffset(e.T.Truncate(time.Minute)), kind, who, strings.ReplaceAll(now.Text, "\n", " "))
	return draw.Truncate(l, w)
}

// EntryOptions lists the entries that may be corrected (not struck
// through), newest first, the most recent RecentEntries of them.
func EntryOptions(s *event.State, w int) []huh.Option[string] {
	lists := []event.Entries{s.Decisions, event.EntriesOf(s.Requests), event.EntriesOf(s.Notes), event.EntriesOf(s.Observations)}
	next := make([]int, len(lists))
	for i, l := range lists {
		next[i] = l.Len() - 1
	}
	// The corrections by entry, once: looking each entry's up in the whole
	// list took seconds with thousands of entries struck through.
	fixes := event.IndexFixes(s.Fixes)
	var opts []huh.Option[string]
	for len(opts) < RecentEntries {
		best := -1
		for i, l := range lists {
			if next[i] >= 0 && (best < 0 || l.Seq(next[i]) > lists[best].Seq(next[best])) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		e := lists[best].At(next[best])
		next[best]--
		if _, struck := event.Corrected(e, fixes[e.Seq]); struck == nil {
			opts = append(opts, huh.NewOption(entryLabel(s, e, fixes[e.Seq], w), strconv.FormatInt(e.Seq, 10)))
		}
	}
	return opts
}

// StageOptions are the Joint Decision Model stages, numbered, after "none".
func StageOptions() []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption("(none)", "")}
	for i, st := range event.Stages {
		opts = append(opts, huh.NewOption(fmt.Sprintf("%d %s", i+1, st.Label), st.ID))
	}
	return opts
}
