package detail

import (
	"fmt"
	"strings"
	"testing"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/theme"
)

// twoInjects is a state of a scenario of two injects to one team, with a
// branch point after the first.
func twoInjects(t *testing.T) event.State {
	t.Helper()
	sc, probs := scenario.Parse("test", []byte(`
title: Detail
duration: 1h
teams: [{id: police, name: Police}]
branches:
  - {id: B1, title: Evacuate?, after: I1, options: [{id: "yes", label: "Yes"}, {id: "no", label: "No"}]}
injects:
  - {id: I1, at: "00:05", title: Smoke, to: [police]}
  - {id: I2, at: "00:10", title: Fire, to: [police]}
`))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	s := event.Empty()
	s.Scenario, s.Injects, s.Choices = sc, event.NewInjects(2), map[string]string{}
	return s
}

// TestDetailListsTheLatestDecisions: an inject answered thousands of times
// lists its latest decisions, oldest of them first, says how many there
// are in all and how many earlier ones are left out.
func TestDetailListsTheLatestDecisions(t *testing.T) {
	st := theme.DefaultStyles()
	s := twoInjects(t)
	for i := 1; i <= 250; i++ {
		s.Decisions = s.Decisions.Append(event.Entry{Seq: int64(2 * i), Team: "police", Text: fmt.Sprintf("on-I1-%03d", i), Inject: "I1"},
			event.Entry{Seq: int64(2*i + 1), Team: "police", Text: fmt.Sprintf("on-I2-%03d", i), Inject: "I2"})
	}
	got := Content(&st, theme.NewMarkdown("notty", nil), &s, 0, s.Status(0, 0), 60)
	for _, want := range []string{"Decisions (250)", "150 earlier, not shown here", "on-I1-151", "on-I1-250"} {
		if !strings.Contains(got, want) {
			t.Errorf("the detail does not show %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "on-I1-150") || strings.Contains(got, "on-I2-") {
		t.Errorf("the detail lists a decision it should leave out:\n%s", got)
	}
	if strings.Index(got, "on-I1-151") > strings.Index(got, "on-I1-250") {
		t.Errorf("the latest decisions are not in the order they were made:\n%s", got)
	}
}
