package seat

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/clock"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
	"ttx/ui/seat/paint"
)

// Layout.
const (
	minWidth     = 50
	minHeight    = 14
	headerHeight = 2 // title line and the broadcast or status line
	footerHeight = 2
)

func (m *Model) resize(w, h int) {
	size := paint.Clamp(tea.WindowSizeMsg{Width: w, Height: h})
	w, h = size.Width, size.Height
	m.w, m.h = w, h
	m.help.Width = w
	if w < minWidth || h < minHeight {
		return
	}
	m.body.Layout(w, h-headerHeight-footerHeight)
	if m.modal != nil {
		m.modal.SetSize(m.formWidth(), m.formHeight())
	}
	m.showSelected()
}

// View draws the seat, or returns the last frame if nothing changed.
func (m *Model) View() string {
	// The person's read marks are shared by their seats: one opened on
	// another seat is unread here no longer.
	if g := m.opts.Read.Gen(); m.dirty || m.frame == "" || g != m.readGen {
		m.frame, m.dirty, m.readGen = m.draw(), false, g
	}
	return m.frame
}

// Unchanged reports whether View would return the last frame as it is:
// nothing the seat shows has changed since (paint.Unchanged).
func (m *Model) Unchanged() bool {
	return !m.dirty && m.frame != "" && m.opts.Read.Gen() == m.readGen
}

func (m *Model) draw() string {
	if m.w == 0 {
		return ""
	}
	if m.w < minWidth || m.h < minHeight {
		return pane.TooSmall(m.w, m.h, minWidth, minHeight, "")
	}
	if m.state.Closed {
		text := m.st.Title.Render(m.state.Scenario.Title) + "\n\nThe facilitator has ended the session.\nEverything you saved is in the record. Thank you."
		// Wrapped to the terminal when it is narrower than the notice; the
		// box's Width counts its padding, not its border.
		box := m.st.Modal
		if lipgloss.Width(text)+box.GetHorizontalFrameSize() > m.w {
			box = box.Width(m.w - box.GetHorizontalBorderSize())
		}
		return draw.Center(m.w, m.h, box.Render(text))
	}
	bodyH := m.h - headerHeight - footerHeight
	var body string
	switch {
	case m.modal != nil:
		body = draw.Center(m.w, bodyH, m.modal.View(&m.st))
	case m.castsOn:
		body = draw.Center(m.w, bodyH, m.st.Modal.Render(m.castsView(bodyH)))
	case m.helpOn:
		groups := [][]key.Binding{m.roleKeys(), {m.keys.Up, m.keys.Down, m.keys.Broadcasts, m.keys.Focus, m.keys.Quit}}
		body = draw.Center(m.w, bodyH, pane.KeysBox(&m.st, m.help, "Keys", groups, nil, m.w, bodyH))
	default:
		return m.body.Around(m.headerView(), m.footerView())
	}
	return draw.JoinLeft(m.headerView(), body, m.footerView())
}

func (m *Model) roleKeys() []key.Binding {
	switch m.actor.Role {
	case scenario.RoleParticipant:
		return []key.Binding{m.keys.Decision, m.keys.Action, m.keys.Request, m.keys.Correct}
	case scenario.RoleEvaluator:
		return []key.Binding{m.keys.Observation, m.keys.Correct}
	}
	return nil
}

func (m *Model) headerView() string {
	s := &m.state
	who := m.actor.Name + " · " + m.actor.Role
	if m.actor.Team != "" {
		who = m.actor.Name + " · " + pane.TeamName(s.Scenario, m.actor.Team)
	}
	t := m.now()
	clk, scen, w := clock.Format(t), pane.ScenarioClock(s, t, m.opts.Location), strconv.Itoa(m.w)
	line1 := m.head[0].Get(s.Scenario.Title+"\x00"+who+"\x00"+clk+"\x00"+scen+"\x00"+w, func() string {
		// The clock is always whole, then who the seat is; the title takes
		// what is left, and goes when too little is.
		right := m.st.Clock.Render(clk) + "  " + scen
		room := m.w - 2 - lipgloss.Width(right) - 2
		left := m.st.Team.Render(draw.Truncate(who, max(room, 1)))
		if titled := room - lipgloss.Width(who) - 2; titled >= headerTitleLeast {
			left = m.st.Title.Render(draw.Truncate(s.Scenario.Title, titled)) + "  " + left
		}
		gap := max(m.w-2-lipgloss.Width(left)-lipgloss.Width(right), 1)
		return m.st.Header.Render(draw.Truncate(left+strings.Repeat(" ", gap)+right, m.w-2))
	})
	var line2 string
	switch {
	case s.InputPaused && m.actor.Role == scenario.RoleParticipant:
		line2 = m.head[1].Get("paused\x00"+w, func() string {
			return m.st.Fault.Render(draw.Pad(" ❚❚ The facilitator has paused input. You can keep writing; save when it resumes.", m.w))
		})
	case len(s.Broadcasts) > 0 && m.opts.Now().Sub(s.Broadcasts[len(s.Broadcasts)-1].At) < bannerFor:
		b := s.Broadcasts[len(s.Broadcasts)-1]
		text := " 📢 " + clock.Format(b.T) + " from the facilitator: " + strings.ReplaceAll(b.Text, "\n", " ")
		line2 = m.head[1].Get("broadcast\x00"+w+"\x00"+text, func() string {
			// Too long for the line: cut it, and say where it is whole.
			if lipgloss.Width(text) > m.w {
				text = draw.Truncate(text, m.w-lipgloss.Width(castsHint)) + castsHint
			}
			return m.st.DueBadge.Render(draw.Pad(text, m.w))
		})
	default:
		line2 = m.head[1].Get("role\x00"+w+"\x00"+m.actor.Role, func() string {
			return m.st.Dim.Render(draw.Truncate(" "+m.roleLine(), m.w))
		})
	}
	return line1 + "\n" + line2
}

func (m *Model) roleLine() string {
	switch m.actor.Role {
	case scenario.RoleParticipant:
		return "You see the messages sent to your team. Press d to record a decision, a an action, r a request for information, c to correct your own."
	case scenario.RoleEvaluator:
		return "Evaluator: you see everything the controllers see. Press o to record an observation, c to correct your own."
	}
	return "Observer: you see what has been released and decided."
}

func (m *Model) footerView() string {
	w := strconv.Itoa(m.w)
	status := m.status.Get(w+"\x00"+strconv.FormatBool(m.isErr)+"\x00"+m.flash, func() string {
		if m.flash == "" {
			return m.st.Dim.Render(" ")
		}
		style := m.st.Flash
		if m.isErr {
			style = m.st.Status["error"]
		}
		return style.Render(draw.Truncate(" "+m.flash, m.w))
	})
	if m.modal != nil {
		return status + "\n" + draw.Truncate(m.st.Help.Render(" "+m.modal.Hint), m.w)
	}
	return status + "\n" + m.keyHelp.Get(w, func() string {
		return draw.Truncate(" "+m.help.ShortHelpView(append(append([]key.Binding{m.keys.Help}, m.roleKeys()...), m.keys.Focus, m.keys.Quit)), m.w)
	})
}

// headerTitleLeast is the fewest cells of the scenario's title the
// header shows; with less room it shows none.
const headerTitleLeast = 8

// castsHint ends a broadcast cut to fit the banner.
const castsHint = " · b reads it whole "

// castsOnScreen is how many of the latest broadcasts the seat shows whole.
const castsOnScreen = 5

// castsView is the facilitator's latest broadcasts, newest first, each
// wrapped whole to the seat's width and as many as fit in rows.
func (m *Model) castsView(rows int) string {
	w := m.formWidth()
	// The title's style ends it with a blank line: the lines counted are
	// the lines drawn.
	lines := strings.Split(m.st.ModalTitle.Render("From the facilitator"), "\n")
	casts := m.state.Broadcasts
	for i := len(casts) - 1; i >= 0 && i >= len(casts)-castsOnScreen; i-- {
		text := append([]string{m.st.Label.Render(clock.Format(casts[i].T))}, draw.Wrap(casts[i].Text, w)...)
		if i < len(casts)-1 {
			text = append([]string{""}, text...) // a blank line between two
		}
		if room := rows - formChrome - len(lines); len(text) > room {
			if i < len(casts)-1 || room < 2 {
				break
			}
			text = append(text[:room-1], "…") // the newest, as much as fits
		}
		lines = append(lines, text...)
	}
	lines = append(lines, "", m.st.Help.Render("any key closes"))
	return strings.Join(lines, "\n")
}
