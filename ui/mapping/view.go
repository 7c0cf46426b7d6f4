package mapping

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"ttx/exercise/msel"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// Layout constants, in cells.
const (
	minWidth     = 60
	minHeight    = 16
	headerHeight = 1
	footerHeight = 2
	detailHeight = 7  // the selected column's pane, outer
	leftPercent  = 40 // the columns' share of the width
	leftLeast    = 30 // and their least outer width
	leftMost     = 56 // and most: the preview has the rest
	fieldWidth   = 10 // a field's name in the column list
	rowWidth     = 5  // "R123" in the preview
	atWidth      = 7  // "1h05m" or "00:15"
	// narrowPreview is the preview's inner width below which an inject
	// takes two lines: row, time and title, then from and to.
	narrowPreview = 50
	// previewMost is the most injects the preview lays out: a planner
	// checks a mapping on the first rows, and each change lays it out
	// again.
	previewMost = 200
)

func (m *Model) tooSmall() bool { return m.w < minWidth || m.h < minHeight }

func (m *Model) bodyHeight() int { return m.h - headerHeight - footerHeight }

func (m *Model) leftWidth() int { return min(max(m.w*leftPercent/100, leftLeast), leftMost) }

func (m *Model) resize(w, h int) {
	m.w, m.h = w, h
	m.help.Width = w
	if m.tooSmall() {
		return
	}
	fw, fh := m.st.Pane.GetHorizontalFrameSize(), m.st.Pane.GetVerticalFrameSize()
	m.list.SetSize(m.leftWidth()-fw, m.bodyHeight()-detailHeight-fh)
	m.preview.SetSize(w-m.leftWidth()-fw, m.bodyHeight()-fh)
	m.fillPreview(true)
}

// View draws the screen.
func (m *Model) View() string {
	if m.w == 0 {
		return ""
	}
	if m.tooSmall() {
		return pane.TooSmall(m.w, m.h, minWidth, minHeight, "Make the window larger, or run with --no-tui.")
	}
	var body string
	switch {
	case m.picking:
		body = draw.Center(m.w, m.bodyHeight(), m.pickerView())
	case m.showHelp:
		h := m.help
		h.ShowAll = true
		box := m.st.ModalTitle.Render("Keys") + "\n" + h.FullHelpView(m.keys.fullHelp()) + "\n\n" + m.st.Dim.Render(legend+"\nPress any key to close.")
		body = draw.Center(m.w, m.bodyHeight(), m.st.Modal.MaxWidth(m.w).Render(box))
	default:
		left := draw.JoinLeft(m.list.View(), m.detailView())
		body = draw.JoinTop(left, m.preview.View())
	}
	return draw.JoinLeft(m.headerView(), body, m.footerView())
}

// legend says what the column list's marks mean.
const legend = "✗ a problem in the column · ? left out, though it has cells"

// headerView names the sheet and says how the import stands.
func (m *Model) headerView() string {
	t := sheetOf(m.book, m.opts, m.res)
	name := filepath.Base(t.File)
	if t.Sheet != "" {
		name += " · " + t.Sheet
	}
	if n := len(m.book.Sheets); n > 1 {
		name += fmt.Sprintf(" (sheet %d of %d, s for the next)", slices.Index(m.book.Sheets, t)+1, n)
	}
	state := m.st.Running.Render("✓ ready to save")
	if n := len(m.res.Problems); n > 0 {
		state = m.st.Status["error"].Render("✗ " + pane.Plural(n, "problem"))
	}
	if n := len(m.res.Warnings); n > 0 {
		state += " · " + m.st.Status["due"].Render(pane.Plural(n, "warning"))
	}
	right := pane.Plural(m.injects(), "inject") + " · " + state
	left := m.st.Title.Render("MAPPING") + " " + show(name)
	gap := max(m.w-draw.Width(left)-draw.Width(right)-2, 1)
	return draw.Truncate(" "+left+strings.Repeat(" ", gap)+right, m.w)
}

// detailView is the selected column: what it became and why, and the
// first cells under its header.
func (m *Model) detailView() string {
	w := m.leftWidth() - m.st.Pane.GetHorizontalFrameSize()
	if len(m.cols) == 0 {
		return pane.Frame(&m.st, "Column", "", m.leftWidth(), detailHeight, false)
	}
	c := m.selected()
	var lines []string
	if c.field != "" {
		lines = append(lines, m.st.Label.Render("→ "+c.field)+": "+fieldHelp[c.field])
	} else {
		why := draw.Wrap("ignored: "+c.why, w)
		lines = append(lines, m.st.Label.Render("ignored")+strings.TrimPrefix(why[0], "ignored"))
		lines = append(lines, why[1:min(len(why), 2)]...)
	}
	if n := m.columnProblems(c.index); n > 0 {
		lines = append(lines, m.st.Status["error"].Render("✗ "+pane.Plural(n, "problem")+" in this column"))
	}
	for _, s := range c.samples {
		lines = append(lines, m.st.Dim.Render("│ ")+s)
	}
	if len(c.samples) == 0 {
		lines = append(lines, m.st.Dim.Render("(no cells under the header)"))
	}
	for i, l := range lines {
		lines[i] = draw.Truncate(l, w)
	}
	return pane.Frame(&m.st, fmt.Sprintf("Column %s · %s", c.letter, c.header), strings.Join(lines, "\n"), m.leftWidth(), detailHeight, false)
}

// previewPane is the preview of the injects, a scroll pane under its
// title.
type previewPane struct {
	pane.ScrollPane
	title string
}

// View draws the pane.
func (p *previewPane) View() string { return p.Frame(p.title) }

// fillPreview lays out the injects as they would be imported, each
// problem and warning under the row it is on; those on no inject's row
// come first.
func (m *Model) fillPreview(keep bool) {
	m.preview.title = "Preview · " + pane.Plural(m.injects(), "inject")
	w := m.preview.Width()
	if w <= 0 {
		return
	}
	var lines []string
	rest := max(w-rowWidth-atWidth-3, 12)
	fromW, toW := rest/5, rest*3/10
	titleW := rest - fromW - toW
	cell := func(s string, n int) string { return draw.Pad(show(s), n) }
	onRow := map[int][]msel.Problem{}
	rows := map[int]bool{}
	for _, r := range m.res.Rows {
		rows[r] = true
	}
	var loose []msel.Problem
	for _, p := range append(append(msel.Problems{}, m.res.Problems...), m.res.Warnings...) {
		if rows[p.Row] {
			onRow[p.Row] = append(onRow[p.Row], p)
		} else {
			loose = append(loose, p)
		}
	}
	problem := func(p msel.Problem, indent string) {
		where := ""
		if p.Col >= 0 && indent != "" { // a problem on the header row is the sheet's
			where = Letter(p.Col)
			if c := m.column(p.Col); c != nil {
				where += " " + c.header
			}
			where += ": "
		}
		st := m.st.Status["error"]
		mark := "✗ "
		msg, warning := strings.CutPrefix(p.Msg, "warning: ")
		if warning {
			st, mark = m.st.Status["due"], "! "
		}
		for _, l := range draw.Wrap(show(where+msg), w-len(indent)-2) {
			lines = append(lines, indent+st.Render(mark+l))
			mark = "  "
		}
	}
	for _, p := range loose {
		problem(p, "")
	}
	atLabel := "Time"
	if m.res.Draft == nil || m.res.Draft.Start == "" {
		atLabel = "At"
	}
	narrow := w < narrowPreview
	if narrow {
		titleW = max(w-rowWidth-atWidth-2, 1)
		lines = append(lines, m.st.Label.Render(fmt.Sprintf("%-*s %-*s %s", rowWidth, "Row", atWidth, atLabel, "Title")))
	} else {
		lines = append(lines, m.st.Label.Render(fmt.Sprintf("%-*s %-*s %s %s %s", rowWidth, "Row", atWidth, atLabel, cell("From", fromW), cell("To", toW), "Title")))
	}
	if d := m.res.Draft; d != nil {
		for i, in := range d.Injects {
			if i == previewMost {
				n := 0
				for _, r := range m.res.Rows[min(i, len(m.res.Rows)):] {
					n += len(onRow[r])
				}
				lines = append(lines, m.st.Dim.Render(fmt.Sprintf("… %s more, with %s and warnings: the import lists them all.", pane.Plural(len(d.Injects)-i, "inject"), pane.Plural(n, "problem"))))
				break
			}
			at := clockAt(d.Start, in.At)
			row := ""
			if i < len(m.res.Rows) {
				row = fmt.Sprintf("R%d", m.res.Rows[i]+1)
			}
			if to := pane.TeamNames(d, in.To); narrow {
				lines = append(lines, fmt.Sprintf("%-*s %s %s", rowWidth, row, cell(at, atWidth), cell(in.Title, titleW)),
					m.st.Dim.Render(strings.Repeat(" ", rowWidth+1)+cell(or(in.From, "—")+" → "+or(to, "no one"), max(w-rowWidth-1, 1))))
			} else {
				lines = append(lines, fmt.Sprintf("%-*s %s %s %s %s", rowWidth, row, cell(at, atWidth), cell(in.From, fromW), cell(to, toW), cell(in.Title, titleW)))
			}
			if i < len(m.res.Rows) {
				for _, p := range onRow[m.res.Rows[i]] {
					problem(p, strings.Repeat(" ", rowWidth+1))
				}
			}
		}
	} else {
		lines = append(lines, m.st.Dim.Render("No injects yet: give at least two columns their fields (←/→ or enter)."))
	}
	m.preview.SetContent(strings.Join(lines, "\n"), keep)
}

// pickerView is the field list for the selected column.
func (m *Model) pickerView() string {
	c := m.selected()
	most := max(m.bodyHeight()-m.st.Modal.GetVerticalFrameSize()-2, 3)
	first := min(max(m.pick-most/2, 0), max(len(fields)-most, 0))
	var lines []string
	for i := first; i < len(fields) && i < first+most; i++ {
		l := fmt.Sprintf("  %-*s %s", fieldWidth, fields[i], fieldHelp[fields[i]])
		if i == m.pick {
			l = m.st.Selected.Render("▸" + l[1:])
		}
		lines = append(lines, l)
	}
	title := m.st.ModalTitle.Render(draw.Truncate(fmt.Sprintf("Field for %s · %s", c.letter, c.header), m.w-6))
	return m.st.Modal.MaxWidth(m.w).Render(title + "\n" + strings.Join(lines, "\n"))
}

// footerView is the last change or where saving writes, then the keys.
func (m *Model) footerView() string {
	var status string
	switch {
	case m.confirm || m.quitting:
		status = m.st.Status["due"].Render(" " + m.flash)
	case m.flash != "":
		status = m.st.Flash.Render(" " + m.flash)
	default:
		out := m.out.Output
		if out == "" {
			out = "standard output"
		}
		status = " Saving writes the scenario to " + show(out)
		if m.out.MapFile != "" {
			status += " and the mapping to " + show(m.out.MapFile)
		}
		status = m.st.Dim.Render(status)
	}
	keys := " " + m.help.ShortHelpView(append(m.panes()[m.focus].Help(), m.keys.shortHelp()...))
	if m.picking {
		keys = m.st.Help.Render(" ↑/↓ choose · enter use this field · esc keep as it was")
	}
	return draw.Truncate(status, m.w) + "\n" + draw.Truncate(keys, m.w)
}

// or is s, or else when s is empty.
func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

// clockAt is the time of day an inject at offset at is delivered, from
// the exercise's start: "09:15", and "09:15+1" a day later, as the sheet
// would write it, so that a misread time shows. Without a start it is
// the offset; a contingency inject has none ("—").
func clockAt(start, at string) string {
	d, err := scenario.ParseOffset(at)
	if at == "" || err != nil {
		return or(at, "—")
	}
	for _, layout := range []string{"15:04", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, start); err == nil {
			c := t.Add(d)
			if days := int(c.Sub(t.Truncate(24*time.Hour)) / (24 * time.Hour)); days > 0 {
				return fmt.Sprintf("%s+%d", c.Format("15:04"), days)
			}
			return c.Format("15:04")
		}
	}
	return at
}
