package opening

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/theme"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// demoState is a demo session's state with one decision.
func demoState(t *testing.T) event.State {
	t.Helper()
	sc, _ := injects.Load("demo")
	a := session.Facilitator("ana")
	s, err := session.Create(filepath.Join(t.TempDir(), "demo.jsonl"), sc, "demo", a, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abandon()
	for _, c := range []session.Command{session.Release{Inject: "D-01"}, session.RecordDecision{Team: "police", Text: "Unit to the station entrance.", Inject: "D-01"}} {
		if _, err := s.Do(a, c); err != nil {
			t.Fatal(err)
		}
	}
	return s.State()
}

// next stands for the console: it records what it is given.
type next struct{ got []tea.Msg }

func (n *next) Init() tea.Cmd                           { return nil }
func (n *next) Update(msg tea.Msg) (tea.Model, tea.Cmd) { n.got = append(n.got, msg); return n, nil }
func (n *next) View() string                            { return "THE CONSOLE" }

func newModel(states chan event.State, ready chan Ready) *Model {
	return New(states, ready, Options{ViewOptions: theme.ViewOptions{Location: time.UTC}, Path: "big.jsonl",
		Progress: func() (int64, int64) { return 45, 100 }})
}

// TestOpeningShowsTheSessionAsReadThenTheConsole: the state read so far
// is shown, read only, with how far reading has got; when the file is
// open, the screen is the console's, at the terminal's size.
func TestOpeningShowsTheSessionAsReadThenTheConsole(t *testing.T) {
	states, ready := make(chan event.State, 1), make(chan Ready, 1)
	m := newModel(states, ready)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	if v := m.View(); !strings.Contains(v, "Reading the session file") || !strings.Contains(v, "Opening big.jsonl: 45%, no event so far") {
		t.Errorf("before any state:\n%s", v)
	}
	states <- demoState(t)
	m.Update(m.awaitState()())
	v := m.View()
	for _, want := range []string{"OPENING, read only", "Riverside", "Unit to the station entrance.", "45%, 3 events so far", "then the console takes commands"} {
		if !strings.Contains(v, want) {
			t.Errorf("the opening view lacks %q:\n%s", want, v)
		}
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d")}) // no command before the console
	console := &next{}
	ready <- Ready{Model: console}
	m.Update(m.awaitReady()())
	if m.Next() != console || m.View() != "THE CONSOLE" {
		t.Fatalf("once open, the screen is %q", m.View())
	}
	if len(console.got) != 1 || console.got[0] != (tea.WindowSizeMsg{Width: 120, Height: 30}) {
		t.Errorf("the console was given %v, want the terminal's size", console.got)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	if len(console.got) != 2 {
		t.Error("a key after the hand-over did not reach the console")
	}
}

// TestOpeningSaysWhyAndWhenItStops: a file that cannot be opened ends the
// view with the reason; q before the file is open leaves.
func TestOpeningSaysWhyAndWhenItStops(t *testing.T) {
	states, ready := make(chan event.State, 1), make(chan Ready, 1)
	m := newModel(states, ready)
	ready <- Ready{Err: errors.New("closed cleanly")}
	if _, cmd := m.Update(m.awaitReady()()); cmd == nil || cmd() != tea.Quit() || m.Err() == nil || m.Next() != nil {
		t.Errorf("a failed open: err %v, next %v", m.Err(), m.Next())
	}
	m = newModel(states, ready)
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")}); cmd == nil || cmd() != tea.Quit() || !m.Left() {
		t.Error("q while opening does not leave")
	}
}
