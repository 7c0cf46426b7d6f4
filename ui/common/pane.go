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
