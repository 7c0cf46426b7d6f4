package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Pane is one region of the console. Panes draw and scroll; they never
// change the session (only the root model does).
type Pane interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	Focus()
	Blur()
	Help() []key.Binding
}

// Frame draws a pane's content inside a titled border, focused or not.
// width and height are the outer size.
func Frame(st *Styles, title, content string, width, height int, focused bool) string {
	box := st.Pane
	if focused {
		box = st.PaneFocus
	}
	w := width - box.GetHorizontalFrameSize()
	h := height - box.GetVerticalFrameSize()
	if w < 1 || h < 1 {
		return ""
	}
	body := st.PaneTitle.Render(Truncate(title, w)) + "\n" + content
	return box.Width(w).Height(h).MaxHeight(height).Render(ClipLines(body, h))
}

// FrameCache remembers the last frame a pane drew, so that a pane whose
// title, content, size and focus have not changed is not laid out again:
// with two hundred seats open, every change each seat shows would
// otherwise measure and border every line of every pane.
type FrameCache struct {
	st             *Styles
	title, content string
	width, height  int
	focused        bool
	out            string
	drawn          bool
}

// Frame is Frame, from memory when nothing changed since the last call.
func (c *FrameCache) Frame(st *Styles, title, content string, width, height int, focused bool) string {
	if c.drawn && c.st == st && c.title == title && c.content == content && c.width == width && c.height == height && c.focused == focused {
		return c.out
	}
	c.out = Frame(st, title, content, width, height, focused)
	c.st, c.title, c.content, c.width, c.height, c.focused, c.drawn = st, title, content, width, height, focused, true
	return c.out
}

// JoinCache lays out three pane frames, the first two side by side above
// the third, and remembers the rows it joined: a new decision changes the
// feed below, not the panes above, and a clock tick changes none.
type JoinCache struct {
	left, right, top string
	below, out       string
	drawn            bool
}

// Join lays out left and right above below.
func (j *JoinCache) Join(left, right, below string) string {
	topChanged := !j.drawn || left != j.left || right != j.right
	if topChanged {
		j.top = JoinTop(left, right)
		j.left, j.right = left, right
	}
	if topChanged || below != j.below {
		j.out = JoinLeft(j.top, below)
		j.below = below
	}
	j.drawn = true
	return j.out
}
