package pane

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// TestCachesNeverServeAStaleFrame: over inputs that change one at a time
// and come back, FrameCache and JoinCache (with a header and footer around
// the join, or not) give exactly what drawing afresh gives.
func TestCachesNeverServeAStaleFrame(t *testing.T) {
	st := theme.DefaultStyles()
	other := theme.DefaultStyles()
	type in struct {
		st             *theme.Styles
		title, content string
		w, h           int
		focused        bool
	}
	steps := []in{
		{&st, "Feed", "a\nb", 20, 6, false},
		{&st, "Feed", "a\nb", 20, 6, false},
		{&st, "Feed · 2", "a\nb", 20, 6, false},
		{&st, "Feed · 2", "a\nb\nc", 20, 6, false},
		{&st, "Feed · 2", "a\nb\nc", 24, 6, false},
		{&st, "Feed · 2", "a\nb\nc", 24, 7, false},
		{&st, "Feed · 2", "a\nb\nc", 24, 7, true},
		{&other, "Feed · 2", "a\nb\nc", 24, 7, true},
		{&st, "Feed", "a\nb", 20, 6, false},
	}
	var fc FrameCache
	var jc draw.JoinCache
	prev := ""
	for i, s := range steps {
		got := fc.Frame(s.st, s.title, s.content, s.w, s.h, s.focused)
		want := Frame(s.st, s.title, s.content, s.w, s.h, s.focused)
		if got != want {
			t.Fatalf("step %d: FrameCache gave\n%s\nwant\n%s", i, got, want)
		}
		// Join this frame with the one before, in turn on each side.
		// Views Set the panes and put the header and footer around them
		// without asking for the join; every other time, ask for it first.
		for k, parts := range [][3]string{{want, prev, "below"}, {prev, want, "below"}, {prev, prev, want}, {prev, prev, "below"}} {
			fresh := lipgloss.JoinVertical(lipgloss.Left, lipgloss.JoinHorizontal(lipgloss.Top, parts[0], parts[1]), parts[2])
			if (i+k)%2 == 0 {
				jc.Set(parts[0], parts[1], parts[2])
			} else if j := jc.Join(parts[0], parts[1], parts[2]); j != fresh {
				t.Fatalf("step %d: draw.JoinCache gave\n%s\nwant\n%s", i, j, fresh)
			}
			// A header and footer around it, narrower, as wide and wider.
			for _, hf := range [][2]string{{"head", "foot\nkeys"}, {"", ""}, {strings.Repeat("h", lipgloss.Width(fresh)), "f"}, {"h", strings.Repeat("🚒", 40)}, {"wide header " + want + prev, "f"}} {
				if got, want := jc.Around(hf[0], hf[1]), lipgloss.JoinVertical(lipgloss.Left, hf[0], fresh, hf[1]); got != want {
					t.Fatalf("step %d: draw.JoinCache.Around(%q, %q) gave\n%q\nwant\n%q", i, hf[0], hf[1], got, want)
				}
			}
			if j := jc.Join(parts[0], parts[1], parts[2]); j != fresh {
				t.Fatalf("step %d: draw.JoinCache gave, after Around,\n%s\nwant\n%s", i, j, fresh)
			}
		}
		prev = want
	}
}

// twoInjects is the state of a session on a scenario of two injects for
// one team, I1 followed by a branch point, before anything happened.
func twoInjects(t *testing.T) event.State {
	t.Helper()
	sc, probs := scenario.Parse("test", []byte(`
title: Detail
duration: 1h
teams: [{id: police, name: Police}]
branches:
  - {id: B1, title: Evacuate?, after: I1, options: [{id: "yes", label: "Yes"}, {id: "no", label: "No"}]}
injects:
  - {id: I1, at: "00:05", title: Smoke, to: [police]}
  - {id: I2, at: "00:10", title: Fire, to: [police]}
`))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	s := event.Empty()
	s.Scenario, s.Injects, s.Choices = sc, event.NewInjects(2), map[string]string{}
	return s
}

// TestDetailRebuildsWhenWhatItShowsChanges: a Detail fed one state after
// another through a projection (decisions on other injects and on its
// own, a release, a branch choice, a decision amended then struck out, a wider pane, a state from before, the
// same state again) shows at every step what a fresh Detail shows for
// that state.
func TestDetailRebuildsWhenWhatItShowsChanges(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	md := theme.NewMarkdown("notty", nil)
	s := twoInjects(t)
	decide := func(inject, text string) {
		s.Decisions = s.Decisions.Append(event.Entry{Seq: s.Seq, Kind: event.DecisionRecorded, Team: "police", Text: text, Inject: inject})
	}
	var states []event.State
	keep := func() {
		s.Seq++ // every change to a session is an event
		c := s
		// Decisions are Entries: appending to s leaves c's as they are.
		c.Choices = maps.Clone(s.Choices)
		c.Fixes = slices.Clone(s.Fixes)
		states = append(states, c)
	}
	keep()
	decide("I2", "Other inject")
	keep()
	decide("I1", "Cordon at 100 m")
	keep()
	decide("", "Not about an inject")
	keep()
	s.Injects = s.Injects.With(0, event.InjectState{Delay: 2 * time.Minute})
	keep()
	s.Injects = s.Injects.With(0, event.InjectState{Delay: 4 * time.Minute}) // still delayed, by more
	keep()
	s.Injects = s.Injects.With(0, event.InjectState{Released: true, ReleasedT: 5 * time.Minute, ReleasedBy: "facilitator:ana"})
	keep()
	s.Choices["B1"] = "yes"
	keep()
	decide("I1", "Evacuate the station")
	keep()
	s.Fixes = append(slices.Clone(s.Fixes), event.Fix{Seq: s.Seq, Of: s.Decisions.At(1).Seq, Text: "Cordon at 200 m", Reason: "misheard"})
	keep()
	s.Fixes = append(slices.Clone(s.Fixes), event.Fix{Seq: s.Seq, Of: s.Decisions.At(1).Seq, Struck: true, Reason: "superseded"})
	keep()
	states = append(states, states[2], states[len(states)-1], states[len(states)-1])

	d := NewDetail(&st, &keys, md)
	proj := sight.NewProjection(sight.Everything)
	d.SetSize(60, 40)
	for step, s := range states {
		if step == 3 {
			d.SetSize(70, 40)
		}
		proj.Update(&s, 0)
		d.Show(&s, proj, 0, 0)
		fresh, freshProj := NewDetail(&st, &keys, md), sight.NewProjection(sight.Everything)
		fresh.SetSize(d.w, 40)
		freshProj.Update(&s, 0)
		fresh.Show(&s, freshProj, 0, 0)
		if got, want := d.View(), fresh.View(); got != want {
			t.Fatalf("step %d: the detail shows\n%s\nwant\n%s", step, got, want)
		}
	}
}

// TestScrollPaneNeverServesAStaleView: a ScrollPane taken through new
// text, scrolling, resizing and focus draws at every step what a fresh
// viewport in the same place draws, framed.
func TestScrollPaneNeverServesAStaleView(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	long := strings.Repeat("line of the message\n", 30) + "last"
	p := NewScrollPane(&st, &keys)
	p.SetSize(30, 8)
	text := ""
	set := func(s string, keep bool) func() {
		return func() { text = s; p.SetContent(s, keep) }
	}
	steps := []func(){
		func() {},
		set("short", false),
		set("other", false),
		set(long, false),
		func() { p.Update(tea.KeyMsg{Type: tea.KeyDown}) },
		func() { p.Update(tea.KeyMsg{Type: tea.KeyPgDown}) },
		set(strings.ReplaceAll(long, "line", "LINE"), true),
		func() { p.SetSize(40, 10) },
		func() { p.Focus() },
		func() { p.Update(tea.KeyMsg{Type: tea.KeyEnd}) },
		set("short", false),
	}
	for i, step := range steps {
		step()
		vp := viewport.New(p.w, max(p.h-1, 1))
		vp.SetContent(text)
		vp.SetYOffset(p.vp.YOffset)
		title := "Message"
		if vp.TotalLineCount() > vp.Height {
			title += " · " + scrolledTo(vp.ScrollPercent())
		}
		if got, want := p.Frame("Message"), Frame(&st, title, vp.View(), p.w+2, p.h+2, p.focused); got != want {
			t.Fatalf("step %d: the pane shows\n%s\nwant\n%s", i, got, want)
		}
	}
}
