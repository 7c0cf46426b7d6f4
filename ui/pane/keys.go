package pane

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"ttx/ui/internal/draw"
	"ttx/ui/theme"
)

// keysCut ends a list of keys cut to fit the screen.
const keysCut = "… more keys in a larger terminal"

// KeysBox is a ? screen: a box titled title with the groups of keys, then
// the lines of foot (plain text, wrapped and dimmed here), in at most w
// columns and h rows. The groups stand side
// by side while they fit the width and go on in rows below; the foot lines
// go before any key does when the height is short, and keys that still do
// not fit are cut with a line that says so. The box is never wider or
// taller than w×h, so its border is always whole.
func KeysBox(st *theme.Styles, hm help.Model, title string, groups [][]key.Binding, foot []string, w, h int) string {
	hm.ShowAll = true
	box := st.Modal
	inner := max(w-box.GetHorizontalFrameSize(), 1)
	head := strings.Split(st.ModalTitle.Render(title), "\n")
	room := h - box.GetVerticalFrameSize() - len(head)
	var rows []string
	var row [][]key.Binding
	for _, g := range groups {
		if len(row) > 0 && lipgloss.Width(hm.FullHelpView(append(row, g))) > inner {
			rows, row = append(rows, hm.FullHelpView(row)), nil
		}
		row = append(row, g)
	}
	if len(row) > 0 {
		rows = append(rows, hm.FullHelpView(row))
	}
	keys := strings.Split(strings.Join(rows, "\n\n"), "\n")
	var tail []string
	for _, f := range foot {
		for _, l := range draw.Wrap(f, inner) {
			tail = append(tail, st.Dim.Render(l))
		}
	}
	if len(tail) > 0 {
		tail = append([]string{""}, tail...)
	}
	if len(keys)+len(tail) > room {
		tail = nil
	}
	if n := room - len(tail); len(keys) > n {
		keys = append(keys[:max(n-1, 0)], st.Dim.Render(keysCut))
	}
	lines := append(append(head, keys...), tail...)
	for i, l := range lines {
		lines[i] = draw.Truncate(l, inner)
	}
	return box.Render(strings.Join(lines, "\n"))
}
