package form

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/ui/theme"
)

// TestMatchNamesAnOption: a number, an id, the first letters of a name
// or its initials, or the number an id ends in, name one option.
func TestMatchNamesAnOption(t *testing.T) {
	teams := []huh.Option[string]{huh.NewOption("Metropolitan Police", "met"), huh.NewOption("British Transport Police", "btp"),
		huh.NewOption("Transport for London", "tfl")}
	injects := []huh.Option[string]{huh.NewOption("(none)", ""), huh.NewOption("L-07 · Video", "L-07"), huh.NewOption("L-12 · Van", "L-12")}
	labels := func(opts []huh.Option[string]) []string {
		var l []string
		for _, o := range opts {
			l = append(l, o.Key)
		}
		return l
	}
	for _, c := range []struct {
		opts     []huh.Option[string]
		numbered bool
		typed    string
		want     int
	}{
		{teams, true, "3", 2}, {teams, true, "4", -1}, {teams, true, "tfl", 2}, {teams, true, "TRANS", 2},
		{teams, true, "b", 1}, {teams, true, "police", 0}, {teams, true, "btp", 1}, {teams, true, "x", -1},
		{injects, false, "l-12", 2}, {injects, false, "l12", 2}, {injects, false, "7", 1}, {injects, false, "12", 2},
		{injects, false, "van", 2}, {injects, false, "none", 0}, {injects, false, "9", -1},
	} {
		if got := Match(c.opts, labels(c.opts), c.typed, c.numbered); got != c.want {
			t.Errorf("%q: option %d, want %d", c.typed, got, c.want)
		}
	}
}

// TestPickTypeAheadInAForm: in a form, keys typed in a choice choose by
// type-ahead (an h, j, k or l does not move it as huh's keys would),
// backspace takes a key back, a miss keeps the choice and says so.
func TestPickTypeAheadInAForm(t *testing.T) {
	teams := []huh.Option[string]{huh.NewOption("Metropolitan Police", "met"), huh.NewOption("London Fire Brigade", "lfb"),
		huh.NewOption("Transport for London", "tfl")}
	team := "met"
	var changes []string
	md, _ := NewModal(huh.ThemeBase(), "Record", "", 60, func() []huh.Field {
		return []huh.Field{NewPick("Team (1–3)", "team", teams, &team).Numbered().Inline().OnChange(func(v string) { changes = append(changes, v) })}
	}, func() (tea.Cmd, error) { return nil, nil })
	keys := theme.DefaultFormKeys()
	for _, c := range []struct{ typed, want string }{{"l", "lfb"}, {"j", "lfb"}, {"t", "tfl"}, {"q", "tfl"}, {"2", "lfb"}} {
		typeKeys(&md, keys, c.typed)
		if team != c.want {
			t.Errorf("after %q: %s, want %s", c.typed, team, c.want)
		}
	}
	Route(&md, tea.KeyMsg{Type: tea.KeyRight}, keys)
	if team != "tfl" {
		t.Errorf("→: %s", team)
	}
	if len(changes) != 4 {
		t.Errorf("changes: %v", changes)
	}
}
