package console

import (
	"slices"
	"testing"

	"ttx/exercise/session"
	"ttx/ui/form"
)

// TestInjectOptionsNewestFirst: the form's choice of what a decision
// answers lists the selected inject, then the released ones newest
// release first, those released at one instant in the order they were
// released (it listed them by when they were due).
func TestInjectOptionsNewestFirst(t *testing.T) {
	_, sess := testConsole(t, "demo")
	for _, id := range []string{"D-01", "D-03", "D-02"} {
		if _, err := sess.Do(ana, session.Release{Inject: id}); err != nil {
			t.Fatal(err)
		}
	}
	st := sess.State()
	var got []string
	for _, o := range form.InjectOptions(&st, -1) {
		got = append(got, o.Value)
	}
	if want := []string{"", "D-02", "D-03", "D-01"}; !slices.Equal(got, want) {
		t.Errorf("the options are %q, want %q", got, want)
	}
	got = got[:0]
	for _, o := range form.InjectOptions(&st, st.Scenario.InjectIndex("D-03")) {
		got = append(got, o.Value)
	}
	if want := []string{"", "D-03", "D-02", "D-01"}; !slices.Equal(got, want) {
		t.Errorf("with D-03 selected the options are %q, want %q", got, want)
	}
}
