package console

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// formValues are the fields every form binds to. They outlive a failed
// save, so nothing typed is lost when the disk refuses a write.
type formValues struct {
	Team, Who, Text, Inject string
	Minutes, Reason, Choice string
	Time                    string
	Confirm                 bool
}

func newModal(title, hint string, vals *formValues, width int, build func(*formValues) []huh.Field,
	submit func(*formValues) (tea.Cmd, error)) (*form.Modal, tea.Cmd) {
	return form.NewModal(theme.DefaultForm(), title, hint, width, func() []huh.Field { return build(vals) },
		func() (tea.Cmd, error) { return submit(vals) })
}

// teamOptions lists the teams, for a select.
func teamOptions(sc *scenario.Scenario) []huh.Option[string] {
	opts := make([]huh.Option[string], len(sc.Teams))
	for i, t := range sc.Teams {
		opts[i] = huh.NewOption(t.Name, t.ID)
	}
	return opts
}

// injectOptions lists "no inject", the released injects and the selected
// one, newest release first, for choosing what a decision answers.
func injectOptions(s *event.State, selected int) []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption("(none)", "")}
	add := func(i int) {
		in := &s.Scenario.Injects[i]
		opts = append(opts, huh.NewOption(in.ID+" · "+in.Title, in.ID))
	}
	if selected >= 0 {
		add(selected)
	}
	var released []int
	for i := range s.Injects.Len() {
		if i != selected && s.Injects.At(i).Released {
			released = append(released, i)
		}
	}
	slices.SortFunc(released, func(x, y int) int { return pane.NewerRelease(s, x, y) })
	for _, i := range released {
		add(i)
	}
	return opts
}

// saidForm is the decision and request form.
func (m *Model) saidForm(kind string) (*form.Modal, tea.Cmd) {
	s := &m.state
	sel := m.timeline.Selected()
	v := &formValues{Team: s.Scenario.Teams[0].ID}
	if sel >= 0 {
		in := &s.Scenario.Injects[sel]
		v.Inject = in.ID
		for _, t := range in.To {
			if t != scenario.AllTeams {
				v.Team = t
				break
			}
		}
	}
	title, prompt, about := "Record a decision", "Decision or action", "Answers inject (←/→)"
	if kind == event.RequestRecorded {
		title, prompt, about = "Record a request for information", "What the team asks for", "About (←/→)"
	}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewSelect[string]().Title("Team (←/→)").Options(teamOptions(s.Scenario)...).Value(&v.Team).Inline(true),
			huh.NewInput().Title("Who (optional)").Placeholder("name or role of the person who said it").Key("who").Value(&v.Who).CharLimit(form.TextRoom),
			huh.NewText().Title(prompt).Key("text").Value(&v.Text).Lines(4).CharLimit(form.TextRoom),
			huh.NewSelect[string]().Title(about).Options(injectOptions(s, sel)...).Value(&v.Inject).Inline(true),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if strings.TrimSpace(v.Text) == "" {
			return nil, form.InField("text", fmt.Errorf("write what was said before saving"))
		}
		if err := form.FitsLine("who", v.Who, text.MaxName); err != nil {
			return nil, err
		}
		if err := form.Fits("text", v.Text, text.MaxText); err != nil {
			return nil, err
		}
		if kind == event.RequestRecorded {
			return m.do("Request saved", session.RecordRequest{Team: v.Team, Who: v.Who, Text: v.Text, Inject: v.Inject}), nil
		}
		return m.do("Decision saved", session.RecordDecision{Team: v.Team, Who: v.Who, Text: v.Text, Inject: v.Inject}), nil
	}
	return newModal(title, "tab next field · enter new line · ctrl+s save · esc cancel", v, m.formWidth(), build, submit)
}

// noteForm is the facilitator's note form.
func (m *Model) noteForm() (*form.Modal, tea.Cmd) {
	s := &m.state
	sel := m.timeline.Selected()
	v := &formValues{}
	if sel >= 0 {
		v.Inject = s.Scenario.Injects[sel].ID
	}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewText().Title("Note").Key("text").Value(&v.Text).Lines(4).CharLimit(form.TextRoom),
			huh.NewSelect[string]().Title("About inject (←/→)").Options(injectOptions(s, sel)...).Value(&v.Inject).Inline(true),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if strings.TrimSpace(v.Text) == "" {
			return nil, form.InField("text", fmt.Errorf("write the note before saving"))
		}
		if err := form.Fits("text", v.Text, text.MaxText); err != nil {
			return nil, err
		}
		return m.do("Note saved", session.RecordNote{Text: v.Text, Inject: v.Inject}), nil
	}
	return newModal("Facilitator note", "enter new line · ctrl+s save · esc cancel", v, m.formWidth(), build, submit)
}

// answerForm answers a waiting request for information.
func (m *Model) answerForm() (*form.Modal, tea.Cmd) {
	s := &m.state
	var opts []huh.Option[string]
	for i := len(s.Requests) - 1; i >= 0; i-- {
		r := s.Requests[i]
		if _, done := s.AnswerTo(r.Seq); done {
			continue
		}
		label := pane.TeamName(s.Scenario, r.Team) + ": " + strings.ReplaceAll(r.Text, "\n", " ")
		opts = append(opts, huh.NewOption(draw.Truncate(label, m.formWidth()-4), strconv.FormatInt(r.Seq, 10)))
	}
	if len(opts) == 0 {
		return nil, nil
	}
	v := &formValues{Choice: opts[0].Value}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewSelect[string]().Title("Request (newest first)").Options(opts...).Value(&v.Choice).Height(min(len(opts), 6) + 1),
			huh.NewText().Title("Answer").Key("text").Value(&v.Text).Lines(4).CharLimit(form.TextRoom),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if strings.TrimSpace(v.Text) == "" {
			return nil, form.InField("text", fmt.Errorf("write the answer before saving"))
		}
		if err := form.Fits("text", v.Text, text.MaxText); err != nil {
			return nil, err
		}
		seq, _ := strconv.ParseInt(v.Choice, 10, 64)
		return m.do("Answer sent", session.AnswerRequest{Request: seq, Text: v.Text}), nil
	}
	return newModal("Answer a request for information", "tab next field · enter new line · ctrl+s send · esc cancel", v, m.formWidth(), build, submit)
}

// delayForm asks by how many minutes to delay the selected inject.
func (m *Model) delayForm(id string) (*form.Modal, tea.Cmd) {
	v := &formValues{Minutes: "5"}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewInput().Title("Delay " + id + " by how many minutes?").Value(&v.Minutes).CharLimit(4).Validate(validMinutes),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if err := validMinutes(v.Minutes); err != nil {
			return nil, err
		}
		n, _ := strconv.Atoi(strings.TrimSpace(v.Minutes))
		return m.do(fmt.Sprintf("%s delayed by %d min", id, n), session.Delay{Inject: id, By: time.Duration(n) * time.Minute}), nil
	}
	return newModal("Delay inject", "enter or ctrl+s delay · esc cancel", v, m.formWidth(), build, submit)
}

func validMinutes(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 1440 {
		return fmt.Errorf("enter whole minutes from 1 to 1440")
	}
	return nil
}

// skipForm confirms skipping an inject, with an optional reason.
func (m *Model) skipForm(id string) (*form.Modal, tea.Cmd) {
	v := &formValues{}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewInput().Title("Skip " + id + "? It will not be sent. Reason (optional)").Key("reason").Value(&v.Reason).CharLimit(form.TextRoom),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if err := form.FitsLine("reason", v.Reason, text.MaxName); err != nil {
			return nil, err
		}
		return m.do(id+" skipped", session.Skip{Inject: id, Reason: v.Reason}), nil
	}
	return newModal("Skip inject", "enter or ctrl+s skip · esc cancel", v, m.formWidth(), build, submit)
}

// releaseEarlyForm confirms releasing an inject that is not due.
func (m *Model) releaseEarlyForm(id string, status event.Status) (*form.Modal, tea.Cmd) {
	v := &formValues{}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewConfirm().Title(fmt.Sprintf("%s is %s, not due. Release it now?", id, status)).Affirmative("Release").Negative("Cancel").Value(&v.Confirm),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if !v.Confirm {
			return nil, nil
		}
		return m.do(id+" released", session.Release{Inject: id}), nil
	}
	return newModal("Release early", "←/→ choose · enter confirm · esc cancel", v, m.formWidth(), build, submit)
}

// branchForm records the room's choice at a branch point.
func (m *Model) branchForm() (*form.Modal, tea.Cmd) {
	s := &m.state
	var opts []huh.Option[string]
	sel := m.timeline.Selected()
	v := &formValues{}
	for _, b := range s.Scenario.Branches {
		if _, done := s.Choices[b.ID]; done {
			continue
		}
		for _, o := range b.Options {
			opts = append(opts, huh.NewOption(b.Title+" → "+o.Label, b.ID+"."+o.ID))
			if v.Choice == "" && sel >= 0 && b.After == s.Scenario.Injects[sel].ID {
				v.Choice = b.ID + "." + o.ID
			}
		}
	}
	if len(opts) == 0 {
		return nil, nil
	}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewSelect[string]().Title("What did the room decide?").Options(opts...).Value(&v.Choice).Height(min(len(opts), 8) + 1),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		b, o := scenario.RequiredOption(v.Choice)
		return m.do("Branch recorded", session.ChooseBranch{Branch: b, Option: o}), nil
	}
	return newModal("Branch point", "↑/↓ choose · enter record · esc cancel", v, m.formWidth(), build, submit)
}

// jumpForm sets the exercise time.
func (m *Model) jumpForm() (*form.Modal, tea.Cmd) {
	v := &formValues{}
	check := func(s string) error {
		if _, err := scenario.ParseOffset(s); err != nil {
			return err
		}
		return nil
	}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewInput().Title("Set the exercise time to (e.g. 1:05 or 65m)").Value(&v.Time).CharLimit(12).Validate(check),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		d, err := scenario.ParseOffset(v.Time)
		if err != nil {
			return nil, err
		}
		return m.do("Exercise time set to T+"+scenario.FormatOffset(d), session.JumpClock{To: d}), nil
	}
	return newModal("Exercise time", "enter set · esc cancel", v, m.formWidth(), build, submit)
}

// quitForm asks before ending the session.
func (m *Model) quitForm() (*form.Modal, tea.Cmd) {
	v := &formValues{}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewConfirm().Title("End the session?").
				Description("This records session.closed and seals the file; it cannot be resumed afterwards.").
				Affirmative("End session").Negative("Keep running").Value(&v.Confirm),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if !v.Confirm {
			return nil, nil
		}
		return m.closeSession(), nil
	}
	return newModal("End session", "←/→ choose · enter confirm · esc cancel", v, m.formWidth(), build, submit)
}
