// Package opening shows a session file while it is opened: the state as
// far as it has been read, read-only, and how far reading has got; then it
// hands the screen to the view the file was opened for. A resume of a
// million events takes seconds to read, check and fold; the facilitator
// sees the exercise at once instead of a blank screen.
package opening

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/text"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// Ready is what opening the file ended in: the view to hand the screen to,
// or why the file could not be opened.
type Ready struct {
	Model tea.Model
	Err   error
}

// Options configure the opening view.
type Options struct {
	theme.ViewOptions
	// Path is the file being opened.
	Path string
	// Progress says how many bytes of the file have been read, of how
	// many; nil when unknown.
	Progress func() (read, size int64)
}

// Model shows the file's state as far as it has been read until Ready
// comes, then is the view Ready brought.
type Model struct {
	opts   Options
	st     theme.Styles
	nav    theme.NavKeys
	quit   key.Binding
	focus  key.Binding
	states <-chan event.State
	ready  <-chan Ready

	panes *pane.Panes
	proj  *sight.Projection
	state event.State
	shown bool // a state has come

	next tea.Model // once Ready: the view everything goes to
	err  error     // once Ready, if opening failed
	left bool      // quit before Ready
	size *tea.WindowSizeMsg
}

// New returns the opening view: states brings the state as far as it has
// been read (each a snapshot the reading does not change), ready the end.
func New(states <-chan event.State, ready <-chan Ready, opts Options) *Model {
	opts.ViewOptions = opts.WithDefaults(250 * time.Millisecond)
	view := theme.DefaultViewKeys("leave")
	m := &Model{opts: opts, st: theme.DefaultStyles(), nav: theme.DefaultNavKeys(), quit: view.Quit, focus: view.Focus,
		states: states, ready: ready, proj: sight.NewProjection(sight.Everything)}
	m.panes = pane.NewPanes(&m.st, &m.nav, theme.NewMarkdown(opts.MarkdownStyle, nil), "No decisions read yet.")
	return m
}

// Next is the view the screen was handed to, nil if none was.
func (m *Model) Next() tea.Model { return m.next }

// Err is why the file could not be opened.
func (m *Model) Err() error { return m.err }

// Left reports whether the person quit before the file was open.
func (m *Model) Left() bool { return m.left }

type (
	stateMsg event.State
	readyMsg Ready
	tickMsg  struct{}
)

// Init waits for the states and the end, and ticks to show progress.
func (m *Model) Init() tea.Cmd { return tea.Batch(m.awaitState(), m.awaitReady(), m.tick()) }

func (m *Model) awaitState() tea.Cmd {
	ch := m.states
	return func() tea.Msg {
		st, ok := <-ch
		if !ok {
			return nil
		}
		return stateMsg(st)
	}
}

func (m *Model) awaitReady() tea.Cmd {
	ch := m.ready
	return func() tea.Msg { return readyMsg(<-ch) }
}

func (m *Model) tick() tea.Cmd {
	return tea.Tick(m.opts.Tick, func(time.Time) tea.Msg { return tickMsg{} })
}

// Update shows each state as it comes; once Ready, everything goes to the
// view it brought.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.next != nil {
		var cmd tea.Cmd
		m.next, cmd = m.next.Update(msg)
		return m, cmd
	}
	switch msg := msg.(type) {
	case readyMsg:
		if msg.Err != nil || msg.Model == nil {
			m.err = msg.Err
			return m, tea.Quit
		}
		m.next = msg.Model
		cmds := []tea.Cmd{m.next.Init()}
		if m.size != nil {
			var cmd tea.Cmd
			m.next, cmd = m.next.Update(*m.size)
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	case stateMsg:
		m.state, m.shown = event.State(msg), true
		m.refresh()
		return m, m.awaitState()
	case tickMsg:
		return m, m.tick()
	case tea.WindowSizeMsg:
		m.size = &msg
		if !m.tooSmall() {
			m.panes.Layout(&m.st, msg.Width, msg.Height-headerHeight-footerHeight)
			m.refresh()
		}
		return m, nil
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.quit):
			m.left = true
			return m, tea.Quit
		case key.Matches(msg, m.focus):
			m.panes.Cycle(false)
		default:
			cmd := m.panes.Focused().Update(msg)
			m.showDetail()
			return m, cmd
		}
	}
	return m, nil
}

func (m *Model) refresh() {
	if !m.shown {
		return
	}
	now := m.state.LastT
	m.panes.Timeline.SetState(m.state, now, m.proj.Update(&m.state, now))
	m.panes.Feed.SetState(m.state)
	m.showDetail()
}

func (m *Model) showDetail() {
	if m.shown {
		m.panes.Detail.Show(&m.state, m.proj, m.panes.Timeline.Selected(), m.state.LastT)
	}
}

// Layout.
const (
	minWidth     = 60
	minHeight    = 16
	headerHeight = 1
	footerHeight = 2
)

func (m *Model) tooSmall() bool { return m.size.Width < minWidth || m.size.Height < minHeight }

// View draws the state read so far, or the view handed over to.
func (m *Model) View() string {
	if m.next != nil {
		return m.next.View()
	}
	if m.size == nil {
		return ""
	}
	w := m.size.Width
	if m.tooSmall() {
		return pane.TooSmall(w, m.size.Height, minWidth, minHeight, "")
	}
	status := fmt.Sprintf(" Opening %s: %s. Read only until all of it is checked; then the console takes commands.", m.opts.Path, m.progress())
	foot := m.st.Flash.Render(draw.Truncate(text.Escape(status), w)) + "\n" +
		draw.Truncate(m.st.Help.Render(" q leave · tab pane · ↑/↓ move"), w)
	if !m.shown {
		return draw.JoinLeft(m.st.Header.Render(draw.Truncate("OPENING "+text.Escape(m.opts.Path), w-2)),
			draw.Center(w, m.size.Height-headerHeight-footerHeight, "Reading the session file…"), foot)
	}
	return m.panes.Around(m.header(w), foot)
}

// header is the title, then where the file has got to: the exercise time
// of the last event read.
func (m *Model) header(w int) string {
	right := strings.Join([]string{
		m.st.Paused.Render("OPENING, read only"),
		m.st.Clock.Render(clock.Format(m.state.LastT)),
		pane.ScenarioClock(&m.state, m.state.LastT, m.opts.Location),
	}, "  ")
	title := m.st.Title.Render(m.state.Scenario.Title)
	line := draw.Truncate(title, max(w-2-lipgloss.Width(right)-2, 0))
	gap := max(w-2-lipgloss.Width(line)-lipgloss.Width(right), 1)
	return m.st.Header.Render(draw.Truncate(line+strings.Repeat(" ", gap)+right, w-2))
}

// progress says how far reading has got.
func (m *Model) progress() string {
	events := "no event"
	switch {
	case m.shown && m.state.Seq == 0:
		events = "1 event"
	case m.shown:
		events = fmt.Sprintf("%d events", m.state.Seq+1)
	}
	if m.opts.Progress == nil {
		return events + " so far"
	}
	read, size := m.opts.Progress()
	if size <= 0 {
		return events + " so far"
	}
	return fmt.Sprintf("%d%%, %s so far", min(read*100/size, 99), events)
}
