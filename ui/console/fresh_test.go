package console

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/pane"
)

// TestCachedConsoleEqualsFreshConsole: after every kind of command a
// session takes, the whole screen of a console open throughout (updated
// through its subscription, its clock never ticking) is the screen of a
// console opened afresh on the same state at the same size with the same
// inject selected. The console's panes keep what they drew while what they
// draw from is the same; this holds each of them to a fresh drawing.
func TestCachedConsoleEqualsFreshConsole(t *testing.T) {
	m, sess := testConsole(t, "demo")
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.View()
	pat := session.Actor{Role: scenario.RoleParticipant, Name: "Pat Police", Team: "police"}
	requestOf := func(team string) int64 {
		st := sess.State()
		for i := len(st.Requests) - 1; i >= 0; i-- {
			if st.Requests[i].Team == team {
				return st.Requests[i].Seq
			}
		}
		t.Fatalf("no request from %s", team)
		return 0
	}
	type step struct {
		name string
		by   session.Actor
		cmd  func() session.Command
	}
	do := func(name string, by session.Actor, c session.Command) step {
		return step{name, by, func() session.Command { return c }}
	}
	steps := []step{
		do("add a person", ana, session.AddPerson{Name: pat.Name, Team: "police", Role: scenario.RoleParticipant, Code: "PATPOLICE-1234"}),
		do("join", pat, session.Join{Remote: "10.0.0.7:5000", How: "code"}),
		do("start the clock", ana, session.StartClock{}),
		do("release", ana, session.Release{Inject: "D-01"}),
		do("decision", pat, session.RecordDecision{Team: "police", Text: "Cordon the east entrance.", Inject: "D-01"}),
		do("action", ana, session.RecordDecision{Team: "fire", Text: "Two pumps.", Action: true}),
		do("request", pat, session.RecordRequest{Team: "police", Text: "How many passengers?"}),
		{"answer", ana, func() session.Command {
			return session.AnswerRequest{Request: requestOf("police"), Text: "About two hundred."}
		}},
		do("note", ana, session.RecordNote{Text: "Police slow to share.", Inject: "D-01"}),
		do("observation", ana, session.RecordObservation{Objective: "OBJ-1", Rating: "S", Text: "Shared within four minutes."}),
		do("delay", ana, session.Delay{Inject: "D-03", By: 2 * time.Minute}),
		do("hold", ana, session.Hold{Inject: "D-06", Reason: "Press office."}),
		do("unhold", ana, session.Unhold{Inject: "D-06"}),
		do("skip", ana, session.Skip{Inject: "D-07", Reason: "Out of time."}),
		do("branch", ana, session.ChooseBranch{Branch: "evacuate", Option: "full"}),
		do("speed", ana, session.SetSpeed{Speed: 2}),
		do("step speed", ana, session.StepSpeed{Up: true}),
		do("pause the clock", ana, session.PauseClock{}),
		do("jump the clock", ana, session.JumpClock{To: 4 * time.Minute}),
		do("pause input", ana, session.PauseInput{}),
		do("resume input", ana, session.ResumeInput{}),
		do("broadcast", ana, session.Broadcast{Text: "Ten minutes to the debrief."}),
		do("refused access", session.SystemSSH, session.RefuseAccess{User: "mallory", Remote: "10.9.9.9:1", Reason: "not on the roster"}),
		do("leave", pat, session.Leave{Remote: "10.0.0.7:5000"}),
		do("release another", ana, session.Release{Inject: "D-02"}),
	}
	for _, s := range steps {
		if _, err := sess.Do(s.by, s.cmd()); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		select {
		case st := <-m.updates:
			m.Update(pane.StateMsg{State: st})
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: the console's subscription got no new state", s.name)
		}
		got := m.View()
		f := New(sess, m.opts)
		f.Update(tea.WindowSizeMsg{Width: m.w, Height: m.h})
		f.timeline.Select(m.timeline.Selected())
		f.refreshDetail()
		// The status line says what happened on the way (a request that
		// arrived), which a fresh console did not see: it is carried over.
		f.flash, f.flashErr, f.flashAt = m.flash, m.flashErr, m.flashAt
		if want := f.View(); got != want {
			t.Errorf("after %s, the console shows what a fresh console does not, %s", s.name, diffLine(got, want))
			m = f // go on from what it should show
		}
	}
}

// diffLine describes the first line where two screens differ.
func diffLine(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  shown: %q\n  fresh: %q", i+1, a, b)
		}
	}
	return "nowhere"
}
