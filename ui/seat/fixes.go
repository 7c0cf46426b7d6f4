package seat

import (
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
	"ttx/ui/internal/draw"
	"ttx/ui/seat/internal/choices"
)

// A correction is made in two forms: the first chooses one of the
// person's own entries and whether to amend it or strike it out, the
// second says how and why.
const (
	fixAmend  = "amend"
	fixStrike = "strike"
	// fixesListed is how many of the person's latest entries the first
	// form lists.
	fixesListed = 100
	// fixListRows is the rows the list of entries takes, at most.
	fixListRows = 6
)

// fixPick is what the first form chose: the entry (the seq of the event
// that recorded it) and what to do to it.
type fixPick struct {
	seq int64
	how string
}

// openFixes opens the first form of a correction: which of the person's
// own entries, and whether to amend it or strike it out.
func (m *Model) openFixes() tea.Cmd {
	own := choices.Own(&m.state, m.actor.By(), fixesListed)
	if len(own) == 0 {
		m.flash, m.isErr = "You have recorded nothing you can correct yet", false
		return nil
	}
	seq, how := own[0].Seq, fixAmend
	build := func() []huh.Field {
		opts := make([]huh.Option[int64], len(own))
		for i, e := range own {
			opts[i] = huh.NewOption(choices.Entry(&m.state, e, m.formWidth()), e.Seq)
		}
		title := "Which of your entries? (↑/↓, newest first)"
		if len(own) == fixesListed {
			title = fmt.Sprintf("Which of your latest %d entries? (↑/↓)", fixesListed)
		}
		return []huh.Field{
			huh.NewSelect[int64]().Title(title).Key("entry").Options(opts...).Value(&seq).Height(min(len(own), fixListRows) + 1),
			huh.NewSelect[string]().Title("Correct it (←/→)").Key("how").Options(
				huh.NewOption("amend: correct the words", fixAmend),
				huh.NewOption("strike out: it no longer counts", fixStrike)).Value(&how).Inline(true),
		}
	}
	submit := func() (tea.Cmd, error) {
		m.pick = &fixPick{seq: seq, how: how}
		return nil, nil
	}
	md, cmd := form.NewModal(m.st.Form(), "Correct one of your entries", "tab next field · enter next · ctrl+s go on · esc cancel", m.formWidth(), build, submit)
	m.modal = md
	return tea.Batch(cmd, md.SetSize(m.formWidth(), m.formHeight()))
}

// openFix opens the second form of a correction of entry seq: the
// corrected words (as the entry now reads), for a decision its rationale
// and stage, and the reason; or, to strike it out, the reason alone.
func (m *Model) openFix(p fixPick) tea.Cmd {
	e := m.state.Recorded(p.seq)
	if e == nil {
		return nil
	}
	now, _ := event.Corrected(*e, choices.FixesOf(&m.state, p.seq))
	words, why, stage, reason := now.Text, now.Rationale, now.Stage, ""
	decision := e.Kind == event.DecisionRecorded
	title := fmt.Sprintf("Amend your %s #%d", choices.Kind(*e), p.seq)
	if p.how == fixStrike {
		title = fmt.Sprintf("Strike out your %s #%d", choices.Kind(*e), p.seq)
	}
	said := "Recorded at " + clock.Format(e.T) + ". The original stays in the record, struck through."
	build := func() []huh.Field {
		fields := []huh.Field{huh.NewNote().Title(said)}
		if p.how == fixStrike {
			fields = append(fields, huh.NewNote().Description(draw.Truncate(strings.ReplaceAll(now.Text, "\n", " "), max(m.formWidth()*3, 1))))
		} else {
			fields = append(fields, huh.NewText().Title("Corrected words").Key("text").Value(&words).Lines(4).CharLimit(textRoom))
			if decision {
				stages := choices.Stages(m.formWidth())
				if now.Stage != "" {
					stages = stages[1:] // a stage is corrected, not taken away
				}
				fields = append(fields,
					huh.NewText().Title("Why").Key("why").Value(&why).Lines(2).CharLimit(textRoom),
					huh.NewSelect[string]().Title("JDM stage (←/→)").Options(stages...).Value(&stage).Inline(true))
			}
		}
		ask := "Reason for the correction (required)"
		if p.how == fixStrike {
			ask = "Reason for striking it out (required)"
		}
		return append(fields, huh.NewInput().Title(ask).Key("reason").Value(&reason).CharLimit(textRoom))
	}
	submit := func() (tea.Cmd, error) {
		if strings.TrimSpace(reason) == "" {
			return nil, form.InField("reason", errors.New("say why: the reason is part of the record"))
		}
		if err := form.FitsLine("reason", reason, text.MaxText); err != nil {
			return nil, err
		}
		if p.how == fixStrike {
			return m.submit("Strike", session.Strike{Seq: p.seq, Reason: reason})
		}
		if strings.TrimSpace(words) == "" {
			return nil, form.InField("text", errors.New("the corrected words are empty; to take the entry back, strike it out instead"))
		}
		if err := form.Fits("text", words, text.MaxText); err != nil {
			return nil, err
		}
		c := session.Amend{Seq: p.seq, Text: words, Reason: reason}
		if decision {
			if strings.TrimSpace(why) == "" && now.Rationale != "" {
				return nil, form.InField("why", errors.New("a rationale is corrected, not taken away: write the corrected one"))
			}
			if err := form.Fits("why", why, text.MaxText); err != nil {
				return nil, err
			}
			// The amendment says what it changes: a rationale or stage
			// left as it was is not repeated.
			if why != now.Rationale {
				c.Rationale = why
			}
			if stage != now.Stage {
				c.Stage = stage
			}
		}
		return m.submit("Correction", c)
	}
	md, cmd := form.NewModal(m.st.Form(), title, "tab next field · enter new line · ctrl+s save · esc cancel", m.formWidth(), build, submit)
	m.modal = md
	return tea.Batch(cmd, md.SetSize(m.formWidth(), m.formHeight()))
}
