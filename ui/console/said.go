package console

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
)

// remember keeps who spoke for a team in what the console saved (a
// decision or request), so that the next form for that team starts with
// it.
func (m *Model) remember(e event.Event) {
	if e.Type != event.DecisionRecorded && e.Type != event.RequestRecorded || e.By != m.opts.Facilitator.By() {
		return
	}
	var d event.Said
	if e.Decode(&d) == nil {
		m.whos[d.Team] = d.Who
	}
}

// rememberAll fills the console's last who per team from the record, as
// a resumed session left it.
func (m *Model) rememberAll(s *event.State) {
	m.whos = map[string]string{}
	last := map[string]int64{}
	for _, list := range []event.Entries{s.Decisions, event.EntriesOf(s.Requests)} {
		for _, e := range list.All() {
			if e.By == m.opts.Facilitator.By() && e.Seq >= last[e.Team] {
				m.whos[e.Team], last[e.Team] = e.Who, e.Seq
			}
		}
	}
}

// saidForm is the decision and request form. The team is chosen by its
// number or first letters, who spoke starts as the last who for that
// team, the inject answered as the one last released to it; a decision
// is said when the form opens, and the form shows that time.
func (m *Model) saidForm(kind string) (*form.Modal, tea.Cmd) {
	s := &m.state
	sel := m.timeline.Selected()
	saidAt := m.now()
	v := &formValues{Team: s.Scenario.Teams[0].ID}
	if sel >= 0 {
		for _, t := range s.Scenario.Injects[sel].To {
			if t != scenario.AllTeams {
				v.Team = t
				break
			}
		}
	}
	v.Who, v.Inject = m.whos[v.Team], form.Answering(s, v.Team, sel)
	decision := kind == event.DecisionRecorded
	title, prompt, about := "Record a decision · said at "+clock.Format(saidAt), "Decision or action", "Answers inject (id or ←/→)"
	if !decision {
		title, prompt, about = "Record a request for information", "What the team asks for", "About (id or ←/→)"
	}
	build := func(v *formValues) []huh.Field {
		who := huh.NewInput().Title("Who (optional; ctrl+u clears)").Placeholder("name or role of the person who said it").Key("who").Value(&v.Who).CharLimit(form.TextRoom)
		inject := form.NewPick(about, "inject", form.InjectOptions(s, sel), &v.Inject).Inline()
		team := form.NewPick(fmt.Sprintf("Team (1–%d, first letters or ←/→)", len(s.Scenario.Teams)), "team", form.TeamOptions(s.Scenario), &v.Team).Numbered().Inline()
		was := v.Team
		team.OnChange(func(t string) {
			if v.Who == m.whos[was] {
				v.Who = m.whos[t]
				who.Value(&v.Who)
			}
			if v.Inject == form.Answering(s, was, sel) {
				inject.Set(form.Answering(s, t, sel))
			}
			was = t
		})
		fields := []huh.Field{team, huh.NewText().Title(prompt).Key("text").Value(&v.Text).Lines(3).CharLimit(form.TextRoom)}
		if decision {
			fields = append(fields, huh.NewText().Title("Why — the reason for it, as the decision log records it (optional)").
				Key("why").Value(&v.Why).Lines(2).CharLimit(form.TextRoom))
		}
		fields = append(fields, who)
		if decision {
			fields = append(fields, form.NewPick("JDM stage (1–5, first letters or ←/→)", "stage", form.StageOptions(), &v.Stage).Inline())
		}
		return append(fields, inject)
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if strings.TrimSpace(v.Text) == "" {
			return nil, form.InField("text", fmt.Errorf("write what was said before saving"))
		}
		if err := form.Fits("text", v.Text, text.MaxText); err != nil {
			return nil, err
		}
		if err := form.Fits("why", v.Why, text.MaxText); err != nil {
			return nil, err
		}
		if err := form.FitsLine("who", v.Who, text.MaxName); err != nil {
			return nil, err
		}
		if !decision {
			return m.do("Request saved", session.RecordRequest{Team: v.Team, Who: v.Who, Text: v.Text, Inject: v.Inject, SaidAt: &saidAt}), nil
		}
		return m.do("Decision saved", session.RecordDecision{Team: v.Team, Who: v.Who, Text: v.Text, Inject: v.Inject,
			Rationale: v.Why, Stage: v.Stage, SaidAt: &saidAt}), nil
	}
	return m.newModal(title, "tab next field · enter new line · ctrl+s save · esc cancel", v, m.formWidth(), build, submit)
}
