package pane

import (
	"github.com/charmbracelet/lipgloss"

	"ttx/ui/internal/draw"
	"ttx/ui/theme"
)

// Frame draws a pane's content inside a titled border, focused or not.
// width and height are the outer size.
func Frame(st *theme.Styles, title, content string, width, height int, focused bool) string {
	return draw.Frame(box(st, focused), &st.PaneTitle, title, content, width, height)
}

// FrameCache remembers the last frame a pane drew (draw.FrameCache), in
// ttx's pane styles.
type FrameCache struct{ c draw.FrameCache }

// Frame is Frame, from memory when nothing changed since the last call.
func (c *FrameCache) Frame(st *theme.Styles, title, content string, width, height int, focused bool) string {
	return c.c.Frame(box(st, focused), &st.PaneTitle, title, content, width, height)
}

// box is the pane's border style, focused or not.
func box(st *theme.Styles, focused bool) *lipgloss.Style {
	if focused {
		return &st.PaneFocus
	}
	return &st.Pane
}
