// Package hseep checks what a scenario gives the HSEEP after-action
// report: the lengths of the exercise overview's fields, and the
// evaluation guides, whose capability targets and critical tasks each
// have an id of their own and words no longer than a record holds.
package hseep

import (
	"strings"
	"unicode/utf8"

	"ttx/exercise/text"
)

// Report records an error at path, the keys and list indexes of the
// scenario where it is, such as ("objectives", 0, "targets", 1).
type Report func(path []any, format string, args ...any)

// maxLine is the longest a one-line field of the overview may be: the
// handling caveat is printed in every page's header.
const maxLine = 200

// Overview reports each field of the overview longer than it may be:
// lines and blocks are pairs of a key and its words, lines held to a
// page header's room, blocks to a record's.
func Overview(report Report, lines, blocks [][2]string) {
	for _, fields := range []struct {
		list [][2]string
		max  int
	}{{lines, maxLine}, {blocks, text.MaxText}} {
		for _, f := range fields.list {
			if n := utf8.RuneCountInString(f[1]); n > fields.max {
				report([]any{"overview", f[0]}, "overview %s is %d characters; keep it to %d (it is printed in the report as it is)", f[0], n, fields.max)
			}
		}
	}
}

// Item is a capability target or a critical task: its id and its words.
type Item struct{ ID, Text string }

// Target is a capability target and its critical tasks.
type Target struct {
	Item
	Tasks []Item
}

// Targets checks the capability targets of the objective at index i,
// whose id is objective: every target and task has an id that validID
// accepts, of its own within its objective or target, and words, no
// more than a record holds.
func Targets(report Report, validID func(string) bool, i int, objective string, targets []Target) {
	seen := map[string]bool{}
	for j, t := range targets {
		at := []any{"objectives", i, "targets", j}
		switch {
		case !validID(t.ID):
			report(at, "capability target id %q must be letters, digits, - or _, like T1", t.ID)
		case seen[t.ID]:
			report(at, "capability target %q appears twice in objective %q; give each its own id", t.ID, objective)
		}
		seen[t.ID] = true
		if strings.TrimSpace(t.Text) == "" {
			report(at, "capability target %q of objective %q has no text; write the outcome evaluators rate", t.ID, objective)
		} else if n := utf8.RuneCountInString(t.Text); n > text.MaxText {
			report(at, "capability target %q is %d characters; keep it to %d", t.ID, n, text.MaxText)
		}
		tasks := map[string]bool{}
		for k, task := range t.Tasks {
			at := []any{"objectives", i, "targets", j, "tasks", k}
			switch {
			case !validID(task.ID):
				report(at, "critical task id %q must be letters, digits, - or _, like T1.1 written T1-1", task.ID)
			case tasks[task.ID]:
				report(at, "critical task %q appears twice in target %q; give each its own id", task.ID, t.ID)
			}
			tasks[task.ID] = true
			if strings.TrimSpace(task.Text) == "" {
				report(at, "critical task %q of target %q has no text; write the task", task.ID, t.ID)
			} else if n := utf8.RuneCountInString(task.Text); n > text.MaxText {
				report(at, "critical task %q is %d characters; keep it to %d", task.ID, n, text.MaxText)
			}
		}
	}
}
