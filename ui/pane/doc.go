// Package pane holds the panes that show a session's state: the MSEL
// timeline, an inject's detail, the decision feed, a scrolling text pane,
// the three of them laid out (Panes), with what they share (the Pane
// interface, who may see what, the state subscription). Forms open in
// ui/form. Panes only draw and scroll; the views that own them talk
// to the session. They draw through ui/internal/draw, never lipgloss's
// own joins.
package pane
