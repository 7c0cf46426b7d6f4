package mapping

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/ui/internal/draw"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// columnList is the pane that lists the sheet's columns: letter, header,
// field, and a mark for those with problems (✗) or left out though they
// have cells (?). One is selected; the root changes its field.
type columnList struct {
	st       *theme.Styles
	keys     *keyMap
	cols     []column
	problems map[int]int // by sheet column
	changed  int         // columns the planner changed
	cur      pane.Cursor
	w, h     int // inner
	focused  bool
}

var _ pane.Pane = (*columnList)(nil)

func newColumnList(st *theme.Styles, keys *keyMap) *columnList {
	return &columnList{st: st, keys: keys, focused: true}
}

// SetColumns lists cols, keeping the same sheet column selected.
func (l *columnList) SetColumns(cols []column, problems map[int]int, changed int) {
	index := -1
	if c, ok := l.Selected(); ok {
		index = c.index
	}
	l.cols, l.problems, l.changed = cols, problems, changed
	l.cur.Sel = 0
	for i, c := range cols {
		if c.index == index {
			l.cur.Sel = i
		}
	}
	l.clamp()
}

// Selected is the selected column; false when the sheet has none.
func (l *columnList) Selected() (column, bool) {
	if l.cur.Sel < len(l.cols) {
		return l.cols[l.cur.Sel], true
	}
	return column{}, false
}

// Select selects the i-th column listed.
func (l *columnList) Select(i int) { l.cur.Sel = i; l.clamp() }

func (l *columnList) rows() int { return max(l.h-1, 1) } // a line for the title

func (l *columnList) clamp() { l.cur.Clamp(len(l.cols), l.rows()) }

// Update moves the selection.
func (l *columnList) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	l.cur.Move(k, &l.keys.NavKeys, len(l.cols), max(l.rows()-1, 1))
	l.clamp()
	return nil
}

// SetSize sets the inner size.
func (l *columnList) SetSize(w, h int) { l.w, l.h = w, h; l.clamp() }

// Focus gives the pane the keyboard.
func (l *columnList) Focus() { l.focused = true }

// Blur takes the keyboard away.
func (l *columnList) Blur() { l.focused = false }

// Help lists what the keys do here: pick a column, change its field.
func (l *columnList) Help() []key.Binding {
	up := l.keys.Up
	up.SetHelp("↑/↓", "column")
	return []key.Binding{up, l.keys.Field, l.keys.Choose}
}

// View draws the listed columns.
func (l *columnList) View() string {
	var lines []string
	if len(l.cols) == 0 {
		lines = append(lines, l.st.Dim.Render("The sheet is empty."))
	}
	headerW := max(l.w-5-fieldWidth-3, 4)
	for i := l.cur.Top; i < len(l.cols) && i < l.cur.Top+l.rows(); i++ {
		c := l.cols[i]
		mark := " "
		switch {
		case l.problems[c.index] > 0:
			mark = "✗"
		case c.field == "" && c.filled:
			mark = "?"
		}
		cursor := " " // the selection shows without colour too
		if i == l.cur.Sel {
			cursor = "▸"
		}
		line := fmt.Sprintf("%s%-3s %s %s %s", cursor, c.letter, draw.Pad(c.header, headerW), draw.Pad(c.fieldName(), fieldWidth), mark)
		switch {
		case i == l.cur.Sel && l.focused:
			line = l.st.Selected.Render(draw.Pad(line, l.w))
		case i == l.cur.Sel:
			line = l.st.Label.Render(line)
		case c.field == "":
			line = l.st.Dim.Render(line)
		}
		lines = append(lines, line)
	}
	title := pane.Plural(len(l.cols), "column")
	out := 0
	for _, c := range l.cols {
		if c.field == "" && c.filled {
			out++
		}
	}
	if out > 0 {
		title += fmt.Sprintf(" · %d ?", out)
	}
	if l.changed > 0 {
		title += fmt.Sprintf(" · %d changed", l.changed)
	}
	return pane.Frame(l.st, title, strings.Join(lines, "\n"), l.w+l.st.Pane.GetHorizontalFrameSize(), l.h+l.st.Pane.GetVerticalFrameSize(), l.focused)
}
