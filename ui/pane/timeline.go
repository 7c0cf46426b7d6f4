package pane

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/theme"
)

// Widths of the timeline's fixed columns.
const (
	cursorWidth   = 2
	timeWidth     = 5
	statusWidth   = 11
	wideTimeline  = 90 // at this inner width the sender shows too
	senderWidth   = 34
	midTimeline   = 60 // at this inner width the recipients show
	toWidth       = 16
	minTitleWidth = 8
)

// Timeline is the MSEL: every inject in due order with its status.
type Timeline struct {
	st      *theme.Styles
	keys    *theme.NavKeys
	w, h    int
	focused bool

	frame  FrameCache
	state  event.State
	now    time.Duration
	order  []int  // inject indexes in display order
	cur    Cursor // positions in order: the selected, the first shown
	idw    int    // width of the longest inject id
	titlew int    // width of the longest title
	keep   func(i int) bool

	// The rows as last drawn and what they were drawn from: the version
	// of the projection the state is shown through (sight.Projection),
	// the size, where the cursor and the scroll are, the focus, and how
	// many filters were set.
	version int64
	filters int
	drawn   string
	drawnOf timelineKey
	built   bool
}

// timelineKey is what the timeline's rows are drawn from.
type timelineKey struct {
	version                    int64
	filters, w, h, cursor, off int
	focused                    bool
}

// SetFilter shows only the injects keep accepts (all when nil).
func (t *Timeline) SetFilter(keep func(i int) bool) {
	t.keep = keep
	t.filters++
	if t.state.Scenario != nil {
		t.SetState(t.state, t.now, t.version)
	}
}

// NewTimeline returns an empty timeline pane.
func NewTimeline(st *theme.Styles, keys *theme.NavKeys) *Timeline {
	return &Timeline{st: st, keys: keys}
}

// SetState takes a new snapshot and the current exercise time, keeping the
// same inject selected; version is the version of the projection the
// snapshot is shown through (sight.Projection.Update).
func (t *Timeline) SetState(s event.State, now time.Duration, version int64) {
	sel := t.Selected()
	t.state, t.now, t.version = s, now, version
	t.order = DueOrder(&s)
	if t.keep != nil {
		t.order = slices.DeleteFunc(t.order, func(i int) bool { return !t.keep(i) })
	}
	t.idw, t.titlew = 0, 0
	for _, in := range s.Scenario.Injects {
		t.idw = max(t.idw, len(in.ID))
		t.titlew = max(t.titlew, lipgloss.Width(in.Title))
	}
	if sel >= 0 {
		if i := slices.Index(t.order, sel); i >= 0 {
			t.cur.Sel = i
		}
	}
	t.clamp()
}

// Len is the number of injects the timeline lists.
func (t *Timeline) Len() int { return len(t.order) }

// SetNow moves exercise time on without a new snapshot, to the
// projection's version at now.
func (t *Timeline) SetNow(now time.Duration, version int64) { t.now, t.version = now, version }

// DueOrder sorts timed injects by when they fall due (scheduled time plus
// delays), contingency injects last, otherwise in file order.
func DueOrder(s *event.State) []int {
	order := make([]int, s.Injects.Len())
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		da, ta := s.DueAt(a)
		db, tb := s.DueAt(b)
		switch {
		case ta != tb:
			if ta {
				return -1
			}
			return 1
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return 0
	})
	return order
}

// Selected returns the selected inject's index, or -1.
func (t *Timeline) Selected() int {
	if t.cur.Sel < 0 || t.cur.Sel >= len(t.order) {
		return -1
	}
	return t.order[t.cur.Sel]
}

// Select moves the cursor to inject index i.
func (t *Timeline) Select(i int) {
	if p := slices.Index(t.order, i); p >= 0 {
		t.cur.Sel = p
		t.clamp()
	}
}

func (t *Timeline) rows() int { return max(t.h-1, 1) } // one line for the title

func (t *Timeline) clamp() { t.cur.Clamp(len(t.order), t.rows()) }

// Update moves the cursor.
func (t *Timeline) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if !t.cur.Move(k, t.keys, len(t.order), t.rows()) && key.Matches(k, t.keys.NextDue) {
		t.SelectNextDue()
	}
	t.clamp()
	return nil
}

// SelectNextDue selects the first inject that is due, or else the next to
// fall due.
func (t *Timeline) SelectNextDue() {
	for p, i := range t.order {
		if t.state.Status(i, t.now) == event.Due {
			t.cur.Sel = p
			return
		}
	}
	if i := t.state.NextDue(t.now); i >= 0 {
		t.Select(i)
	}
}

// SetSize sets the inner size (inside the border).
func (t *Timeline) SetSize(w, h int) { t.w, t.h = w, h; t.clamp() }

// Focus gives the pane the keyboard.
func (t *Timeline) Focus() { t.focused = true }

// Blur takes the keyboard away.
func (t *Timeline) Blur() { t.focused = false }

// Help lists the pane's keys.
func (t *Timeline) Help() []key.Binding {
	return []key.Binding{t.keys.Up, t.keys.Down, t.keys.NextDue}
}

// View draws the visible rows only.
func (t *Timeline) View() string {
	if t.state.Scenario == nil {
		return ""
	}
	k := timelineKey{t.version, t.filters, t.w, t.h, t.cur.Sel, t.cur.Top, t.focused}
	if !t.built || k != t.drawnOf {
		t.drawn, t.drawnOf, t.built = t.draw(), k, true
	}
	return t.drawn
}

// draw draws the visible rows.
func (t *Timeline) draw() string {
	due := 0
	for i := range t.state.Injects.Len() {
		if t.state.Status(i, t.now) == event.Due {
			due++
		}
	}
	title := fmt.Sprintf("MSEL · %d injects", len(t.order))
	if n := t.state.Injects.Len(); len(t.order) != n {
		title = fmt.Sprintf("MSEL · %d of %d injects", len(t.order), n)
	}
	if due > 0 {
		title += fmt.Sprintf(" · %d due", due)
	}
	var b strings.Builder
	if len(t.order) == 0 {
		b.WriteString(t.st.Dim.Render("No inject matches the filter."))
	}
	end := min(t.cur.Top+t.rows(), len(t.order))
	for p := t.cur.Top; p < end; p++ {
		b.WriteString(t.row(p))
		if p < end-1 {
			b.WriteByte('\n')
		}
	}
	return t.frame.Frame(t.st, title, b.String(), t.w+2, t.h+2, t.focused)
}

// statusLabel is the word shown for an inject's status.
func (t *Timeline) statusLabel(i int, s event.Status) string {
	switch s {
	case event.Delayed:
		return "delayed+" + CompactDuration(t.state.Injects.At(i).Delay)
	case event.Released:
		if t.state.Injects.At(i).Auto {
			return "released·a"
		}
	}
	return s.String()
}

func (t *Timeline) row(p int) string {
	i := t.order[p]
	in := &t.state.Scenario.Injects[i]
	status := t.state.Status(i, t.now)
	at := "--:--"
	if d, ok := t.state.DueAt(i); ok {
		at = scenario.FormatOffset(d.Truncate(time.Minute))
	}
	cursor := "  "
	if p == t.cur.Sel {
		cursor = "▸ "
	}
	idw := t.idw
	fixed := cursorWidth + timeWidth + 1 + statusWidth + 1 + idw + 1
	titleW := t.w - fixed
	var sender string
	to := "→ " + strings.Join(in.To, ",")
	switch {
	case t.w >= wideTimeline:
		// The title takes what the longest title needs, within what the
		// sender leaves it; the sender column has the rest, and in it the
		// recipients are whole: the sender's name is cut first.
		titleW = min(titleW-senderWidth-1, max(t.titlew, minTitleWidth))
		sw := t.w - fixed - titleW - 1
		sender = " " + draw.Pad(draw.Truncate(in.From, max(sw-lipgloss.Width(to)-1, 1))+" "+to, sw)
	case t.w >= midTimeline:
		titleW -= toWidth + 1
		sender = " " + draw.Pad(to, toWidth)
	}
	titleW = max(titleW, minTitleWidth)
	line := cursor + draw.Pad(at, timeWidth) + " " + draw.Pad(t.statusLabel(i, status), statusWidth) + " " + draw.Pad(in.ID, idw) + " " + draw.Pad(in.Title, titleW) + sender
	line = draw.Pad(line, t.w)
	style := t.st.Status[status.String()]
	if p == t.cur.Sel {
		style = style.Inherit(t.st.Selected)
		if !t.focused {
			style = style.Reverse(false).Underline(true)
		}
	}
	return style.Render(line)
}
