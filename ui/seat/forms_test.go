package seat

import (
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestObservationFormShowsTheObjectivesID: an objective longer than the
// form shows its id and the start of its text, cut with an ellipsis,
// not the end of its text scrolled into view.
func TestObservationFormShowsTheObjectivesID(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(evaluator)...)
	m := New(sess, evaluator, Options{ViewOptions: never})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("o")})
	got := ansi.Strip(m.View())
	if !strings.Contains(got, "OBJ-1 · Share what is known") || !strings.Contains(got, "…") {
		t.Errorf("the objective's id and the start of its text are not shown:\n%s", got)
	}
}

// boxSide is a side of a box's border, in a colour or not.
var boxSide = regexp.MustCompile("(\x1b\\[[0-9;]*m)*║(\x1b\\[0?m)?")

// TestEachSeatsFormsHaveItsTerminalsColours: a seat's forms are drawn by
// the seat's own renderer, as the rest of the seat: opened on a seat of a
// plain terminal, a form has no escape sequence (the focused field's
// cursor is one more character), and opened on a seat of a true-colour
// terminal in the same process, it has its cursor and the styles of its
// fields, whatever the terminal ttx runs in is.
func TestEachSeatsFormsHaveItsTerminalsColours(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(police)...)
	form := func(p termenv.Profile) string {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(p)
		m := New(sess, police, Options{ViewOptions: never, Renderer: r})
		defer m.Close()
		m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d")})
		// The form's own lines: from its first field's title to the
		// last's, inside the form's box.
		lines := strings.Split(m.View(), "\n")
		first := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "Who (optional)") })
		last := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "About (←/→)") })
		if first < 0 || last < first {
			t.Fatalf("no decision form on the %v seat:\n%s", p, ansi.Strip(m.View()))
		}
		var b strings.Builder
		for _, l := range lines[first : last+2] {
			// Inside the box's border (in the box's colour) and padding.
			l = boxSide.ReplaceAllString(l, "║")
			_, in, _ := strings.Cut(l, "║ ")
			in, _, _ = strings.Cut(in, " ║")
			b.WriteString(in + "\n")
		}
		return b.String()
	}
	if got := form(termenv.Ascii); strings.Contains(got, "\x1b[") {
		t.Errorf("a plain terminal's seat draws its form with escape sequences:\n%q", got)
	}
	if got := form(termenv.TrueColor); !strings.Contains(got, "\x1b[7m") {
		t.Errorf("a true-colour terminal's seat draws its form without its styles (the cursor):\n%q", got)
	}
}
