package console

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
)

// formValues are the fields every form binds to. They outlive a failed
// save, so nothing typed is lost when the disk refuses a write.
type formValues struct {
	Team, Who, Text, Inject string
	Why, Stage              string
	Minutes, Reason, Choice string
	Time                    string
	Confirm                 bool
}

// newModal opens a form over vals, drawn for the console's terminal (a
// controller's over SSH, not the one ttx serve runs in).
func (m *Model) newModal(title, hint string, vals *formValues, width int, build func(*formValues) []huh.Field,
	submit func(*formValues) (tea.Cmd, error)) (*form.Modal, tea.Cmd) {
	return form.NewModal(m.st.Form(), title, hint, width, func() []huh.Field { return build(vals) },
		func() (tea.Cmd, error) { return submit(vals) })
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
			form.NewPick("About inject (id or ←/→)", "inject", form.InjectOptions(s, sel), &v.Inject).Inline(),
			form.NewPick("About team (←/→)", "team", append([]huh.Option[string]{huh.NewOption("(none)", "")}, form.TeamOptions(s.Scenario)...), &v.Team).Inline(),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if strings.TrimSpace(v.Text) == "" {
			return nil, form.InField("text", fmt.Errorf("write the note before saving"))
		}
		if err := form.Fits("text", v.Text, text.MaxText); err != nil {
			return nil, err
		}
		return m.do("Note saved", session.RecordNote{Text: v.Text, Inject: v.Inject, Team: v.Team}), nil
	}
	return m.newModal("Controllers' log", "enter new line · ctrl+s save · esc cancel", v, m.formWidth(), build, submit)
}

// delayForm asks by how many minutes to delay the selected inject, or,
// negative, to bring it earlier. It starts empty: what is typed is the
// delay.
func (m *Model) delayForm(id string) (*form.Modal, tea.Cmd) {
	v := &formValues{}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewInput().Title("Delay " + id + " by how many minutes? (negative: bring it earlier)").
				Value(&v.Minutes).CharLimit(5).Validate(validMinutes),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if err := validMinutes(v.Minutes); err != nil {
			return nil, err
		}
		n, _ := strconv.Atoi(strings.TrimSpace(v.Minutes))
		what := fmt.Sprintf("%s delayed by %d min", id, n)
		if n < 0 {
			what = fmt.Sprintf("%s brought %d min earlier", id, -n)
		}
		return m.do(what, session.Delay{Inject: id, By: time.Duration(n) * time.Minute}), nil
	}
	return m.newModal("Delay inject", "enter or ctrl+s delay · esc cancel", v, m.formWidth(), build, submit)
}

func validMinutes(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n == 0 || n < -1440 || n > 1440 {
		return fmt.Errorf("enter whole minutes from 1 to 1440 later, or -1 to -1440 earlier")
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
	return m.newModal("Skip inject", "enter or ctrl+s skip · esc cancel", v, m.formWidth(), build, submit)
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
	return m.newModal("Release early", "←/→ choose · enter confirm · esc cancel", v, m.formWidth(), build, submit)
}

// openBranches lists the branch points not yet answered whose question
// has been raised: the inject they follow was released (or they follow
// none); and the injects that raise those still to come.
func openBranches(s *event.State) (open []*scenario.Branch, later []string) {
	for i := range s.Scenario.Branches {
		b := &s.Scenario.Branches[i]
		if _, done := s.Choices[b.ID]; done {
			continue
		}
		if j := s.Scenario.InjectIndex(b.After); b.After != "" && j >= 0 && !s.Injects.At(j).Released {
			later = append(later, b.After)
			continue
		}
		open = append(open, b)
	}
	return open, later
}

// branchForm records the room's choice at a branch point, once the
// inject that raises it is released; the choice is confirmed first.
func (m *Model) branchForm() (*form.Modal, tea.Cmd) {
	s := &m.state
	open, _ := openBranches(s)
	var opts []huh.Option[string]
	labels := map[string]string{}
	sel := m.timeline.Selected()
	v := &formValues{}
	for _, b := range open {
		for _, o := range b.Options {
			id := b.ID + "." + o.ID
			opts = append(opts, huh.NewOption(b.Title+" → "+o.Label, id))
			labels[id] = o.Label
			if v.Choice == "" && sel >= 0 && b.After == s.Scenario.Injects[sel].ID {
				v.Choice = id
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
		choice := v.Choice
		m.then = func() (*form.Modal, tea.Cmd) { return m.branchConfirm(choice, labels[choice]) }
		return nil, nil
	}
	return m.newModal("Branch point", "↑/↓ choose · enter record · esc cancel", v, m.formWidth(), build, submit)
}

// branchConfirm asks before recording the room's choice at a branch.
func (m *Model) branchConfirm(choice, label string) (*form.Modal, tea.Cmd) {
	v := &formValues{}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewConfirm().Title("Record “" + label + "”?").
				Description("It cannot be changed, and the injects on the other options will not be sent.").
				Affirmative("Record").Negative("Cancel").Value(&v.Confirm),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if !v.Confirm {
			return nil, nil
		}
		b, o := scenario.RequiredOption(choice)
		return m.do("Branch recorded: "+label, session.ChooseBranch{Branch: b, Option: o}), nil
	}
	return m.newModal("Branch point", "←/→ choose · enter confirm · esc cancel", v, m.formWidth(), build, submit)
}

// releaseDueForm asks before releasing every inject that is due now.
func (m *Model) releaseDueForm() (*form.Modal, tea.Cmd) {
	s := &m.state
	now := m.now()
	var ids []string
	for i := range s.Injects.Len() {
		if s.Status(i, now) == event.Due {
			ids = append(ids, s.Scenario.Injects[i].ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	v := &formValues{}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			huh.NewConfirm().Title(fmt.Sprintf("Release %s now?", countOf(len(ids), "due inject"))).
				Description(strings.Join(ids, ", ")).Affirmative("Release all").Negative("Cancel").Value(&v.Confirm),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if !v.Confirm {
			return nil, nil
		}
		return m.releaseAll(ids), nil
	}
	return m.newModal("Release every due inject", "←/→ choose · enter confirm · esc cancel", v, m.formWidth(), build, submit)
}

// releaseAll releases ids one after another, stopping at the first the
// session refuses; the message says how many went.
func (m *Model) releaseAll(ids []string) tea.Cmd {
	sess, actor := m.sess, m.opts.Facilitator
	return func() tea.Msg {
		var last event.Event
		for n, id := range ids {
			ev, err := sess.Do(actor, session.Release{Inject: id})
			if err != nil {
				return doneMsg{err: fmt.Errorf("%s released of %d; %s: %w", countOf(n, "inject"), len(ids), id, err)}
			}
			last = ev
		}
		return doneMsg{what: countOf(len(ids), "inject") + " released: " + strings.Join(ids, ", "), ev: last}
	}
}

// countOf is "1 inject", "3 injects".
func countOf(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
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
			huh.NewInput().Title("Set the exercise time to (e.g. 1:05 or 65m)").Value(&v.Time).CharLimit(12).Validate(check).
				DescriptionFunc(func() string { return m.jumpReads(v.Time) }, &v.Time),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		d, err := scenario.ParseOffset(v.Time)
		if err != nil {
			return nil, err
		}
		return m.do("Exercise time set to T+"+scenario.FormatOffset(d), session.JumpClock{To: d}), nil
	}
	return m.newModal("Exercise time", "enter set · esc cancel", v, m.formWidth(), build, submit)
}

// jumpReads says what the time typed sets the clock to, as it is typed:
// "4:00" is four hours, and past a three-hour exercise's planned end it
// says so before it is set.
func (m *Model) jumpReads(typed string) string {
	d, err := scenario.ParseOffset(strings.TrimSpace(typed))
	if strings.TrimSpace(typed) == "" || err != nil {
		return "hh:mm, or minutes as 65m"
	}
	to := "sets the clock to " + clock.Format(d)
	if end := m.state.Scenario.DurationValue(); end > 0 && d > end {
		return "⚠ " + to + ", past the planned end (" + clock.Format(end) + "); for minutes write " + strings.TrimSpace(typed) + "m"
	}
	return to
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
	return m.newModal("End session", "←/→ choose · enter confirm · esc cancel", v, m.formWidth(), build, submit)
}
