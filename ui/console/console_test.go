package console

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/theme"
)

// pkgDir is the package folder, where testdata/ lives; tests work in a
// temporary folder and come back here to compare goldens.
var pkgDir string

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	pkgDir, _ = os.Getwd()
	os.Exit(m.Run())
}

// t0 is the fixed wall time of every console test.
var t0 = time.Date(2026, 11, 24, 17, 30, 0, 0, time.UTC)

var ana = session.Facilitator("ana")

// testConsole opens a session on the demo scenario in a temporary working
// folder (so the file path on screen is always "session.jsonl") with a
// fixed wall clock, and returns the console over it.
func testConsole(t testing.TB, scenarioName string) (*Model, *session.Session) {
	t.Helper()
	return testConsoleWith(t, scenarioName, session.Options{})
}

// testConsoleWith is testConsole with session options (fault injection).
func testConsoleWith(t testing.TB, scenarioName string, opts session.Options) (*Model, *session.Session) {
	t.Helper()
	t.Chdir(t.TempDir())
	sc, probs := injects.Load(scenarioName)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	now := func() time.Time { return t0 }
	opts.Now = now
	s, err := session.Create("session.jsonl", sc, scenarioName, ana, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Abandon() })
	m := New(s, Options{Facilitator: ana, ViewOptions: theme.ViewOptions{Now: now, Location: time.UTC, MarkdownStyle: "dark", Tick: time.Hour}})
	return m, s
}

func waitFor(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func finalView(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
}

func TestConsoleGolden(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int
		scen string
	}{
		{"demo_80x24", 80, 24, "demo"},
		{"london_120x40", 120, 40, "london"},
	} {
		t.Run(size.name, func(t *testing.T) {
			m, s := testConsole(t, size.scen)
			if _, err := s.Do(ana, session.Release{Inject: s.State().Scenario.Injects[0].ID}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Do(ana, session.RecordDecision{Team: s.State().Scenario.Teams[0].ID, Who: "Duty inspector",
				Text: "Cordon at the main entrance.\nAsk for armed support.", Inject: s.State().Scenario.Injects[0].ID}); err != nil {
				t.Fatal(err)
			}
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size.w, size.h))
			waitFor(t, tm, "Cordon at the main entrance")
			view := finalView(t, tm)
			for i, line := range strings.Split(view, "\n") {
				if w := lipgloss.Width(line); w > size.w {
					t.Errorf("line %d is %d cells wide, more than the terminal's %d", i+1, w, size.w)
				}
			}
			if n := strings.Count(view, "\n") + 1; n != size.h {
				t.Errorf("view has %d lines, want %d", n, size.h)
			}
			if err := os.Chdir(pkgDir); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, []byte(view))
		})
	}
}

func TestReleaseAndRecordDecisionWritesTheJournal(t *testing.T) {
	m, _ := testConsole(t, "demo")
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "D-01 is due")

	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	waitFor(t, tm, "RUNNING")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "D-01 released")

	tm.Type("d")
	waitFor(t, tm, "Record a decision")
	tm.Send(tea.KeyMsg{Type: tea.KeyRight}) // team: the next one after the inject's first recipient
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("Stop eastbound trains short of Riverside.")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // a new line, not a save
	tm.Type("Call 999.\x1b[2J")             // an escape sequence must not reach the file
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})   // why
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})   // who
	tm.Type("Control room")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "Decision saved")

	tm.Type("q")
	waitFor(t, tm, "End the session?")
	tm.Send(tea.KeyMsg{Type: tea.KeyLeft})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	head, closed := final.Closed()
	if !closed {
		t.Fatal("the session was not closed")
	}

	f, err := os.Open("session.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var evs []event.Event
	rep, err := journal.Scan(f, func(e event.Event) error { evs = append(evs, e); return nil })
	if err != nil || rep.Break != nil || !rep.Sealed || rep.Head != head {
		t.Fatalf("journal: err=%v break=%v sealed=%v head=%s want %s", err, rep.Break, rep.Sealed, rep.Head, head)
	}
	var types []string
	for _, e := range evs {
		types = append(types, e.Type)
	}
	want := "session.opened clock.started inject.released decision.recorded session.closed"
	if got := strings.Join(types, " "); got != want {
		t.Fatalf("journal types:\n%s\nwant\n%s", got, want)
	}
	var d event.Said
	if err := evs[3].Decode(&d); err != nil {
		t.Fatal(err)
	}
	// D-01 went to the station operator, not the police: a police
	// decision answers no inject until one is chosen.
	if d.Team != "police" || d.Who != "Control room" || d.Inject != "" ||
		d.Text != "Stop eastbound trains short of Riverside.\nCall 999.[2J" && d.Text != "Stop eastbound trains short of Riverside.\nCall 999." {
		t.Errorf("decision = %+v", d)
	}
	if strings.Contains(d.Text, "\x1b") {
		t.Error("an escape character reached the journal")
	}
}

func TestTooSmallTerminal(t *testing.T) {
	m, _ := testConsole(t, "demo")
	m.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	v := m.View()
	if !strings.Contains(v, "Terminal too small") {
		t.Errorf("view at 40x10:\n%s", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if lipgloss.Width(line) > 40 {
			t.Errorf("line wider than the terminal: %q", line)
		}
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if v := m.View(); strings.Contains(v, "too small") || !strings.Contains(v, "MSEL") {
		t.Error("the console did not come back after the terminal grew")
	}
}

func TestAnswerARequestForInformation(t *testing.T) {
	m, s := testConsole(t, "demo")
	req, err := s.Do(ana, session.RecordRequest{Team: "transport", Text: "Is the platform CCTV available?"})
	if err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "D-01 is due")
	tm.Type("a")
	waitFor(t, tm, "Answer a request for information")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("Yes, on screen 3.")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "Answer sent")
	tm.Quit()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	st := s.State()
	if a, ok := st.AnswerTo(req.Seq); !ok || a.Text != "Yes, on screen 3." {
		t.Errorf("answer = %+v %v", a, ok)
	}
	tm2 := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	tm2.Type("a")
	waitFor(t, tm2, "No request for information is waiting for an answer")
	tm2.Quit()
	tm2.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// TestFormsShowAllTheyAsk: a form shows every line it has, at any size the
// console draws: the end-of-session confirmation's description wraps, and
// huh pushed its buttons out of sight until told the room it had. A form
// taller than the screen scrolls within it instead of overflowing.
func TestFormsShowAllTheyAsk(t *testing.T) {
	for _, sz := range [][2]int{{120, 40}, {80, 24}, {60, 20}, {60, 16}} {
		m, _ := testConsole(t, "demo")
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
		v := m.View()
		for _, want := range []string{"End the session?", "afterwards.", "End session", "Keep running"} {
			if !strings.Contains(v, want) {
				t.Errorf("%dx%d: the end-of-session form does not show %q:\n%s", sz[0], sz[1], want, v)
			}
		}
		m.Update(tea.KeyMsg{Type: tea.KeyEsc})
		// The decision form is taller than the smallest screens.
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d")})
		v = m.View()
		if !strings.Contains(v, "Record a decision") {
			t.Errorf("%dx%d: no decision form:\n%s", sz[0], sz[1], v)
		}
		if n := strings.Count(v, "\n") + 1; n > sz[1] {
			t.Errorf("%dx%d: the decision form makes the view %d lines:\n%s", sz[0], sz[1], n, v)
		}
	}
}
