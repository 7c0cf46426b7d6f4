package console

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/access"
	"ttx/exercise/event"
	"ttx/exercise/joincode"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// The facilitator's controls over the SSH seats, shown when ttx serve
// runs the console.

// togglePause holds or lets go of participants' input.
func (m *Model) togglePause() tea.Cmd {
	if m.state.InputPaused {
		return m.do("Participants' input resumed", session.ResumeInput{})
	}
	return m.do("Participants' input paused", session.PauseInput{})
}

// broadcastForm sends a message to every seat.
func (m *Model) broadcastForm() (*form.Modal, tea.Cmd) {
	v := &formValues{}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{huh.NewText().Title("Message to every seat").Key("text").Value(&v.Text).Lines(3).CharLimit(form.TextRoom)}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if strings.TrimSpace(v.Text) == "" {
			return nil, errors.New("write the message before sending")
		}
		if err := form.Fits("text", v.Text, text.MaxText); err != nil {
			return nil, err
		}
		return m.do("Message sent to every seat", session.Broadcast{Text: v.Text}), nil
	}
	return m.newModal("Broadcast", "enter new line · ctrl+s send · esc cancel", v, m.formWidth(), build, submit)
}

// addPersonForm adds someone to the roster, with a fresh join code.
func (m *Model) addPersonForm() (*form.Modal, tea.Cmd) {
	sc := m.state.Scenario
	v := &formValues{Reason: scenario.RoleParticipant, Team: sc.Teams[0].ID, Time: joincode.New()}
	var plays []string
	build := func(v *formValues) []huh.Field {
		// The control cell's roles are the lead's to give (the session
		// says so to anyone else).
		roles := []huh.Option[string]{huh.NewOption("participant", scenario.RoleParticipant),
			huh.NewOption("evaluator", scenario.RoleEvaluator), huh.NewOption("observer", scenario.RoleObserver),
			huh.NewOption("controller", scenario.RoleController)}
		if len(sc.Simulated) > 0 {
			roles = append(roles, huh.NewOption("SimCell", scenario.RoleSimCell))
		}
		fields := []huh.Field{
			huh.NewInput().Title("Name").Key("name").Value(&v.Who).CharLimit(form.TextRoom),
			form.NewPick("Role (first letters or ←/→)", "role", roles, &v.Reason).Inline(),
			form.NewPick(fmt.Sprintf("Team, for a participant (1–%d, first letters or ←/→)", len(sc.Teams)), "team", form.TeamOptions(sc), &v.Team).Numbered().Inline(),
		}
		if len(sc.Simulated) > 0 {
			orgs := make([]huh.Option[string], len(sc.Simulated))
			for i, o := range sc.Simulated {
				orgs[i] = huh.NewOption(o.Name, o.ID)
			}
			fields = append(fields, huh.NewMultiSelect[string]().Title("Plays, for a SimCell member (space chooses)").Key("plays").
				Options(orgs...).Value(&plays).Height(min(len(orgs), 4)+1))
		}
		return append(fields, huh.NewInput().Title("Join code to give them").Key("code").Value(&v.Time).CharLimit(form.TextRoom))
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if err := errors.Join(form.FitsLine("name", v.Who, text.MaxName), form.FitsLine("code", v.Time, text.MaxName)); err != nil {
			return nil, err
		}
		name, code := strings.TrimSpace(v.Who), strings.TrimSpace(v.Time)
		add := session.AddPerson{Name: name, Role: v.Reason, Team: v.Team, Code: code}
		if v.Reason == scenario.RoleSimCell {
			add.Plays = plays
		}
		if code == "" {
			return m.do(name+" added", add), nil
		}
		return m.doKept(fmt.Sprintf("Join code %s for %s, now on the roster · give it to them now: ttx keeps only its hash · any key hides this", code, name), add), nil
	}
	return m.newModal("Add a person to the roster", "tab next field · ctrl+s add · esc cancel", v, m.formWidth(), build, submit)
}

// doKept is do for a command whose notice says a join code: the session
// keeps only the code's hash, so this is the one time it can be read, and
// the notice stays until the facilitator presses a key, not a few
// seconds. The code comes first in it, so that a long name on a narrow
// console cannot push it out of sight.
func (m *Model) doKept(notice string, c session.Command) tea.Cmd {
	done := m.do(notice, c)
	return func() tea.Msg {
		msg := done()
		if d, ok := msg.(doneMsg); ok {
			d.keep = true
			return d
		}
		return msg
	}
}

// newCodeForm gives someone on the roster a new join code, in place of
// theirs: for a person who lost it, or whose code others may have seen.
// It is nil when nobody is on the roster.
func (m *Model) newCodeForm() (*form.Modal, tea.Cmd) {
	roster := m.state.Roster
	if len(roster) == 0 {
		return nil, nil
	}
	opts := make([]huh.Option[string], len(roster))
	for i, p := range roster {
		opts[i] = huh.NewOption(p.Name+" · "+m.where(p), p.Name)
	}
	v := &formValues{Who: roster[0].Name, Time: joincode.New()}
	missed := false // the last save matched no one: nobody is chosen until someone is
	build := func(v *formValues) []huh.Field {
		who := form.NewPick("Who (letters of the name or ↑/↓)", "person", opts, &v.Who).Narrow(min(len(opts), 6))
		if missed {
			v.Who = "" // huh takes its first option for an empty choice
		}
		return []huh.Field{
			who,
			huh.NewInput().Title("New join code (the old one stops working and its seats close)").Key("code").Value(&v.Time).CharLimit(form.TextRoom),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if missed = v.Who == ""; missed { // what was typed matched no one
			return nil, errors.New("no one on the roster matches what was typed: type letters of their name, or choose with ↑/↓")
		}
		if err := form.FitsLine("code", v.Time, text.MaxName); err != nil {
			return nil, err
		}
		code := strings.TrimSpace(v.Time)
		return m.doKept(fmt.Sprintf("Join code %s for %s, in place of theirs · give it to them now: ttx keeps only its hash · any key hides this", code, v.Who),
			session.NewJoinCode{Name: v.Who, Code: code}), nil
	}
	return m.newModal("A new join code", "tab next field · ctrl+s give it · esc cancel", v, m.formWidth(), build, submit)
}

// seatsView lists the roster with who is connected, in a box of at most
// the console's width and h rows: when the roster is longer than that,
// it ends with how many more there are. The join command and the host
// key's fingerprint are always shown whole, wrapped if need be.
func (m *Model) seatsView(h int) string {
	s := &m.state
	inner := max(m.w-m.st.Modal.GetHorizontalFrameSize(), 1)
	head := strings.Split(m.st.ModalTitle.Render(fmt.Sprintf("Seats · %s · %d connected", m.opts.Serving, m.connected())), "\n")
	// Columns as wide as the longest name and place, up to 24 and 28, so
	// that a narrow screen keeps how each person joins in view.
	nameW, whereW := 0, 0
	for _, p := range s.Roster {
		nameW, whereW = max(nameW, lipgloss.Width(p.Name)), max(whereW, lipgloss.Width(m.where(p)))
	}
	nameW, whereW = min(nameW, 24), min(whereW, 28)
	var people []string
	if len(s.Roster) == 0 {
		people = append(people, m.st.Dim.Render("Nobody is on the roster yet. Press A to add someone."))
	}
	for _, p := range s.Roster {
		mark, held := m.st.Dim.Render("○ "), ""
		if n := s.Seats[p.Name]; n > 0 {
			mark = m.st.Running.Render("● ")
			held = seatsHeld(n)
		}
		how := []string{}
		if len(p.Keys) > 0 {
			how = append(how, "key")
		}
		if p.CodeHash != "" {
			how = append(how, "code")
		}
		people = append(people, fmt.Sprintf("%s %s  %s  %s %s", mark, draw.Pad(p.Name, nameW), draw.Pad(m.where(p), whereW),
			m.st.Dim.Render(fmt.Sprintf("%-9s", strings.Join(how, ", "))), m.st.Running.Render(held)))
	}
	var tail []string
	if s.Refusals > 0 {
		tail = append(tail, "", m.st.Status["error"].Render(fmt.Sprintf("%d refused attempt(s) to join, in the session file", s.Refusals)))
	}
	tail = append(tail, "")
	// Said whole: a label and its value on one line when they fit, the
	// value on a line of its own when not.
	whole := func(label, value string) {
		if value == "" {
			return
		}
		if lipgloss.Width(label+" "+value) <= inner {
			tail = append(tail, label+" "+value)
			return
		}
		tail = append(tail, label)
		tail = append(tail, draw.Wrap(value, inner)...)
	}
	whole("Participants join with:", m.opts.Join)
	whole("Host key they should see:", m.opts.HostKey)
	for _, l := range draw.Wrap("A add a person · J new join code · P pause input · B broadcast · any key closes", inner) {
		tail = append(tail, m.st.Dim.Render(l))
	}
	if room := h - m.st.Modal.GetVerticalFrameSize() - len(head) - len(tail); len(people) > room {
		keep := max(room-1, 0)
		people = append(people[:keep], m.st.Dim.Render(fmt.Sprintf("… and %d more: a taller terminal lists everyone", len(people)-keep)))
	}
	return m.st.Modal.Render(truncateBlock(strings.Join(append(append(head, people...), tail...), "\n"), inner))
}

// where is a person's team, or their role when they have none.
func (m *Model) where(p event.Person) string {
	if p.Team != "" {
		return pane.TeamName(m.state.Scenario, p.Team)
	}
	return p.Role
}

// seatsHeld says how many seats one person holds, when more than one,
// and when they hold as many as anyone may.
func seatsHeld(n int) string {
	switch {
	case n >= access.SeatsEach:
		return fmt.Sprintf("%d seats, the most one person may hold", n)
	case n > 1:
		return fmt.Sprintf("%d seats", n)
	}
	return ""
}

func (m *Model) connected() int {
	n := 0
	for _, c := range m.state.Seats {
		n += c
	}
	return n
}
