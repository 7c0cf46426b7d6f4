package sshd

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
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
	if got := screens[0].Raw(); !strings.Contains(got, dark) || strings.Contains(got, light) || strings.Contains(got, "\x1b[38;2;") {
		t.Errorf("a dark 256-colour terminal's seat is not in its colours:\n%q", got)
	}
	if got := screens[1].Raw(); !strings.Contains(got, light) || strings.Contains(got, dark) {
		t.Errorf("a light 256-colour terminal's seat is not in its colours:\n%q", got)
	}
	if got := screens[2].Raw(); strings.Contains(got, "\x1b[38;") {
		t.Errorf("a NO_COLOR terminal's seat has colours:\n%q", got)
	}
}
