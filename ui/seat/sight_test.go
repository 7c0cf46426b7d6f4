package seat

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// fakeClock is a wall clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// liveSession starts a session on the demo scenario with roster, on the
// wall clock now.
func liveSession(t testing.TB, now func() time.Time, roster ...scenario.Person) *session.Session {
	t.Helper()
	sc, _ := injects.Load("demo")
	if probs := sc.AddRoster(roster, "roster"); probs.HasErrors() {
		t.Fatal(probs)
	}
	sess, err := session.Create(filepath.Join(t.TempDir(), "session.jsonl"), sc, "demo", session.Facilitator("ana"), session.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sess.Abandon() })
	return sess
}

// The people of the seats tests: a participant of each of two teams, an
// observer and an evaluator.
var (
	police    = session.Actor{Role: scenario.RoleParticipant, Name: "Pat Police", Team: "police"}
	fire      = session.Actor{Role: scenario.RoleParticipant, Name: "Fay Fire", Team: "fire"}
	observer  = session.Actor{Role: scenario.RoleObserver, Name: "Obi Watch"}
	evaluator = session.Actor{Role: scenario.RoleEvaluator, Name: "Eve Val"}
	seatsOf   = []session.Actor{police, fire, observer, evaluator}
)

func rosterOf(actors ...session.Actor) []scenario.Person {
	var out []scenario.Person
	for _, a := range actors {
		out = append(out, scenario.Person{Name: a.Name, Team: a.Team, Role: a.Role, Code: "K7QMB-ZWP9T-" + strings.ReplaceAll(a.Name, " ", "-")})
	}
	return out
}

// catchUp hands the seat the state its subscription holds, as the seat's
// program does (pane.WaitForState), and draws it.
func catchUp(t *testing.T, m *Model) string {
	t.Helper()
	select {
	case st := <-m.updates:
		m.Update(pane.StateMsg{State: st})
	case <-time.After(5 * time.Second):
		t.Fatal("the seat's subscription got no new state")
	}
	return m.View()
}

// freshLike builds a new seat for m's person on the session as it is now,
// at m's size, with the same inject selected, and draws it.
func freshLike(m *Model) string {
	// A copy of the person's read marks: the fresh seat opens the message
	// it selects on joining, which must not mark it read for m, nor for
	// the fresh seat once it has moved to m's selection.
	opts := m.opts
	opts.Read = NewReadSet()
	f := New(m.sess, m.actor, opts)
	defer f.Close()
	f.Update(tea.WindowSizeMsg{Width: m.w, Height: m.h})
	f.body.Select(m.body.Selected())
	f.showSelected()
	opts.Read.mu.Lock()
	opts.Read.ids = map[string]bool{}
	for id := range m.opts.Read.ids {
		opts.Read.ids[id] = true
	}
	opts.Read.gen++
	opts.Read.mu.Unlock()
	// The status line says what happened on the way (a save, a message
	// that arrived), which a fresh seat did not see: it is carried over.
	f.flash, f.isErr, f.dirty = m.flash, m.isErr, true
	return f.View()
}

// firstDiff describes where two screens differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(ansi.Strip(got), "\n"), strings.Split(ansi.Strip(want), "\n")
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
	return "in styling only"
}

// TestCachedSeatEqualsFreshSeat: after every kind of command a session
// takes, and after time passes, the whole screen of a seat that has been
// open throughout (updated through its subscription, its clock never
// ticking but where the step says) is the screen of a seat opened afresh
// on the same state, at the same size with the same inject selected, for
// every role: a participant of the team concerned and of another, an
// observer, an evaluator. A seat that kept an old frame for a change it
// shows (an answer to its team's request, say) fails here.
func TestCachedSeatEqualsFreshSeat(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)}
	late := session.Actor{Role: scenario.RoleParticipant, Name: "Lou Late", Team: "transport"}
	sess := liveSession(t, clk.Now, rosterOf(append(seatsOf, late)...)...)
	fac := session.Facilitator("ana")
	read := map[string]*ReadSet{}
	var seats []*Model
	for _, a := range seatsOf {
		read[a.Name] = NewReadSet()
		m := New(sess, a, Options{ViewOptions: theme.ViewOptions{Now: clk.Now, Location: time.UTC, Tick: time.Hour}, Read: read[a.Name]})
		defer m.Close()
		m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
		m.View()
		seats = append(seats, m)
	}
	lastRequest := func(team string) int64 {
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
		do("join", police, session.Join{Remote: "10.0.0.7:5000", How: "code"}),
		do("start the clock", fac, session.StartClock{}),
		do("release to one team", fac, session.Release{Inject: "D-01"}),
		do("release to two teams", fac, session.Release{Inject: "D-02"}),
		do("decision", police, session.RecordDecision{Team: "police", Text: "Cordon the east entrance."}),
		do("another team's decision", fire, session.RecordDecision{Team: "fire", Text: "Two pumps to Riverside."}),
		do("action", police, session.RecordDecision{Team: "police", Text: "Called the duty inspector.", Action: true, Inject: "D-02"}),
		do("request", police, session.RecordRequest{Team: "police", Text: "How many passengers are on the platform?"}),
		do("another team's request", fire, session.RecordRequest{Team: "fire", Text: "Is the power off in the tunnel?"}),
		{"answer", fac, func() session.Command {
			return session.AnswerRequest{Request: lastRequest("police"), Text: "About two hundred, station staff say."}
		}},
		{"answer to another team", fac, func() session.Command {
			return session.AnswerRequest{Request: lastRequest("fire"), Text: "Yes, since 17:31."}
		}},
		do("decision by the facilitator", fac, session.RecordDecision{Team: "police", Who: "Inspector", Text: "Told by phone."}),
		do("note", fac, session.RecordNote{Text: "Police slow to share.", Inject: "D-02"}),
		do("observation", evaluator, session.RecordObservation{Objective: "OBJ-1", Rating: "S", Text: "Shared within four minutes."}),
		do("delay", fac, session.Delay{Inject: "D-03", By: 2 * time.Minute}),
		do("hold", fac, session.Hold{Inject: "D-06", Reason: "Wait for the press office."}),
		do("unhold", fac, session.Unhold{Inject: "D-06"}),
		do("skip", fac, session.Skip{Inject: "D-07", Reason: "Out of time."}),
		do("branch", fac, session.ChooseBranch{Branch: "evacuate", Option: "full"}),
		do("speed", fac, session.SetSpeed{Speed: 2}),
		do("step speed", fac, session.StepSpeed{Up: true}),
		do("pause the clock", fac, session.PauseClock{}),
		do("jump the clock", fac, session.JumpClock{To: 4 * time.Minute}),
		do("start it again", fac, session.StartClock{}),
		do("pause input", fac, session.PauseInput{}),
		do("resume input", fac, session.ResumeInput{}),
		do("broadcast", fac, session.Broadcast{Text: "Ten minutes to the hot debrief."}),
		do("add a person", fac, session.AddPerson{Name: "New Comer", Team: "fire", Role: scenario.RoleParticipant, Code: "NEWCOMER-1234"}),
		do("refused access", session.SystemSSH, session.RefuseAccess{User: "mallory", Remote: "10.9.9.9:1", Reason: "not on the roster"}),
		do("leave", police, session.Leave{Remote: "10.0.0.7:5000"}),
		do("release to all", fac, session.Release{Inject: "D-03"}),
		do("contingency release", fac, session.Release{Inject: "D-C1"}),
		do("a seat of another team joins", late, session.Join{Remote: "10.0.0.8:5000", How: "code"}),
		{"time passes", session.Actor{}, nil}, // and the seats' clocks tick
		{"end the session", session.Actor{}, nil},
	}
	failed := 0
	for _, s := range steps {
		switch s.name {
		case "time passes":
			clk.Add(3 * time.Minute)
		case "end the session":
			if _, err := sess.Close(fac); err != nil {
				t.Fatal(err)
			}
		default:
			if _, err := sess.Do(s.by, s.cmd()); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		}
		for _, m := range seats {
			var got string
			if s.name == "time passes" {
				m.Update(tickMsg(clk.Now()))
				got = m.View()
			} else {
				got = catchUp(t, m)
			}
			if want := freshLike(m); got != want {
				t.Errorf("after %s, the %s seat of %s shows what a fresh seat does not, %s", s.name, m.actor.Role, m.actor.Name, firstDiff(got, want))
				if failed++; failed == 1 {
					t.Logf("shown:\n%s\nfresh:\n%s", ansi.Strip(got), ansi.Strip(want))
				}
				// Go on from what the seat should show.
				m.frame = want
			}
		}
	}
	for _, m := range seats {
		if !strings.Contains(ansi.Strip(m.View()), "The facilitator has ended the session.") {
			t.Errorf("the %s seat does not say the session ended:\n%s", m.actor.Role, ansi.Strip(m.View()))
		}
	}
}
