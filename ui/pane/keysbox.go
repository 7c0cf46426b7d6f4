package pane

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"ttx/ui/theme"
)

// KeysBox is a view's ? screen: every key, in groups, in a box at most w
// wide, with notes under them (what the statuses are, how to close it).
func KeysBox(st *theme.Styles, h help.Model, groups [][]key.Binding, w int, notes ...string) string {
	h.ShowAll = true
	var b strings.Builder
	b.WriteString(st.ModalTitle.Render("Keys") + "\n")
	b.WriteString(h.FullHelpView(groups))
	for i, n := range notes {
		if i == 0 {
			b.WriteString("\n")
		}
		b.WriteString("\n" + st.Dim.Render(n))
	}
	return st.Modal.MaxWidth(w).Render(b.String())
}
