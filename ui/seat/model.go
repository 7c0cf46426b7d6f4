// Package seat is what a person sees when they join a live session over
// SSH: a participant's team inbox and decision form, an evaluator's
// read-only controller view with observations, an observer's view of what
// has been released and decided. The SSH server that gives each
// connection its seat is ui/seat/sshd.
package seat

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/form"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// keyMap holds every key a seat answers to.
type keyMap struct {
	theme.NavKeys
	theme.FormKeys
	theme.ViewKeys
	Decision    key.Binding
	Action      key.Binding
	Request     key.Binding
	Observation key.Binding
	Correct     key.Binding
	Broadcasts  key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		NavKeys:     theme.DefaultNavKeys(),
		FormKeys:    theme.DefaultFormKeys(),
		ViewKeys:    theme.DefaultViewKeys("leave"),
		Decision:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "decision")),
		Action:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "action")),
		Request:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "request")),
		Observation: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "observation")),
		Correct:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "correct")),
		Broadcasts:  key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "broadcasts")),
	}
}

// Options configure a seat.
type Options struct {
	theme.ViewOptions
	// Read remembers which injects the person has opened, across
	// reconnections and between their seats.
	Read *ReadSet
	// Limit throttles the person's submissions; nil for none.
	Limit *Limiter
	// Renderer draws the seat's styles and Markdown, in its terminal's
	// colour profile and for its background (an SSH seat's comes from its
	// session, bubbletea.MakeRenderer); lipgloss's default when nil.
	Renderer *lipgloss.Renderer
	// Entries holds the decision feed's entries as drawn, shared by the
	// seats drawn in the same styles (Renderer's colour profile and
	// background) on the session; nil for the seat's own only.
	Entries *pane.EntryLines
}

// Model is one person's seat.
type Model struct {
	sess    session.Live
	actor   session.Actor
	opts    Options
	st      theme.Styles
	keys    keyMap
	help    help.Model
	state   event.State
	updates <-chan event.State
	cancel  func()
	// next is where the subscription puts the next state
	// (pane.WaitForStateIn).
	next pane.StateMsg
	// proj is what the seat's person may see of the session; a new
	// state redraws the seat only when its version changes.
	proj *sight.Projection
	seen int64

	// What the seat shows under its header: an inbox body for a
	// participant or an observer, a panes body for an evaluator; feed is
	// the decision feed in it, which catches up (paint.Behind).
	body  body
	feed  *pane.Feed
	modal *form.Modal
	// pick is what the first form of a correction chose, until the
	// second opens (openFix).
	pick   *fixPick
	flash  string
	isErr  bool
	ended  bool // the seat is closing: the session ended
	helpOn bool
	// castsOn shows the facilitator's broadcasts whole, over the body:
	// the banner has one line for the latest.
	castsOn bool
	w, h    int
	// The last frame, drawn again only when something the seat shows has
	// changed (a new version of its sight, a key, a tick, the person's
	// read marks): with two hundred seats open, every decision would
	// otherwise redraw every screen.
	frame   string
	dirty   bool
	readGen int64
	// The key help under the seat, laid out again only for a new width:
	// the keys never change, and laying them out was a tenth of a redraw.
	keyHelp draw.Memo
	// The header's two lines, drawn again when what they say changes: a
	// decision does not change them, the clock does once a second.
	head [2]draw.Memo
	// The footer's status line, drawn again when the flash or the width
	// changes: styling its blank was a tenth of a seat's redraw.
	status draw.Memo
}

// New returns the seat of actor, whose role decides what it shows.
func New(sess session.Live, actor session.Actor, opts Options) *Model {
	opts.ViewOptions = opts.WithDefaults(time.Second)
	if opts.Read == nil {
		opts.Read = NewReadSet()
	}
	st := theme.DefaultStyles()
	if opts.Renderer != nil {
		st = theme.NewStyles(opts.Renderer)
	}
	keyHelp := help.New()
	keyHelp.Styles = st.KeyHelp
	m := &Model{sess: sess, actor: actor, opts: opts, st: st, keys: newKeyMap(), help: keyHelp,
		proj: sight.NewProjection(sight.Audience{Role: actor.Role, Team: actor.Team}), seen: -2}
	md := theme.NewMarkdown(opts.MarkdownStyle, opts.Renderer)
	if actor.Role == scenario.RoleEvaluator {
		b := newPanesBody(&m.st, &m.keys.NavKeys, md, m.proj)
		m.body, m.feed = b, b.Feed
	} else {
		empty, title := "No decisions yet.", "Decisions"
		if actor.Role == scenario.RoleParticipant {
			empty, title = "No decisions from your team yet. Press d to record one.", "Your team's decisions and requests"
		}
		m.feed = pane.NewFeed(&m.st, &m.keys.NavKeys, empty)
		m.feed.SetFilter(m.feedFilter(), title)
		m.body = newInboxBody(&m.st, &m.keys.NavKeys, md, actor.Team, opts.Read, m.feed)
	}
	m.feed.SetShared(opts.Entries)
	m.updates, m.cancel = sess.Subscribe()
	m.setState(sess.State())
	return m
}

// feedFilter keeps what the seat may see: its team's decisions and
// requests for a participant; decisions for an observer. It is the rule
// the seat's sight follows, so the feed never shows what does not redraw
// the seat, nor the seat redraw for what the feed leaves out.
func (m *Model) feedFilter() func(event.Entry) bool { return m.proj.Sees }

// tickMsg is sent by the seat's timer to move the clock on.
type tickMsg time.Time

// doneMsg is sent when a submission returns from the session.
type doneMsg struct {
	what string
	ev   event.Event
	err  error
	// late says how a submission the record did not confirm turned out;
	// kept is the form that kept it.
	late bool
	kept *form.Modal
}

// endMsg is sent a moment after the session ends, to close the seat.
type endMsg struct{}

// Init starts the clock and the subscription.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.tick(), pane.WaitForStateIn(m.updates, &m.next))
}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(m.opts.Tick, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Behind reports whether the seat's last frame showed decisions it had
// never shown: more arrived together than its feed holds, and it shows
// them a screenful at a time. Its painter takes that frame as a page,
// which it paints whatever comes after, calls Seen and has the seat draw
// the next (paint.Behind).
func (m *Model) Behind() bool { return m.feed.Behind() }

// Seen tells the seat that the frame that made it Behind is on its
// terminal, or bound to be (a page its painter paints whatever comes
// after): it draws the next.
func (m *Model) Seen() {
	m.feed.Seen()
	m.dirty = true
}

// Marks counts the seat's drawings of decisions never shown that moved
// its feed on: the seat's painter takes each as a page (paint.Behind).
func (m *Model) Marks() uint64 { return m.feed.Marks() }

// SeenCount counts the decisions Seen has counted seen so far.
func (m *Model) SeenCount() uint64 { return m.feed.SeenCount() }

// Unsee takes back what Seen counted seen since SeenCount was n: its
// painter dropped the pages that showed them, drawn for a terminal size
// that has gone, and the seat draws them again.
func (m *Model) Unsee(n uint64) {
	m.feed.Unsee(n)
	m.dirty = true
}

// SetCatchUp makes the seat show every decision it may show at least
// once, however many arrive together, a screenful at a time; only a seat
// whose painter says when a frame is on screen (Seen) can, and
// paint.NewSeat turns it on.
func (m *Model) SetCatchUp(on bool) { m.feed.SetCatchUp(on) }

// Close stops the seat's subscription.
func (m *Model) Close() { m.cancel() }

// Update dispatches: the open form, then keys, then size, then the rest.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case *pane.StateMsg:
		return m, m.handleState(&msg.State)
	case pane.StateMsg:
		return m, m.handleState(&msg.State)
	}
	m.dirty = true // a new state (above) redraws the seat only if its sight changed
	switch msg := msg.(type) {
	case PasteCutMsg:
		m.pasteCut()
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tickMsg:
		// Injects fall due as time passes, with no event to say so.
		now := m.now()
		m.seen = m.proj.Update(&m.state, now)
		m.body.Tick(&m.state, now)
		return m, m.tick()
	case doneMsg:
		return m, m.handleDone(msg)
	case endMsg:
		return m, tea.Quit
	}
	cmd, _ := form.Route(&m.modal, msg, m.keys.FormKeys)
	return m, cmd
}

// handleState takes a new state from the subscription, and waits for the
// next.
func (m *Model) handleState(s *event.State) tea.Cmd {
	m.setState(*s)
	if m.state.Closed && !m.ended {
		m.ended = true
		return tea.Tick(3*time.Second, func(time.Time) tea.Msg { return endMsg{} })
	}
	return pane.WaitForStateIn(m.updates, &m.next)
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if cmd, ok := form.RouteKey(&m.modal, k, m.keys.FormKeys, m.handleKey); ok {
		if p := m.pick; p != nil && m.modal == nil {
			m.pick = nil
			return tea.Batch(cmd, m.openFix(*p))
		}
		return cmd
	}
	if m.helpOn || m.castsOn {
		m.helpOn, m.castsOn = false, false
		return nil
	}
	participant := m.actor.Role == scenario.RoleParticipant
	switch {
	case key.Matches(k, m.keys.Quit):
		return tea.Quit
	case m.state.Closed:
		return nil
	case key.Matches(k, m.keys.Help):
		m.helpOn = true
	case key.Matches(k, m.keys.Broadcasts):
		if len(m.state.Broadcasts) == 0 {
			m.flash, m.isErr = "The facilitator has broadcast nothing yet", false
			return nil
		}
		m.castsOn = true
	case key.Matches(k, m.keys.Focus):
		m.body.Cycle(key.Matches(k, m.keys.FocusBack))
	case participant && key.Matches(k, m.keys.Decision):
		return m.openSaid("decision")
	case participant && key.Matches(k, m.keys.Action):
		return m.openSaid("action")
	case participant && key.Matches(k, m.keys.Request):
		return m.openSaid("request")
	case m.actor.Role == scenario.RoleEvaluator && key.Matches(k, m.keys.Observation):
		return m.openObservation()
	case (participant || m.actor.Role == scenario.RoleEvaluator) && key.Matches(k, m.keys.Correct):
		return m.openFixes()
	default:
		cmd := m.body.Focused().Update(k)
		m.showSelected()
		return cmd
	}
	return nil
}

func (m *Model) setState(s event.State) {
	if s.Seq < m.state.Seq {
		return
	}
	prev := m.state
	m.state = s
	if v := m.proj.Update(&m.state, m.now()); v != m.seen {
		m.seen, m.dirty = v, true
	}
	m.body.SetState(s, m.now())
	m.showSelected()
	m.alert(&prev, &m.state)
}

func (m *Model) showSelected() { m.body.Show(&m.state, m.now()) }

func (m *Model) now() time.Duration { return m.state.Clock.At(m.opts.Now()) }

// submit sends a command for the person, once the limiter allows.
func (m *Model) submit(what string, c session.Command) (tea.Cmd, error) {
	if m.opts.Limit != nil {
		if wait := m.opts.Limit.Take(m.opts.Now()); wait > 0 {
			return nil, fmt.Errorf("too many submissions at once; wait %d s and save again", int(wait.Seconds())+1)
		}
	}
	sess, actor := m.sess, m.actor
	return func() tea.Msg {
		ev, err := sess.Do(actor, c)
		return doneMsg{what: what, ev: ev, err: err}
	}, nil
}

func (m *Model) handleDone(msg doneMsg) tea.Cmd {
	if msg.err != nil {
		text := msg.err.Error()
		var ns *session.NotSavedError
		var un *session.UnconfirmedError
		switch {
		case errors.As(msg.err, &un):
			// Sent again, it might be in the record twice.
			text = "Not confirmed: your " + strings.ToLower(msg.what) + " may be in the record already. Your text is kept; look for it in the feed before you send it again."
		case errors.As(msg.err, &ns):
			text = "Not saved: the exercise's record could not be written. Your text is kept; try again in a moment."
		}
		if msg.late {
			text = msg.what + " not recorded after all: " + text
		}
		m.flash, m.isErr = text, true
		kept := m.modal
		late := form.Settled(msg.err, func(ev event.Event, err error) tea.Msg {
			return doneMsg{what: msg.what, ev: ev, err: err, late: true, kept: kept}
		})
		if m.answers(msg) {
			return tea.Batch(m.modal.Failed(errors.New(text)), late)
		}
		return late
	}
	if m.answers(msg) {
		m.modal = nil
	}
	m.flash, m.isErr = fmt.Sprintf("✓ %s saved at %s, record #%d", msg.what, clock.Format(msg.ev.T), msg.ev.Seq), false
	if msg.late {
		m.flash += ", confirmed late"
	}
	m.setState(m.sess.State())
	return nil
}

// answers reports whether msg answers the form open: the one saving,
// or, for a late outcome, the one that kept the submission, not another.
func (m *Model) answers(msg doneMsg) bool {
	return m.modal != nil && (!msg.late && m.modal.Saving || msg.late && m.modal == msg.kept)
}

// A form's size.
const (
	formMostWidth  = 72 // a form is at most this wide inside its box,
	formLeastWidth = 20 // and at least this,
	formMargin     = 6  // with its box's border and padding and a margin, less than the screen
	// formChrome is the rows a form's box, title and the line saying it
	// is saving or why it cannot take beyond its fields.
	formChrome    = 6
	formLeastRows = 3
)

func (m *Model) formWidth() int { return max(min(formMostWidth, m.w-formMargin), formLeastWidth) }

// formHeight is the most rows a form may take: the body, less the form's
// box, its title and room for a line saying it is saving or why it cannot.
func (m *Model) formHeight() int {
	return max(m.h-headerHeight-footerHeight-formChrome, formLeastRows)
}
