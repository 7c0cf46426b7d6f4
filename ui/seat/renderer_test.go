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
	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/scenario"
)

// TestEachSeatHasItsTerminalsColours: over SSH, each seat is drawn in the
// colours its own terminal shows, whatever the others' are: a 256-colour
// terminal on a dark background gets the dark accent, one that says its
// background is light (COLORFGBG) the light one, and one whose client
// sent NO_COLOR no colour at all. A seat never asks the terminal anything,
// so a client that answers nothing still gets its seat.
func TestEachSeatHasItsTerminalsColours(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	var people []person
	var roster []scenario.Person
	for _, name := range []string{"Ana Ruiz", "Lee Chen", "Jo Park"} {
		p := newPerson(t, name, "police", scenario.RoleParticipant)
		people, roster = append(people, p), append(roster, p.Person)
	}
	_, srv, _ := serveDemo(t, ServerOptions{}, roster...)
	addr := srv.Addr().String()
	envs := [][]string{{"COLORFGBG=15;0"}, {"COLORFGBG=0;15"}, {"NO_COLOR=1"}}
	screens := make([]*screen, len(people))
	for i, p := range people {
		sc := &screen{t: t}
		var err error
		if sc.client, sc.in, err = openSeatIn(addr, userOf(p.Name), sc, "xterm-256color", envs[i], gossh.PublicKeys(p.signer)); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { sc.client.Close() })
		sc.waitFor(p.Name + " · Police")
		screens[i] = sc
	}
	// The accent, #5FAFFF on dark and #005FAF on light, in 256 colours.
	dark, light := "\x1b[38;5;75m", "\x1b[38;5;25m"
	if got := screens[0].raw(); !strings.Contains(got, dark) || strings.Contains(got, light) || strings.Contains(got, "\x1b[38;2;") {
		t.Errorf("a dark 256-colour terminal's seat is not in its colours:\n%q", got)
	}
	if got := screens[1].raw(); !strings.Contains(got, light) || strings.Contains(got, dark) {
		t.Errorf("a light 256-colour terminal's seat is not in its colours:\n%q", got)
	}
	if got := screens[2].raw(); strings.Contains(got, "\x1b[38;") {
		t.Errorf("a NO_COLOR terminal's seat has colours:\n%q", got)
	}
}

// raw is everything the screen received, escape sequences and all.
func (s *screen) raw() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
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
