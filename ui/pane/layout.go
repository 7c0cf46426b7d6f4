package pane

import (
	"ttx/ui/internal/draw"
	"ttx/ui/theme"
)

// Layout of the three-pane body.
const (
	minFeed     = 6   // outer height of the decision feed, at least
	minTop      = 8   // outer height of the panes above that Panes.MinFeed leaves, at least
	feedShare   = 4   // the feed takes a quarter of the body's height
	leftPercent = 55  // share of the width for the timeline
	narrowLeft  = 60  // its share below narrowWidth
	narrowWidth = 100 // terminals narrower than this give the timeline more
)

// Panes is the body every view shows: the MSEL timeline and the selected
// inject side by side, the decision feed below, one of them focused.
type Panes struct {
	Timeline *Timeline
	Detail   *Detail
	Feed     *Feed
	list     []Pane
	focus    int
	join     draw.JoinCache
	// MinFeed is the feed's least outer height where the panes above keep
	// minTop; minFeed when zero.
	MinFeed int
}

// NewPanes makes the three panes; emptyFeed is what the feed says when it
// has nothing to show.
func NewPanes(st *theme.Styles, keys *theme.NavKeys, md *theme.Markdown, emptyFeed string) *Panes {
	p := &Panes{Timeline: NewTimeline(st, keys), Detail: NewDetail(st, keys, md), Feed: NewFeed(st, keys, emptyFeed)}
	p.list = []Pane{p.Timeline, p.Detail, p.Feed}
	p.Timeline.Focus()
	return p
}

// Layout sizes the panes to fill w×h cells.
func (p *Panes) Layout(st *theme.Styles, w, h int) {
	feedH := max(minFeed, h/feedShare)
	if p.MinFeed > feedH && h-p.MinFeed >= minTop {
		feedH = p.MinFeed
	}
	topH := h - feedH
	leftW := w * leftPercent / 100
	if w < narrowWidth {
		leftW = w * narrowLeft / 100
	}
	fw, fh := st.Pane.GetHorizontalFrameSize(), st.Pane.GetVerticalFrameSize()
	p.Timeline.SetSize(leftW-fw, topH-fh)
	p.Detail.SetSize(w-leftW-fw, topH-fh)
	p.Feed.SetSize(w-fw, feedH-fh)
}

// View draws the three panes.
func (p *Panes) View() string {
	return p.join.Join(p.Timeline.View(), p.Detail.View(), p.Feed.View())
}

// Around draws the panes with above over them and below under them, as
// JoinLeft(above, View(), below) does.
func (p *Panes) Around(above, below string) string {
	p.join.Set(p.Timeline.View(), p.Detail.View(), p.Feed.View())
	return p.join.Around(above, below)
}

// Focused returns the pane that has the keyboard.
func (p *Panes) Focused() Pane { return p.list[p.focus] }

// TimelineFocused reports whether the timeline has the keyboard.
func (p *Panes) TimelineFocused() bool { return p.focus == 0 }

// Cycle gives the keyboard to the next pane, or the previous one.
func (p *Panes) Cycle(back bool) {
	p.list[p.focus].Blur()
	step := 1
	if back {
		step = len(p.list) - 1
	}
	p.focus = (p.focus + step) % len(p.list)
	p.list[p.focus].Focus()
}
