package seat

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/internal/termtest"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// BenchmarkSeatDraw is a seat's redraw at 110×30 for a new decision it
// shows (what every such seat does for each decision): with 60 decisions
// already made, and at national scale with 100,000, a third of them by the
// seat's own team.
func BenchmarkSeatDraw(b *testing.B) {
	for _, earlier := range []int{60, 100_000} {
		for _, role := range []string{scenario.RoleParticipant, scenario.RoleEvaluator, scenario.RoleObserver} {
			name := role
			if earlier != 60 {
				name = fmt.Sprintf("%s-%dk-decisions", role, earlier/1000)
			}
			b.Run(name, func(b *testing.B) { seatDraw(b, role, earlier) })
		}
	}
}

func seatDraw(b *testing.B, role string, earlier int) {
	p := session.Actor{Role: role, Name: "Ana Ruiz", Team: "police"}
	if role != scenario.RoleParticipant {
		p.Team = ""
	}
	sess := liveSession(b, time.Now, rosterOf(p)...)
	fac := session.Facilitator("ana")
	for _, c := range []session.Command{session.StartClock{}, session.Release{Inject: "D-01"}, session.Release{Inject: "D-02"}} {
		if _, err := sess.Do(fac, c); err != nil {
			b.Fatal(err)
		}
	}
	// The decisions already made, folded as a resumed session folds them,
	// then the states that follow, one more police decision each.
	st := sess.State()
	decide := func(team string, n int) {
		st = event.Apply(st, termtest.Decision(b, &st, team, fmt.Sprintf("Z%04d hold the cordon at 100 m.", n)))
	}
	teams := []string{"police", "fire", "transport"}
	for i := range earlier {
		team := "police"
		if earlier > 60 {
			team = teams[i%len(teams)]
		}
		decide(team, i)
	}
	states := make([]event.State, 64)
	for i := range states {
		decide("police", earlier+i)
		states[i] = st
	}
	var m *Model
	fresh := func() {
		if m != nil {
			m.Close()
		}
		m = New(sess, p, Options{ViewOptions: theme.ViewOptions{Location: time.UTC}})
		m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
		_ = m.View()
	}
	fresh()
	defer func() { m.Close() }()
	i := 0
	for b.Loop() {
		if i > 0 && i%len(states) == 0 {
			// A live seat only goes forward: start a new one.
			b.StopTimer()
			fresh()
			b.StartTimer()
		}
		m.Update(pane.StateMsg{State: states[i%len(states)]})
		if v := m.View(); !strings.Contains(v, fmt.Sprintf("Z%04d", earlier+i%len(states))) {
			b.Fatalf("the redraw does not show the new decision:\n%s", v)
		}
		i++
	}
}

// BenchmarkSeatTick is a seat's redraw for its clock, once a second, in a
// session of 100,000 decisions none of which are its team's: to fill its
// feed it would look back through all of them.
func BenchmarkSeatTick(b *testing.B) {
	p := session.Actor{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "transport"}
	sess := liveSession(b, time.Now, rosterOf(p)...)
	st := sess.State()
	for i := range 100_000 {
		st = event.Apply(st, termtest.Decision(b, &st, []string{"police", "fire"}[i%2], fmt.Sprintf("Y%06d earlier decision.", i)))
	}
	m := New(sess, p, Options{ViewOptions: theme.ViewOptions{Location: time.UTC}})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
	m.Update(pane.StateMsg{State: st})
	if v := m.View(); !strings.Contains(v, "No decisions from your team yet") {
		b.Fatalf("the seat shows decisions of other teams:\n%s", v)
	}
	for b.Loop() {
		m.Update(tickMsg(time.Now()))
		_ = m.View()
	}
}

// BenchmarkSeatKey is a participant's key typed into the decision form and
// the redraw that echoes it: in a busy room, many people type at once.
func BenchmarkSeatKey(b *testing.B) {
	p := anaRuiz
	sess := liveSession(b, time.Now, rosterOf(p)...)
	fac := session.Facilitator("ana")
	for _, c := range []session.Command{session.StartClock{}, session.Release{Inject: "D-01"}, session.Release{Inject: "D-02"}} {
		if _, err := sess.Do(fac, c); err != nil {
			b.Fatal(err)
		}
	}
	m := New(sess, p, Options{ViewOptions: theme.ViewOptions{Location: time.UTC}})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
	open := func() {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d")})
		m.Update(tea.KeyMsg{Type: tea.KeyTab})
	}
	open()
	if v := m.View(); !strings.Contains(v, "Record a decision") {
		b.Fatalf("no decision form:\n%s", v)
	}
	i := 0
	for b.Loop() {
		if i > 0 && i%200 == 0 {
			// A decision is a few lines: cancel it and start another.
			b.StopTimer()
			m.Update(tea.KeyMsg{Type: tea.KeyEsc})
			open()
			b.StartTimer()
		}
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{rune('a' + i%26)}})
		_ = m.View()
		i++
	}
}
