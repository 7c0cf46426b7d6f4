package pane

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/theme"
)

func TestFeedShowsObservationsUnlessFiltered(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	f := NewFeed(&st, &keys, "nothing")
	f.SetSize(80, 10)
	sc := &scenario.Scenario{Teams: []scenario.Team{{ID: "police", Name: "Police"}}}
	f.SetState(event.State{Scenario: sc,
		Decisions:    event.EntriesOf([]event.Entry{{Seq: 3, Kind: event.DecisionRecorded, Team: "police", Text: "Cordon"}}),
		Observations: []event.Entry{{Seq: 5, Kind: event.ObservationRecorded, By: "evaluator:Sam", Objective: "OBJ-2", Rating: "S", Text: "Late but joint"}},
	})
	v := f.View()
	if !strings.Contains(v, "OBS [S] OBJ-2") || !strings.Contains(v, "Late but joint") || !strings.Contains(v, "1 observation") {
		t.Errorf("observation missing:\n%s", v)
	}
	if strings.Index(v, "Late but joint") > strings.Index(v, "Cordon") {
		t.Error("the feed is not newest first")
	}
	f.SetFilter(func(e event.Entry) bool { return e.Kind == event.DecisionRecorded }, "Decisions")
	if v := f.View(); strings.Contains(v, "Late but joint") || !strings.Contains(v, "Decisions · 1") {
		t.Errorf("a filtered feed shows an observation or miscounts:\n%s", v)
	}
}

// TestFilteredFeedCountsWhatItKeeps: a filtered feed's count is what a
// count from scratch gives, as the session grows, when the filter changes,
// when it is shown an earlier state (a replay going back) and when it is
// shown a different session's state of the same length.
func TestFilteredFeedCountsWhatItKeeps(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	sc := &scenario.Scenario{Teams: []scenario.Team{{ID: "police", Name: "Police"}, {ID: "fire", Name: "Fire"}}}
	// grow returns s with n more entries, every third by fire, every
	// fifth a request.
	seq := int64(0)
	grow := func(s event.State, n int) event.State {
		s.Requests = slices.Clone(s.Requests)
		for range n {
			seq++
			e := event.Entry{Seq: seq, Kind: event.DecisionRecorded, Team: "police", Text: "d"}
			if seq%3 == 0 {
				e.Team = "fire"
			}
			if seq%5 == 0 {
				e.Kind = event.RequestRecorded
				s.Requests = append(s.Requests, e)
				continue
			}
			s.Decisions = s.Decisions.Append(e)
		}
		return s
	}
	police := func(e event.Entry) bool { return e.Team == "police" }
	decisions := func(e event.Entry) bool { return e.Kind == event.DecisionRecorded }
	want := func(s event.State, keep func(event.Entry) bool) int {
		n := 0
		for _, l := range []event.Entries{s.Decisions, event.EntriesOf(s.Requests)} {
			for _, e := range l.All() {
				if keep(e) {
					n++
				}
			}
		}
		return n
	}
	s0 := event.State{Scenario: sc}
	s1 := grow(s0, 10)
	s2 := grow(s1, 7)
	s3 := grow(s2, 1)
	other := s3
	ds := s3.Decisions.Slice()
	ds[len(ds)-1].Seq += 1000 // another session, as long
	if last := &ds[len(ds)-1]; last.Team == "fire" {
		last.Team = "police"
	} else {
		last.Team = "fire"
	}
	other.Decisions = event.EntriesOf(ds)
	f := NewFeed(&st, &keys, "nothing")
	f.SetSize(80, 10)
	keep := police
	for i, step := range []struct {
		s      event.State
		filter func(event.Entry) bool
	}{{s0, nil}, {s1, nil}, {s2, nil}, {s2, decisions}, {s3, nil}, {s1, nil}, {s3, nil}, {s3, police}, {other, nil}} {
		if step.filter != nil {
			keep = step.filter
		}
		if i == 0 || step.filter != nil {
			f.SetFilter(keep, "Kept")
		}
		f.SetState(step.s)
		if got, want := f.count(), want(step.s, keep); got != want {
			t.Fatalf("step %d: the feed counts %d, want %d", i, got, want)
		}
		v := f.View()
		if want := fmt.Sprintf("Kept · %d", want(step.s, keep)); !strings.Contains(v, want) {
			t.Fatalf("step %d: the title does not say %q:\n%s", i, want, v)
		}
		// And it shows what a fresh feed shows.
		fresh := NewFeed(&st, &keys, "nothing")
		fresh.SetSize(80, 10)
		fresh.SetFilter(keep, "Kept")
		fresh.SetState(step.s)
		if want := fresh.View(); v != want {
			t.Fatalf("step %d: the feed shows\n%s\nwant\n%s", i, v, want)
		}
	}
}

// TestFeedRedrawsWhenWhatItShowsChanges: a feed taken through new entries
// (kept and not), an answer to a request, corrections (amended, struck
// out, amended again, of an entry out of sight), scrolling, a new size and a
// different session draws at every step what a fresh feed draws.
func TestFeedRedrawsWhenWhatItShowsChanges(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	sc, other := twoTeams(t, "Police"), twoTeams(t, "Metropolitan Police")
	s := event.State{Scenario: sc}
	seq := int64(0)
	add := func(team string, kind string) {
		seq++
		// Long enough to wrap differently at each width.
		e := event.Entry{Seq: seq, Kind: kind, Team: team, Text: fmt.Sprintf("entry %d: %s", seq, strings.Repeat("hold the cordon ", 5))}
		if kind == event.RequestRecorded {
			s.Requests = append(slices.Clone(s.Requests), e)
		} else {
			s.Decisions = s.Decisions.Append(e)
		}
	}
	fix := func(of int64, struck bool) {
		seq++
		s.Fixes = append(slices.Clone(s.Fixes), event.Fix{Seq: seq, T: time.Duration(seq) * time.Minute, By: "participant:Pat", Struck: struck, Of: of,
			Text: fmt.Sprintf("corrected by %d", seq), Reason: "typed in haste"})
	}
	for _, filtered := range []bool{false, true} {
		var keep func(event.Entry) bool
		if filtered {
			keep = func(e event.Entry) bool { return e.Team == "police" }
		}
		s, seq = event.State{Scenario: sc}, 0
		f := NewFeed(&st, &keys, "nothing")
		f.SetSize(60, 8)
		f.SetFilter(keep, "Police")
		w, h := 60, 8
		for i, step := range []func(){
			func() {},
			func() { add("police", event.DecisionRecorded) },
			func() { add("fire", event.DecisionRecorded) },
			func() { add("police", event.RequestRecorded) },
			func() {
				s.Replies = append(slices.Clone(s.Replies), event.Reply{Request: seq, Text: "Yes, at 12:40."})
			},
			func() {
				for range 6 {
					add("police", event.DecisionRecorded)
				}
			},
			func() { fix(s.Decisions.At(s.Decisions.Len()-1).Seq, false) },
			func() { fix(s.Decisions.At(s.Decisions.Len()-2).Seq, true) },
			func() { fix(s.Decisions.At(s.Decisions.Len()-1).Seq, false) }, // amended again
			func() { fix(s.Decisions.At(0).Seq, false) },                   // below the screen
			func() { f.Update(tea.KeyMsg{Type: tea.KeyDown}) },
			func() { w, h = 70, 12; f.SetSize(w, h) },
			func() { s.Scenario = other },
			func() { f.Update(tea.KeyMsg{Type: tea.KeyHome}) },
			func() { // another session, as long, its last decision another
				ds := s.Decisions.Slice()
				last := &ds[len(ds)-1]
				last.Seq, last.Text = last.Seq+1000, "said in another session"
				s.Decisions = event.EntriesOf(ds)
			},
		} {
			step()
			f.SetState(s)
			got := f.View()
			fresh := NewFeed(&st, &keys, "nothing")
			fresh.SetSize(w, h)
			fresh.SetFilter(keep, "Police")
			fresh.SetState(s)
			fresh.offset = f.offset
			if want := fresh.View(); got != want {
				t.Fatalf("filtered %v, step %d: the feed shows\n%s\nwant\n%s", filtered, i, got, want)
			}
		}
	}
}

// twoTeams is a scenario of two teams, police (named police) and fire.
func twoTeams(t *testing.T, police string) *scenario.Scenario {
	t.Helper()
	sc, probs := scenario.Parse("test", []byte(`
title: Teams
duration: 1h
teams: [{id: police, name: "`+police+`"}, {id: fire, name: Fire}]
injects:
  - {id: I1, at: "00:05", title: Smoke, to: [police]}
`))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return sc
}

// TestFeedKeepsTheReadersPlace: a reader scrolled down a feed, filtered or
// not, still has the same entry at the top of the feed after several
// arrive at once, some of them kept and some not; the feed says how many
// newer ones are above when it is not filtered.
func TestFeedKeepsTheReadersPlace(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	sc := twoTeams(t, "Police")
	for _, filtered := range []bool{false, true} {
		var keep func(event.Entry) bool
		if filtered {
			keep = func(e event.Entry) bool { return e.Team == "police" }
		}
		s := event.State{Scenario: sc}
		add := func(team string) {
			e := event.Entry{Seq: int64(s.Decisions.Len() + 1), Kind: event.DecisionRecorded, Team: team}
			e.Text = fmt.Sprintf("entry %d", e.Seq)
			s.Decisions = s.Decisions.Append(e)
		}
		for range 5 {
			add("police")
		}
		f := NewFeed(&st, &keys, "nothing")
		f.SetSize(60, 8)
		f.SetFilter(keep, "Police")
		f.SetState(s)
		f.Update(tea.KeyMsg{Type: tea.KeyDown})
		f.Update(tea.KeyMsg{Type: tea.KeyDown})
		top := func() string { return strings.Split(f.View(), "\n")[3] } // the first entry's text
		was := top()
		add("police")
		add("fire")
		add("police")
		f.SetState(s)
		if got := top(); got != was {
			t.Errorf("filtered %v: the reader's place moved from %q to %q", filtered, was, got)
		}
		if !filtered && !strings.Contains(f.View(), "5 newer above") {
			t.Errorf("the feed does not say five newer entries are above:\n%s", f.View())
		}
	}
}

// TestFeedShowsCorrections: an amended entry shows its current words, its
// original struck through after "was:", and who amended it, when and why;
// a struck entry shows its words struck through and who struck it out,
// when and why; entries show their number. The strikethrough is drawn on
// a terminal that has it; the words say it on one that has not.
func TestFeedShowsCorrections(t *testing.T) {
	sc := twoTeams(t, "Police")
	s := event.State{Scenario: sc, Decisions: event.EntriesOf([]event.Entry{
		{Seq: 4, T: time.Minute, Kind: event.DecisionRecorded, By: "participant:Pat", Team: "police", Text: "Cordon the east entrance.", Rationale: "Smoke from the east", Stage: "options"},
		{Seq: 5, T: 2 * time.Minute, Kind: event.DecisionRecorded, By: "participant:Pat", Team: "police", Text: "Close the station.", Action: true},
	})}
	keys := theme.DefaultNavKeys()
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.TrueColor} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(p)
		st := theme.NewStyles(r)
		f := NewFeed(&st, &keys, "nothing")
		f.SetSize(70, 16)
		f.SetState(s)
		before := f.View()
		c := s
		c.Fixes = []event.Fix{
			{Seq: 6, T: 3 * time.Minute, By: "participant:Pat", Of: 4, Text: "Cordon the west entrance.", Reason: "wrong side"},
			{Seq: 7, T: 4 * time.Minute, By: "facilitator:ana", Of: 5, Struck: true, Reason: "entered twice"},
		}
		f.SetState(c)
		got := f.View()
		plain := ansi.Strip(got)
		for _, want := range []string{"#4 T+00:01:00", "#5 T+00:02:00 ACTION", "amended", "Cordon the west entrance.", "was: Cordon the east entrance.",
			"why: Smoke from the east", "stage: Identify options and contingencies",
			"✎ amended by Pat (participant) at T+00:03:00: wrong side", "struck out", "✗ struck out by ana (facilitator) at T+00:04:00: entered twice"} {
			if !strings.Contains(plain, want) {
				t.Errorf("%v: the feed does not show %q:\n%s", p, want, plain)
			}
		}
		if strings.Index(plain, "Cordon the west") > strings.Index(plain, "was: Cordon the east") {
			t.Errorf("%v: the original is shown before the corrected words:\n%s", p, plain)
		}
		if got == before {
			t.Errorf("%v: the feed did not redraw for the corrections", p)
		}
		fresh := NewFeed(&st, &keys, "nothing")
		fresh.SetSize(70, 16)
		fresh.SetState(c)
		if want := fresh.View(); got != want {
			t.Errorf("%v: the feed shows\n%s\nwant\n%s", p, got, want)
		}
		struck := strings.Contains(got, "\x1b[9m") || strings.Contains(got, ";9m") || strings.Contains(got, ";9;")
		if struck != (p == termenv.TrueColor) {
			t.Errorf("%v: strikethrough drawn %v:\n%q", p, struck, got)
		}
	}
}
