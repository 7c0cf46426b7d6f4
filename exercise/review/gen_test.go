package review

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/injects"
)

// genStart is the wall time generated sessions open at.
var genStart = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// decisionTexts are cycled through generated decisions: multi-line text,
// quotes, commas and names that a spreadsheet must keep intact.
var decisionTexts = []string{
	"Declare a major incident and open the forward command point.",
	"Zoë Nowak (Łódź liaison) to brief the \"silver\" group, then report back.",
	"Hold all trains short of the station;\nsend two units to the north entrance, one to the south.",
	"Agree one public message, with the Met leading, before anyone posts.",
}

// genSession writes a realistic, deterministic session file on a bundled
// scenario with about n decisions, and returns its path. Every kind of
// event appears, including one of a type this version does not know.
func genSession(tb testing.TB, dir, name string, n int) string {
	tb.Helper()
	return genSessionFixes(tb, dir, name, n, 0)
}

// genSessionFixes is genSession with about fixes corrections among the
// decisions: each a decision.amended of the decision just recorded,
// every tenth a decision.struck instead.
func genSessionFixes(tb testing.TB, dir, name string, n, fixes int) string {
	tb.Helper()
	return genSessionOf(tb, dir, name, n, fixes, false)
}

// genSessionOf is genSessionFixes, with no event of a type ttx does not
// know when resumable (--resume refuses a file that has one).
func genSessionOf(tb testing.TB, dir, name string, n, fixes int, resumable bool) string {
	tb.Helper()
	sc, probs := injects.Load(name)
	if probs.HasErrors() {
		tb.Fatal(probs)
	}
	path := filepath.Join(dir, name+"-session.jsonl")
	w, err := journal.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer w.Close()
	g := &gen{tb: tb, w: w, wall: genStart, clk: clock.New(0)}
	scJSON, _ := json.Marshal(sc)
	g.add(event.SessionOpened, "facilitator:ana", event.Opened{Scenario: scJSON, Source: name, Tool: "ttx test"})
	g.step(5 * time.Second)
	g.clk = g.clk.Start(g.wall)
	g.add(event.ClockStarted, "facilitator:ana", event.ClockChange{Speed: 1})

	// Release every timed inject on its chosen branch, spread decisions
	// between releases, and pause once in the middle.
	duration := sc.DurationValue()
	perMinute := float64(n) / duration.Minutes()
	var released []*scenario.Inject
	choices := map[string]string{}
	decisions, paused := 0, false
	for minute := time.Duration(0); minute < duration; minute += time.Minute {
		for i := range sc.Injects {
			in := &sc.Injects[i]
			if at, ok := in.Offset(); !ok || at != minute || !onBranch(in, choices) {
				continue
			}
			g.add(event.InjectReleased, "facilitator:ana", event.InjectChange{Inject: in.ID})
			released = append(released, in)
			for _, b := range sc.Branches {
				if b.After == in.ID {
					g.step(30 * time.Second)
					choices[b.ID] = b.Options[0].ID
					g.add(event.BranchChosen, "facilitator:ana", event.BranchChoice{Branch: b.ID, Option: b.Options[0].ID})
				}
			}
		}
		if !paused && minute == duration/2 {
			g.clk = g.clk.Pause(g.wall)
			g.add(event.ClockPaused, "facilitator:ana", event.ClockChange{})
			if !resumable {
				g.add("weather.changed", "system:met-office", map[string]any{"warning": "amber", "rain": true})
			}
			g.wall = g.wall.Add(2 * time.Minute)
			g.clk = g.clk.Start(g.wall)
			g.add(event.ClockStarted, "facilitator:ana", event.ClockChange{Speed: 1})
			paused = true
		}
		want := int(float64(minute+time.Minute) / float64(time.Minute) * perMinute)
		for decisions < want && len(released) > 0 {
			in := released[len(released)-1-decisions%min(len(released), 3)]
			team := recipients(sc, in.To)[decisions%len(recipients(sc, in.To))]
			g.stepWithin(minute+time.Minute, want-decisions)
			g.add(event.DecisionRecorded, "facilitator:ana", event.Said{Team: team, Who: fmt.Sprintf("Officer %d", decisions%7+1),
				Text: decisionTexts[decisions%len(decisionTexts)], Inject: in.ID})
			said := g.seq - 1
			switch {
			case decisions%50 == 7:
				g.add(event.RequestRecorded, "facilitator:ana", event.Said{Team: team, Text: "How many people are inside the cordon?", Inject: in.ID})
				g.add(event.RequestAnswered, "facilitator:ana", event.Answer{Request: g.seq - 1, Text: "About 150, some elderly."})
			case decisions%100 == 13 && len(in.Objectives) > 0:
				g.add(event.ObservationRecorded, "evaluator:sam", event.Observation{Objective: in.Objectives[0], Rating: "PSMU"[decisions/100%4 : decisions/100%4+1], Text: "Joint decision recorded with reasons.", Inject: in.ID})
			case decisions%200 == 3:
				g.add(event.NoteRecorded, "facilitator:ana", event.Note{Text: "Room busy; hold the next inject a minute.", Inject: in.ID})
			}
			if fixes > 0 && decisions%max(n/fixes, 1) == 0 {
				c := event.Correction{Seq: said, Text: "Amended: " + decisionTexts[(decisions+1)%len(decisionTexts)], Reason: "typo"}
				kind := event.DecisionAmended
				if decisions/max(n/fixes, 1)%10 == 9 {
					c.Text, kind = "", event.DecisionStruck
				}
				g.add(kind, "facilitator:ana", c)
			}
			decisions++
		}
		g.moveTo(minute + time.Minute)
	}
	g.flush()
	g.add(event.SessionClosed, "facilitator:ana", event.Closed{Events: g.seq})
	g.flush()
	return path
}

func onBranch(in *scenario.Inject, choices map[string]string) bool {
	for _, r := range in.Requires {
		b, o := scenario.RequiredOption(r)
		if choices[b] != o {
			return false
		}
	}
	return true
}

type gen struct {
	tb    testing.TB
	w     *journal.Writer
	wall  time.Time
	clk   clock.Clock
	seq   int64
	batch []event.Event
}

func (g *gen) add(typ, by string, data any) {
	e, err := event.New(typ, by, g.wall, g.clk.At(g.wall), data)
	if err != nil {
		g.tb.Fatal(err)
	}
	g.batch = append(g.batch, e)
	g.seq++
	if len(g.batch) >= 1000 {
		g.flush()
	}
}

func (g *gen) flush() {
	if len(g.batch) == 0 {
		return
	}
	if _, err := g.w.Append(g.batch...); err != nil {
		g.tb.Fatal(err)
	}
	g.batch = g.batch[:0]
}

func (g *gen) step(d time.Duration) { g.wall = g.wall.Add(d) }

// stepWithin moves on by a share of the time left before the exercise
// clock reaches until, leaving room for left more events.
func (g *gen) stepWithin(until time.Duration, left int) {
	room := time.Duration(float64(until-g.clk.At(g.wall)) / g.clk.Speed())
	g.step(max(room/time.Duration(left+1), time.Millisecond))
}

// moveTo moves the wall clock to where the exercise clock reads t.
func (g *gen) moveTo(t time.Duration) {
	if now := g.clk.At(g.wall); now < t {
		g.wall = g.wall.Add(t - now)
	}
}

// TestWriteGeneratedSession writes a generated session for trying the
// replay and the report by hand: TTX_GEN=/tmp/big.jsonl TTX_GEN_N=100000
// go test ./exercise/review -run TestWriteGeneratedSession (TTX_GEN_FIXES=N
// adds about N corrections; TTX_GEN_RESUMABLE=1 leaves out the event of
// a type ttx does not know, which --resume refuses).
func TestWriteGeneratedSession(t *testing.T) {
	out := os.Getenv("TTX_GEN")
	if out == "" {
		t.Skip("set TTX_GEN to a path to write a generated session")
	}
	n, fixes := 100000, 0
	fmt.Sscan(os.Getenv("TTX_GEN_N"), &n)
	fmt.Sscan(os.Getenv("TTX_GEN_FIXES"), &fixes)
	path := genSessionOf(t, t.TempDir(), "london", n, fixes, os.Getenv("TTX_GEN_RESUMABLE") != "")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
