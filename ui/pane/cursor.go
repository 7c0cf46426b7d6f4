package pane

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/ui/theme"
)

// Cursor is the selection in a list shown a window of rows at a time:
// the item selected and the first item in view. The timeline, a seat's
// inbox and the mapping screen's columns each keep one.
type Cursor struct{ Sel, Top int }

// Move moves the selection by one of the list keys (a line, a page of
// page items, the top, the bottom) among n items, and reports whether k
// was one of them. Clamp it after.
func (c *Cursor) Move(k tea.KeyMsg, keys *theme.NavKeys, n, page int) bool {
	switch {
	case key.Matches(k, keys.Up):
		c.Sel--
	case key.Matches(k, keys.Down):
		c.Sel++
	case key.Matches(k, keys.PageUp):
		c.Sel -= page
	case key.Matches(k, keys.PageDown):
		c.Sel += page
	case key.Matches(k, keys.Top):
		c.Sel = 0
	case key.Matches(k, keys.Bottom):
		c.Sel = n - 1
	default:
		return false
	}
	return true
}

// Clamp keeps the selection among n items and in view of a window of
// rows, the window never running past the list's end.
func (c *Cursor) Clamp(n, rows int) {
	c.Sel = min(max(c.Sel, 0), max(n-1, 0))
	c.Top = min(c.Top, c.Sel)
	if c.Sel >= c.Top+rows {
		c.Top = c.Sel - rows + 1
	}
	c.Top = max(min(c.Top, n-rows), 0)
}
