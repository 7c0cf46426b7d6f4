package session

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// RehearsalOptions configure a rehearsal.
type RehearsalOptions struct {
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

// TeamRehearsal is one team's part in a rehearsal.
type TeamRehearsal struct {
	Team          scenario.Team
	Injects       int
	First, Last   time.Duration
	Objectives    []string
	NothingBefore bool // received nothing at all
}

// Rehearsal is what a rehearsal showed.
type Rehearsal struct {
	Released    int
	Contingency []string // contingency injects, released only by hand
	OffBranch   []string // injects on options not chosen
	Choices     map[string]string
	Teams       []TeamRehearsal
	End         time.Duration
}

// Rehearse runs a scenario with no one at the table: it releases each
// inject as it falls due, answers each branch point as told (or with its
// first option) as soon as the inject that raises it is out, and reports
// per team. It uses the real session, so what it shows is what a session
// would do.
func Rehearse(sc *scenario.Scenario, source string, o RehearsalOptions) (*Rehearsal, error) {
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
	for b, opt := range o.Branches {
		br := sc.Branch(b)
		if br == nil {
			return nil, fmt.Errorf("--branch %s=%s: there is no branch %q", b, opt, b)
		}
		if br.Option(opt) == nil {
			return nil, fmt.Errorf("--branch %s=%s: branch %q has no option %q", b, opt, b, opt)
		}
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
	who := Facilitator("rehearsal")
	s, err := Create(path, sc, source, who, Options{Now: now})
	if err != nil {
		return nil, err
	}
	do := func(c Command) error {
		_, err := s.Do(who, c)
		return err
	}
	if err := do(StartClock{}); err != nil {
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
		return do(ChooseBranch{Branch: b.ID, Option: opt})
	}
	for i := range sc.Branches {
		if sc.Branches[i].After == "" {
			if err := choose(&sc.Branches[i]); err != nil {
				s.Abandon()
				return nil, err
			}
		}
	}
	res := &Rehearsal{}
	for {
		st := s.State()
		t := st.Clock.At(wall)
		var due []int
		for i := range st.Injects {
			if st.Status(i, t) == event.Due {
				due = append(due, i)
			}
		}
		if len(due) == 0 {
			next := st.NextDue(t)
			if next < 0 {
				break
			}
			at, _ := st.DueAt(next)
			wait := at - t
			if o.Speed > 0 {
				o.Sleep(time.Duration(float64(wait) / o.Speed))
			}
			wall = wall.Add(wait)
			continue
		}
		slices.SortStableFunc(due, func(a, b int) int {
			da, _ := st.DueAt(a)
			db, _ := st.DueAt(b)
			return int(da - db)
		})
		for _, i := range due {
			in := &sc.Injects[i]
			if err := do(Release{Inject: in.ID}); err != nil {
				s.Abandon()
				return nil, err
			}
			res.Released++
			channel := ""
			if in.Channel != "" {
				channel = " · " + in.Channel
			}
			fmt.Fprintf(o.Out, "%s  %-6s %s → %s%s · %s\n", clock.Format(t), in.ID, orDash(in.From), strings.Join(in.To, ", "), channel, in.Title)
			for b := range sc.Branches {
				if sc.Branches[b].After == in.ID {
					if err := choose(&sc.Branches[b]); err != nil {
						s.Abandon()
						return nil, err
					}
				}
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
	for _, team := range sc.Teams {
		tr := TeamRehearsal{Team: team}
		for i := range sc.Injects {
			in := &sc.Injects[i]
			if !st.Injects[i].Released || !in.To.Includes(team.ID) {
				continue
			}
			rt := st.Injects[i].ReleasedT
			if tr.Injects == 0 || rt < tr.First {
				tr.First = rt
			}
			tr.Last = max(tr.Last, rt)
			tr.Injects++
			for _, ob := range in.Objectives {
				if !slices.Contains(tr.Objectives, ob) {
					tr.Objectives = append(tr.Objectives, ob)
				}
			}
		}
		tr.NothingBefore = tr.Injects == 0
		res.Teams = append(res.Teams, tr)
	}
	if o.Path != "" {
		if _, err := s.Close(who); err != nil {
			return nil, err
		}
	} else {
		s.Abandon()
	}
	return res, nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
