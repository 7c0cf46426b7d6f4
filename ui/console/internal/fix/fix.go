// Package fix is the console's correction forms: which entry to correct
// and how, then its new words (a decision's reason and stage with them)
// or the strike, with the reason for the correction. The forms only
// build commands; the console sends them.
package fix

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

// Do sends c to the session as the console's actor; what names it on the
// status line when it is saved.
type Do func(what string, c session.Command) tea.Cmd

// values are what the forms bind to; they outlive a failed save, so
// nothing typed is lost when the disk refuses a write.
type values struct {
	Choice, Mode             string
	Text, Why, Stage, Reason string
}

func modal(th *huh.Theme, title, hint string, v *values, w int, build func(*values) []huh.Field,
	submit func(*values) (tea.Cmd, error)) (*form.Modal, tea.Cmd) {
	return form.NewModal(th, title, hint, w, func() []huh.Field { return build(v) },
		func() (tea.Cmd, error) { return submit(v) })
}

// Pick is the first step of a correction: which entry, and whether to
// amend it or strike it through. When it closes, chosen is called with
// them; the console then opens the second step, Words. It returns nil
// when there is no entry to correct.
func Pick(th *huh.Theme, s *event.State, width int, chosen func(e event.Entry, strike bool)) (*form.Modal, tea.Cmd) {
	w := width - 4
	opts := form.EntryOptions(s, w)
	if len(opts) == 0 {
		return nil, nil
	}
	v := &values{Choice: opts[0].Value, Mode: "amend"}
	lookup := func(typed string) (huh.Option[string], bool) {
		seq, err := strconv.ParseInt(typed, 10, 64)
		if e := s.Recorded(seq); err == nil && e != nil {
			return huh.NewOption(form.EntryLabel(s, *e, w), typed), true
		}
		return huh.Option[string]{}, false
	}
	build := func(v *values) []huh.Field {
		return []huh.Field{
			form.NewPick("Entry, newest first (its number, words in it or ↑/↓)", "entry", opts, &v.Choice).Narrow(min(len(opts), 6)).Lookup(lookup),
			form.NewPick("Correct it by (←/→)", "way", []huh.Option[string]{
				huh.NewOption("amending it: new words, the original shown struck through", "amend"),
				huh.NewOption("striking it through: it no longer counts", "strike")}, &v.Mode).Inline(),
		}
	}
	submit := func(v *values) (tea.Cmd, error) {
		seq, err := strconv.ParseInt(v.Choice, 10, 64)
		e := s.Recorded(seq)
		if err != nil || e == nil {
			return nil, errors.New("no entry has that number: choose one from the list (↑/↓), or type the number of a decision, action, request, note or observation")
		}
		if _, struck := event.Corrected(*e, s.FixesOf(seq)); struck != nil {
			return nil, fmt.Errorf("entry %d was struck through at T+%s; it cannot be changed now", seq, scenario.FormatOffset(struck.T))
		}
		chosen(*e, v.Mode == "strike")
		return nil, nil
	}
	return modal(th, "Correct an entry", "type to find · ↑/↓ choose · enter next · esc cancel", v, width, build, submit)
}

// Words is the second step of a correction of e: the new words (and for
// a decision its reason and stage), or the strike, with the reason for
// it.
func Words(th *huh.Theme, s *event.State, e event.Entry, strike bool, width int, do Do) (*form.Modal, tea.Cmd) {
	now, _ := event.Corrected(e, s.FixesOf(e.Seq))
	decision := e.Kind == event.DecisionRecorded
	v := &values{Text: now.Text, Why: now.Rationale, Stage: now.Stage}
	reason := func(v *values) *huh.Input {
		return huh.NewInput().Title("Reason for the correction (required: it is part of the record)").Key("reason").Value(&v.Reason).CharLimit(form.TextRoom)
	}
	label := form.EntryLabel(s, e, width)
	build := func(v *values) []huh.Field {
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
	submit := func(v *values) (tea.Cmd, error) {
		if strings.TrimSpace(v.Reason) == "" {
			return nil, form.InField("reason", errors.New("say why it is corrected: the reason is part of the record"))
		}
		if err := form.FitsLine("reason", v.Reason, text.MaxText); err != nil {
			return nil, err
		}
		if strike {
			return do(fmt.Sprintf("Entry #%d struck through", e.Seq), session.Strike{Seq: e.Seq, Reason: v.Reason}), nil
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
		return do(fmt.Sprintf("Entry #%d amended", e.Seq), c), nil
	}
	title, hint := "Amend #"+strconv.FormatInt(e.Seq, 10), "tab next field · enter new line · ctrl+s save · esc cancel"
	if strike {
		title, hint = "Strike through #"+strconv.FormatInt(e.Seq, 10), "enter or ctrl+s strike through · esc cancel"
	}
	return modal(th, title, hint, v, width, build, submit)
}
