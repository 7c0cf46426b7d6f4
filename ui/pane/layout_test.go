package pane

import (
	"fmt"
	"strings"
	"testing"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/theme"
)

// manyInjects is the state of a session on a scenario of n injects, each
// from a long-named sender to seven teams, before anything happened.
func manyInjects(t *testing.T, n int) event.State {
	t.Helper()
	var b strings.Builder
	b.WriteString("title: Wide\nduration: 3h\nteams:\n")
	teams := []string{"met", "btp", "lfb", "las", "borough", "tfl", "gla"}
	for _, id := range teams {
		fmt.Fprintf(&b, "  - {id: %s, name: %s}\n", id, id)
	}
	b.WriteString("injects:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: L-%02d, at: \"00:%02d\", title: Crowds on the approaches to the station, from: TfL Network Management Control Centre, to: [%s]}\n",
			i+1, i, strings.Join(teams, ", "))
	}
	sc, probs := scenario.Parse("test", []byte(b.String()))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	s := event.Empty()
	s.Scenario, s.Injects, s.Choices = sc, event.NewInjects(n), map[string]string{}
	return s
}

// TestTallTerminalGivesTheFeedTheRowsTheTimelineLeaves: at 200×56 a
// timeline of thirty injects needs thirty-three rows; the rest go to the
// decision feed, not to empty MSEL rows. A short MSEL keeps half the
// height for the inject beside it. When the timeline lists more, the
// panes are laid out again.
func TestTallTerminalGivesTheFeedTheRowsTheTimelineLeaves(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	p := NewPanes(&st, &keys, nil, "none")
	p.Timeline.SetState(manyInjects(t, 5), 0, 1)
	p.Layout(&st, 200, 56)
	fh := st.Pane.GetVerticalFrameSize()
	if want := max(tallTop, 56/topShare) - fh; p.Timeline.h != want {
		t.Errorf("the timeline is %d rows inside for 5 injects, want %d", p.Timeline.h, want)
	}
	p.Timeline.SetState(manyInjects(t, 30), 0, 2)
	_ = p.View()
	if p.Timeline.h != 30+1 {
		t.Errorf("with 30 injects the timeline is %d rows inside, want 31", p.Timeline.h)
	}
	if got, want := p.Feed.h, 56-(30+1+fh)-fh; got != want {
		t.Errorf("the feed is %d rows inside, want %d", got, want)
	}
	// Never less than a quarter for the feed, whatever the timeline lists.
	p.Timeline.SetState(manyInjects(t, 59), 0, 3)
	_ = p.View()
	if p.Feed.h != 56/feedShare-fh {
		t.Errorf("with 59 injects the feed is %d rows inside, want %d", p.Feed.h, 56/feedShare-fh)
	}
}

// TestWideTimelineShowsEveryRecipient: on a wide timeline the recipients
// are whole; a long sender's name is cut instead.
func TestWideTimelineShowsEveryRecipient(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	p := NewPanes(&st, &keys, nil, "none")
	p.Timeline.SetState(manyInjects(t, 3), 0, 4)
	p.Layout(&st, 200, 56)
	v := p.Timeline.View()
	if !strings.Contains(v, "→ met,btp,lfb,las,borough,tfl,gla") {
		t.Errorf("the recipients are cut:\n%s", v)
	}
	if !strings.Contains(v, "Crowds on the approaches to the station") {
		t.Errorf("the title is cut:\n%s", v)
	}
}
