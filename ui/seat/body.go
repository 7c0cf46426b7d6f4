package seat

import (
	"slices"
	"time"

	"ttx/exercise/event"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// body is what a seat shows between its header and its footer: the panes
// its role has, which of them has the keyboard, and which inject is
// selected. A participant's and an observer's seat has an inbox body (the
// messages sent to them, the one open, the decisions they may see); an
// evaluator's a panes body (the MSEL timeline, the selected inject, every
// decision), as the controllers' seats will.
type body interface {
	// SetState shows s, at exercise time now, keeping the selection.
	SetState(s event.State, now time.Duration)
	// Tick moves the clock on to now, with no new state: injects fall
	// due as time passes.
	Tick(s *event.State, now time.Duration)
	// Layout sizes the panes to fill w×h cells.
	Layout(w, h int)
	// Focused is the pane that has the keyboard; Cycle gives it to the
	// next, or the one before.
	Focused() pane.Pane
	Cycle(back bool)
	// Selected is the selected inject's index, -1 for none; Select
	// selects inject i if the body shows it.
	Selected() int
	Select(i int)
	// Show shows the selected inject, once a key moved the selection.
	Show(s *event.State, now time.Duration)
	// Around draws the panes with above over them and below under them.
	Around(above, below string) string
}

// Layout of an inbox body: the inbox and the open message side by side,
// the decision feed below.
const (
	inboxPercent = 40 // share of the width for the inbox
	inboxFeed    = 6  // outer height of the decision feed, at least
	// inboxFeedShare: the decision feed takes a third of the body.
	inboxFeedShare = 3
)

// inboxBody is a participant's or an observer's body.
type inboxBody struct {
	st    *theme.Styles
	inbox *inbox
	msg   *message
	feed  *pane.Feed
	pane.Ring
	join draw.JoinCache
}

func newInboxBody(st *theme.Styles, keys *theme.NavKeys, md *theme.Markdown, team string, read *ReadSet, feed *pane.Feed) *inboxBody {
	b := &inboxBody{st: st, inbox: newInbox(st, keys, team, read), msg: newMessage(st, keys, md), feed: feed}
	b.Ring = pane.NewRing(b.inbox, b.msg, b.feed)
	return b
}

func (b *inboxBody) SetState(s event.State, _ time.Duration) {
	b.inbox.SetState(s)
	b.feed.SetState(s)
}

func (b *inboxBody) Tick(*event.State, time.Duration) {}

func (b *inboxBody) Layout(w, h int) {
	fw, fh := b.st.Pane.GetHorizontalFrameSize(), b.st.Pane.GetVerticalFrameSize()
	feedH := max(inboxFeed, h/inboxFeedShare)
	topH := h - feedH
	leftW := w * inboxPercent / 100
	b.inbox.SetSize(leftW-fw, topH-fh)
	b.msg.SetSize(w-leftW-fw, topH-fh)
	b.feed.SetSize(w-fw, feedH-fh)
}

func (b *inboxBody) Selected() int { return b.inbox.Selected() }

func (b *inboxBody) Select(i int) {
	if p := slices.Index(b.inbox.items, i); p >= 0 {
		b.inbox.cur.Sel = p
		b.inbox.clamp()
	}
}

// Show opens the selected message, which marks it read: it is on the
// person's screen, whether they moved to it or it was selected when they
// joined.
func (b *inboxBody) Show(s *event.State, _ time.Duration) {
	b.msg.Show(s, b.inbox.Selected())
	b.inbox.markRead()
}

func (b *inboxBody) Around(above, below string) string {
	b.join.Set(b.inbox.View(), b.msg.View(), b.feed.View())
	return b.join.Around(above, below)
}

// panesBody is an evaluator's body: the console's three panes, which
// memoise on the version of the seat's projection.
type panesBody struct {
	st   *theme.Styles
	proj *sight.Projection
	*pane.Panes
}

// evaluatorFeed is the least outer height of an evaluator's feed: its
// border and title, and two decisions of a line each.
const evaluatorFeed = 2 + 1 + 2*2

func newPanesBody(st *theme.Styles, keys *theme.NavKeys, md *theme.Markdown, proj *sight.Projection) *panesBody {
	b := &panesBody{st: st, proj: proj, Panes: pane.NewPanes(st, keys, md, "No decisions yet.")}
	// Room for two decisions, as on every seat at a room's 110×30: a
	// quarter of the screen held one there, and of two that reach the
	// seat together (saved with one write, or while it waited its turn
	// to draw) only the newer was ever on screen.
	b.MinFeed = evaluatorFeed
	return b
}

func (b *panesBody) SetState(s event.State, now time.Duration) {
	b.Timeline.SetState(s, now, b.proj.MSEL())
	b.Feed.SetState(s)
}

func (b *panesBody) Tick(s *event.State, now time.Duration) {
	b.Timeline.SetNow(now, b.proj.MSEL())
	b.Show(s, now)
}

func (b *panesBody) Layout(w, h int) { b.Panes.Layout(b.st, w, h) }

func (b *panesBody) Selected() int { return b.Timeline.Selected() }

func (b *panesBody) Select(i int) { b.Timeline.Select(i) }

func (b *panesBody) Show(s *event.State, now time.Duration) {
	b.Detail.Show(s, b.proj, b.Timeline.Selected(), now)
}
