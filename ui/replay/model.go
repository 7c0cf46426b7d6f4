// Package replay is the reviewer's read-only view of a session file: a
// time scrubber over the whole session, and at every instant the MSEL,
// the selected inject and the decision feed as they were then.
package replay

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

	"ttx/exercise/event"
	"ttx/exercise/review"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
	"ttx/ui/form"
	"ttx/ui/pane"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// Speeds are the replay speeds + and - step through.
var Speeds = []float64{1, 2, 5, 10, 30, 60, 120, 300, 600}

// Options configure the replay. Tick is how often playback advances and
// the file is checked for new lines (100 ms when zero).
type Options struct {
	theme.ViewOptions
	// Follow reads lines appended to the file while it is open.
	Follow bool
	// Updates, when the log is the first part of a file still being read
	// (review.OpenInBackground), brings the rest: the replay shows what
	// has been read, says how far reading has got, and takes each newer
	// snapshot as it comes.
	Updates <-chan review.Update
}

// Model is the replay's root model.
type Model struct {
	log  *review.Log
	opts Options
	st   theme.Styles
	keys keyMap
	help help.Model

	timeline *pane.Timeline
	detail   *pane.Detail
	feed     *pane.Feed
	panes    *pane.Panes
	scrub    scrubber

	pos     int       // events applied: the state shown is after the first pos events
	at      time.Time // the instant shown (wall time of the session)
	state   event.State
	proj    *sight.Projection // the state shown, as a version the panes memoise on
	playing bool
	speed   float64
	lastNow time.Time

	team, objective, search string

	// modal is the open jump, search or filter form; formVal what it
	// holds.
	modal    *form.Modal
	formVal  *string
	formMost int // the open form's most width (formWidth)
	showHelp bool
	flash    string
	w, h     int

	// loading is true while the file is still read in the background:
	// read of size bytes so far; toEnd keeps the view at the end of what
	// has been read (End pressed meanwhile); readErr is why reading
	// stopped early.
	loading    bool
	read, size int64
	toEnd      bool
	readErr    error
}

// New returns the replay of a session log, at its start.
func New(l *review.Log, opts Options) *Model {
	opts.ViewOptions = opts.WithDefaults(100 * time.Millisecond)
	m := &Model{log: l, opts: opts, st: theme.DefaultStyles(), keys: newKeyMap(), help: help.New(), speed: 60,
		proj: sight.NewProjection(sight.Everything), loading: opts.Updates != nil}
	m.panes = pane.NewPanes(&m.st, &m.keys.NavKeys, theme.NewMarkdown(opts.MarkdownStyle, nil), noDecisions)
	m.timeline, m.detail, m.feed = m.panes.Timeline, m.panes.Detail, m.panes.Feed
	m.seek(1)
	return m
}

// tickMsg is sent by the replay's own timer to advance playback and
// follow the file.
type tickMsg time.Time

// Init starts the timer, and waits for the rest of a file still being
// read.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.tick(), m.awaitUpdate()) }

// updateMsg is a newer snapshot of the file being read (Options.Updates).
type updateMsg review.Update

// awaitUpdate waits for the next update of a file still being read.
func (m *Model) awaitUpdate() tea.Cmd {
	if !m.loading {
		return nil
	}
	ch := m.opts.Updates
	return func() tea.Msg {
		u, ok := <-ch
		if !ok {
			return updateMsg{Done: true, Err: errors.New("reading stopped")}
		}
		return updateMsg(u)
	}
}

// updated takes a newer snapshot of the file being read: the same
// instant is shown, on everything read so far.
func (m *Model) updated(u review.Update) tea.Cmd {
	m.read, m.size = u.Read, u.Size
	if u.Done {
		m.loading = false
		m.readErr = u.Err
	}
	if u.Log != nil && u.Err == nil {
		m.log = u.Log
	}
	switch n := m.log.Len(); {
	case m.toEnd || m.pos > n:
		follow := m.toEnd && m.loading
		m.seek(n)
		m.toEnd = follow
	default:
		m.refresh()
	}
	return m.awaitUpdate()
}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(m.opts.Tick, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Update dispatches: the open form first, then keys, then size, then ticks.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tickMsg:
		m.handleTick()
		return m, m.tick()
	case updateMsg:
		return m, m.updated(review.Update(msg))
	}
	cmd, _ := form.Route(&m.modal, msg, m.keys.Form)
	return m, cmd
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	// A search typed fast is text, its words never keys.
	if cmd, ok := form.RouteKey(&m.modal, k, m.keys.Form, m.handleKey); ok {
		return cmd
	}
	if m.showHelp {
		m.showHelp = false
		if !key.Matches(k, m.keys.Quit) {
			return nil
		}
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return tea.Quit
	case key.Matches(k, m.keys.Help):
		m.showHelp = true
	case key.Matches(k, m.keys.Play):
		m.playing = !m.playing
		m.lastNow = m.opts.Now()
		if m.playing && m.pos >= m.log.Len() && !m.loading {
			m.seek(1) // play again from the start
		}
	case key.Matches(k, m.keys.Faster):
		m.speed = step(m.speed, true)
	case key.Matches(k, m.keys.Slower):
		m.speed = step(m.speed, false)
	case key.Matches(k, m.keys.Next):
		m.seek(m.pos + 1)
		m.describe()
	case key.Matches(k, m.keys.Prev):
		m.seek(m.pos - 1)
		m.describe()
	case key.Matches(k, m.keys.Start):
		m.seek(1)
	case key.Matches(k, m.keys.End):
		m.seek(m.log.Len())
		m.toEnd = m.loading // and stay there as more is read
	case key.Matches(k, m.keys.Jump):
		return m.openInput("jump", "Go to exercise time (e.g. 1h05, 65m or 01:05)", "")
	case key.Matches(k, m.keys.Search):
		return m.openInput("search", "Search decisions and injects (empty clears)", m.search)
	case key.Matches(k, m.keys.Filter):
		return m.openFilter()
	case key.Matches(k, m.keys.Clear):
		m.team, m.objective, m.search = "", "", ""
		m.applyFilter()
	case key.Matches(k, m.keys.Focus):
		m.panes.Cycle(key.Matches(k, m.keys.FocusBack))
	default:
		cmd := m.panes.Focused().Update(k)
		m.showDetail()
		return cmd
	}
	return nil
}

// describe says in the status line what the event stepped to was.
func (m *Model) describe() {
	e, err := m.log.Event(m.pos - 1)
	if err != nil {
		m.flash = fmt.Sprintf("Event %d of %d: %v", m.pos, m.log.Len(), err)
		return
	}
	m.flash = describe(e, m.pos, m.log.Len(), m.state.Scenario)
}

// step moves speed one place along Speeds.
func step(s float64, up bool) float64 {
	i := slices.Index(Speeds, s)
	if up {
		return Speeds[min(i+1, len(Speeds)-1)]
	}
	return Speeds[max(i-1, 0)]
}

// seek shows the state after the first n events, at the instant of the
// n-th.
func (m *Model) seek(n int) {
	m.toEnd = false
	n = min(max(n, 1), m.log.Len())
	m.pos = n
	m.at = m.log.At(n - 1)
	m.refresh()
}

// seekWall shows the instant at.
func (m *Model) seekWall(at time.Time) {
	if at.Before(m.log.Start()) {
		at = m.log.Start()
	}
	if at.After(m.log.End()) {
		at = m.log.End()
	}
	m.at = at
	if n := max(m.log.CountAt(at), 1); n != m.pos {
		m.pos = n
	}
	m.refresh()
}

// refresh rebuilds the panes for the current position.
func (m *Model) refresh() {
	m.state = m.log.StateAt(m.pos)
	now := m.log.ClockAt(m.at)
	m.timeline.SetState(m.state, now, m.proj.Update(&m.state, now))
	m.feed.SetState(m.state)
	m.showDetail()
}

func (m *Model) showDetail() {
	m.detail.Show(&m.state, m.proj, m.timeline.Selected(), m.log.ClockAt(m.at))
}

func (m *Model) handleTick() {
	now := m.opts.Now()
	atEnd := m.pos >= m.log.Len()
	if m.opts.Follow && !m.loading {
		if n, err := m.log.Refresh(); err != nil {
			m.flash = "Could not read new lines: " + err.Error()
		} else if n > 0 && atEnd && !m.playing {
			m.seek(m.log.Len()) // stay at the live end
			return
		}
	}
	if !m.playing {
		return
	}
	elapsed := now.Sub(m.lastNow)
	m.lastNow = now
	next := m.at.Add(time.Duration(float64(elapsed) * m.speed))
	if !next.Before(m.log.End()) {
		m.seek(m.log.Len())
		m.playing = m.loading // wait there for more
		return
	}
	m.seekWall(next)
}

// The replay's forms: a line to type a time or a search in, at most
// inputWidth wide, and the filter's list, at most filterWidth.
const (
	inputWidth  = 70
	filterWidth = 76
	formMargin  = 6 // the box's border and padding, and a margin
	formLeast   = 20
	formHint    = "enter apply · esc cancel"
)

// formWidth is a form's width, at most most.
func (m *Model) formWidth(most int) int { return min(most, max(m.w-formMargin, formLeast)) }

// openInput opens a one-line form for jumping or searching.
func (m *Model) openInput(kind, title, value string) tea.Cmd {
	v := value
	m.formVal = &v
	build := func() []huh.Field {
		return []huh.Field{huh.NewInput().Title(title).Value(&v).CharLimit(80)}
	}
	return m.openForm(kind, inputWidth, build)
}

// openFilter offers every team and objective.
func (m *Model) openFilter() tea.Cmd {
	sc := m.log.Final.Scenario
	opts := []huh.Option[string]{huh.NewOption("Everything (no filter)", "")}
	for _, t := range sc.Teams {
		opts = append(opts, huh.NewOption("Team: "+t.Name, "team:"+t.ID))
	}
	for _, o := range sc.Objectives {
		opts = append(opts, huh.NewOption("Objective "+o.ID+": "+o.Text, "objective:"+o.ID))
	}
	v := ""
	switch {
	case m.team != "":
		v = "team:" + m.team
	case m.objective != "":
		v = "objective:" + m.objective
	}
	m.formVal = &v
	build := func() []huh.Field {
		return []huh.Field{huh.NewSelect[string]().Title("Show only").Options(opts...).Value(&v).Height(min(len(opts), 10) + 1)}
	}
	return m.openForm("filter", filterWidth, build)
}

// openForm opens the shared Modal over build's fields; enter applies what
// they hold (applyForm), esc closes it.
func (m *Model) openForm(kind string, width int, build func() []huh.Field) tea.Cmd {
	val := m.formVal
	submit := func() (tea.Cmd, error) { return nil, m.applyForm(kind, *val) }
	md, cmd := form.NewModal(m.st.Form(), "Replay", formHint, m.formWidth(width), build, submit)
	m.modal, m.formMost = md, width
	return cmd
}

// applyForm applies what a form holds; an error (a time that is not one)
// keeps the form open on what was typed, saying what to write instead.
func (m *Model) applyForm(kind, v string) error {
	v = strings.TrimSpace(v)
	switch kind {
	case "jump":
		d, err := scenario.ParseOffset(v)
		if err != nil {
			return err
		}
		wall, ok := m.log.WallAt(d)
		if !ok {
			m.flash = "The exercise clock never read T+" + scenario.FormatOffset(d) + " in this session; showing the end"
		} else {
			m.flash = "Showing T+" + scenario.FormatOffset(d)
		}
		m.playing = false
		m.seekWall(wall)
	case "search":
		m.search = v
		m.applyFilter()
	case "filter":
		m.team, m.objective = "", ""
		if t, ok := strings.CutPrefix(v, "team:"); ok {
			m.team = t
		} else if o, ok := strings.CutPrefix(v, "objective:"); ok {
			m.objective = o
		}
		m.applyFilter()
	}
	return nil
}

// applyFilter gives the panes the team, objective and search filters.
func (m *Model) applyFilter() {
	sc := m.log.Final.Scenario
	team, obj, search := m.team, m.objective, text.Fold(m.search)
	if team == "" && obj == "" && search == "" {
		m.timeline.SetFilter(nil)
		m.feed.SetFilter(nil, "")
		m.feed.SetEmpty(noDecisions)
		m.flash = "Showing everything"
		m.showDetail()
		return
	}
	injectOK := func(in *scenario.Inject) bool {
		switch {
		case team != "" && !in.To.Includes(team):
			return false
		case obj != "" && !slices.Contains(in.Objectives, obj):
			return false
		}
		return true
	}
	matches := func(texts ...string) bool {
		if search == "" {
			return true
		}
		for _, t := range texts {
			if strings.Contains(text.Fold(t), search) {
				return true
			}
		}
		return false
	}
	m.timeline.SetFilter(func(i int) bool {
		in := &sc.Injects[i]
		return injectOK(in) && matches(in.ID, in.Title, in.Body, in.From)
	})
	m.feed.SetFilter(func(e event.Entry) bool {
		if team != "" && e.Team != team {
			return false
		}
		if obj != "" {
			in := sc.Inject(e.Inject)
			if e.Objective != obj && (in == nil || !slices.Contains(in.Objectives, obj)) {
				return false
			}
		}
		return matches(e.Text, e.Who, e.Inject)
	}, "Feed, filtered")
	m.flash = "Filter: " + m.filterLabel()
	m.feed.SetEmpty("Nothing by this instant matches the filter (" + m.filterLabel() + "); esc clears it.")
	m.showDetail()
}

// noDecisions is what the feed says before anything was said.
const noDecisions = "No decisions by this instant."

func (m *Model) filterLabel() string {
	sc := m.log.Final.Scenario
	var parts []string
	if m.team != "" {
		parts = append(parts, "team "+pane.TeamName(sc, m.team))
	}
	if m.objective != "" {
		parts = append(parts, "objective "+m.objective)
	}
	if m.search != "" {
		parts = append(parts, fmt.Sprintf("text %q", m.search))
	}
	return strings.Join(parts, ", ")
}
