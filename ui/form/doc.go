// Package form is the layer every view's forms open in: the Modal over
// values its owner keeps (a save that fails loses nothing typed), the
// routing of keys and messages to an open form, and the checks that a
// field's text fits its record (Fits, FitsLine, TextRoom), a refusal
// naming the field to put right (InField); Pick, a choice taking
// type-ahead, and the choices forms offer over a session's state (teams,
// injects, JDM stages, entries to correct). The console, the seats and
// the replay open their forms here; the panes (ui/pane) never do.
package form
