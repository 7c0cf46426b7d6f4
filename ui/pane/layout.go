package pane

import (
	"ttx/ui/internal/draw"
	"ttx/ui/theme"
)

// Layout of the three-pane body.
const (
	minFeed   = 6 // outer height of the decision feed, at least
	minTop    = 8 // outer height of the panes above that Panes.MinFeed leaves, at least
	feedShare = 4 // the feed takes a quarter of the body's height
	// tallTop is the panes above's least outer height when the feed takes
	// the rows a short MSEL leaves: the selected inject beside it needs
	// room too. Below it, the feed keeps its quarter.
	tallTop     = 24
	topShare    = 2   // nor less than half the height
	leftPercent = 55  // share of the width for the timeline
	narrowLeft  = 60  // its share below narrowWidth
	narrowWidth = 100 // terminals narrower than this give the timeline more
	// detailMost is the selected inject's most outer width: on a wide
	// terminal the rest goes to the timeline, whose columns are cut.
	detailMost = 84
)

// Panes is the body every view shows: the MSEL timeline and the selected
// inject side by side, the decision feed below, one of them focused.
type Panes struct {
	Timeline *Timeline
	Detail   *Detail
	Feed     *Feed
	Ring
	join draw.JoinCache
	// MinFeed is the feed's least outer height where the panes above keep
	// minTop; minFeed when zero.
	MinFeed int
	// The last layout's styles and size, and how many injects the
	// timeline listed then: the rows it does not need go to the feed, so
	// a change in that number lays the panes out again.
	st     *theme.Styles
	w, h   int
	listed int
}

// NewPanes makes the three panes; emptyFeed is what the feed says when it
// has nothing to show.
func NewPanes(st *theme.Styles, keys *theme.NavKeys, md *theme.Markdown, emptyFeed string) *Panes {
	p := &Panes{Timeline: NewTimeline(st, keys), Detail: NewDetail(st, keys, md), Feed: NewFeed(st, keys, emptyFeed)}
	p.Ring = NewRing(p.Timeline, p.Detail, p.Feed)
	return p
}

// Layout sizes the panes to fill w×h cells.
// The feed takes a quarter of the height, or more where the timeline
// would leave rows empty: on a tall terminal the decisions get the rows
// the MSEL does not use, as long as the panes above keep tallTop and
// half the height.
func (p *Panes) Layout(st *theme.Styles, w, h int) {
	p.st, p.w, p.h, p.listed = st, w, h, p.Timeline.Len()
	fw, fh := st.Pane.GetHorizontalFrameSize(), st.Pane.GetVerticalFrameSize()
	feedH := max(minFeed, h/feedShare)
	if p.MinFeed > feedH && h-p.MinFeed >= minTop {
		feedH = p.MinFeed
	}
	if p.listed > 0 {
		// The timeline's title and every inject, and never less than
		// tallTop nor half the height.
		need := max(p.listed+1+fh, tallTop, h/topShare)
		if h-feedH > need {
			feedH = h - need
		}
	}
	topH := h - feedH
	leftW := w * leftPercent / 100
	if w < narrowWidth {
		leftW = w * narrowLeft / 100
	}
	leftW = max(leftW, w-detailMost)
	p.Timeline.SetSize(leftW-fw, topH-fh)
	p.Detail.SetSize(w-leftW-fw, topH-fh)
	p.Feed.SetSize(w-fw, feedH-fh)
}

// View draws the three panes.
func (p *Panes) View() string {
	p.refit()
	return p.join.Join(p.Timeline.View(), p.Detail.View(), p.Feed.View())
}

// Around draws the panes with above over them and below under them, as
// JoinLeft(above, View(), below) does.
func (p *Panes) Around(above, below string) string {
	p.refit()
	p.join.Set(p.Timeline.View(), p.Detail.View(), p.Feed.View())
	return p.join.Around(above, below)
}

// TimelineFocused reports whether the timeline has the keyboard.
func (p *Panes) TimelineFocused() bool { return p.FirstFocused() }

// refit lays the panes out again when the timeline lists a different
// number of injects than when they were laid out (a filter, an inject
// added): the feed has the rows the timeline does not use.
func (p *Panes) refit() {
	if p.st != nil && p.Timeline.Len() != p.listed {
		p.Layout(p.st, p.w, p.h)
	}
}
