package pane

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane/internal/fixes"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// Detail shows everything about the selected inject, scrollable.
type Detail struct {
	ScrollPane
	md    *theme.Markdown
	key   detailKey // what the content was built from
	built bool      // key is set
}

// detailKey is what the detail was built from: the version of what the
// inject's detail shows in the projection the state is shown through
// (sight.Projection.Inject), the inject and the width. The same version
// is the same inject, status, decisions and choices, so nothing else
// need be listed.
type detailKey struct {
	version int64
	inject  int
	width   int
}

// NewDetail returns an empty inject detail pane.
func NewDetail(st *theme.Styles, keys *theme.NavKeys, md *theme.Markdown) *Detail {
	return &Detail{ScrollPane: NewScrollPane(st, keys), md: md}
}

// SetSize sets the inner size.
func (d *Detail) SetSize(w, h int) {
	d.ScrollPane.SetSize(w, h)
	d.built = false
}

// Scroll moves a viewport by the navigation keys.
func Scroll(vp *viewport.Model, msg tea.Msg, keys *theme.NavKeys) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return
	}
	switch {
	case key.Matches(k, keys.Up):
		vp.ScrollUp(1)
	case key.Matches(k, keys.Down):
		vp.ScrollDown(1)
	case key.Matches(k, keys.PageUp):
		vp.PageUp()
	case key.Matches(k, keys.PageDown):
		vp.PageDown()
	case key.Matches(k, keys.Top):
		vp.GotoTop()
	case key.Matches(k, keys.Bottom):
		vp.GotoBottom()
	}
}

// Show builds the content for inject i at exercise time now, unless it
// was built for i at the same version of it in p, the projection s is
// shown through (sight.Projection.Inject, after its Update for s at now),
// and the same width.
func (d *Detail) Show(s *event.State, p *sight.Projection, i int, now time.Duration) {
	if s.Scenario == nil || i < 0 {
		d.SetContent("", false)
		d.built = false
		return
	}
	k := detailKey{version: p.Inject(i), inject: i, width: d.w}
	if d.built && d.key == k {
		return
	}
	sameInject := d.built && d.key.inject == i
	d.key, d.built = k, true
	d.SetContent(d.content(s, i, s.Status(i, now)), sameInject)
}

func (d *Detail) content(s *event.State, i int, status event.Status) string {
	sc := s.Scenario
	in := &sc.Injects[i]
	is := s.Injects.At(i)
	var b strings.Builder
	line := func(label, value string) {
		if value == "" {
			return
		}
		for j, l := range draw.Wrap(value, max(d.w-12, 10)) {
			if j == 0 {
				b.WriteString(d.st.Label.Render(draw.Pad(label, 11)) + " " + l + "\n")
			} else {
				b.WriteString(strings.Repeat(" ", 12) + l + "\n")
			}
		}
	}
	for _, l := range draw.Wrap(in.ID+" · "+in.Title, d.w) {
		b.WriteString(d.st.Title.Render(l) + "\n")
	}
	when := "contingency (no scheduled time)"
	if at, ok := in.Offset(); ok {
		when = "T+" + scenario.FormatOffset(at)
		switch {
		case is.Delay > 0:
			when += fmt.Sprintf(" + %s delay = T+%s", CompactDuration(is.Delay), scenario.FormatOffset(at+is.Delay))
		case is.Delay < 0: // brought earlier
			when += fmt.Sprintf(" − %s = T+%s", CompactDuration(-is.Delay), scenario.FormatOffset(at+is.Delay))
		}
	}
	line("When", when)
	st := status.String()
	switch {
	case is.Released:
		st = fmt.Sprintf("released at %s by %s", clock.Format(is.ReleasedT), is.ReleasedBy)
	case is.Skipped && is.Reason != "":
		st += ": " + is.Reason
	case is.Held && is.Reason != "":
		st += ": " + is.Reason
	case status == event.Waiting || status == event.OffBranch:
		st += " (requires " + strings.Join(in.Requires, ", ") + ")"
	}
	line("Status", d.st.Status[status.String()].Render(st))
	line("From", in.From)
	line("To", TeamNames(sc, in.To))
	line("Channel", in.Channel)
	line("Objectives", strings.Join(in.Objectives, ", "))
	section := func(title, md string) {
		if strings.TrimSpace(md) == "" {
			return
		}
		b.WriteString("\n" + d.st.PaneTitle.Render(title) + "\n")
		b.WriteString(d.md.Render(md, d.w) + "\n")
	}
	section("Message", in.Body)
	section("Expected player actions (controllers only)", in.Expected)
	section("Controller notes", in.Notes)
	for bi := range sc.Branches {
		br := &sc.Branches[bi]
		if br.After != in.ID {
			continue
		}
		b.WriteString("\n" + d.st.PaneTitle.Render("Branch point: "+br.Title) + "\n")
		for _, o := range br.Options {
			mark := "  ○ "
			if s.Choices[br.ID] == o.ID {
				mark = "  ● "
			}
			for j, l := range draw.Wrap(o.Label, max(d.w-4, 10)) {
				if j == 0 {
					b.WriteString(mark + l + "\n")
				} else {
					b.WriteString("    " + l + "\n")
				}
			}
		}
		if _, chosen := s.Choices[br.ID]; !chosen {
			b.WriteString(d.st.Dim.Render("  press b to record the room's choice") + "\n")
		}
	}
	if ds, total := s.LastDecisionsFor(in.ID, detailDecisions); total > 0 {
		b.WriteString("\n" + d.st.PaneTitle.Render(fmt.Sprintf("Decisions (%d)", total)) + "\n")
		if earlier := total - len(ds); earlier > 0 {
			b.WriteString(d.st.Dim.Render(fmt.Sprintf("%d earlier, not shown here; ttx report lists them all", earlier)) + "\n")
		}
		for _, e := range ds {
			head := d.st.Dim.Render("#"+strconv.FormatInt(e.Seq, 10)) + " " + clock.Format(e.T) + " " + TeamName(sc, e.Team)
			if is.Released && e.T >= is.ReleasedT {
				head += d.st.Dim.Render(" +" + CompactDuration(e.T-is.ReleasedT) + " after release")
			}
			var fixed []event.Fix
			if len(s.Fixes) > 0 {
				fixed = s.FixesOf(e.Seq)
			}
			now, struck := event.Corrected(e, fixed)
			if len(fixed) > 0 {
				head += d.st.Dim.Render(" · " + fixes.Word(fixed, struck))
			}
			b.WriteString(head + "\n")
			for _, l := range draw.Wrap(now.Text, max(d.w-2, 10)) {
				if struck != nil {
					l = d.st.Struck.Render(l)
				}
				b.WriteString("  " + l + "\n")
			}
			for _, l := range fixes.Lines(d.st, e, now, fixed, struck, d.w) {
				b.WriteString(l + "\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// detailDecisions is how many of an inject's decisions its detail lists,
// the latest. An inject of a national exercise can draw tens of thousands,
// and wrapping them all took 0.2 s a frame at a million decisions.
const detailDecisions = 100

// View draws the pane.
func (d *Detail) View() string { return d.Frame("Inject") }
