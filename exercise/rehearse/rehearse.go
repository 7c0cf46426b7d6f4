// Package rehearse runs a scenario with no one at the table, at any
// speed, through the real session: what a rehearsal shows is what a
// session would do (ttx rehearse).
package rehearse

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/exercise/text"
)

// Options configure a rehearsal.
type Options struct {
	// Speed is exercise seconds per wall second; 0 runs without waiting.
	Speed float64
	// Branches picks options by branch id; the first option otherwise.
	Branches map[string]string
	// Path keeps the session file there; empty writes none that lasts.
	Path string
	// Out receives the running commentary.
	Out io.Writer
	// Sleep waits; time.Sleep when nil.
	Sleep func(time.Duration)
}

// Team is one team's part in a rehearsal.
type Team struct {
	Team          scenario.Team
	Injects       int
	First, Last   time.Duration
	Objectives    []string
	NothingBefore bool // received nothing at all
}

// Result is what a rehearsal showed.
type Result struct {
	Released    int
	Contingency []string // contingency injects, released only by hand
	OffBranch   []string // injects on options not chosen
	Choices     map[string]string
	Teams       []Team
	End         time.Duration
}

// Run rehearses a scenario with no one at the table: it releases each
// inject as it falls due, answers each branch point as told (or with its
// first option) as soon as the inject that raises it is out, and reports
// per team. It uses the real session, so what it shows is what a session
// would do.
func Run(sc *scenario.Scenario, source string, o Options) (*Result, error) {
	if o.Sleep == nil {
		o.Sleep = time.Sleep
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	// The commentary quotes the scenario file: escaped, so that a file
	// cannot drive the terminal it is rehearsed on.
	out := text.NewWriter(o.Out)
	defer out.Flush()
	o.Out = out
	if err := CheckChoices(sc, o.Branches); err != nil {
		return nil, err
	}
	path := o.Path
	if path == "" {
		dir, err := os.MkdirTemp("", "ttx-rehearse-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "rehearsal.jsonl")
	}
	wall := time.Now()
	now := func() time.Time { return wall }
	who := session.Facilitator("rehearsal")
	s, err := session.Create(path, sc, source, who, session.Options{Now: now, Journal: []journal.Option{journal.WithFile(syncOnClose)}})
	if err != nil {
		return nil, err
	}
	do := func(c session.Command) error {
		_, err := s.Do(who, c)
		return err
	}
	if err := do(session.StartClock{}); err != nil {
		s.Abandon()
		return nil, err
	}
	choose := func(b *scenario.Branch) error {
		opt := o.Branches[b.ID]
		how := "as told"
		if opt == "" {
			opt, how = b.Options[0].ID, "first option"
		}
		fmt.Fprintf(o.Out, "          branch %s: %s → %s (%s)\n", b.ID, b.Title, b.Option(opt).Label, how)
		return do(session.ChooseBranch{Branch: b.ID, Option: opt})
	}
	for i := range sc.Branches {
		if sc.Branches[i].After == "" {
			if err := choose(&sc.Branches[i]); err != nil {
				s.Abandon()
				return nil, err
			}
		}
	}
	res := &Result{}
	after := map[string][]int{} // inject id -> the branches it raises
	for b := range sc.Branches {
		if id := sc.Branches[b].After; id != "" {
			after[id] = append(after[id], b)
		}
	}
	sched := newSchedule(sc)
	for {
		st := s.State()
		t := st.Clock.At(wall)
		due := sched.due(&st, t)
		if len(due) == 0 {
			at, ok := sched.next(&st, t)
			if !ok {
				break
			}
			wait := at - t
			if o.Speed > 0 {
				o.Sleep(time.Duration(float64(wait) / o.Speed))
			}
			wall = wall.Add(wait)
			continue
		}
		for _, i := range due {
			in := &sc.Injects[i]
			if err := do(session.Release{Inject: in.ID}); err != nil {
				s.Abandon()
				return nil, err
			}
			res.Released++
			channel := ""
			if in.Channel != "" {
				channel = " · " + in.Channel
			}
			fmt.Fprintf(o.Out, "%s  %-6s %s → %s%s · %s\n", clock.Format(t), in.ID, orDash(in.From), strings.Join(in.To, ", "), channel, in.Title)
			for _, b := range after[in.ID] {
				if err := choose(&sc.Branches[b]); err != nil {
					s.Abandon()
					return nil, err
				}
				sched.chosen(sc.Branches[b].ID)
			}
		}
	}
	st := s.State()
	res.End = st.Clock.At(wall)
	res.Choices = st.Choices
	for i := range sc.Injects {
		switch st.Status(i, res.End) {
		case event.Contingency:
			res.Contingency = append(res.Contingency, sc.Injects[i].ID)
		case event.OffBranch, event.Waiting:
			res.OffBranch = append(res.OffBranch, sc.Injects[i].ID)
		}
	}
	res.Teams = teamRehearsals(sc, &st)
	if o.Path != "" {
		if _, err := s.Close(who); err != nil {
			return nil, err
		}
	} else {
		s.Abandon()
	}
	return res, nil
}

// teamRehearsals sums up each team's part in one pass over the injects.
func teamRehearsals(sc *scenario.Scenario, st *event.State) []Team {
	teams := make([]Team, len(sc.Teams))
	seen := make([]map[string]bool, len(sc.Teams)) // objectives listed, per team
	for k, team := range sc.Teams {
		teams[k].Team = team
		seen[k] = map[string]bool{}
	}
	for i, is := range st.Injects.All() {
		in := &sc.Injects[i]
		if !is.Released {
			continue
		}
		for k := range teams {
			tr := &teams[k]
			if !in.To.Includes(tr.Team.ID) {
				continue
			}
			if tr.Injects == 0 || is.ReleasedT < tr.First {
				tr.First = is.ReleasedT
			}
			tr.Last = max(tr.Last, is.ReleasedT)
			tr.Injects++
			for _, ob := range in.Objectives {
				if !seen[k][ob] {
					seen[k][ob] = true
					tr.Objectives = append(tr.Objectives, ob)
				}
			}
		}
	}
	for k := range teams {
		teams[k].NothingBefore = teams[k].Injects == 0
	}
	return teams
}

// syncOnClose wraps a rehearsal's session file: no one is at the table,
// so its lines go to disk together when it closes, not one fsync each.
func syncOnClose(f journal.File) journal.File { return lateSync{f} }

type lateSync struct{ journal.File }

func (f lateSync) Sync() error { return nil }

func (f lateSync) Close() error {
	err := f.File.Sync()
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// CheckChoices checks the options a rehearsal is told to choose, branch
// id to option id, against the scenario; an error names what there is to
// choose from.
func CheckChoices(sc *scenario.Scenario, choices map[string]string) error {
	for _, b := range slices.Sorted(maps.Keys(choices)) {
		opt := choices[b]
		br := sc.Branch(b)
		if br == nil {
			if len(sc.Branches) == 0 {
				return fmt.Errorf("--branch %s=%s: this scenario has no branch points", b, opt)
			}
			var all []string
			for _, x := range sc.Branches {
				all = append(all, fmt.Sprintf("%s (%s)", x.ID, optionIDs(x)))
			}
			return fmt.Errorf("--branch %s=%s: there is no branch %q; the branches are %s", b, opt, b, strings.Join(all, ", "))
		}
		if br.Option(opt) == nil {
			return fmt.Errorf("--branch %s=%s: branch %q has no option %q; its options are %s", b, opt, b, opt, optionIDs(*br))
		}
	}
	return nil
}

// optionIDs lists a branch's option ids, "pay, refuse".
func optionIDs(b scenario.Branch) string {
	ids := make([]string, len(b.Options))
	for i, o := range b.Options {
		ids[i] = o.ID
	}
	return strings.Join(ids, ", ")
}
