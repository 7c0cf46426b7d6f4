// Package choices makes the options the seat's forms list, each cut to
// fit the form: what an observation rates (an objective, one of its
// capability targets or one of a target's critical tasks), the ratings,
// the Joint Decision Model stages, and the person's own entries that a
// correction may pick.
package choices

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/internal/draw"
)

// OptionChrome is the cells an inline choice draws around its option:
// the focused field's bar and the arrows either side, two cells each.
const OptionChrome = 3 * 2

// GuideRows is the most rows the list of what an observation rates takes.
const GuideRows = 6

// Label is a choice's option, "ID · text", cut to fit a form w cells
// wide: the id is whole, the text is cut with an ellipsis. An inline
// choice wider than its field scrolls to its end, so an uncut one hid
// its id.
func Label(id, text string, w int) string {
	label := id + " · "
	room := w - OptionChrome - lipgloss.Width(label)
	return label + draw.Truncate(text, max(room, 1))
}

// Stages are the choices of a decision's Joint Decision Model stage in a
// form w cells wide: none, or one of the five.
func Stages(w int) []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption("(none)", "")}
	for _, st := range event.Stages {
		opts = append(opts, huh.NewOption(draw.Truncate(st.Label, max(w-OptionChrome, 1)), st.ID))
	}
	return opts
}

// Ratings are the choices of an observation's rating in a form w cells
// wide: none, or one of the four, each with what it means.
func Ratings(w int) []huh.Option[string] {
	opts := []huh.Option[string]{huh.NewOption("(no rating)", "")}
	for _, r := range session.Ratings {
		opts = append(opts, huh.NewOption(Label(r, ratingName(r), w), r))
	}
	return opts
}

func ratingName(code string) string {
	switch code {
	case "P":
		return "performed without challenges"
	case "S":
		return "performed with some challenges"
	case "M":
		return "performed with major challenges"
	}
	return "unable to be performed"
}

// Rates is what an observation rates: an objective, or one of its
// capability targets, or one of a target's critical tasks.
type Rates struct{ Objective, Target, Task string }

// Key is r as a choice's value.
func (r Rates) Key() string { return r.Objective + "\x00" + r.Target + "\x00" + r.Task }

// ParseRates reads back a choice's value made by Key.
func ParseRates(k string) Rates {
	p := strings.SplitN(k, "\x00", 3)
	for len(p) < 3 {
		p = append(p, "")
	}
	return Rates{p[0], p[1], p[2]}
}

// Guides lists every objective of sc, each followed by its capability
// targets and each target by its critical tasks, indented under what
// they belong to, cut to fit a form w cells wide.
func Guides(sc *scenario.Scenario, w int) []huh.Option[string] {
	var opts []huh.Option[string]
	label := func(indent, id, text string) string {
		return draw.Truncate(indent+id+" · "+text, max(w-OptionChrome, 1))
	}
	for _, o := range sc.Objectives {
		opts = append(opts, huh.NewOption(label("", o.ID, o.Text), Rates{Objective: o.ID}.Key()))
		for _, t := range o.Targets {
			opts = append(opts, huh.NewOption(label("  › ", t.ID, t.Text), Rates{o.ID, t.ID, ""}.Key()))
			for _, k := range t.Tasks {
				opts = append(opts, huh.NewOption(label("    › ", k.ID, k.Text), Rates{o.ID, t.ID, k.ID}.Key()))
			}
		}
	}
	return opts
}

// Own returns the entries of s that by recorded themselves and may still
// correct (not struck out), newest first, at most n.
func Own(s *event.State, by string, n int) []event.Entry {
	fixes := event.IndexFixes(s.Fixes) // once, not a look through all of them for each entry
	var out []event.Entry
	for _, list := range []event.Entries{s.Decisions, event.EntriesOf(s.Requests), event.EntriesOf(s.Notes), event.EntriesOf(s.Observations)} {
		got := 0
		for i := list.Len() - 1; i >= 0 && got < n; i-- {
			e := list.At(i)
			if e.By != by {
				continue
			}
			if _, struck := event.Corrected(e, fixes[e.Seq]); struck == nil {
				out = append(out, e)
				got++
			}
		}
	}
	slices.SortFunc(out, func(a, b event.Entry) int { return int(b.Seq - a.Seq) })
	return out[:min(len(out), n)]
}

// FixesOf returns the corrections of the entry recorded at seq.
func FixesOf(s *event.State, seq int64) []event.Fix {
	if len(s.Fixes) == 0 {
		return nil
	}
	return s.FixesOf(seq)
}

// Kind names what an entry is.
func Kind(e event.Entry) string {
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

// Entry is e as the lists of a correction show it: its number, time,
// kind and current words, cut to fit a form w cells wide.
func Entry(s *event.State, e event.Entry, w int) string {
	now, _ := event.Corrected(e, FixesOf(s, e.Seq))
	first, _, _ := strings.Cut(now.Text, "\n")
	return draw.Truncate("#"+strconv.FormatInt(e.Seq, 10)+" "+clock.Format(e.T)+" "+Kind(e)+" · "+first, max(w-OptionChrome, 1))
}
