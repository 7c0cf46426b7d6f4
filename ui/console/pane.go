package console

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// pane is one region of the console. Panes draw and scroll; they never
// change the session (only the root model does).
type pane interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	Focus()
	Blur()
	Help() []key.Binding
}

// frame draws a pane's content inside a titled border, focused or not.
// width and height are the outer size.
func frame(st *Styles, title, content string, width, height int, focused bool) string {
	box := st.Pane
	if focused {
		box = st.PaneFocus
	}
	w := width - box.GetHorizontalFrameSize()
	h := height - box.GetVerticalFrameSize()
	if w < 1 || h < 1 {
		return ""
	}
	body := st.PaneTitle.Render(truncate(title, w)) + "\n" + content
	return box.Width(w).Height(h).MaxHeight(height).Render(clipLines(body, h))
}
