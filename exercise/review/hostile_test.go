package review

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/text/texttest"
)

// hostile is a terminal attack: OSC 52 (write the clipboard), clear the
// screen, OSC 0 (retitle the window), a bidi override and isolate, C1 CSI,
// DEL, NUL, a lone CR and a full reset.
const hostile = "\x1b]52;c;ZXZpbA==\x07 osc52 \x1b[2J clear \x1b]0;pwned\x07 title \u202eevil\u202c rlo \u2067iso\u2069 \u009b31m c1 \x7f del \x00 nul \r cr \x1bc reset"

// hostileFixture is the session file that tests across ttx read: every
// text field of it carries hostile, with a hash chain that verifies.
// Regenerate it with go test ./exercise/review -run TestHostileFixture -update.
const hostileFixture = "testdata/TestHostileFixture.golden"

// genHostile writes a session whose every text, from the scenario copy to
// names in by, unknown events and what an anomaly quotes, carries hostile.
func genHostile(tb testing.TB, path string) {
	tb.Helper()
	h := hostile
	sc := scenario.Scenario{Title: "Title " + h, Summary: "Summary " + h, Duration: "30m",
		Teams: []scenario.Team{{ID: "t1", Name: "Team " + h, Description: "About " + h}, {ID: "t2", Name: "Second " + h}},
		Objectives: []scenario.Objective{{ID: "o1", Text: "Objective " + h, Capability: "Capability " + h,
			Targets: []scenario.Target{{ID: "T1", Text: "Target " + h, Tasks: []scenario.Task{{ID: "T1-1", Text: "Task " + h}}}}}},
		Overview: &scenario.Overview{Dates: "Dates " + h, Scope: "Scope " + h, MissionAreas: []string{"Area " + h}, Capabilities: []string{"Core " + h},
			Threat: "Threat " + h, Sponsor: "Sponsor " + h, Organisations: []string{"Org " + h}, Contact: "Contact " + h, Handling: "Handling " + h},
		Roster: []scenario.Person{{Name: "Person " + h, Team: "t1", Role: "participant", Code: "riverside-42"}},
		Branches: []scenario.Branch{{ID: "b1", Title: "Branch " + h, After: "I-01",
			Options: []scenario.Option{{ID: "x", Label: "Option " + h}, {ID: "y", Label: "Other " + h}}}},
		Injects: []scenario.Inject{
			{ID: "I-01", At: "00:00", Title: "Inject " + h, From: "Sender " + h, To: scenario.Recipients{"t1", "t2"}, Channel: "Channel " + h,
				Body: "Body " + h, Expected: "Expected " + h, Objectives: []string{"o1"}, Notes: "Notes " + h},
			{ID: "I-02", At: "00:05", Title: `=HYPERLINK("http://x","y")`, To: scenario.Recipients{"all"}, Body: "-2+3"},
			{ID: "I-03", Title: "Contingency " + h, To: scenario.Recipients{"t2"}, Body: "Contingency " + h},
		}}
	scJSON, err := json.Marshal(sc)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := journal.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer w.Close()
	g := &gen{tb: tb, w: w, wall: genStart, clk: clock.New(0)}
	fac := "facilitator:ana " + h
	g.add(event.SessionOpened, fac, event.Opened{Scenario: scJSON, Source: "source " + h, Tool: "ttx " + h})
	g.step(time.Second)
	g.clk = g.clk.Start(g.wall)
	g.add(event.ClockStarted, fac, event.ClockChange{Speed: 1})
	g.add(event.InjectReleased, fac, event.InjectChange{Inject: "I-01"})
	g.add(event.BranchChosen, fac, event.BranchChoice{Branch: "b1", Option: "x"})
	g.step(time.Minute)
	g.add(event.DecisionRecorded, "participant:"+h, event.Said{Team: "t1", Who: "Who " + h, Text: "Decision " + h, Inject: "I-01"})
	g.add(event.DecisionRecorded, "participant:"+h, event.Said{Team: "t2", Who: "@SUM(A1)", Text: `=HYPERLINK("http://x","y")`, Inject: "I-01"})
	g.add(event.DecisionRecorded, fac, event.Said{Team: "t1", Who: "\tx", Text: "- send crews", Inject: "I-01"})
	said := int64(30_000)
	g.add(event.DecisionRecorded, "participant:"+h, event.Said{Team: "t1", Text: "Reasoned " + h, Inject: "I-01", Rationale: "Rationale " + h, Stage: "Stage " + h, SaidT: &said})
	g.add(event.DecisionAmended, "participant:"+h, event.Correction{Seq: g.seq - 1, Text: "Amended " + h, Rationale: "Why now " + h, Reason: "Reason for it " + h})
	g.add(event.DecisionStruck, fac, event.Correction{Seq: g.seq - 2, Reason: "Struck for " + h})
	g.add(event.RequestRecorded, "participant:"+h, event.Said{Team: "t1", Who: "Asker " + h, Text: "Request " + h, Inject: "I-01"})
	g.add(event.RequestAnswered, fac, event.Answer{Request: g.seq - 1, Text: "Answer " + h})
	g.add(event.NoteRecorded, fac, event.Note{Text: "Note " + h, Inject: "I-01"})
	g.add(event.ObservationRecorded, "evaluator:"+h, event.Observation{Objective: "o1", Rating: "P", Text: "Observation " + h, Inject: "I-01"})
	g.add(event.ObservationRecorded, "evaluator:"+h, event.Observation{Objective: "o1", Rating: "M", Text: "Rated " + h, Target: "T1", Task: "T1-1", Finding: "Finding " + h})
	g.add(event.ParticipantJoined, "participant:"+h, event.Participant{Name: "Joined " + h, Team: "t1", Role: "participant", Remote: h})
	g.add(event.RosterAdded, fac, event.RosterEntry{Name: "Added " + h, Role: "observer"})
	g.add(event.BroadcastSent, fac, event.Broadcast{Text: "Broadcast " + h})
	g.add("x.new "+h, "system:"+h, map[string]string{"k": "Unknown " + h})
	g.add(event.InjectReleased, fac, event.InjectChange{Inject: "I-99 " + h})
	g.add(event.InjectSkipped, fac, event.InjectChange{Inject: "I-03", Reason: "Reason " + h})
	g.moveTo(5 * time.Minute)
	g.add(event.InjectReleased, fac, event.InjectChange{Inject: "I-02"})
	g.step(time.Minute)
	g.add(event.SessionClosed, fac, event.Closed{Events: g.seq})
	g.flush()
}

// TestHostileFixture keeps the shared hostile session file equal to what
// genHostile writes, and checks that its chain verifies, so that what the
// other tests read is a file ttx accepts.
func TestHostileFixture(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hostile.jsonl")
	genHostile(t, path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, data)
	rep, err := journal.Scan(bytes.NewReader(data), nil)
	if err != nil || rep.Break != nil || !rep.Sealed {
		t.Fatalf("the fixture does not verify: %v %+v", err, rep.Break)
	}
}

// assertAllInert walks v and holds every string in it to assertInert.
func assertAllInert(t *testing.T, where string, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			assertAllInert(t, where, v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				assertAllInert(t, where+"."+v.Type().Field(i).Name, v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			assertAllInert(t, where, v.Index(i))
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			assertAllInert(t, where+" key", it.Key())
			assertAllInert(t, where, it.Value())
		}
	case reflect.String:
		texttest.AssertInert(t, where, v.String())
	}
	if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
		texttest.AssertInert(t, where, string(v.Bytes()))
	}
}

// TestFoldEscapesEveryString holds every string of the state folded from
// the hostile file, and of the report built on it, to be inert: what a
// view or report shows of a file is made of these.
func TestFoldEscapesEveryString(t *testing.T) {
	for _, opts := range [][]Option{nil, {FoldOnly()}} {
		l, err := Open(hostileFixture, opts...)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		assertAllInert(t, "State", reflect.ValueOf(l.Final))
		if len(l.Final.Unknown) != 1 || len(l.Final.Anomalies) == 0 {
			t.Fatalf("the fixture should give an unknown event and an anomaly: %d, %v", len(l.Final.Unknown), l.Final.Anomalies)
		}
		assertAllInert(t, "People", reflect.ValueOf(l.People()))
		r := Build(l)
		assertAllInert(t, "Conduct", reflect.ValueOf(r.Conduct))
		assertAllInert(t, "Attendance", reflect.ValueOf(r.Attendance))
		if len(r.Conduct) == 0 || len(r.Attendance) == 0 {
			t.Errorf("the fixture's conduct and attendance are not reported: %d, %d rows", len(r.Conduct), len(r.Attendance))
		}
		var said []string
		for d := range r.Decisions.All() {
			assertAllInert(t, "Said", reflect.ValueOf(r.Said(d)))
			said = append(said, r.Said(d).Text)
		}
		if len(said) == 0 || said[0] != `Decision \u001b]52;c;ZXZpbA==\u0007 osc52 \u001b[2J clear \u001b]0;pwned\u0007 title \u202eevil\u202c rlo \u2067iso\u2069 \u009b31m c1 \u007f del \u0000 nul \u000d cr \u001bc reset` {
			t.Errorf("the decision is not shown escaped: %q", said)
		}
	}
}
