package console

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/access"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/pane"
)

// TestSeatsShowHowManyEachHolds: the facilitator's list of seats says
// how many seats a person holds when they hold more than one, and when
// they hold as many as one person may.
func TestSeatsShowHowManyEachHolds(t *testing.T) {
	m, sess := testConsole(t, "demo")
	m.opts.Serving, m.opts.Join = "127.0.0.1:2222", "ssh -p 2222 127.0.0.1"
	people := []struct {
		name  string
		seats int
	}{{"Ana Ruiz", 1}, {"Lee Chen", 2}, {"Jo Park", access.SeatsEach}}
	for _, p := range people {
		if _, err := sess.Do(ana, session.AddPerson{Name: p.name, Role: scenario.RoleParticipant, Team: "police", Code: "K7QMB-ZWP9T-" + p.name[:2]}); err != nil {
			t.Fatal(err)
		}
		actor := session.Actor{Role: scenario.RoleParticipant, Name: p.name, Team: "police"}
		for range p.seats {
			if _, err := sess.Do(actor, session.Join{Remote: "127.0.0.1:5000", How: "code"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 140, Height: 40})
	m.Update(pane.StateMsg{State: sess.State()})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("w")})
	v := m.View()
	want := map[string]string{"Ana Ruiz": "", "Lee Chen": "2 seats", "Jo Park": "3 seats, the most one person may hold"}
	for name, held := range want {
		line := ""
		for l := range strings.SplitSeq(v, "\n") {
			if strings.Contains(l, name) {
				line = l
			}
		}
		switch {
		case line == "":
			t.Errorf("the list of seats does not show %s:\n%s", name, v)
		case held == "" && strings.Contains(line, "seats"):
			t.Errorf("%s holds one seat, and the list says: %s", name, line)
		case !strings.Contains(line, held):
			t.Errorf("%s's line does not say %q: %s", name, held, line)
		}
	}
	if !strings.Contains(v, "6 connected") {
		t.Errorf("the list's title does not count 6 seats:\n%s", v)
	}
	if !strings.Contains(v, "join with: ssh -p 2222 127.0.0.1") {
		t.Errorf("the list does not say how to join this server:\n%s", v)
	}
}

// TestSeatsShowHostKey: beside the join command the seats list prints the
// host key's fingerprint, whole, at any width the list fits, so that participants can check the one
// their ssh client asks them to trust.
func TestSeatsShowHostKey(t *testing.T) {
	const fp = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"
	for _, w := range []int{60, 80, 140} {
		m, sess := testConsole(t, "demo")
		m.opts.Serving, m.opts.Join, m.opts.HostKey = "127.0.0.1:2222", "ssh -p 2222 127.0.0.1", fp
		m.Update(tea.WindowSizeMsg{Width: w, Height: 40})
		m.Update(pane.StateMsg{State: sess.State()})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("w")})
		v := m.View()
		if !strings.Contains(v, "join with: ssh -p 2222 127.0.0.1") || !strings.Contains(v, "Host key they should see:") || !strings.Contains(v, fp) {
			t.Errorf("at %d columns the seats list does not show the host key %s beside the join command:\n%s", w, fp, v)
		}
	}
}

// TestSeatsListFitsASmallTerminal: a roster longer than the screen is
// listed as far as it fits, then says how many more there are; the box,
// its title, the join command and the host key stay on the screen.
func TestSeatsListFitsASmallTerminal(t *testing.T) {
	const fp = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"
	m, sess := testConsole(t, "demo")
	m.opts.Serving, m.opts.Join, m.opts.HostKey = "127.0.0.1:2222", "ssh -p 2222 127.0.0.1", fp
	for i := range 20 {
		name := fmt.Sprintf("Person %02d", i)
		if _, err := sess.Do(ana, session.AddPerson{Name: name, Role: scenario.RoleParticipant, Team: "police", Code: "K7QMB-ZWP9T-" + name[7:]}); err != nil {
			t.Fatal(err)
		}
	}
	m.Update(pane.StateMsg{State: sess.State()})
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 16})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("w")})
	v := ansi.Strip(m.View())
	checkFits(t, v, 60, 16)
	for _, want := range []string{"╔", "╗", "Seats · 127.0.0.1:2222", "○  Person 00  Police  code", "more: a taller terminal lists everyone", "ssh -p 2222 127.0.0.1", fp, "╚", "╝"} {
		if !strings.Contains(v, want) {
			t.Errorf("at 60x16 with 20 people on the roster the seats list does not show %q:\n%s", want, v)
		}
	}
}
