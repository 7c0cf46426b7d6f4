package paint

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// What one connection can cost the server is bounded here, so that no
// participant, by accident or on purpose, can slow or stop the others.
//
// A seat's frame is as large as its terminal, and it is drawn and kept
// several times over (each pane's cache, the joined screen, the painter's
// lines). A terminal of 65000×65000 asked for a frame of four thousand
// million cells: the server grew by gigabytes and every other seat waited
// behind the one drawing it. A seat now draws at most MaxWidth ×
// MaxHeight cells, in the top left corner of a larger terminal, and
// takes a new size at most once per ResizeEvery.

// MaxWidth and MaxHeight are the largest terminal a seat draws for.
// Larger ones are drawn for at this size; the rest of the screen stays
// blank.
const (
	MaxWidth  = 500
	MaxHeight = 300
)

// ResizeEvery is the shortest time between two sizes a seat takes: a
// person dragging a window's corner sees the last size within it, and a
// flood of size changes costs at most ten redraws a second.
const ResizeEvery = 100 * time.Millisecond

// Clamp is the size a seat draws for in a terminal of msg's size.
func Clamp(msg tea.WindowSizeMsg) tea.WindowSizeMsg {
	return tea.WindowSizeMsg{Width: min(max(msg.Width, 0), MaxWidth), Height: min(max(msg.Height, 0), MaxHeight)}
}

// resizeDueMsg is sent by a seat's Sizer when a size that came too soon
// after the last may be taken.
type resizeDueMsg struct{}

// Sizer decides when a seat takes a new terminal size: at once if the
// last came long enough ago, else once ResizeEvery has passed, and only
// the latest of those that came in between. A size equal to the last is
// taken too: the terminal may have been changed and changed back, and the
// seat draws it again whole.
type Sizer struct {
	now     func() time.Time  // time.Now if nil
	last    time.Time         // when a size was last taken
	next    tea.WindowSizeMsg // the latest size not yet taken
	known   bool              // a size has been taken
	waiting bool              // a resizeDueMsg is on its way
}

// Offer reports whether the seat takes size msg now, and the size it
// takes; if not now, cmd brings a resizeDueMsg when it may.
func (z *Sizer) Offer(msg tea.WindowSizeMsg) (tea.WindowSizeMsg, bool, tea.Cmd) {
	msg = Clamp(msg)
	z.next = msg
	if z.waiting {
		return msg, false, nil
	}
	if wait := ResizeEvery - z.clock().Sub(z.last); z.known && wait > 0 {
		z.waiting = true
		return msg, false, tea.Tick(wait, func(time.Time) tea.Msg { return resizeDueMsg{} })
	}
	return z.take()
}

// due is Offer's answer once the wait is over.
func (z *Sizer) due() tea.WindowSizeMsg {
	z.waiting = false
	size, _, _ := z.take()
	return size
}

func (z *Sizer) take() (tea.WindowSizeMsg, bool, tea.Cmd) {
	z.known, z.last = true, z.clock()
	return z.next, true, nil
}

func (z *Sizer) clock() time.Time {
	if z.now == nil {
		return time.Now()
	}
	return z.now()
}
