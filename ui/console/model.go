// Package console is the facilitator's console: the MSEL timeline, the
// selected inject, the decision feed and the exercise clock, over a live
// session.
package console

import (
	"cmp"
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/console/internal/cell"
	"ttx/ui/console/internal/fix"
	"ttx/ui/form"
	"ttx/ui/pane"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// Options configure the console.
type Options struct {
	theme.ViewOptions
	// Facilitator is who the console acts as.
	Facilitator session.Actor
	// Notice is shown in the status line when the console opens, e.g.
	// what resuming a session found.
	Notice string
	// Serving is the SSH address seats join at, when ttx serve runs the
	// console; it turns on the seat controls.
	Serving string
	// Join is what participants type to join (sshd.Server.JoinCommand).
	Join string
	// HostKey is the SSH host key's fingerprint (SHA256:…), shown beside
	// the join command so that participants can check what ssh asks.
	HostKey string
	// Remote is set for a controller's console over SSH: the quit key
	// leaves the seat, and the session goes on.
	Remote bool
	// Renderer draws the styles and Markdown for the terminal of a
	// console over SSH; lipgloss's default when nil.
	Renderer *lipgloss.Renderer
}

// Model is the console's root model. It owns the panes, and it alone
// talks to the session.
type Model struct {
	sess session.Live
	opts Options
	st   theme.Styles
	keys keyMap
	help help.Model

	timeline *pane.Timeline
	detail   *pane.Detail
	feed     *pane.Feed
	panes    *pane.Panes

	state   event.State
	updates <-chan event.State
	stop    func() // ends the subscription
	// proj is what the console shows of the session, as a version: the
	// panes memoise on it, and a new state redraws the console only when
	// it changes.
	proj *sight.Projection
	// The last frame, drawn again when a message other than a state
	// came, or the projection's version changed.
	frame string
	dirty bool

	w, h      int
	modal     *form.Modal
	showHelp  bool
	showSeats bool
	flash     string
	flashErr  bool
	flashAt   time.Time
	fault     error // the last command could not be saved
	autoFault error // the session could not save on its own (auto release)

	// whos is who last spoke for each team in what the console saved.
	whos map[string]string
	// then is the form to open when the open one closes (a correction's
	// second step).
	then func() (*form.Modal, tea.Cmd)

	closedHead string
	closed     bool
	// digest is shown on the status line until a key: what a controller
	// over SSH missed, or a join code just given.
	digest string
}

// New returns the console for a live session.
func New(sess session.Live, opts Options) *Model {
	opts.ViewOptions = opts.WithDefaults(250 * time.Millisecond)
	m := &Model{sess: sess, opts: opts, st: theme.DefaultStyles(), keys: newKeyMap(), help: help.New(),
		proj: sight.NewProjection(sight.Everything)}
	if opts.Renderer != nil {
		m.st = theme.NewStyles(opts.Renderer)
	}
	m.panes = pane.NewPanes(&m.st, &m.keys.NavKeys, theme.NewMarkdown(opts.MarkdownStyle, opts.Renderer),
		"No decisions yet. Press d to record one said in the room.")
	m.timeline, m.detail, m.feed = m.panes.Timeline, m.panes.Detail, m.panes.Feed
	m.updates, m.stop = sess.Subscribe()
	m.setState(sess.State())
	m.rememberAll(&m.state)
	m.timeline.SelectNextDue()
	m.refreshDetail()
	switch {
	case opts.Remote:
		// The digest of what they missed stays until they press a key.
		m.keys.ViewKeys, m.digest = theme.DefaultViewKeys("leave"), opts.Notice
	case opts.Notice != "":
		m.say(opts.Notice, false)
	}
	return m
}

// Close lets go of the session's updates: a seat closing.
func (m *Model) Close() { m.stop() }

// Closed reports whether the session was ended from the console, and the
// file's final hash.
func (m *Model) Closed() (finalHash string, ok bool) { return m.closedHead, m.closed }

// tickMsg is sent by the console's own timer to redraw the clock.
type tickMsg time.Time

// doneMsg is sent when a command the console sent to the session returns.
type doneMsg struct {
	what string
	ev   event.Event
	err  error
	// keep has what stay on the status line until a key, not for
	// flashFor: something the facilitator must read out (a join code).
	keep bool
	// late says how a command the record did not confirm turned out;
	// kept is the form that kept it.
	late bool
	kept *form.Modal
}

// closedMsg is sent when the session has been closed from the console.
type closedMsg struct {
	head string
	err  error
}

// Init starts the clock timer and the subscription.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.tick(), pane.WaitForState(m.updates))
}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(m.opts.Tick, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Update dispatches: the open form first, then keys (global, then the
// focused pane), then window size, then everything else.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(pane.StateMsg); !ok {
		m.dirty = true // a new state redraws the console if the projection changed
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tickMsg:
		m.handleTick()
		return m, m.tick()
	case pane.StateMsg:
		m.setState(msg.State)
		return m, pane.WaitForState(m.updates)
	case doneMsg:
		return m, m.handleDone(msg)
	case closedMsg:
		if msg.err != nil {
			m.setFault(msg.err)
			return m, nil
		}
		m.closedHead, m.closed = msg.head, true
		return m, tea.Quit
	}
	cmd, _ := form.Route(&m.modal, msg, m.keys.FormKeys)
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	m.digest = ""
	// Outside a form, each key of a burst is a command of its own.
	if cmd, ok := form.RouteKey(&m.modal, k, m.keys.FormKeys, m.handleKey); ok {
		if m.modal == nil && m.then != nil {
			next := m.then
			m.then = nil
			return tea.Batch(cmd, m.open(next()))
		}
		return cmd
	}
	if m.showHelp || m.showSeats {
		m.showHelp, m.showSeats = false, false
		if !key.Matches(k, m.keys.Quit) && !(m.opts.Serving != "" && key.Matches(k, m.keys.AddPerson, m.keys.NewCode, m.keys.Pause, m.keys.Broadcast)) {
			return nil
		}
	}
	if m.tooSmall() && !key.Matches(k, m.keys.Quit) {
		return nil
	}
	if cmd, ok := m.handleGlobalKey(k); ok {
		return cmd
	}
	cmd := m.panes.Focused().Update(k)
	m.refreshDetail()
	return cmd
}

func (m *Model) handleGlobalKey(k tea.KeyMsg) (tea.Cmd, bool) {
	sel := m.timeline.Selected()
	switch {
	case key.Matches(k, m.keys.Quit) && m.opts.Remote && !m.state.IsLead(m.opts.Facilitator.By()):
		return tea.Quit, true
	case key.Matches(k, m.keys.Quit) && m.opts.Remote:
		return m.open(cell.Leave(m.st.Form(), m.formWidth(), m.closeSession)), true
	case key.Matches(k, m.keys.Quit):
		return m.open(m.quitForm()), true
	case key.Matches(k, m.keys.Help):
		m.showHelp = true
	case m.opts.Serving != "" && key.Matches(k, m.keys.Seats):
		m.showSeats = true
	case m.opts.Serving != "" && key.Matches(k, m.keys.Pause):
		return m.togglePause(), true
	case m.opts.Serving != "" && key.Matches(k, m.keys.Broadcast):
		return m.open(m.broadcastForm()), true
	case m.opts.Serving != "" && key.Matches(k, m.keys.AddPerson):
		return m.open(m.addPersonForm()), true
	case m.opts.Serving != "" && key.Matches(k, m.keys.NewCode):
		md, cmd := m.newCodeForm()
		return m.opened(md, cmd, "Nobody is on the roster yet: A adds someone"), true
	case key.Matches(k, m.keys.Focus):
		m.panes.Cycle(key.Matches(k, m.keys.FocusBack))
	case key.Matches(k, m.keys.Clock):
		if m.state.Clock.Running() {
			return m.do("Clock paused", session.PauseClock{}), true
		}
		return m.do("Clock running", session.StartClock{}), true
	case key.Matches(k, m.keys.Faster):
		return m.do("Clock faster", session.StepSpeed{Up: true}), true
	case key.Matches(k, m.keys.Slower):
		return m.do("Clock slower", session.StepSpeed{}), true
	case key.Matches(k, m.keys.Jump):
		return m.open(m.jumpForm()), true
	case key.Matches(k, m.keys.Decision):
		return m.open(m.saidForm(event.DecisionRecorded)), true
	case key.Matches(k, m.keys.Request):
		return m.open(m.saidForm(event.RequestRecorded)), true
	case key.Matches(k, m.keys.Note):
		return m.open(m.noteForm()), true
	case key.Matches(k, m.keys.Answer):
		md, cmd := cell.Answer(m.st.Form(), &m.state, m.opts.Facilitator, m.now(), m.formWidth(), m.do)
		return m.opened(md, cmd, "No request for information is waiting for an answer"), true
	case key.Matches(k, m.keys.Claim):
		md, cmd := cell.Claim(m.st.Form(), &m.state, m.opts.Facilitator, m.now(), m.formWidth(), m.do)
		return m.opened(md, cmd, "No request for information is waiting"), true
	case key.Matches(k, m.keys.Digest):
		return m.open(cell.Digest(m.st.Form(), &m.state, m.opts.Facilitator.Name, m.now(), m.formWidth())), true
	case key.Matches(k, m.keys.Live):
		return m.open(cell.Live(m.st.Form(), &m.state, m.opts.Facilitator, m.formWidth(), m.do)), true
	case key.Matches(k, m.keys.Lead):
		md, cmd := cell.Lead(m.st.Form(), &m.state, m.opts.Facilitator, m.formWidth(), m.do)
		return m.opened(md, cmd, "There is no other controller on the roster to hand the lead to"), true
	case key.Matches(k, m.keys.Branch):
		md, cmd := m.branchForm()
		if _, later := openBranches(&m.state); md == nil && len(later) > 0 {
			m.say("No branch question is open yet: one is asked once "+strings.Join(later, " or ")+" is released", false)
			return nil, true
		}
		return m.opened(md, cmd, "Every branch point has been answered"), true
	case key.Matches(k, m.keys.Correct):
		md, cmd := fix.Pick(m.st.Form(), &m.state, m.formWidth(), func(e event.Entry, strike bool) {
			m.then = func() (*form.Modal, tea.Cmd) { return fix.Words(m.st.Form(), &m.state, e, strike, m.formWidth(), m.do) }
		})
		return m.opened(md, cmd, "There is no entry to correct yet"), true
	case key.Matches(k, m.keys.AllDue):
		md, cmd := m.releaseDueForm()
		return m.opened(md, cmd, "No inject is due"), true
	case sel >= 0 && m.panes.TimelineFocused() && key.Matches(k, m.keys.Release):
		return m.release(sel), true
	case sel >= 0 && key.Matches(k, m.keys.Skip, m.keys.Delay):
		id := m.state.Scenario.Injects[sel].ID
		switch {
		case m.forbidden(session.Hold{Inject: id}): // the scope of skip, delay and hold alike
			return nil, true
		case key.Matches(k, m.keys.Skip):
			return m.open(m.skipForm(id)), true
		}
		return m.open(m.delayForm(id)), true
	case sel >= 0 && key.Matches(k, m.keys.Hold):
		id := m.state.Scenario.Injects[sel].ID
		if m.state.Injects.At(sel).Held {
			return m.do(id+" no longer held", session.Unhold{Inject: id}), true
		}
		return m.do(id+" held", session.Hold{Inject: id}), true
	default:
		return nil, false
	}
	return nil, true
}

// release releases the selected inject, asking first if it is not due.
func (m *Model) release(i int) tea.Cmd {
	id := m.state.Scenario.Injects[i].ID
	if m.forbidden(session.Release{Inject: id}) {
		return nil
	}
	switch st := m.state.Status(i, m.now()); st {
	case event.Due, event.Contingency, event.Held:
		return m.do(id+" released", session.Release{Inject: id})
	case event.Released:
		m.say(id+" was already released", true)
		return nil
	default:
		return m.open(m.releaseEarlyForm(id, st))
	}
}

// forbidden says why the console's actor may not send c, if so, before a
// form asks them for what would be refused.
func (m *Model) forbidden(c session.Command) bool {
	err := session.Forbidden(&m.state, m.opts.Facilitator, c)
	if err != nil {
		m.say(err.Error(), true)
	}
	return err != nil
}

// opened opens md, or, when there is nothing to ask (md nil), says none.
func (m *Model) opened(md *form.Modal, cmd tea.Cmd, none string) tea.Cmd {
	if md == nil {
		m.say(none, false)
		return nil
	}
	return m.open(md, cmd)
}

func (m *Model) open(md *form.Modal, cmd tea.Cmd) tea.Cmd {
	m.modal = md
	return tea.Batch(cmd, md.SetSize(m.formWidth(), m.formHeight()))
}

func (m *Model) handleTick() {
	if m.flash != "" && m.opts.Now().Sub(m.flashAt) > flashFor {
		m.flash = ""
	}
	// The session's own fault (automatic release could not save) shows
	// until the session's next save succeeds.
	m.autoFault = m.sess.Fault()
	now := m.now()
	v := m.proj.Update(&m.state, now)
	m.timeline.SetNow(now, v)
	m.detail.Show(&m.state, m.proj, m.timeline.Selected(), now)
}

// flashFor is how long a confirmation stays in the status line.
const flashFor = 6 * time.Second

func (m *Model) handleDone(msg doneMsg) tea.Cmd {
	if msg.err != nil {
		switch {
		case msg.late:
			m.fault = nil // refused after all: not in the record
			msg.err = errors.New("not recorded after all: " + msg.err.Error())
			m.say(msg.err.Error(), true)
		case form.IsFault(msg.err):
			m.setFault(msg.err)
		default:
			m.say(msg.err.Error(), true)
		}
		kept := m.modal
		late := form.Settled(msg.err, func(ev event.Event, err error) tea.Msg {
			return doneMsg{what: msg.what, ev: ev, err: err, keep: msg.keep, late: true, kept: kept}
		})
		if m.answers(msg) {
			return tea.Batch(m.modal.Failed(msg.err), late)
		}
		return late
	}
	m.fault = nil
	m.remember(msg.ev)
	if m.answers(msg) {
		m.modal = nil
	}
	m.setState(m.sess.State())
	if msg.keep {
		m.digest, m.flash = text.Escape(msg.what), ""
		return nil
	}
	if msg.late {
		msg.what = cmp.Or(msg.what, "Saved") + " (confirmed late)"
	}
	m.say(msg.what, false)
	return nil
}

// answers reports whether msg answers the form open: the one saving,
// or, for a late outcome, the one that kept the save, not another.
func (m *Model) answers(msg doneMsg) bool {
	return m.modal != nil && (!msg.late && m.modal.Saving || msg.late && m.modal == msg.kept)
}

func (m *Model) setFault(err error) {
	m.fault = err
}

func (m *Model) say(s string, isErr bool) {
	// A message may quote a file (the resume notice, an error naming
	// what the session file holds): escaped, as everything from a file.
	m.flash, m.flashErr, m.flashAt = text.Escape(s), isErr, m.opts.Now()
}

// now returns the exercise time now.
func (m *Model) now() time.Duration { return m.state.Clock.At(m.opts.Now()) }

func (m *Model) setState(s event.State) {
	if s.Seq < m.state.Seq {
		return // an older snapshot arriving late
	}
	m.alert(&m.state, &s)
	was := m.proj.Version()
	m.state = s
	now := m.now()
	v := m.proj.Update(&m.state, now)
	if v != was {
		m.dirty = true
	}
	m.timeline.SetState(s, now, v)
	m.feed.SetState(s)
	m.detail.Show(&m.state, m.proj, m.timeline.Selected(), now)
}

func (m *Model) refreshDetail() {
	m.detail.Show(&m.state, m.proj, m.timeline.Selected(), m.now())
}

// do sends a command to the session off the UI goroutine.
func (m *Model) do(what string, c session.Command) tea.Cmd {
	sess, actor := m.sess, m.opts.Facilitator
	return func() tea.Msg {
		ev, err := sess.Do(actor, c)
		return doneMsg{what: what, ev: ev, err: err}
	}
}

// closeSession ends the session cleanly.
func (m *Model) closeSession() tea.Cmd {
	sess, actor := m.sess, m.opts.Facilitator
	return func() tea.Msg {
		head, err := sess.Close(actor)
		return closedMsg{head: head, err: err}
	}
}
