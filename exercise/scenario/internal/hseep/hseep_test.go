package hseep

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

var id = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`).MatchString

// collect is a Report that keeps each problem as "path: message".
func collect(got *[]string) Report {
	return func(path []any, format string, args ...any) {
		*got = append(*got, strings.TrimSuffix(fmt.Sprintln(path...), "\n")+": "+fmt.Sprintf(format, args...))
	}
}

// TestTargetsSayWhatAndWhere: a bad id, an id twice and empty words are
// each named at the target or task they are in.
func TestTargetsSayWhatAndWhere(t *testing.T) {
	var got []string
	Targets(collect(&got), id, 2, "OBJ-3", []Target{
		{Item: Item{ID: "T 1", Text: "Hold a meeting"}, Tasks: []Item{{ID: "T1-1", Text: "Agree"}, {ID: "T1-1", Text: " "}}},
		{Item: Item{ID: "T 1", Text: ""}},
	})
	want := []string{
		`objectives 2 targets 0: capability target id "T 1" must be letters, digits, - or _, like T1`,
		`objectives 2 targets 0 tasks 1: critical task "T1-1" appears twice in target "T 1"; give each its own id`,
		`objectives 2 targets 0 tasks 1: critical task "T1-1" of target "T 1" has no text; write the task`,
		`objectives 2 targets 1: capability target id "T 1" must be letters, digits, - or _, like T1`,
		`objectives 2 targets 1: capability target "T 1" of objective "OBJ-3" has no text; write the outcome evaluators rate`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestOverviewHoldsLinesToAHeader: a one-line field is held to what a
// page header has room for, a block to what a record holds.
func TestOverviewHoldsLinesToAHeader(t *testing.T) {
	var got []string
	long := strings.Repeat("x", 201)
	Overview(collect(&got), [][2]string{{"handling", long}, {"dates", "12 March"}}, [][2]string{{"scope", long}})
	want := "overview handling: overview handling is 201 characters; keep it to 200 (it is printed in the report as it is)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want only %q", got, want)
	}
}
