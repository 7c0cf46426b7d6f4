package console

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/ui/console/internal/cell"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// Layout constants.
const (
	minWidth     = 60
	minHeight    = 15
	headerHeight = 1
	footerHeight = 2
	maxFormWidth = 76
)

func (m *Model) tooSmall() bool { return m.w < minWidth || m.h < minHeight }

// resize lays the panes out for a w×h terminal.
func (m *Model) resize(w, h int) {
	m.w, m.h = w, h
	m.help.Width = w
	if m.tooSmall() {
		return
	}
	m.panes.Layout(&m.st, w, h-headerHeight-footerHeight)
	m.refreshDetail()
	if m.modal != nil {
		m.modal.SetSize(m.formWidth(), m.formHeight())
	}
}

func (m *Model) formWidth() int {
	return max(min(maxFormWidth, m.w-6), 20)
}

// formHeight is the most rows a form may take: the body, less the form's
// box, its title and room for a line saying it is saving or why it cannot.
func (m *Model) formHeight() int {
	return max(m.h-headerHeight-footerHeight-6, 3)
}

// View draws the console, or returns the last frame if nothing changed.
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
	if m.closed {
		return ""
	}
	if m.tooSmall() {
		return pane.TooSmall(m.w, m.h, minWidth, minHeight, "Enlarge the window; the session keeps running.")
	}
	bodyH := m.h - headerHeight - footerHeight
	var body string
	switch {
	case m.modal != nil:
		body = draw.Center(m.w, bodyH, m.modal.View(&m.st))
	case m.showSeats:
		body = draw.Center(m.w, bodyH, m.seatsView(bodyH))
	case m.showHelp:
		body = draw.Center(m.w, bodyH, m.helpView(m.w, bodyH))
	default:
		return m.panes.Around(m.headerView(), m.footerView())
	}
	return draw.JoinLeft(m.headerView(), body, m.footerView())
}

func truncateBlock(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = draw.Truncate(l, w)
	}
	return strings.Join(lines, "\n")
}

// headerView is the title and the clock: run state, speed, exercise time,
// scenario wall-clock time, and the countdown to the next inject.
func (m *Model) headerView() string {
	s := &m.state
	now := m.now()
	run := m.st.Paused.Render("❚❚ PAUSED")
	if s.Clock.Running() {
		run = m.st.Running.Render("▶ RUNNING")
	}
	parts := []string{
		run + " " + clock.FormatSpeed(s.Clock.Speed()),
		m.st.Clock.Render(clock.Format(now)),
		pane.ScenarioClock(&m.state, now, m.opts.Location),
	}
	due := 0
	for i := range s.Injects.Len() {
		if s.Status(i, now) == event.Due {
			due++
		}
	}
	if due > 0 {
		parts = append(parts, m.st.DueBadge.Render(fmt.Sprintf(" %d DUE ", due)))
	}
	if next := s.NextDue(now); next >= 0 {
		at, _ := s.DueAt(next)
		parts = append(parts, "next "+s.Scenario.Injects[next].ID+" in "+countdown(at-now))
	} else if due == 0 {
		parts = append(parts, m.st.Dim.Render("no more scheduled injects"))
	}
	if m.opts.Serving != "" {
		seats := fmt.Sprintf("⇄ %d", m.connected())
		if s.InputPaused {
			seats += " " + m.st.Fault.Render(" INPUT PAUSED ")
		}
		parts = append([]string{seats}, parts...)
	}
	if open := s.OpenRequests(); len(open) > 0 {
		parts = append(parts, m.st.DueBadge.Render(fmt.Sprintf(" %d RFI ", len(open)))+" oldest "+countdown(now-open[0].T))
	}
	right := strings.Join(parts, "  ")
	titleW := m.w - lipgloss.Width(right) - 2 - 2
	title := ""
	if titleW > 8 {
		name := s.Scenario.Title
		if m.opts.Remote {
			name = cell.Who(s, m.opts.Facilitator)
		}
		title = m.st.Title.Render(draw.Truncate(name, titleW))
	}
	gap := max(m.w-2-lipgloss.Width(title)-lipgloss.Width(right), 1)
	return m.st.Header.Render(draw.Truncate(title+strings.Repeat(" ", gap)+right, m.w-2))
}

// countdown writes a positive duration as mm:ss or h:mm:ss.
func countdown(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	if d >= time.Hour {
		return fmt.Sprintf("%d:%02d:%02d", int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60)
	}
	return fmt.Sprintf("%02d:%02d", int(d/time.Minute), int(d/time.Second)%60)
}

// footerView is the status line (a save fault, which stays until a save
// succeeds, or the last confirmation) and the key help.
func (m *Model) footerView() string {
	var status string
	switch {
	case m.fault != nil || m.autoFault != nil:
		cause := m.fault
		if cause == nil {
			cause = m.autoFault
		}
		word, then := "NOT SAVED: ", "; retry when fixed"
		var ns *session.NotSavedError
		var un *session.UnconfirmedError
		if errors.As(cause, &un) { // it may be in the record: sent again, twice
			word, then, cause = "NOT CONFIRMED, look at the record before sending it again: ", "", un.Err
		} else if errors.As(cause, &ns) {
			cause = ns.Err
		}
		status = m.st.Fault.Render(draw.Truncate(" ⚠ "+word+cause.Error()+" · what you typed is kept"+then+" ", m.w))
	case m.flash != "" && m.flashErr:
		status = m.st.Status["error"].Render(draw.Truncate(" ✗ "+m.flash, m.w))
	case m.flash != "":
		mark := " ✓ " // done; news from the seats (alert) carries its own mark
		if strings.HasPrefix(m.flash, "● ") {
			mark = " "
		}
		status = m.st.Flash.Render(draw.Truncate(mark+m.flash, m.w))
	case m.digest != "":
		status = m.st.Flash.Render(draw.Truncate(" "+m.digest, m.w))
	default:
		status = m.st.Dim.Render(draw.Truncate(" "+m.hint(), m.w))
	}
	var bindings []key.Binding
	if m.modal == nil {
		bindings = m.keys.globalHelp()
		if !m.panes.TimelineFocused() {
			bindings = append(bindings, m.panes.Focused().Help()...)
		}
	}
	helpLine := " " + m.help.ShortHelpView(bindings)
	if m.modal != nil {
		helpLine = m.st.Help.Render(" " + m.modal.Hint)
	}
	return status + "\n" + draw.Truncate(helpLine, m.w)
}

// hint says what the selected inject waits for, or where the file is.
func (m *Model) hint() string {
	i := m.timeline.Selected()
	if i < 0 {
		return "Session file: " + m.sess.Path()
	}
	id := m.state.Scenario.Injects[i].ID
	switch m.state.Status(i, m.now()) {
	case event.Due:
		return id + " is due: enter releases it, D delays, s skips, h holds"
	case event.Contingency:
		return id + " is a contingency inject: enter releases it when needed"
	case event.Held:
		return id + " is held: h lifts the hold, enter releases it"
	case event.Waiting:
		return id + " waits for a branch choice (b)"
	}
	return "Session file: " + m.sess.Path()
}

// helpView is the ? screen, fitted to w×h (pane.KeysBox).
func (m *Model) helpView(w, h int) string {
	groups := m.keys.fullHelp()
	if m.opts.Serving != "" {
		groups = append(groups, m.keys.seatHelp())
	}
	if sc := m.state.Scenario; m.opts.Remote || len(sc.Simulated) > 0 {
		groups = append(groups, m.keys.cellHelp())
	}
	return pane.KeysBox(&m.st, m.help, "Keys", groups, []string{"Statuses: " + statusLegend(), "Press any key to close."}, w, h)
}

func statusLegend() string {
	var names []string
	for s := event.Pending; s <= event.OffBranch; s++ {
		names = append(names, s.String())
	}
	return strings.Join(names, ", ")
}
