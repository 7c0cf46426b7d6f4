package termtest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
)

// Clock is a wall clock that moves only when told.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the time the clock stands at.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// The people of the step table, on the demo scenario: the facilitator, a
// participant of each of two teams, an observer, an evaluator, and a
// participant of a third team who joins late.
var (
	Facilitator = session.Facilitator("ana")
	Police      = session.Actor{Role: scenario.RoleParticipant, Name: "Pat Police", Team: "police"}
	Fire        = session.Actor{Role: scenario.RoleParticipant, Name: "Fay Fire", Team: "fire"}
	Observer    = session.Actor{Role: scenario.RoleObserver, Name: "Obi Watch"}
	Evaluator   = session.Actor{Role: scenario.RoleEvaluator, Name: "Eve Val"}
	Late        = session.Actor{Role: scenario.RoleParticipant, Name: "Lou Late", Team: "transport"}
)

// Roster is the step table's people but the facilitator, each with a
// join code, for scenario.AddRoster.
func Roster() []scenario.Person { return RosterOf(Police, Fire, Observer, Evaluator, Late) }

// RosterOf is the roster of actors, each with a join code made from
// their name.
func RosterOf(actors ...session.Actor) []scenario.Person {
	var out []scenario.Person
	for _, a := range actors {
		out = append(out, scenario.Person{Name: a.Name, Team: a.Team, Role: a.Role, Code: "K7QMB-ZWP9T-" + strings.ReplaceAll(a.Name, " ", "-")})
	}
	return out
}

// Step is one thing that happens to a live session: a command by
// someone, or, with no command, time passing (TimePasses) or the
// session's end (Ends).
type Step struct {
	Name string
	By   session.Actor
	// Cmd is the command, made when the step is taken (an answer names
	// the request it answers).
	Cmd func(*session.Session) session.Command
	// Look is the inject the views look at as the step is taken, the one
	// it changes, if any: a view that kept its drawing of that inject
	// from before shows it stale.
	Look string
}

// The steps with no command.
const (
	TimePasses = "time passes"
	Ends       = "end the session"
)

// Passes is how far the wall clock moves in the TimePasses step.
const Passes = 3 * time.Minute

// EveryCommand is a session on the demo scenario (with Roster) taken
// through every kind of command a session takes, then time passing with
// no command, then its end: every event type a live session writes but
// session.opened, which opens it, and session.resumed, which a resume
// writes. Walk checks that the table writes them all.
func EveryCommand() []Step {
	do := func(name string, by session.Actor, c session.Command) Step {
		return Step{Name: name, By: by, Cmd: func(*session.Session) session.Command { return c }}
	}
	answer := func(name, team, text string) Step {
		return Step{Name: name, By: Facilitator, Cmd: func(s *session.Session) session.Command {
			return session.AnswerRequest{Request: lastRequest(s, team), Text: text}
		}}
	}
	// fix corrects the entry whose words are text.
	fix := func(name string, by session.Actor, text string, c func(seq int64) session.Command) Step {
		return Step{Name: name, By: by, Cmd: func(s *session.Session) session.Command { return c(entryOf(s, text)) }}
	}
	at := func(inject string, s Step) Step {
		s.Look = inject
		return s
	}
	fac := Facilitator
	return []Step{
		do("join", Police, session.Join{Remote: "10.0.0.7:5000", How: "code"}),
		do("start the clock", fac, session.StartClock{}),
		at("D-01", do("delay", fac, session.Delay{Inject: "D-01", By: time.Minute})),
		at("D-01", do("delay again", fac, session.Delay{Inject: "D-01", By: time.Minute})),
		at("D-01", do("release to one team", fac, session.Release{Inject: "D-01"})),
		do("release to two teams", fac, session.Release{Inject: "D-02"}),
		do("decision", Police, session.RecordDecision{Team: "police", Text: "Cordon the east entrance."}),
		do("another team's decision", Fire, session.RecordDecision{Team: "fire", Text: "Two pumps to Riverside."}),
		at("D-02", do("action", Police, session.RecordDecision{Team: "police", Text: "Called the duty inspector.", Action: true, Inject: "D-02"})),
		do("request", Police, session.RecordRequest{Team: "police", Text: "How many passengers are on the platform?"}),
		do("another team's request", Fire, session.RecordRequest{Team: "fire", Text: "Is the power off in the tunnel?"}),
		answer("answer", "police", "About two hundred, station staff say."),
		answer("answer to another team", "fire", "Yes, since 17:31."),
		at("D-01", do("decision by the facilitator", fac, session.RecordDecision{Team: "police", Who: "Inspector", Text: "Told by phone.", Inject: "D-01"})),
		do("note", fac, session.RecordNote{Text: "Police slow to share.", Inject: "D-02"}),
		do("observation", Evaluator, session.RecordObservation{Objective: "OBJ-1", Rating: "S", Text: "Shared within four minutes."}),
		at("D-02", fix("amend an action", Police, "Called the duty inspector.", func(seq int64) session.Command {
			return session.Amend{Seq: seq, Text: "Called the duty superintendent.", Rationale: "Rank needed for the cordon", Reason: "wrong rank"}
		})),
		fix("another team strikes its decision", Fire, "Two pumps to Riverside.", func(seq int64) session.Command {
			return session.Strike{Seq: seq, Reason: "entered twice"}
		}),
		fix("amend a note", fac, "Police slow to share.", func(seq int64) session.Command {
			return session.Amend{Seq: seq, Text: "Police slow to share at first.", Reason: "fairer"}
		}),
		fix("strike an observation", Evaluator, "Shared within four minutes.", func(seq int64) session.Command {
			return session.Strike{Seq: seq, Reason: "wrong objective"}
		}),
		fix("strike a request", Police, "How many passengers are on the platform?", func(seq int64) session.Command {
			return session.Strike{Seq: seq, Reason: "answered by phone"}
		}),
		at("D-03", do("delay another", fac, session.Delay{Inject: "D-03", By: 2 * time.Minute})),
		at("D-06", do("hold", fac, session.Hold{Inject: "D-06", Reason: "Wait for the press office."})),
		at("D-06", do("unhold", fac, session.Unhold{Inject: "D-06"})),
		at("D-07", do("skip", fac, session.Skip{Inject: "D-07", Reason: "Out of time."})),
		at("D-03", do("branch", fac, session.ChooseBranch{Branch: "evacuate", Option: "full"})),
		do("speed", fac, session.SetSpeed{Speed: 2}),
		do("step speed", fac, session.StepSpeed{Up: true}),
		do("pause the clock", fac, session.PauseClock{}),
		do("jump the clock", fac, session.JumpClock{To: 4 * time.Minute}),
		do("start it again", fac, session.StartClock{}),
		do("pause input", fac, session.PauseInput{}),
		do("resume input", fac, session.ResumeInput{}),
		do("broadcast", fac, session.Broadcast{Text: "Ten minutes to the hot debrief."}),
		do("add a person", fac, session.AddPerson{Name: "New Comer", Team: "fire", Role: scenario.RoleParticipant, Code: "NEWCOMER-1234"}),
		do("a new join code", fac, session.NewJoinCode{Name: "New Comer", Code: "NEWCOMER-5678"}),
		do("refused access", session.SystemSSH, session.RefuseAccess{User: "mallory", Remote: "10.9.9.9:1", Reason: "not on the roster"}),
		do("leave", Police, session.Leave{Remote: "10.0.0.7:5000"}),
		do("release to all", fac, session.Release{Inject: "D-03"}),
		do("contingency release", fac, session.Release{Inject: "D-C1"}),
		do("a seat of another team joins", Late, session.Join{Remote: "10.0.0.8:5000", How: "code"}),
		{Name: TimePasses},
		{Name: Ends},
	}
}

// written is every event type a live session writes from its opening
// on, but session.resumed.
var written = []string{
	event.SessionClosed, event.ClockStarted, event.ClockPaused, event.ClockSpeed, event.ClockJumped,
	event.InjectReleased, event.InjectSkipped, event.InjectDelayed, event.InjectHeld, event.InjectUnheld,
	event.BranchChosen, event.DecisionRecorded, event.RequestRecorded, event.RequestAnswered,
	event.ObservationRecorded, event.ParticipantJoined, event.ParticipantLeft, event.NoteRecorded,
	event.RosterAdded, event.RosterCodeIssued, event.AccessRefused, event.InputPaused, event.InputResumed, event.BroadcastSent,
	event.DecisionAmended, event.DecisionStruck,
}

// Walk takes sess through steps: before a step that looks at an inject
// it calls look with the inject's index; it moves clk on by Passes for
// TimePasses, closes the session for Ends, and has the step's person do
// its command otherwise; after each step it calls after with it. At the
// end it checks that the steps wrote every event type a live session
// writes.
func Walk(t *testing.T, sess *session.Session, clk *Clock, steps []Step, look func(inject int), after func(Step)) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range steps {
		if s.Look != "" {
			i := slices.IndexFunc(sess.State().Scenario.Injects, func(in scenario.Inject) bool { return in.ID == s.Look })
			if i < 0 {
				t.Fatalf("%s: no inject %s", s.Name, s.Look)
			}
			look(i)
		}
		switch s.Name {
		case TimePasses:
			clk.Add(Passes)
		case Ends:
			if _, err := sess.Close(Facilitator); err != nil {
				t.Fatal(err)
			}
			seen[event.SessionClosed] = true
		default:
			ev, err := sess.Do(s.By, s.Cmd(sess))
			if err != nil {
				t.Fatalf("%s: %v", s.Name, err)
			}
			seen[ev.Type] = true
		}
		after(s)
	}
	for _, typ := range written {
		if !seen[typ] {
			t.Errorf("no step writes %s: add a step with the command that does", typ)
		}
	}
}

// lastRequest is the seq of team's latest request for information.
func lastRequest(s *session.Session, team string) int64 {
	st := s.State()
	for i := len(st.Requests) - 1; i >= 0; i-- {
		if st.Requests[i].Team == team {
			return st.Requests[i].Seq
		}
	}
	panic("no request from " + team)
}

// entryOf is the seq of the entry whose words are text.
func entryOf(s *session.Session, text string) int64 {
	st := s.State()
	for _, list := range []event.Entries{st.Decisions, event.EntriesOf(st.Requests), event.EntriesOf(st.Notes), event.EntriesOf(st.Observations)} {
		for _, e := range list.All() {
			if e.Text == text {
				return e.Seq
			}
		}
	}
	panic("no entry says " + text)
}

// FirstDiff describes the first line where two screens differ, their
// styling left out.
func FirstDiff(got, want string) string {
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
