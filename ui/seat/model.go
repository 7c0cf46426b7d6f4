// Package seat is what a person sees when they join a live session over
// SSH: a participant's team inbox and decision form, an evaluator's
// read-only controller view with observations, an observer's view of what
// has been released and decided. It also runs the SSH server that gives
// each connection its seat.
package seat

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/common"
)

// keyMap holds every key a seat answers to.
type keyMap struct {
	common.NavKeys
	common.FormKeys
	Decision    key.Binding
	Action      key.Binding
	Request     key.Binding
	Observation key.Binding
	Focus       key.Binding
	Help        key.Binding
	Quit        key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		NavKeys:     common.DefaultNavKeys(),
		FormKeys:    common.DefaultFormKeys(),
		Decision:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "decision")),
		Action:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "action")),
		Request:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "request info")),
		Observation: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "observation")),
		Focus:       key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "pane")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "keys")),
		Quit:        key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "leave")),
	}
}

// Options configure a seat.
type Options struct {
	common.ViewOptions
	// Read remembers which injects the person has opened, across
	// reconnections and between their seats.
	Read *ReadSet
	// Limit throttles the person's submissions; nil for none.
	Limit *Limiter
}

// Model is one person's seat.
type Model struct {
	sess    *session.Session
	actor   session.Actor
	opts    Options
	st      common.Styles
	keys    keyMap
	help    help.Model
	state   event.State
	updates <-chan event.State
	cancel  func()

	// Participants and observers.
	inbox *inbox
	msg   *message
	// Evaluators.
	panes *common.Panes
	// Everyone.
	feed   *common.Feed
	list   []common.Pane
	focus  int
	modal  *common.Modal
	flash  string
	isErr  bool
	ended  bool
	helpOn bool
	w, h   int
	// The last frame, drawn again only when something the seat shows has
	// changed: with two hundred seats open, every decision would otherwise
	// redraw every screen.
	frame string
	dirty bool
}

// New returns the seat of actor, whose role decides what it shows.
func New(sess *session.Session, actor session.Actor, opts Options) *Model {
	opts.ViewOptions = opts.WithDefaults(time.Second)
	if opts.Read == nil {
		opts.Read = NewReadSet()
	}
	m := &Model{sess: sess, actor: actor, opts: opts, st: common.DefaultStyles(), keys: newKeyMap(), help: help.New()}
	md := common.NewMarkdown(opts.MarkdownStyle)
	if actor.Role == scenario.RoleEvaluator {
		m.panes = common.NewPanes(&m.st, &m.keys.NavKeys, md, "No decisions yet.")
		m.feed = m.panes.Feed
	} else {
		m.inbox = newInbox(&m.st, &m.keys.NavKeys, actor.Team, opts.Read)
		m.msg = newMessage(&m.st, &m.keys.NavKeys, md)
		empty := "No decisions yet."
		if actor.Role == scenario.RoleParticipant {
			empty = "No decisions from your team yet. Press d to record one."
		}
		m.feed = common.NewFeed(&m.st, &m.keys.NavKeys, empty)
		title := "Decisions"
		if actor.Role == scenario.RoleParticipant {
			title = "Your team's decisions and requests"
		}
		m.feed.SetFilter(m.feedFilter(), title)
		m.list = []common.Pane{m.inbox, m.msg, m.feed}
		m.inbox.Focus()
	}
	m.updates, m.cancel = sess.Subscribe()
	m.setState(sess.State())
	return m
}

// feedFilter keeps what the seat may see: its team's decisions and
// requests for a participant; decisions for an observer.
func (m *Model) feedFilter() func(event.Entry) bool {
	team, role := m.actor.Team, m.actor.Role
	return func(e event.Entry) bool {
		switch e.Kind {
		case event.DecisionRecorded:
			return role != scenario.RoleParticipant || e.Team == team
		case event.RequestRecorded:
			return role == scenario.RoleParticipant && e.Team == team
		}
		return false
	}
}

// stateMsg is sent by the session subscription after every change.
type stateMsg struct{ state event.State }

// tickMsg is sent by the seat's timer to move the clock on.
type tickMsg time.Time

// doneMsg is sent when a submission returns from the session.
type doneMsg struct {
	what string
	ev   event.Event
	err  error
}

// endMsg is sent a moment after the session ends, to close the seat.
type endMsg struct{}

// Init starts the clock and the subscription.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.tick(), m.wait()) }

func (m *Model) tick() tea.Cmd {
	return tea.Tick(m.opts.Tick, func(t time.Time) tea.Msg { return tickMsg(t) })
}

func (m *Model) wait() tea.Cmd {
	ch := m.updates
	return func() tea.Msg {
		st, ok := <-ch
		if !ok {
			return nil
		}
		return stateMsg{st}
	}
}

// Close stops the seat's subscription.
func (m *Model) Close() { m.cancel() }

// Update dispatches: the open form, then keys, then size, then the rest.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if st, ok := msg.(stateMsg); !ok || m.shows(m.state, st.state) {
		m.dirty = true
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tickMsg:
		return m, m.tick()
	case stateMsg:
		m.setState(msg.state)
		if m.state.Closed && !m.ended {
			m.ended = true
			return m, tea.Tick(3*time.Second, func(time.Time) tea.Msg { return endMsg{} })
		}
		return m, m.wait()
	case doneMsg:
		return m, m.handleDone(msg)
	case endMsg:
		return m, tea.Quit
	}
	if m.modal != nil {
		cmd, done := m.modal.Update(msg)
		if done {
			m.modal = nil
		}
		return m, cmd
	}
	return m, nil
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if m.modal != nil {
		cmd, done := m.modal.HandleKey(k, m.keys.FormKeys)
		if done {
			m.modal = nil
		}
		return cmd
	}
	if m.helpOn {
		m.helpOn = false
		return nil
	}
	participant := m.actor.Role == scenario.RoleParticipant
	switch {
	case key.Matches(k, m.keys.Quit):
		return tea.Quit
	case m.ended:
		return nil
	case key.Matches(k, m.keys.Help):
		m.helpOn = true
	case key.Matches(k, m.keys.Focus):
		m.cycle()
	case participant && key.Matches(k, m.keys.Decision):
		return m.openSaid("decision")
	case participant && key.Matches(k, m.keys.Action):
		return m.openSaid("action")
	case participant && key.Matches(k, m.keys.Request):
		return m.openSaid("request")
	case m.actor.Role == scenario.RoleEvaluator && key.Matches(k, m.keys.Observation):
		return m.openObservation()
	default:
		cmd := m.focused().Update(k)
		m.showSelected()
		return cmd
	}
	return nil
}

func (m *Model) focused() common.Pane {
	if m.panes != nil {
		return m.panes.Focused()
	}
	return m.list[m.focus]
}

func (m *Model) cycle() {
	if m.panes != nil {
		m.panes.Cycle(false)
		return
	}
	m.list[m.focus].Blur()
	m.focus = (m.focus + 1) % len(m.list)
	m.list[m.focus].Focus()
}

func (m *Model) setState(s event.State) {
	if s.Seq < m.state.Seq {
		return
	}
	m.state = s
	if m.panes != nil {
		m.panes.Timeline.SetState(s, m.now())
	} else {
		m.inbox.SetState(s)
	}
	m.feed.SetState(s)
	m.showSelected()
}

func (m *Model) showSelected() {
	if m.panes != nil {
		m.panes.Detail.Show(&m.state, m.panes.Timeline.Selected(), m.now())
		return
	}
	m.msg.Show(&m.state, m.inbox.Selected())
}

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
		if errors.As(msg.err, &ns) {
			text = "Not saved: the exercise's record could not be written. Your text is kept; try again in a moment."
		}
		m.flash, m.isErr = text, true
		if m.modal != nil && m.modal.Saving {
			return m.modal.Failed(errors.New(text))
		}
		return nil
	}
	if m.modal != nil && m.modal.Saving {
		m.modal = nil
	}
	m.flash, m.isErr = fmt.Sprintf("✓ %s saved at %s, record #%d", msg.what, clock.Format(msg.ev.T), msg.ev.Seq), false
	m.setState(m.sess.State())
	return nil
}

func (m *Model) formWidth() int { return max(min(72, m.w-6), 20) }

// openSaid opens the decision, action or request form for the person's
// own team: the team is not theirs to choose.
func (m *Model) openSaid(kind string) tea.Cmd {
	var who, body, inject string
	who = m.actor.Name
	if i := m.inbox.Selected(); i >= 0 {
		inject = m.state.Scenario.Injects[i].ID
	}
	title := map[string]string{"decision": "Record a decision", "action": "Record an action taken", "request": "Request information"}[kind]
	prompt := map[string]string{"decision": "What did your team decide?", "action": "What did your team do?", "request": "What do you need to know?"}[kind]
	team := common.TeamName(m.state.Scenario, m.actor.Team)
	build := func() []huh.Field {
		opts := []huh.Option[string]{huh.NewOption("(none)", "")}
		for _, i := range m.inbox.items {
			in := &m.state.Scenario.Injects[i]
			opts = append(opts, huh.NewOption(in.ID+" · "+in.Title, in.ID))
		}
		return []huh.Field{
			huh.NewNote().Title("For " + team),
			huh.NewInput().Title("Who (optional)").Value(&who).CharLimit(80),
			huh.NewText().Title(prompt).Value(&body).Lines(4).CharLimit(4000),
			huh.NewSelect[string]().Title("About (←/→)").Options(opts...).Value(&inject).Inline(true),
		}
	}
	submit := func() (tea.Cmd, error) {
		if strings.TrimSpace(body) == "" {
			return nil, errors.New("write something before saving")
		}
		if kind == "request" {
			return m.submit("Request", session.RecordRequest{Team: m.actor.Team, Who: who, Text: body, Inject: inject})
		}
		label := "Decision"
		if kind == "action" {
			label = "Action"
		}
		return m.submit(label, session.RecordDecision{Team: m.actor.Team, Who: who, Text: body, Inject: inject, Action: kind == "action"})
	}
	md, cmd := common.NewModal(title, "tab next field · enter new line · ctrl+s save · esc cancel", m.formWidth(), build, submit)
	m.modal = md
	return cmd
}

// openObservation opens the evaluator's observation form.
func (m *Model) openObservation() tea.Cmd {
	sc := m.state.Scenario
	if len(sc.Objectives) == 0 {
		m.flash, m.isErr = "This scenario has no objectives to observe against", true
		return nil
	}
	objective, rating, body, inject := sc.Objectives[0].ID, "", "", ""
	if i := m.panes.Timeline.Selected(); i >= 0 {
		in := &sc.Injects[i]
		inject = in.ID
		if len(in.Objectives) > 0 {
			objective = in.Objectives[0]
		}
	}
	build := func() []huh.Field {
		objs := make([]huh.Option[string], len(sc.Objectives))
		for i, o := range sc.Objectives {
			objs[i] = huh.NewOption(o.ID+" · "+o.Text, o.ID)
		}
		ratings := []huh.Option[string]{huh.NewOption("(no rating)", "")}
		for _, r := range session.Ratings {
			ratings = append(ratings, huh.NewOption(r+" · "+ratingName(r), r))
		}
		injects := []huh.Option[string]{huh.NewOption("(none)", "")}
		for i := range sc.Injects {
			if m.state.Injects[i].Released {
				injects = append(injects, huh.NewOption(sc.Injects[i].ID+" · "+sc.Injects[i].Title, sc.Injects[i].ID))
			}
		}
		if inject != "" && !slices.ContainsFunc(injects, func(o huh.Option[string]) bool { return o.Value == inject }) {
			inject = ""
		}
		return []huh.Field{
			huh.NewSelect[string]().Title("Objective (←/→)").Options(objs...).Value(&objective).Inline(true),
			huh.NewSelect[string]().Title("Rating (←/→)").Options(ratings...).Value(&rating).Inline(true),
			huh.NewText().Title("Observation").Value(&body).Lines(4).CharLimit(4000),
			huh.NewSelect[string]().Title("About inject (←/→)").Options(injects...).Value(&inject).Inline(true),
		}
	}
	submit := func() (tea.Cmd, error) {
		if strings.TrimSpace(body) == "" {
			return nil, errors.New("write the observation before saving")
		}
		return m.submit("Observation", session.RecordObservation{Objective: objective, Rating: rating, Text: body, Inject: inject})
	}
	md, cmd := common.NewModal("Record an observation", "tab next field · enter new line · ctrl+s save · esc cancel", m.formWidth(), build, submit)
	m.modal = md
	return cmd
}

func ratingName(code string) string {
	switch code {
	case "P":
		return "performed without challenges"
	case "S":
		return "performed with some challenges"
	case "M":
		return "performed with major challenges"
	}
	return "unable to be performed"
}

// Layout.
const (
	minWidth     = 50
	minHeight    = 14
	headerHeight = 2 // title line and the broadcast or status line
	footerHeight = 2
)

func (m *Model) resize(w, h int) {
	m.w, m.h = w, h
	m.help.Width = w
	if w < minWidth || h < minHeight {
		return
	}
	bodyH := h - headerHeight - footerHeight
	if m.panes != nil {
		m.panes.Layout(&m.st, w, bodyH)
	} else {
		fw, fh := m.st.Pane.GetHorizontalFrameSize(), m.st.Pane.GetVerticalFrameSize()
		feedH := max(6, bodyH/3)
		topH := bodyH - feedH
		leftW := w * 2 / 5
		m.inbox.SetSize(leftW-fw, topH-fh)
		m.msg.SetSize(w-leftW-fw, topH-fh)
		m.feed.SetSize(w-fw, feedH-fh)
	}
	if m.modal != nil {
		m.modal.SetWidth(m.formWidth())
	}
	m.showSelected()
}

// shows reports whether going from state a to b changes what the seat
// shows.
func (m *Model) shows(a, b event.State) bool {
	switch {
	case m.actor.Role == scenario.RoleEvaluator, a.Scenario == nil:
		return true
	case a.Closed != b.Closed, a.InputPaused != b.InputPaused, len(a.Broadcasts) != len(b.Broadcasts), a.Clock != b.Clock:
		return true
	case len(b.Injects) > 0 && len(a.Injects) > 0 && &a.Injects[0] != &b.Injects[0]:
		return true // an inject changed: Apply replaces the list
	case len(b.Decisions) < len(a.Decisions), len(b.Requests) < len(a.Requests):
		return true
	}
	keep := m.feedFilter()
	for _, e := range b.Decisions[len(a.Decisions):] {
		if keep(e) {
			return true
		}
	}
	for _, e := range b.Requests[len(a.Requests):] {
		if keep(e) {
			return true
		}
	}
	return false
}

// View draws the seat, or returns the last frame if nothing changed.
func (m *Model) View() string {
	if m.dirty || m.frame == "" {
		m.frame, m.dirty = m.draw(), false
	}
	return m.frame
}

func (m *Model) draw() string {
	if m.w == 0 {
		return ""
	}
	if m.w < minWidth || m.h < minHeight {
		return lipgloss.Place(m.w, m.h, lipgloss.Center, lipgloss.Center,
			fmt.Sprintf("Terminal too small: %d×%d.\nEnlarge it to at least %d×%d.", m.w, m.h, minWidth, minHeight))
	}
	if m.ended {
		return lipgloss.Place(m.w, m.h, lipgloss.Center, lipgloss.Center,
			m.st.Modal.Render(m.st.Title.Render(m.state.Scenario.Title)+"\n\nThe facilitator has ended the session.\nEverything you saved is in the record. Thank you."))
	}
	bodyH := m.h - headerHeight - footerHeight
	var body string
	switch {
	case m.modal != nil:
		body = lipgloss.Place(m.w, bodyH, lipgloss.Center, lipgloss.Center, m.modal.View(&m.st))
	case m.helpOn:
		h := m.help
		h.ShowAll = true
		box := m.st.ModalTitle.Render("Keys") + "\n" + h.FullHelpView([][]key.Binding{m.roleKeys(), {m.keys.Up, m.keys.Down, m.keys.Focus, m.keys.Quit}})
		body = lipgloss.Place(m.w, bodyH, lipgloss.Center, lipgloss.Center, m.st.Modal.Render(box))
	case m.panes != nil:
		body = m.panes.View()
	default:
		top := lipgloss.JoinHorizontal(lipgloss.Top, m.inbox.View(), m.msg.View())
		body = lipgloss.JoinVertical(lipgloss.Left, top, m.feed.View())
	}
	return lipgloss.JoinVertical(lipgloss.Left, m.headerView(), body, m.footerView())
}

func (m *Model) roleKeys() []key.Binding {
	switch m.actor.Role {
	case scenario.RoleParticipant:
		return []key.Binding{m.keys.Decision, m.keys.Action, m.keys.Request}
	case scenario.RoleEvaluator:
		return []key.Binding{m.keys.Observation}
	}
	return nil
}

func (m *Model) headerView() string {
	s := &m.state
	who := m.actor.Name + " · " + m.actor.Role
	if m.actor.Team != "" {
		who = m.actor.Name + " · " + common.TeamName(s.Scenario, m.actor.Team)
	}
	t := m.now()
	right := m.st.Clock.Render(clock.Format(t)) + "  " + common.ScenarioClock(s, t, m.opts.Location)
	left := m.st.Title.Render(s.Scenario.Title) + "  " + m.st.Team.Render(who)
	gap := max(m.w-2-lipgloss.Width(left)-lipgloss.Width(right), 1)
	line1 := m.st.Header.Render(common.Truncate(left+strings.Repeat(" ", gap)+right, m.w-2))
	var line2 string
	switch {
	case s.InputPaused && m.actor.Role == scenario.RoleParticipant:
		line2 = m.st.Fault.Render(common.Pad(" ❚❚ The facilitator has paused input. You can keep writing; save when it resumes.", m.w))
	case len(s.Broadcasts) > 0 && m.opts.Now().Sub(s.Broadcasts[len(s.Broadcasts)-1].At) < bannerFor:
		b := s.Broadcasts[len(s.Broadcasts)-1]
		line2 = m.st.DueBadge.Render(common.Pad(" 📢 "+clock.Format(b.T)+" from the facilitator: "+strings.ReplaceAll(b.Text, "\n", " "), m.w))
	default:
		line2 = m.st.Dim.Render(common.Truncate(" "+m.roleLine(), m.w))
	}
	return line1 + "\n" + line2
}

func (m *Model) roleLine() string {
	switch m.actor.Role {
	case scenario.RoleParticipant:
		return "You see the messages sent to your team. Press d to record a decision, a an action, r a request for information."
	case scenario.RoleEvaluator:
		return "Evaluator: you see everything the controllers see. Press o to record an observation."
	}
	return "Observer: you see what has been released and decided."
}

func (m *Model) footerView() string {
	status := m.st.Dim.Render(" ")
	if m.flash != "" {
		style := m.st.Flash
		if m.isErr {
			style = m.st.Status["error"]
		}
		status = style.Render(common.Truncate(" "+m.flash, m.w))
	}
	helpLine := " " + m.help.ShortHelpView(append(append([]key.Binding{m.keys.Help}, m.roleKeys()...), m.keys.Focus, m.keys.Quit))
	if m.modal != nil {
		helpLine = m.st.Help.Render(" " + m.modal.Hint)
	}
	return status + "\n" + common.Truncate(helpLine, m.w)
}
