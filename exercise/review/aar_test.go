package review_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/review"
	"ttx/exercise/review/aar"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
)

// aarSession plays the London scenario from the console with several
// teams: decisions with rationale, JDM stage and said-at; one amended and
// one struck through; a request for information and its answer;
// evaluator ratings against EEG targets and tasks (one struck through);
// and a jump of the clock backwards. The scenario gains an overview and
// capability targets for COMMUNICATE.
func aarSession(t *testing.T) string {
	t.Helper()
	sc, _ := injects.Load("london")
	sc.Overview = &scenario.Overview{Dates: "24 November 2026", Scope: "Tabletop, three hours, Lambeth HQ", MissionAreas: []string{"Response"},
		Threat: "Marauding terrorist attack", Sponsor: "London Resilience", Contact: "Sam Evans, exercise director", Handling: "OFFICIAL-SENSITIVE"}
	k := slices.IndexFunc(sc.Objectives, func(o scenario.Objective) bool { return o.ID == "COMMUNICATE" })
	sc.Objectives[k].Targets = []scenario.Target{
		{ID: "T1", Text: "Within 15 minutes, share a METHANE message across the services", Tasks: []scenario.Task{
			{ID: "T1-1", Text: "Agree the rendezvous point"}, {ID: "T1-2", Text: "Name a single point of contact per service"}}},
		{ID: "T2", Text: "Hold a joint briefing of commanders"},
	}
	now := review.GenStart
	a := session.Facilitator("ana")
	eve := session.Actor{Role: scenario.RoleEvaluator, Name: "eve"}
	path := filepath.Join(t.TempDir(), "london.jsonl")
	s, err := session.Create(path, sc, "london", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	do := func(who session.Actor, c session.Command) int64 {
		t.Helper()
		e, err := s.Do(who, c)
		if err != nil {
			t.Fatalf("%T: %v", c, err)
		}
		return e.Seq
	}
	step := func(d time.Duration) { now = now.Add(d) }
	at := func(d time.Duration) *time.Duration { return &d }
	do(a, session.AddPerson{Name: "eve", Role: scenario.RoleEvaluator, Keys: []string{"SHA256:ZXZlJ3Mga2V5"}})
	do(eve, session.Join{Remote: "192.0.2.20:50000", How: "key"})
	do(a, session.StartClock{})
	step(time.Minute)
	do(a, session.Release{Inject: "L-01"}) // at T+00:01:00
	step(2 * time.Minute)
	// Said at 00:01:40 (the form opened), saved at 00:03:00.
	do(a, session.RecordDecision{Team: "met", Who: "Supt Khan", Text: "Declare Operation PLATO", Inject: "L-01",
		Rationale: "Reports of an armed attacker; life at risk", Stage: "assessment", SaidAt: at(100 * time.Second)})
	// BTP's first decision, said at 00:01:20, is struck through: its
	// response is the next one, said at 00:02:30.
	wrong := do(a, session.RecordDecision{Team: "btp", Who: "Insp Okafor", Text: "Evacuate platform 9", Inject: "L-01", SaidAt: at(80 * time.Second)})
	do(a, session.RecordDecision{Team: "btp", Who: "Insp Okafor", Text: "Close the concourse; hold trains outside", Inject: "L-01",
		Rationale: "Keep people away from the threat", Stage: "action", SaidAt: at(150 * time.Second)})
	las := do(a, session.RecordDecision{Team: "las", Who: "Dr Patel", Text: "Send HART to the rendevous point", Inject: "L-01", Stage: "information"})
	do(a, session.Strike{Seq: wrong, Reason: "entered against the wrong platform"})
	do(a, session.Amend{Seq: las, Text: "Send HART to the rendezvous point at Waterloo Road", Rationale: "Hazardous area: HART only", Reason: "typo; rendezvous point named"})
	rfi := do(a, session.RecordRequest{Team: "met", Who: "Supt Khan", Text: "How many people are on the concourse?", Inject: "L-01"})
	step(30 * time.Second)
	do(a, session.AnswerRequest{Request: rfi, Text: "About 2,000 (TfL estimate)"})
	do(eve, session.RecordObservation{Objective: "COMMUNICATE", Rating: "S", Text: "METHANE shared at 00:04, later than planned", Target: "T1"})
	do(eve, session.RecordObservation{Objective: "COMMUNICATE", Rating: "P", Text: "RVP agreed on the first call", Target: "T1", Task: "T1-1"})
	bad := do(eve, session.RecordObservation{Objective: "COMMUNICATE", Rating: "U", Text: "No joint briefing", Target: "T2"})
	do(eve, session.Strike{Seq: bad, Reason: "the briefing happened off the floor"})
	do(eve, session.RecordObservation{Objective: "COMMUNICATE", Rating: "M", Text: "Single points of contact not named for two hours", Target: "T1", Task: "T1-2", Finding: "improvement"})
	step(time.Minute)
	do(a, session.Release{Inject: "L-02"}) // at T+00:04:30
	do(a, session.JumpClock{To: 3 * time.Minute})
	step(10 * time.Second)
	do(a, session.RecordDecision{Team: "met", Who: "Supt Khan", Text: "Armed officers to the concourse", Inject: "L-02", Action: true})
	do(a, session.PauseClock{})
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestResponseTimesUseSaidAt: a team's response time runs from the
// inject's release to when its first decision was said, not saved.
func TestResponseTimesUseSaidAt(t *testing.T) {
	r := review.Build(review.OpenLog(t, aarSession(t)))
	in := injectRow(t, r, "L-01")
	if got, want := in.FirstResponse["met"], 40*time.Second; got != want {
		t.Errorf("met's response to L-01 = %v, want %v (said at 00:01:40, released at 00:01:00)", got, want)
	}
}

// TestStruckDecisionIsNoResponse: a decision struck through stays listed
// but is not the team's response nor counted among its decisions.
func TestStruckDecisionIsNoResponse(t *testing.T) {
	r := review.Build(review.OpenLog(t, aarSession(t)))
	in := injectRow(t, r, "L-01")
	if got, want := in.FirstResponse["btp"], 90*time.Second; got != want {
		t.Errorf("btp's response to L-01 = %v, want %v (its struck decision, said at 00:01:20, is no response)", got, want)
	}
	if len(in.Decisions) != 4 {
		t.Errorf("L-01 lists %d decisions, want all 4, the struck one too", len(in.Decisions))
	}
	for _, tm := range r.Teams {
		if tm.ID == "btp" && (tm.Decisions != 1 || tm.Struck != 1) {
			t.Errorf("btp: %d decisions, %d struck; want 1 and 1", tm.Decisions, tm.Struck)
		}
	}
	if r.Counts.Struck != 1 || r.Counts.Amended != 1 {
		t.Errorf("counts: %d struck, %d amended; want 1 and 1", r.Counts.Struck, r.Counts.Amended)
	}
	if in.Unanswered() {
		t.Errorf("L-01 is reported unanswered")
	}
}

// TestCorrectionsAreShownStruckThrough: the decision log shows an amended
// decision's original struck through, the amendment after it, and who
// corrected it and why; a struck decision stays legible, struck, and is
// said not to count.
func TestCorrectionsAreShownStruckThrough(t *testing.T) {
	md := markdown(t, aarSession(t))
	_, log, ok := strings.Cut(md, "## Annex: Decision log")
	if !ok {
		t.Fatalf("no decision log:\n%s", md)
	}
	for _, want := range []string{
		"~~Send HART to the rendevous point~~<br>*amended at T+00:03:00 by ana (facilitator): typo; rendezvous point named*<br>Send HART to the rendezvous point at Waterloo Road",
		"| Hazardous area: HART only |",
		"~~Evacuate platform 9~~<br>*struck through at T+00:03:00 by ana (facilitator): entered against the wrong platform*<br>*not counted as the team's response*",
		"| Reports of an armed attacker; life at risk | Assess risks and develop a working strategy |",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the decision log lacks %q:\n%s", want, log)
		}
	}
}

// TestDecisionSaidBeforeReleaseIsFlagged: a decision said (its form
// opened) before the inject it answers was released is flagged, even when
// it was saved after the release.
func TestDecisionSaidBeforeReleaseIsFlagged(t *testing.T) {
	sc, _ := injects.Load("demo")
	now := review.GenStart
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "early.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(a, session.StartClock{}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	if _, err := s.Do(a, session.Release{Inject: "D-01"}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Minute)
	said := 30 * time.Second
	if _, err := s.Do(a, session.RecordDecision{Team: "transport", Who: "Zoë", Text: "Stop eastbound trains", Inject: "D-01", SaidAt: &said}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	r := review.Build(review.OpenLog(t, path))
	if r.Flagged() != 1 {
		t.Fatalf("%d rows flagged, want 1: %+v", r.Flagged(), r.Conduct)
	}
	if d, ok := injectRow(t, r, "D-01").FirstResponse["transport"]; ok {
		t.Errorf("a decision said before the release is given a response time of %v", d)
	}
	if md := markdown(t, path); !strings.Contains(md, "⚠ said at T+00:00:30 (saved at T+00:02:00), before D-01 was released at T+00:01:00") {
		t.Errorf("the early decision is not flagged with when it was said:\n%s", md)
	}
}

// TestRationaleReadBackFromTheFile: a fold-only log past its word budget
// reads a decision's rationale back from the file, as it keeps it in the
// store under the budget, and in its temporary files.
func TestRationaleReadBackFromTheFile(t *testing.T) {
	path := aarSession(t)
	for _, budget := range []int64{-1, 0, 1 << 20} {
		// -1: the words in the temporary files; else kept in memory up
		// to the budget, the temporary files not to be made.
		restore := func() {}
		if budget >= 0 {
			restoreSpill, restoreBudget := review.NoSpill(), review.SetWordBudget(budget)
			restore = func() { restoreBudget(); restoreSpill() }
		}
		l, err := review.Open(path, review.FoldOnly())
		restore()
		if err != nil {
			t.Fatal(err)
		}
		r := review.Build(l)
		var got []string
		for d := range r.Decisions.All() {
			if s := r.Said(d); s.Rationale != "" {
				got = append(got, s.Rationale+" / "+r.StageOf(d))
			}
		}
		l.Close()
		want := []string{"Reports of an armed attacker; life at risk / assessment", "Keep people away from the threat / action"}
		if !slices.Equal(got, want) {
			t.Errorf("budget %d: rationales %q, want %q", budget, got, want)
		}
	}
}

// TestAARMarkdownGolden holds the Markdown of a London session with
// several teams, rationale, corrections (amended and struck), a request
// for information, evaluator ratings against EEG targets and a clock jump.
func TestAARMarkdownGolden(t *testing.T) {
	golden.RequireEqual(t, []byte(markdown(t, aarSession(t))))
}

// TestAARCSVTables: the decision log and improvement plan as CSV.
func TestAARCSVTables(t *testing.T) {
	r := review.Build(review.OpenLog(t, aarSession(t)))
	for _, tc := range []struct {
		write func(*bytes.Buffer) error
		row   []string
	}{
		{func(b *bytes.Buffer) error { return aar.WriteLogCSV(b, r) },
			[]string{"T+00:03:00", "T+00:03:00", "2026-11-24T09:03:00.000Z", "London Ambulance Service", "Dr Patel", "decision", "Send HART to the rendezvous point at Waterloo Road", "Hazardous area: HART only",
				"Gather information and intelligence", "L-01", "amended", "Send HART to the rendevous point", "facilitator:ana", "typo; rendezvous point named"}},
		{func(b *bytes.Buffer) error { return aar.WriteImprovementCSV(b, r) },
			[]string{"COMMUNICATE", "JESIP: communicate", "COMMUNICATE area for improvement 1: Single points of contact not named for two hours", "", "", "", "", "", ""}},
	} {
		var b bytes.Buffer
		if err := tc.write(&b); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), bom))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, row := range rows[1:] {
			found = found || slices.Equal(row[:len(tc.row)], tc.row)
		}
		if !found {
			t.Errorf("no row %q in %q", tc.row, rows)
		}
	}
}

func injectRow(t *testing.T, r *review.Report, id string) review.InjectRow {
	t.Helper()
	for _, in := range r.Injects {
		if in.Inject.ID == id {
			return in
		}
	}
	t.Fatalf("no inject %s", id)
	return review.InjectRow{}
}

// reopenedAARSession is aarSession without its session.closed, open for
// appending events a session would not have written: the file, its
// writer, and the events it holds.
func reopenedAARSession(t *testing.T) (string, *journal.Writer, []event.Event) {
	t.Helper()
	path := aarSession(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
	if err := os.WriteFile(path, bytes.Join(lines[:len(lines)-1], nil), 0o600); err != nil { // leave out session.closed
		t.Fatal(err)
	}
	w, evs, _, err := journal.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, w, evs
}

// TestCorrectionOfNoEntryIsAnAnomaly: a decision.amended that points at
// a seq recording no entry is not applied, and the report lists it among
// the anomalies with both seqs.
func TestCorrectionOfNoEntryIsAnAnomaly(t *testing.T) {
	path, w, evs := reopenedAARSession(t)
	last := evs[len(evs)-1]
	e, err := event.New(event.DecisionAmended, "facilitator:ana", last.At, last.T, event.Correction{Seq: 9999, Text: "nothing", Reason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Append(e); err != nil {
		t.Fatal(err)
	}
	w.Close()
	r := review.Build(review.OpenLog(t, path))
	want := fmt.Sprintf("event %d (decision.amended) by facilitator:ana corrects seq 9999, which records no decision, request, note or observation: the correction is not applied", len(evs))
	if !slices.Contains(r.Anomalies, want) {
		t.Errorf("anomalies %q lack %q", r.Anomalies, want)
	}
	if md := markdown(t, path); !strings.Contains(md, "- "+want) {
		t.Errorf("the report does not list the anomaly")
	}
}

// TestEveryVersionAndOnlyWhatTheSessionTakes: a file may hold
// corrections a session would refuse (written by hand or by another
// tool); the report applies only those it would take, lists the others
// among the anomalies, and shows every version of an entry amended twice
// and of one amended and then struck out (the words amended to were
// lost from every format but the CSV).
func TestEveryVersionAndOnlyWhatTheSessionTakes(t *testing.T) {
	path, w, evs := reopenedAARSession(t)
	var decided []event.Event // decisions no correction touches yet
	fixed := map[int64]bool{}
	for _, e := range evs {
		var c event.Correction
		if (e.Type == event.DecisionAmended || e.Type == event.DecisionStruck) && e.Decode(&c) == nil {
			fixed[c.Seq] = true
		}
	}
	for _, e := range evs {
		if e.Type == event.DecisionRecorded && !fixed[e.Seq] {
			decided = append(decided, e)
		}
	}
	if len(decided) < 3 {
		t.Fatalf("the session has %d decisions no correction touches; the test needs 3", len(decided))
	}
	last := evs[len(evs)-1]
	add := func(typ, by string, c event.Correction) int64 {
		t.Helper()
		e, err := event.New(typ, by, last.At, last.T, c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := w.Append(e)
		if err != nil {
			t.Fatal(err)
		}
		return got[0].Seq
	}
	twice, thenStruck, other := decided[0].Seq, decided[1].Seq, decided[2]
	add(event.DecisionAmended, "facilitator:ana", event.Correction{Seq: twice, Text: "FIRST AMENDMENT", Reason: "one"})
	add(event.DecisionAmended, "facilitator:ana", event.Correction{Seq: twice, Text: "SECOND AMENDMENT", Reason: "two"})
	add(event.DecisionAmended, "facilitator:ana", event.Correction{Seq: thenStruck, Text: "AMENDED THEN STRUCK", Reason: "three"})
	strike := add(event.DecisionStruck, "facilitator:ana", event.Correction{Seq: thenStruck, Reason: "four"})
	late := add(event.DecisionAmended, "facilitator:ana", event.Correction{Seq: thenStruck, Text: "AFTER THE STRIKE", Reason: "five"})
	stranger := add(event.DecisionStruck, "participant:Pat", event.Correction{Seq: other.Seq, Reason: "not mine"})
	ahead := add(event.DecisionStruck, "facilitator:ana", event.Correction{Seq: late + 100, Reason: "before it"})
	w.Close()
	r := review.Build(review.OpenLog(t, path))
	for _, want := range []string{
		fmt.Sprintf("event %d (decision.amended) by facilitator:ana corrects seq %d, which was struck through by event %d before it: the correction is not applied", late, thenStruck, strike),
		fmt.Sprintf("event %d (decision.struck) by participant:Pat corrects seq %d, recorded by %s: only its author or a facilitator corrects an entry: the correction is not applied", stranger, other.Seq, other.By),
		fmt.Sprintf("event %d (decision.struck) by facilitator:ana corrects seq %d, which records no decision, request, note or observation: the correction is not applied", ahead, late+100),
	} {
		if !slices.Contains(r.Anomalies, want) {
			t.Errorf("anomalies %q lack %q", r.Anomalies, want)
		}
	}
	if r.StruckBy(other.Seq) != nil {
		t.Error("a participant's strike of someone else's decision was applied")
	}
	var csv bytes.Buffer
	if err := aar.WriteCorrectionsCSV(&csv, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{",amended,", "ana,facilitator,FIRST AMENDMENT,,,one", "ana,facilitator,SECOND AMENDMENT,,,two", ",struck,"} {
		if !strings.Contains(csv.String(), want) {
			t.Errorf("the corrections table lacks %q:\n%s", want, csv.String())
		}
	}
	if strings.Contains(csv.String(), "AFTER THE STRIKE") || strings.Contains(csv.String(), "not mine") {
		t.Errorf("the corrections table holds a correction the report does not apply:\n%s", csv.String())
	}
	md := markdown(t, path)
	_, log, _ := strings.Cut(md, "## Annex: Decision log")
	for _, want := range []string{
		"<br>*amended at T+00:03:10 by ana (facilitator): one*<br>~~FIRST AMENDMENT~~<br>*amended at T+00:03:10 by ana (facilitator): two*<br>SECOND AMENDMENT |",
		"<br>*amended at T+00:03:10 by ana (facilitator): three*<br>~~AMENDED THEN STRUCK~~<br>*struck through at T+00:03:10 by ana (facilitator): four*<br>*not counted as the team's response*",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the decision log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(md, "AFTER THE STRIKE") && !strings.Contains(md, "AFTER THE STRIKE: the correction is not applied") {
		// It may be named in the anomaly, never shown as the words.
		for _, line := range strings.Split(md, "\n") {
			if strings.Contains(line, "AFTER THE STRIKE") {
				t.Errorf("an amendment after the strike is shown: %s", line)
			}
		}
	}
}

// TestTypedTildesAreNotStruck: words typed with "~~" or "&amp;" in them are shown as
// typed, never struck through as a correction is.
func TestTypedTildesAreNotStruck(t *testing.T) {
	sc, _ := injects.Load("demo")
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "tilde.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return review.GenStart }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(a, session.RecordDecision{Team: "transport", Who: "Zoë", Text: "~~Stop trains~~ run trains", Inject: "D-01"}); err != nil {
		t.Fatal(err)
	}
	// An entity typed is words too: "&amp;" shown as "&" was not what was typed.
	if _, err := s.Do(a, session.RecordDecision{Team: "police", Text: "Q&A at 14:00; write &amp; as typed", Inject: "D-02"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	md := markdown(t, path)
	if strings.Contains(md, "~~Stop") || !strings.Contains(md, `\~\~Stop trains\~\~ run trains`) {
		t.Errorf("typed tildes are not escaped:\n%s", md)
	}
	if !strings.Contains(md, "Q&amp;A at 14:00; write &amp;amp; as typed") {
		t.Errorf("a typed ampersand is not escaped:\n%s", md)
	}
}

// TestObservationsCSVGivesTargetsAndCorrections: the observations table
// gives each observation's target, task and finding, and its correction.
func TestObservationsCSVGivesTargetsAndCorrections(t *testing.T) {
	r := review.Build(review.OpenLog(t, aarSession(t)))
	var b bytes.Buffer
	if err := aar.WriteObservationsCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"No joint briefing": {"T2", "", "", "struck", "No joint briefing", "evaluator:eve", "the briefing happened off the floor"},
		"Single points of contact not named for two hours": {"T1", "T1-2", "improvement", "", "", "", ""},
	}
	for _, row := range rows[1:] {
		if w, ok := want[row[7]]; ok {
			if got := row[8:]; !slices.Equal(got, w) {
				t.Errorf("%q: %q, want %q", row[7], got, w)
			}
			delete(want, row[7])
		}
	}
	if len(want) > 0 {
		t.Errorf("no rows for %q in %q", want, rows)
	}
}

// TestLiveInjectsAndAnswersAsAnOrganisation: an inject the control cell
// sent during play is in the timeline when it went out, marked live (it
// was listed as "contingency"), and a request asked of a simulated
// organisation says so, and who answered as it.
func TestLiveInjectsAndAnswersAsAnOrganisation(t *testing.T) {
	sc, _ := injects.Load("demo")
	sc.Simulated = []scenario.Organisation{{ID: "media", Name: "BBC London"}}
	if probs := scenario.Validate(sc, nil); probs.HasErrors() {
		t.Fatal(probs)
	}
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "live.jsonl")
	now := review.GenStart
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	do := func(c session.Command) event.Event {
		t.Helper()
		e, err := s.Do(a, c)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	do(session.StartClock{})
	now = now.Add(3 * time.Minute)
	do(session.SendInject{As: "media", Title: "BBC asks for a statement", Body: "Live at six.", Channel: "phone", To: []string{"police"}})
	q := do(session.RecordRequest{Team: "police", Text: "What are you reporting?", To: "media"})
	now = now.Add(time.Minute)
	do(session.AnswerRequest{Request: q.Seq, Text: "Smoke at Riverside", As: "media"})
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	md := markdown(t, path)
	for _, want := range []string{"| T+00:03 live | **live-", "asked of BBC London", "by ana as BBC London: Smoke at Riverside"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
}
