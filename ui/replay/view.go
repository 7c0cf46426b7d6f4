package replay

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/clock"
	"ttx/exercise/text"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// Layout constants.
const (
	minWidth     = 60
	minHeight    = 16
	headerHeight = 3 // title line, scrubber, scrubber labels
	footerHeight = 2
)

func (m *Model) tooSmall() bool { return m.w < minWidth || m.h < minHeight }

func (m *Model) resize(w, h int) {
	m.w, m.h = w, h
	m.help.Width = w
	if m.tooSmall() {
		return
	}
	m.panes.Layout(&m.st, w, h-headerHeight-footerHeight)
	m.showDetail()
	if m.modal != nil {
		m.modal.SetSize(m.formWidth(m.formMost), 0)
	}
}

// View draws the replay.
func (m *Model) View() string {
	if m.w == 0 {
		return ""
	}
	if m.tooSmall() {
		return pane.TooSmall(m.w, m.h, minWidth, minHeight, "")
	}
	bodyH := m.h - headerHeight - footerHeight
	var body string
	switch {
	case m.modal != nil:
		body = draw.Center(m.w, bodyH, m.modal.View(&m.st))
	case m.showHelp:
		body = draw.Center(m.w, bodyH, pane.KeysBox(&m.st, m.help, "Keys", m.keys.fullHelp(), []string{"Press any key to close."}, m.w, bodyH))
	default:
		return m.panes.Around(m.headerView(), m.footerView())
	}
	return draw.JoinLeft(m.headerView(), body, m.footerView())
}

// headerView is the title and play state, then the scrubber with the
// session's first and last wall times under its ends.
func (m *Model) headerView() string {
	sc := m.log.Final.Scenario
	run := m.st.Paused.Render("❚❚ PAUSED")
	if m.playing {
		run = m.st.Running.Render("▶ PLAYING")
	}
	t := m.log.ClockAt(m.at)
	right := strings.Join([]string{
		run + " " + clockSpeed(m.speed),
		m.st.Clock.Render(clock.Format(t)),
		pane.ScenarioClock(&m.state, t, m.opts.Location),
		fmt.Sprintf("event %d/%d", m.pos, m.log.Len()),
	}, "  ")
	title := m.st.Title.Render("REPLAY") + " " + sc.Title
	titleW := m.w - 2 - lipgloss.Width(right) - 2
	line := draw.Truncate(title, max(titleW, 0))
	gap := max(m.w-2-lipgloss.Width(line)-lipgloss.Width(right), 1)
	header := m.st.Header.Render(draw.Truncate(line+strings.Repeat(" ", gap)+right, m.w-2))

	track := " " + m.scrub.View(m.log, m.w-2, m.at)
	return header + "\n" + track + "\n" + m.st.Dim.Render(m.scrubLabels())
}

// scrubLabels puts the session's first and last wall times under the
// scrubber's ends and the instant shown under the cursor, where it fits.
func (m *Model) scrubLabels() string {
	loc := m.opts.Location
	start := m.log.Start().In(loc).Format("15:04:05")
	end := m.log.End().In(loc).Format("15:04:05")
	switch {
	case m.loading:
		end += fmt.Sprintf(" (reading: %d%%)", m.percent())
	case !m.log.Scan.Sealed:
		end += " (not closed)"
	}
	line := []rune(strings.Repeat(" ", m.w))
	put := func(at int, s string) { copy(line[at:], []rune(s)) }
	endAt := m.w - 1 - len([]rune(end))
	if endAt <= len(start)+2 {
		return draw.Truncate(" "+start, m.w)
	}
	put(1, start)
	put(endAt, end)
	now := m.at.In(loc).Format("15:04:05")
	c := 1 + cell(m.at.Sub(m.log.Start()), m.log.End().Sub(m.log.Start()), m.w-2)
	at := min(max(c-len(now)/2, 1+len(start)+2), endAt-len(now)-2)
	if at > 1+len(start) && at+len(now) < endAt && now != start && !strings.HasPrefix(end, now) {
		put(at, now)
	}
	return string(line)
}

func clockSpeed(s float64) string { return clock.FormatSpeed(s) }

// footerView says what is wrong with the file, if anything, or the filter
// or last message, then the keys.
func (m *Model) footerView() string {
	// Every status line here quotes the file or its name: escaped.
	var status string
	scan := m.log.Scan
	switch {
	case m.readErr != nil:
		status = m.st.Fault.Render(draw.Truncate(text.Escape(fmt.Sprintf(" ⚠ Reading stopped: %v; showing the %s read before it", m.readErr, events(m.log.Len()))), m.w))
	case m.loading && m.flash == "":
		status = m.st.Flash.Render(draw.Truncate(text.Escape(fmt.Sprintf(" Reading %s: %d%%, %s so far; the rest is checked and added as it is read", m.log.Path, m.percent(), events(m.log.Len()))), m.w))
	case m.log.Problem() != "":
		status = m.st.Fault.Render(draw.Truncate(text.Escape(" ⚠ "+m.log.Problem()+" "), m.w))
	case scan.Torn != nil && !m.log.Scan.Sealed && m.flash == "":
		status = m.st.Status["held"].Render(draw.Truncate(fmt.Sprintf(" The file ends in a torn line at byte %d (%d bytes): a crash mid-write, or a line being written", scan.Torn.Offset, scan.Torn.Size), m.w))
	case m.flash != "":
		status = m.st.Flash.Render(draw.Truncate(" "+text.Escape(m.flash), m.w))
	case m.team != "" || m.objective != "" || m.search != "":
		status = m.st.Flash.Render(draw.Truncate(" Filter: "+m.filterLabel()+" (esc clears)", m.w))
	default:
		status = m.st.Dim.Render(draw.Truncate(" "+text.Escape(m.log.Path), m.w))
	}
	helpLine := " " + m.help.ShortHelpView(m.keys.shortHelp())
	if m.modal != nil {
		helpLine = m.st.Help.Render(" " + m.modal.Hint)
	}
	return status + "\n" + draw.Truncate(helpLine, m.w)
}

// percent is how much of a file still being read has been read.
func (m *Model) percent() int64 {
	if m.size <= 0 {
		return 0
	}
	return min(m.read*100/m.size, 99)
}

// events counts events in words: "1 event", "2 events".
func events(n int) string {
	if n == 1 {
		return "1 event"
	}
	return fmt.Sprintf("%d events", n)
}
