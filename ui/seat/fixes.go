package seat

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
	"ttx/ui/internal/draw"
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

// ownEntries returns the entries the seat's person recorded themselves
// and may still correct (not struck out), newest first, at most n.
func (m *Model) ownEntries(n int) []event.Entry {
	by := m.actor.By()
	fixes := event.IndexFixes(m.state.Fixes) // once, not a look through all of them for each entry
	var out []event.Entry
	for _, list := range [][]event.Entry{m.state.Decisions, m.state.Requests, m.state.Notes, m.state.Observations} {
		got := 0
		for i := len(list) - 1; i >= 0 && got < n; i-- {
			if list[i].By != by {
				continue
			}
			if _, struck := event.Corrected(list[i], fixes[list[i].Seq]); struck == nil {
				out = append(out, list[i])
				got++
			}
		}
	}
	slices.SortFunc(out, func(a, b event.Entry) int { return int(b.Seq - a.Seq) })
	return out[:min(len(out), n)]
}

func (m *Model) fixesOf(seq int64) []event.Fix {
	if len(m.state.Fixes) == 0 {
		return nil
	}
	return m.state.FixesOf(seq)
}

// kindWord names what an entry is.
func kindWord(e event.Entry) string {
	switch e.Kind {
	case event.DecisionRecorded:
		if e.Action {
			return "action"
		}
		return "decision"
	case event.RequestRecorded:
		return "request"
	case event.NoteRecorded:
		return "note"
	case event.ObservationRecorded:
		return "observation"
	}
	return e.Kind
}

// entryLabel is an entry as the lists of a correction show it: its
// number, time, kind and current words, cut to fit the form.
func (m *Model) entryLabel(e event.Entry) string {
	now, _ := event.Corrected(e, m.fixesOf(e.Seq))
	first, _, _ := strings.Cut(now.Text, "\n")
	return draw.Truncate("#"+strconv.FormatInt(e.Seq, 10)+" "+clock.Format(e.T)+" "+kindWord(e)+" · "+first, max(m.formWidth()-optionChrome, 1))
}

// openFixes opens the first form of a correction: which of the person's
// own entries, and whether to amend it or strike it out.
func (m *Model) openFixes() tea.Cmd {
	own := m.ownEntries(fixesListed)
	if len(own) == 0 {
		m.flash, m.isErr = "You have recorded nothing you can correct yet", false
		return nil
	}
	seq, how := own[0].Seq, fixAmend
	build := func() []huh.Field {
		opts := make([]huh.Option[int64], len(own))
		for i, e := range own {
			opts[i] = huh.NewOption(m.entryLabel(e), e.Seq)
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
	now, _ := event.Corrected(*e, m.fixesOf(p.seq))
	words, why, stage, reason := now.Text, now.Rationale, now.Stage, ""
	decision := e.Kind == event.DecisionRecorded
	title := fmt.Sprintf("Amend your %s #%d", kindWord(*e), p.seq)
	if p.how == fixStrike {
		title = fmt.Sprintf("Strike out your %s #%d", kindWord(*e), p.seq)
	}
	said := "Recorded at " + clock.Format(e.T) + ". The original stays in the record, struck through."
	build := func() []huh.Field {
		fields := []huh.Field{huh.NewNote().Title(said)}
		if p.how == fixStrike {
			fields = append(fields, huh.NewNote().Description(draw.Truncate(strings.ReplaceAll(now.Text, "\n", " "), max(m.formWidth()*3, 1))))
		} else {
			fields = append(fields, huh.NewText().Title("Corrected words").Key("text").Value(&words).Lines(4).CharLimit(textRoom))
			if decision {
				stages := m.stageOptions()
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
