// Package detail draws the inject detail's text: an inject's timing,
// status and people, its Markdown sections, the branch points after it
// and its latest decisions as corrected, at a width. The pane scrolls and
// memoises it; this package only draws.
package detail

import (
	"fmt"
	"strconv"
	"strings"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane/internal/fixes"
	"ttx/ui/pane/internal/words"
	"ttx/ui/theme"
)

// Content is the inject detail's text for inject i of s, whose status is
// status, w cells wide: its title, when it falls due and any delay, its
// status, sender, recipients, channel and objectives, its message and
// controllers' notes in Markdown, the branch points after it with the
// choice made, and its latest decisions as corrected (at most Decisions).
func Content(st *theme.Styles, md *theme.Markdown, s *event.State, i int, status event.Status, w int) string {
	sc := s.Scenario
	in := &sc.Injects[i]
	is := s.Injects.At(i)
	var b strings.Builder
	line := func(label, value string) {
		if value == "" {
			return
		}
		for j, l := range draw.Wrap(value, max(w-12, 10)) {
			if j == 0 {
				b.WriteString(st.Label.Render(draw.Pad(label, 11)) + " " + l + "\n")
			} else {
				b.WriteString(strings.Repeat(" ", 12) + l + "\n")
			}
		}
	}
	for _, l := range draw.Wrap(in.ID+" · "+in.Title, w) {
		b.WriteString(st.Title.Render(l) + "\n")
	}
	when := "contingency (no scheduled time)"
	if at, ok := in.Offset(); ok {
		when = "T+" + scenario.FormatOffset(at)
		switch {
		case is.Delay > 0:
			when += fmt.Sprintf(" + %s delay = T+%s", words.CompactDuration(is.Delay), scenario.FormatOffset(at+is.Delay))
		case is.Delay < 0: // brought earlier
			when += fmt.Sprintf(" − %s = T+%s", words.CompactDuration(-is.Delay), scenario.FormatOffset(at+is.Delay))
		}
	}
	line("When", when)
	said := status.String()
	switch {
	case is.Released:
		said = fmt.Sprintf("released at %s by %s", clock.Format(is.ReleasedT), is.ReleasedBy)
	case is.Skipped && is.Reason != "":
		said += ": " + is.Reason
	case is.Held && is.Reason != "":
		said += ": " + is.Reason
	case status == event.Waiting || status == event.OffBranch:
		said += " (requires " + strings.Join(in.Requires, ", ") + ")"
	}
	line("Status", st.Status[status.String()].Render(said))
	line("From", in.From)
	line("To", words.TeamNames(sc, in.To))
	line("Channel", in.Channel)
	line("Objectives", strings.Join(in.Objectives, ", "))
	section := func(title, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		b.WriteString("\n" + st.PaneTitle.Render(title) + "\n")
		b.WriteString(md.Render(text, w) + "\n")
	}
	section("Message", in.Body)
	section("Expected player actions (controllers only)", in.Expected)
	section("Controller notes", in.Notes)
	for bi := range sc.Branches {
		br := &sc.Branches[bi]
		if br.After != in.ID {
			continue
		}
		b.WriteString("\n" + st.PaneTitle.Render("Branch point: "+br.Title) + "\n")
		for _, o := range br.Options {
			mark := "  ○ "
			if s.Choices[br.ID] == o.ID {
				mark = "  ● "
			}
			for j, l := range draw.Wrap(o.Label, max(w-4, 10)) {
				if j == 0 {
					b.WriteString(mark + l + "\n")
				} else {
					b.WriteString("    " + l + "\n")
				}
			}
		}
		if _, chosen := s.Choices[br.ID]; !chosen {
			b.WriteString(st.Dim.Render("  press b to record the room's choice") + "\n")
		}
	}
	if ds, total := s.LastDecisionsFor(in.ID, Decisions); total > 0 {
		b.WriteString("\n" + st.PaneTitle.Render(fmt.Sprintf("Decisions (%d)", total)) + "\n")
		if earlier := total - len(ds); earlier > 0 {
			b.WriteString(st.Dim.Render(fmt.Sprintf("%d earlier, not shown here; ttx report lists them all", earlier)) + "\n")
		}
		for _, e := range ds {
			head := st.Dim.Render("#"+strconv.FormatInt(e.Seq, 10)) + " " + clock.Format(e.T) + " " + words.TeamName(sc, e.Team)
			if is.Released && e.T >= is.ReleasedT {
				head += st.Dim.Render(" +" + words.CompactDuration(e.T-is.ReleasedT) + " after release")
			}
			var fixed []event.Fix
			if len(s.Fixes) > 0 {
				fixed = s.FixesOf(e.Seq)
			}
			now, struck := event.Corrected(e, fixed)
			if len(fixed) > 0 {
				head += st.Dim.Render(" · " + fixes.Word(fixed, struck))
			}
			b.WriteString(head + "\n")
			for _, l := range draw.Wrap(now.Text, max(w-2, 10)) {
				if struck != nil {
					l = st.Struck.Render(l)
				}
				b.WriteString("  " + l + "\n")
			}
			for _, l := range fixes.Lines(st, e, now, fixed, struck, w) {
				b.WriteString(l + "\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// Decisions is how many of an inject's decisions its detail lists,
// the latest. An inject of a national exercise can draw tens of thousands,
// and wrapping them all took 0.2 s a frame at a million decisions.
const Decisions = 100
