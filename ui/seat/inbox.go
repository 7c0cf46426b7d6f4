package seat

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// inbox lists the injects a seat may see, newest release first, with an
// unread mark until the person has selected them. It holds only released
// injects sent to the seat's team or to all (every released inject for an
// observer), so nothing unreleased can reach the screen.
type inbox struct {
	st      *theme.Styles
	keys    *theme.NavKeys
	team    string // "" sees every released inject
	w, h    int
	focused bool
	items   []int // inject indexes, newest release first (event.State.NewerRelease)
	cur     pane.Cursor
	read    *ReadSet
	frame   pane.FrameCache
	state   event.State
	// The pane as last drawn, and what it was drawn from: listed counts
	// the changes to items. A seat redraws for every decision its person
	// may see, and the inbox, which no decision changes, was drawn again
	// each time, every row through its style.
	listed int
	was    []int // the items before the last state, and room for the next
	drawn  string
	drawOf inboxKey
}

// inboxKey is everything the inbox's drawing depends on.
type inboxKey struct {
	listed, sel, top, w, h int
	focused                bool
	read                   int64
	scenario               *scenario.Scenario
}

// ReadSet is the injects a person has opened; their seats share it.
type ReadSet struct {
	mu  sync.Mutex
	ids map[string]bool
	gen int64 // counts the marks that opened something new
}

// NewReadSet returns an empty set.
func NewReadSet() *ReadSet { return &ReadSet{ids: map[string]bool{}} }

// Has reports whether id was opened.
func (r *ReadSet) Has(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ids[id]
}

// Mark records that id was opened.
func (r *ReadSet) Mark(id string) {
	r.mu.Lock()
	if !r.ids[id] {
		r.ids[id] = true
		r.gen++
	}
	r.mu.Unlock()
}

// Gen changes whenever an id is opened for the first time.
func (r *ReadSet) Gen() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.gen
}

func newInbox(st *theme.Styles, keys *theme.NavKeys, team string, read *ReadSet) *inbox {
	return &inbox{st: st, keys: keys, team: team, read: read}
}

// visible reports whether inject i may be shown to the seat.
func (b *inbox) visible(s *event.State, i int) bool {
	return s.Injects.At(i).Released && (b.team == "" || s.Scenario.Injects[i].To.Includes(b.team))
}

// SetState takes a snapshot, keeping the selected inject selected.
func (b *inbox) SetState(s event.State) {
	sel := b.Selected()
	b.state = s
	b.was, b.items = b.items, b.was[:0]
	for i := range s.Injects.Len() {
		if b.visible(&s, i) {
			b.items = append(b.items, i)
		}
	}
	slices.SortFunc(b.items, func(x, y int) int { return s.NewerRelease(x, y) })
	if !slices.Equal(b.was, b.items) {
		b.listed++
	}
	if sel >= 0 {
		if p := slices.Index(b.items, sel); p >= 0 {
			b.cur.Sel = p
		}
	}
	b.clamp()
}

// Selected returns the selected inject's index, or -1.
func (b *inbox) Selected() int {
	if b.cur.Sel < 0 || b.cur.Sel >= len(b.items) {
		return -1
	}
	return b.items[b.cur.Sel]
}

// Unread counts the visible injects not yet selected.
func (b *inbox) Unread() int {
	n := 0
	for _, i := range b.items {
		if !b.read.Has(b.state.Scenario.Injects[i].ID) {
			n++
		}
	}
	return n
}

// markRead marks the selected inject read: the person moved to it.
func (b *inbox) markRead() {
	if i := b.Selected(); i >= 0 {
		b.read.Mark(b.state.Scenario.Injects[i].ID)
	}
}

func (b *inbox) rows() int { return max(b.h-1, 1) }

func (b *inbox) clamp() { b.cur.Clamp(len(b.items), b.rows()) }

// Update moves the selection.
func (b *inbox) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	if !b.cur.Move(k, b.keys, len(b.items), b.rows()) && k.String() != "enter" {
		return nil
	}
	b.clamp()
	b.markRead()
	return nil
}

// SetSize sets the inner size.
func (b *inbox) SetSize(w, h int) { b.w, b.h = w, h; b.clamp() }

// Focus gives the pane the keyboard.
func (b *inbox) Focus() { b.focused = true }

// Blur takes it away.
func (b *inbox) Blur() { b.focused = false }

// Help lists the pane's keys.
func (b *inbox) Help() []key.Binding { return []key.Binding{b.keys.Up, b.keys.Down} }

// View draws the visible rows, or returns them as last drawn when
// nothing they depend on changed.
func (b *inbox) View() string {
	k := inboxKey{listed: b.listed, sel: b.cur.Sel, top: b.cur.Top, w: b.w, h: b.h, focused: b.focused, read: b.read.Gen(), scenario: b.state.Scenario}
	if b.drawn == "" || k != b.drawOf {
		b.drawn, b.drawOf = b.draw(), k
	}
	return b.drawn
}

func (b *inbox) draw() string {
	title := "Inbox · " + pane.Plural(len(b.items), "message")
	if n := b.Unread(); n > 0 {
		title += fmt.Sprintf(" · %d unread", n)
	}
	var lines []string
	if len(b.items) == 0 {
		lines = append(lines, b.st.Dim.Render("Nothing yet. Messages appear here as the exercise sends them."))
	}
	end := min(b.cur.Top+b.rows(), len(b.items))
	for p := b.cur.Top; p < end; p++ {
		i := b.items[p]
		in := &b.state.Scenario.Injects[i]
		unread := !b.read.Has(in.ID)
		mark := "  "
		if unread {
			mark = "● "
		}
		line := mark + clock.Format(b.state.Injects.At(i).ReleasedT) + " " + in.Title
		line = draw.Pad(line, b.w)
		style := b.st.Status["pending"]
		if unread {
			style = b.st.Label
		}
		if p == b.cur.Sel {
			style = style.Inherit(b.st.Selected)
		}
		lines = append(lines, style.Render(line))
	}
	return b.frame.Frame(b.st, title, strings.Join(lines, "\n"), b.w+2, b.h+2, b.focused)
}

// message shows one released inject as its recipients receive it: no
// expected actions, no controller notes.
type message struct {
	pane.ScrollPane
	st *theme.Styles
	md *theme.Markdown
	// shown is the inject shown and the width it was laid out for, when
	// showing: a seat asks again at every new state.
	shown   [2]int
	showing bool
}

func newMessage(st *theme.Styles, keys *theme.NavKeys, md *theme.Markdown) *message {
	return &message{ScrollPane: pane.NewScrollPane(st, keys), st: st, md: md}
}

// Show displays inject i of s (or nothing for -1).
func (m *message) Show(s *event.State, i int) {
	w := m.Width()
	if m.showing && m.shown == [2]int{i, w} {
		return
	}
	m.shown, m.showing = [2]int{i, w}, true
	if i < 0 {
		m.SetContent("", false)
		return
	}
	in := &s.Scenario.Injects[i]
	var b strings.Builder
	b.WriteString(m.st.Title.Render(strings.Join(draw.Wrap(in.Title, w), "\n")) + "\n")
	row := func(label, value string) {
		if value != "" {
			b.WriteString(m.st.Label.Render(draw.Pad(label, 9)) + " " + draw.Truncate(value, max(w-10, 5)) + "\n")
		}
	}
	row("From", in.From)
	row("Via", in.Channel)
	row("Received", clock.Format(s.Injects.At(i).ReleasedT))
	b.WriteString("\n" + m.md.Render(in.Body, w))
	m.SetContent(b.String(), false)
}

// SetSize sets the inner size.
func (m *message) SetSize(w, h int) {
	m.ScrollPane.SetSize(w, h)
	m.showing = false
}

// View draws the pane.
func (m *message) View() string { return m.Frame("Message") }

// bannerFor is how long a broadcast stays on every seat's screen.
const bannerFor = 10 * time.Minute
