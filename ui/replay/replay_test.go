package replay

import (
	"bytes"
	"os"
	"path/filepath"
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
	"ttx/exercise/review"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/theme"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

var t0 = time.Date(2026, 11, 24, 17, 30, 0, 0, time.UTC)

// demoSession drives a short session on the demo scenario with a fake
// clock and ends it with an event of a type this version does not know.
func demoSession(t *testing.T) string {
	t.Helper()
	sc, _ := injects.Load("demo")
	now := t0
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "demo.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		after time.Duration
		cmd   session.Command
	}{
		{0, session.StartClock{}},
		{10 * time.Second, session.Release{Inject: "D-01"}},
		{50 * time.Second, session.RecordDecision{Team: "transport", Who: "Control room", Text: "Stop eastbound trains short of Riverside.", Inject: "D-01"}},
		{20 * time.Second, session.Release{Inject: "D-02"}},
		{40 * time.Second, session.RecordDecision{Team: "police", Text: "Unit to the station entrance.", Inject: "D-02"}},
		{30 * time.Second, session.RecordDecision{Team: "fire", Text: "Two pumps and a hazmat unit.", Inject: "D-02"}},
		{60 * time.Second, session.Release{Inject: "D-03"}},
		{30 * time.Second, session.ChooseBranch{Branch: "evacuate", Option: "full"}},
		{45 * time.Second, session.RecordDecision{Team: "police", Text: "Cordon at 100 m;\nclose Riverside Road.", Inject: "D-03"}},
		{20 * time.Second, session.RecordNote{Text: "Good joint decision on evacuation.", Inject: "D-03"}},
	}
	for _, st := range steps {
		now = now.Add(st.after)
		if _, err := s.Do(a, st.cmd); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Abandon(); err != nil {
		t.Fatal(err)
	}
	w, _, _, err := journal.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := event.New("weather.changed", "system:met-office", now.Add(5*time.Second), 6*time.Minute, map[string]string{"warning": "amber"})
	if _, err := w.Append(e); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return path
}

func startReplay(t *testing.T, path string) *teatest.TestModel {
	t.Helper()
	l, err := review.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, Tick: time.Hour}})
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
}

func waitFor(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func finalView(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Type("q")
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View()
}

func TestReplayAtThreeMinutes(t *testing.T) {
	tm := startReplay(t, demoSession(t))
	waitFor(t, tm, "REPLAY")
	tm.Type(":")
	waitFor(t, tm, "Go to exercise time")
	tm.Type("0:03")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Showing T+00:03")
	view := finalView(t, tm)
	for _, want := range []string{"T+00:03:00", "Decisions · 3", "T+00:02:00 Police", "Two pumps"} {
		if !strings.Contains(view, want) {
			t.Errorf("the view at T+3m lacks %q", want)
		}
	}
	for _, later := range []string{"Cordon at 100 m", "RAW weather.changed"} {
		if strings.Contains(view, later) {
			t.Errorf("the view at T+3m shows %q, which happened later", later)
		}
	}
	golden.RequireEqual(t, []byte(view))
}

func TestReplayAtEndFilteredByTeam(t *testing.T) {
	tm := startReplay(t, demoSession(t))
	waitFor(t, tm, "REPLAY")
	tm.Type("G")
	waitFor(t, tm, "RAW weather.changed")
	tm.Type("f")
	waitFor(t, tm, "Show only")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown}) // Team: Police
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "Filter: team Police")
	view := finalView(t, tm)
	if !strings.Contains(view, "Cordon at 100 m") || strings.Contains(view, "Two pumps") || strings.Contains(view, "Stop eastbound") {
		t.Error("the police filter shows another team's decisions, or hides police ones")
	}
	if !strings.Contains(view, "not closed") {
		t.Error("an unsealed file is not marked as such")
	}
	golden.RequireEqual(t, []byte(view))
}

func TestStepAndSpeedKeys(t *testing.T) {
	l, err := review.Open(demoSession(t))
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC}})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press := func(s string) { m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}) }
	press("]")
	press("]")
	if m.pos != 3 || m.state.Seq != 2 {
		t.Errorf("after two steps: pos %d seq %d", m.pos, m.state.Seq)
	}
	press("[")
	if m.pos != 2 {
		t.Errorf("after a step back: pos %d", m.pos)
	}
	press("G")
	if m.pos != l.Len() {
		t.Errorf("G: pos %d of %d", m.pos, l.Len())
	}
	press("g")
	if m.pos != 1 {
		t.Errorf("g: pos %d", m.pos)
	}
	for range 20 {
		press("+")
	}
	if m.speed != 600 {
		t.Errorf("top speed = %v, want 600", m.speed)
	}
}

func TestReplayAtAnySize(t *testing.T) {
	l, err := review.Open(demoSession(t))
	if err != nil {
		t.Fatal(err)
	}
	m := New(l, Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC}})
	for _, sz := range [][2]int{{20, 5}, {1, 1}, {59, 15}, {60, 16}, {80, 24}, {300, 100}, {61, 17}, {250, 20}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("]")})
		v := m.View()
		if sz[0] < minWidth || sz[1] < minHeight {
			if sz[0] >= 40 && !strings.Contains(v, "too small") {
				t.Errorf("%dx%d: no 'too small' notice", sz[0], sz[1])
			}
			continue
		}
		lines := strings.Split(v, "\n")
		if len(lines) > sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for i, line := range lines {
			if w := lipgloss.Width(line); w > sz[0] {
				t.Errorf("%dx%d: line %d is %d wide", sz[0], sz[1], i+1, w)
			}
		}
	}
}
