package seat

import (
	"errors"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
	"ttx/ui/pane"
	"ttx/ui/seat/internal/choices"
)

// openSaid opens the decision, action or request form for the person's
// own team: the team is not theirs to choose.
func (m *Model) openSaid(kind string) tea.Cmd {
	var who, body, inject, why, stage, to string
	who = m.actor.Name
	// Said when the form opened, before the words were typed: response
	// times count from here, not from the save.
	saidAt := max(m.now(), 0)
	if i := m.body.Selected(); i >= 0 {
		inject = m.state.Scenario.Injects[i].ID
	}
	// Only participants record what was said, and their seats have an
	// inbox: what it lists when the form is drawn is what they may answer.
	inbox, _ := m.body.(*inboxBody)
	title := map[string]string{"decision": "Record a decision", "action": "Record an action taken", "request": "Request information"}[kind]
	prompt := map[string]string{"decision": "What did your team decide?", "action": "What did your team do?", "request": "What do you need to know?"}[kind]
	team := pane.TeamName(m.state.Scenario, m.actor.Team)
	decision := kind != "request"
	if decision {
		// In the title, which stays in sight however the form scrolls.
		title += " · said at " + clock.Format(saidAt)
	}
	build := func() []huh.Field {
		opts := []huh.Option[string]{huh.NewOption("(none)", "")}
		if inbox != nil {
			for _, i := range inbox.inbox.items {
				in := &m.state.Scenario.Injects[i]
				opts = append(opts, huh.NewOption(m.optionLabel(in.ID, in.Title), in.ID))
			}
		}
		fields := []huh.Field{
			huh.NewNote().Title("For " + team),
			huh.NewInput().Title("Who (optional)").Key("who").Value(&who).CharLimit(textRoom),
			huh.NewText().Title(prompt).Key("text").Value(&body).Lines(4).CharLimit(textRoom),
		}
		if decision {
			fields = append(fields,
				huh.NewText().Title("Why (optional)").Key("why").Value(&why).Lines(2).CharLimit(textRoom),
				huh.NewSelect[string]().Title("JDM stage (←/→)").Options(choices.Stages(m.formWidth())...).Value(&stage).Inline(true))
		}
		if orgs := m.state.Scenario.Simulated; kind == "request" && len(orgs) > 0 {
			ask := []huh.Option[string]{huh.NewOption("the control cell", "")}
			for _, o := range orgs {
				ask = append(ask, huh.NewOption(o.Name, o.ID))
			}
			fields = append(fields, huh.NewSelect[string]().Title("Ask (←/→)").Options(ask...).Value(&to).Inline(true))
		}
		return append(fields, huh.NewSelect[string]().Title("About (←/→)").Options(opts...).Value(&inject).Inline(true))
	}
	submit := func() (tea.Cmd, error) {
		if strings.TrimSpace(body) == "" {
			return nil, form.InField("text", errors.New("write something before saving"))
		}
		if err := form.FitsLine("who", who, text.MaxName); err != nil {
			return nil, err
		}
		if err := form.Fits("text", body, text.MaxText); err != nil {
			return nil, err
		}
		if err := form.Fits("why", why, text.MaxText); err != nil {
			return nil, err
		}
		if kind == "request" {
			return m.submit("Request", session.RecordRequest{Team: m.actor.Team, Who: who, Text: body, Inject: inject, To: to, SaidAt: &saidAt})
		}
		label := "Decision"
		if kind == "action" {
			label = "Action"
		}
		return m.submit(label, session.RecordDecision{Team: m.actor.Team, Who: who, Text: body, Inject: inject, Action: kind == "action",
			Rationale: why, Stage: stage, SaidAt: &saidAt})
	}
	md, cmd := form.NewModal(m.st.Form(), title, "tab next field · enter new line · ctrl+s save · esc cancel", m.formWidth(), build, submit)
	m.modal = md
	return tea.Batch(cmd, md.SetSize(m.formWidth(), m.formHeight()))
}

// openObservation opens the evaluator's observation form. In a scenario
// with Exercise Evaluation Guides (capability targets) the evaluator
// rates an objective as a whole, one of its capability targets or one of
// a target's critical tasks, chosen from one list, and says whether it is
// a strength or an area for improvement (or leaves it to the rating).
func (m *Model) openObservation() tea.Cmd {
	sc := m.state.Scenario
	if len(sc.Objectives) == 0 {
		m.flash, m.isErr = "This scenario has no objectives to observe against", true
		return nil
	}
	objective, rating, body, inject, finding := sc.Objectives[0].ID, "", "", "", ""
	if i := m.body.Selected(); i >= 0 {
		in := &sc.Injects[i]
		inject = in.ID
		if len(in.Objectives) > 0 {
			objective = in.Objectives[0]
		}
	}
	eeg := sc.HasEEG()
	rated := choices.Rates{Objective: objective}.Key()
	build := func() []huh.Field {
		ratings := choices.Ratings(m.formWidth())
		injects := []huh.Option[string]{huh.NewOption("(none)", "")}
		for i := range sc.Injects {
			if m.state.Injects.At(i).Released {
				injects = append(injects, huh.NewOption(m.optionLabel(sc.Injects[i].ID, sc.Injects[i].Title), sc.Injects[i].ID))
			}
		}
		if inject != "" && !slices.ContainsFunc(injects, func(o huh.Option[string]) bool { return o.Value == inject }) {
			inject = ""
		}
		var fields []huh.Field
		if eeg {
			opts := choices.Guides(sc, m.formWidth())
			fields = append(fields,
				huh.NewSelect[string]().Title("Objective, capability target or critical task (↑/↓)").Key("rates").
					Options(opts...).Value(&rated).Height(min(len(opts), choices.GuideRows)+1),
				huh.NewSelect[string]().Title("Rating (←/→)").Options(ratings...).Value(&rating).Inline(true),
				huh.NewSelect[string]().Title("Finding (←/→)").Options(
					huh.NewOption("(from the rating: P, S strength; M, U area for improvement)", ""),
					huh.NewOption("strength", event.Strength),
					huh.NewOption("area for improvement", event.Improvement)).Value(&finding).Inline(true))
		} else {
			objs := make([]huh.Option[string], len(sc.Objectives))
			for i, o := range sc.Objectives {
				objs[i] = huh.NewOption(m.optionLabel(o.ID, o.Text), o.ID)
			}
			fields = append(fields,
				huh.NewSelect[string]().Title("Objective (←/→)").Options(objs...).Value(&objective).Inline(true),
				huh.NewSelect[string]().Title("Rating (←/→)").Options(ratings...).Value(&rating).Inline(true))
		}
		return append(fields,
			huh.NewText().Title("Observation").Key("text").Value(&body).Lines(4).CharLimit(textRoom),
			huh.NewSelect[string]().Title("About inject (←/→)").Options(injects...).Value(&inject).Inline(true))
	}
	submit := func() (tea.Cmd, error) {
		if strings.TrimSpace(body) == "" {
			return nil, form.InField("text", errors.New("write the observation before saving"))
		}
		if err := form.Fits("text", body, text.MaxText); err != nil {
			return nil, err
		}
		c := session.RecordObservation{Objective: objective, Rating: rating, Text: body, Inject: inject}
		if eeg {
			r := choices.ParseRates(rated)
			c.Objective, c.Target, c.Task, c.Finding = r.Objective, r.Target, r.Task, finding
		}
		return m.submit("Observation", c)
	}
	md, cmd := form.NewModal(m.st.Form(), "Record an observation", "tab next field · enter new line · ctrl+s save · esc cancel", m.formWidth(), build, submit)
	m.modal = md
	return tea.Batch(cmd, md.SetSize(m.formWidth(), m.formHeight()))
}

// optionLabel is a choice's option, "ID · text", cut to fit the form
// (choices.Label).
func (m *Model) optionLabel(id, text string) string { return choices.Label(id, text, m.formWidth()) }
