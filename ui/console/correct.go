package console

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
)

// correctForm is the first step of a correction: which entry, and
// whether to amend it or strike it through. The second step opens when
// it closes (Model.then).
func (m *Model) correctForm() (*form.Modal, tea.Cmd) {
	s := &m.state
	w := m.formWidth() - 4
	opts := form.EntryOptions(s, w)
	if len(opts) == 0 {
		return nil, nil
	}
	v := &formValues{Choice: opts[0].Value, Mode: "amend"}
	lookup := func(typed string) (huh.Option[string], bool) {
		seq, err := strconv.ParseInt(typed, 10, 64)
		if e := s.Recorded(seq); err == nil && e != nil {
			return huh.NewOption(form.EntryLabel(s, *e, w), typed), true
		}
		return huh.Option[string]{}, false
	}
	build := func(v *formValues) []huh.Field {
		return []huh.Field{
			form.NewPick("Entry, newest first (its number, words in it or ↑/↓)", "entry", opts, &v.Choice).Narrow(min(len(opts), 6)).Lookup(lookup),
			form.NewPick("Correct it by (←/→)", "way", []huh.Option[string]{
				huh.NewOption("amending it: new words, the original shown struck through", "amend"),
				huh.NewOption("striking it through: it no longer counts", "strike")}, &v.Mode).Inline(),
		}
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		seq, err := strconv.ParseInt(v.Choice, 10, 64)
		e := s.Recorded(seq)
		if err != nil || e == nil {
			return nil, errors.New("no entry has that number: choose one from the list (↑/↓), or type the number of a decision, action, request, note or observation")
		}
		if _, struck := event.Corrected(*e, s.FixesOf(seq)); struck != nil {
			return nil, fmt.Errorf("entry %d was struck through at T+%s; it cannot be changed now", seq, scenario.FormatOffset(struck.T))
		}
		entry, strike := *e, v.Mode == "strike"
		m.then = func() (*form.Modal, tea.Cmd) { return m.fixForm(entry, strike) }
		return nil, nil
	}
	return newModal("Correct an entry", "type to find · ↑/↓ choose · enter next · esc cancel", v, m.formWidth(), build, submit)
}

// fixForm is the second step of a correction: the new words (and for a
// decision its reason and stage), or the strike, with the reason for it.
func (m *Model) fixForm(e event.Entry, strike bool) (*form.Modal, tea.Cmd) {
	s := &m.state
	now, _ := event.Corrected(e, s.FixesOf(e.Seq))
	decision := e.Kind == event.DecisionRecorded
	v := &formValues{Text: now.Text, Why: now.Rationale, Stage: now.Stage}
	reason := func(v *formValues) *huh.Input {
		return huh.NewInput().Title("Reason for the correction (required: it is part of the record)").Key("reason").Value(&v.Reason).CharLimit(form.TextRoom)
	}
	label := form.EntryLabel(s, e, m.formWidth())
	build := func(v *formValues) []huh.Field {
		if strike {
			return []huh.Field{reason(v).Description(label)}
		}
		fields := []huh.Field{huh.NewText().Title("New words").Key("text").Value(&v.Text).Lines(3).CharLimit(form.TextRoom)}
		if decision {
			fields = append(fields,
				huh.NewText().Title("Why — the reason for it, as the decision log records it").Key("why").Value(&v.Why).Lines(2).CharLimit(form.TextRoom),
				form.NewPick("JDM stage (1–5, first letters or ←/→)", "stage", form.StageOptions(), &v.Stage).Inline())
		}
		return append(fields, reason(v))
	}
	submit := func(v *formValues) (tea.Cmd, error) {
		if strings.TrimSpace(v.Reason) == "" {
			return nil, form.InField("reason", errors.New("say why it is corrected: the reason is part of the record"))
		}
		if err := form.FitsLine("reason", v.Reason, text.MaxText); err != nil {
			return nil, err
		}
		if strike {
			return m.do(fmt.Sprintf("Entry #%d struck through", e.Seq), session.Strike{Seq: e.Seq, Reason: v.Reason}), nil
		}
		if strings.TrimSpace(v.Text) == "" {
			return nil, form.InField("text", errors.New("the new words are empty; to take an entry back, strike it through"))
		}
		for _, f := range [][2]string{{"text", v.Text}, {"why", v.Why}} {
			if err := form.Fits(f[0], f[1], text.MaxText); err != nil {
				return nil, err
			}
		}
		c := session.Amend{Seq: e.Seq, Text: v.Text, Reason: v.Reason}
		if decision {
			// As a seat does: a rationale or stage is corrected, not taken
			// away (an amendment's empty one keeps the original's), and one
			// left as it was is not repeated.
			switch {
			case strings.TrimSpace(v.Why) == "" && now.Rationale != "":
				return nil, form.InField("why", errors.New("a rationale is corrected, not taken away: write the corrected one"))
			case v.Stage == "" && now.Stage != "":
				return nil, form.InField("stage", errors.New("a stage is corrected, not taken away: choose the one it belongs to"))
			}
			if v.Why != now.Rationale {
				c.Rationale = v.Why
			}
			if v.Stage != now.Stage {
				c.Stage = v.Stage
			}
		}
		return m.do(fmt.Sprintf("Entry #%d amended", e.Seq), c), nil
	}
	title, hint := "Amend #"+strconv.FormatInt(e.Seq, 10), "tab next field · enter new line · ctrl+s save · esc cancel"
	if strike {
		title, hint = "Strike through #"+strconv.FormatInt(e.Seq, 10), "enter or ctrl+s strike through · esc cancel"
	}
	return newModal(title, hint, v, m.formWidth(), build, submit)
}
