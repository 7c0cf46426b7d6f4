package seat

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/pane"
	"ttx/ui/seat/paint"
	"ttx/ui/theme"
)

// anaRuiz is the participant of the seat tests that seat one person.
var anaRuiz = session.Actor{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"}

func TestSeatAtAnySize(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(anaRuiz)...)
	sess.Do(session.Facilitator("ana"), session.Release{Inject: "D-02"})
	for _, actor := range []session.Actor{
		{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"},
		{Role: scenario.RoleEvaluator, Name: "Sam"},
		{Role: scenario.RoleObserver, Name: "Obi"},
	} {
		m := New(sess, actor, Options{})
		for _, sz := range [][2]int{{20, 5}, {1, 1}, {49, 13}, {50, 14}, {80, 24}, {300, 100}, {51, 15}} {
			m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			v := m.View()
			if sz[0] < minWidth || sz[1] < minHeight {
				continue
			}
			lines := strings.Split(v, "\n")
			if len(lines) > sz[1] {
				t.Errorf("%s %dx%d: %d lines", actor.Role, sz[0], sz[1], len(lines))
			}
			for i, line := range lines {
				if w := lipgloss.Width(line); w > sz[0] {
					t.Errorf("%s %dx%d: line %d is %d wide", actor.Role, sz[0], sz[1], i+1, w)
				}
			}
			// The keys are laid out for this width, not an earlier one.
			fresh := New(sess, actor, Options{})
			fresh.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			want := strings.Split(fresh.View(), "\n")
			if got := lines[len(lines)-1]; got != want[len(want)-1] {
				t.Errorf("%s %dx%d: the key help is\n%q\nwant\n%q", actor.Role, sz[0], sz[1], got, want[len(want)-1])
			}
			fresh.Close()
		}
		m.Close()
	}
}

// TestSeatHeaderFollowsWhatItSays: the header's lines are drawn again
// only when what they say changes, and never show what has gone: at each
// step, a seat that has been open throughout shows the header a seat
// opened just then shows.
func TestSeatHeaderFollowsWhatItSays(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(anaRuiz)...)
	boss := session.Facilitator("ana")
	// The exercise clock starts at the wall clock's time; the seats'
	// clocks are then moved on by hand.
	now := time.Now()
	opts := Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return now }, Location: time.UTC}}
	actor := anaRuiz
	m := New(sess, actor, opts)
	defer m.Close()
	size := tea.WindowSizeMsg{Width: 100, Height: 30}
	steps := []struct {
		name string
		do   func()
	}{
		{"opened", func() {}},
		{"clock started", func() { sess.Do(boss, session.StartClock{}); now = time.Now() }},
		{"a second later", func() { now = now.Add(time.Second) }},
		{"a decision", func() { sess.Do(actor, session.RecordDecision{Team: "police", Text: "Cordon at 100 m."}) }},
		{"broadcast", func() { sess.Do(boss, session.Broadcast{Text: "Hold all moves."}) }},
		{"another broadcast", func() { sess.Do(boss, session.Broadcast{Text: "Resume moves."}) }},
		{"input paused", func() { sess.Do(boss, session.PauseInput{}) }},
		{"input resumed", func() { sess.Do(boss, session.ResumeInput{}) }},
		{"the banner's time is up", func() { now = now.Add(bannerFor + time.Second) }},
		{"narrower", func() { size.Width = 70 }},
		{"an hour later", func() { now = now.Add(time.Hour) }},
	}
	for _, s := range steps {
		s.do()
		m.Update(size)
		m.Update(pane.StateMsg{State: sess.State()})
		m.Update(tickMsg(now))
		fresh := New(sess, actor, opts)
		fresh.Update(size)
		got, want := strings.Split(m.View(), "\n"), strings.Split(fresh.View(), "\n")
		fresh.Close()
		for i := range headerHeight {
			if got[i] != want[i] {
				t.Errorf("%s: header line %d is\n%q\nwant\n%q", s.name, i+1, got[i], want[i])
			}
		}
	}
}

// TestSeatFormsFitTheScreen: a form opened on a small screen scrolls
// within it rather than pushing the seat's header off the top.
func TestSeatFormsFitTheScreen(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(anaRuiz)...)
	for _, sz := range [][2]int{{50, 14}, {80, 20}, {100, 30}} {
		for _, actor := range []session.Actor{
			{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"},
			{Role: scenario.RoleEvaluator, Name: "Sam"},
		} {
			m := New(sess, actor, Options{})
			m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			key := "d"
			if actor.Role == scenario.RoleEvaluator {
				key = "o"
			}
			m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(key)})
			v := m.View()
			if !strings.Contains(v, "Record") {
				t.Errorf("%s %dx%d: no form:\n%s", actor.Role, sz[0], sz[1], v)
			}
			if n := strings.Count(v, "\n") + 1; n > sz[1] {
				t.Errorf("%s %dx%d: the form makes the view %d lines:\n%s", actor.Role, sz[0], sz[1], n, v)
			}
			m.Close()
		}
	}
}

// TestEndedNoticeFits: the notice that the session has ended fits the
// narrowest seat, wrapped, and says all it says.
func TestEndedNoticeFits(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(anaRuiz)...)
	m := New(sess, anaRuiz, Options{})
	defer m.Close()
	if _, err := sess.Close(session.Facilitator("ana")); err != nil {
		t.Fatal(err)
	}
	m.Update(pane.StateMsg{State: sess.State()})
	for _, sz := range [][2]int{{50, 14}, {60, 20}, {120, 40}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := m.View()
		if !strings.Contains(strings.Join(strings.Fields(ansi.Strip(strings.ReplaceAll(v, "║", " "))), " "), "Everything you saved is in the record. Thank you.") {
			t.Errorf("%dx%d: the notice does not say it all:\n%s", sz[0], sz[1], v)
		}
		for i, line := range strings.Split(v, "\n") {
			if w := lipgloss.Width(line); w > sz[0] {
				t.Errorf("%dx%d: line %d is %d wide:\n%s", sz[0], sz[1], i+1, w, v)
			}
		}
	}
}

// TestSeatSizeIsClamped: a seat draws for at most paint.MaxWidth ×
// paint.MaxHeight whatever size its terminal says it is.
func TestSeatSizeIsClamped(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(anaRuiz)...)
	for _, actor := range []session.Actor{
		{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"},
		{Role: scenario.RoleEvaluator, Name: "Sam"},
	} {
		m := New(sess, actor, Options{})
		for _, sz := range [][2]int{{2000, 1000}, {100000, 10}, {80, 5000}, {-5, 40}} {
			m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			v := m.View()
			if n := countLines(v); n > paint.MaxHeight {
				t.Errorf("%s %dx%d: %d lines", actor.Role, sz[0], sz[1], n)
			}
			if len(v) > 4*paint.MaxWidth*paint.MaxHeight*4 {
				t.Errorf("%s %dx%d: a frame of %d bytes", actor.Role, sz[0], sz[1], len(v))
			}
		}
		m.Close()
	}
}

func countLines(s string) int {
	n := 1
	for i := range len(s) {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}

// TestAChunkOutsideAFormIsKeys: outside a form, runes read together are
// the keys they are, one at a time, never a key's name: the letters
// "ctrl+c" typed fast do not close the seat (their r opens the request
// form), and "dStand" opens the decision form and types Stand into it.
func TestAChunkOutsideAFormIsKeys(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(anaRuiz)...)
	m := New(sess, anaRuiz, Options{ViewOptions: theme.ViewOptions{Location: time.UTC}})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
	if _, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ctrl+c")}); cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("the letters ctrl+c closed the seat")
		}
	}
	if v := m.View(); !strings.Contains(v, "Request information") {
		t.Errorf("the r of ctrl+c typed fast did not open the request form:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("dStand")})
	if v := m.View(); !strings.Contains(v, "Record a decision") || !strings.Contains(v, "Stand") {
		t.Errorf("dStand typed fast did not open the decision form with Stand in it:\n%s", v)
	}
}
