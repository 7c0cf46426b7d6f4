package review_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"ttx/exercise/review"
	"ttx/exercise/session"
	"ttx/injects"
)

// londonSession plays the London scenario from the console as a report's
// reader meets it: several teams deciding, with rationale and JDM stage,
// a decision amended and one struck through, a request for information
// answered, evaluator ratings, and the clock jumped back.
func londonSession(t *testing.T) string {
	t.Helper()
	sc, err := injects.Load("london")
	if err != nil {
		t.Fatal(err)
	}
	now := review.GenStart
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "london.jsonl")
	s, cerr := session.Create(path, sc, "london", a, session.Options{Now: func() time.Time { return now }})
	if cerr != nil {
		t.Fatal(cerr)
	}
	var seq int64
	do := func(c session.Command) {
		t.Helper()
		ev, err := s.Do(a, c)
		if err != nil {
			t.Fatalf("%T: %v", c, err)
		}
		seq = ev.Seq
	}
	step := func(d time.Duration) { now = now.Add(d) }
	said := func(d time.Duration) *time.Duration { return &d }
	do(session.StartClock{})
	do(session.SetSpeed{Speed: 10})
	for i, in := range []string{"L-01", "L-02", "L-03", "L-04", "L-05", "L-06", "L-07", "L-08"} {
		step(30 * time.Second)
		do(session.Release{Inject: in})
		step(10 * time.Second)
		base := time.Duration(i+1) * 6 * time.Minute
		do(session.RecordDecision{Team: "met", Who: "Supt Okafor", Text: "Declare a major incident and open the forward command point at Waterloo Road.", Inject: in,
			Rationale: "Three calls in two minutes and smoke on the concourse: the threshold is met.", Stage: "assessment", SaidAt: said(base)})
		do(session.RecordDecision{Team: "btp", Who: "Insp Zoë Nowak", Text: "Hold all trains short of the station; send two units to the north entrance.", Inject: in,
			Rationale: "Keeps passengers out of the smoke until the LFB confirms the source.", Stage: "options", SaidAt: said(base + time.Minute)})
		do(session.RecordDecision{Team: "lfb", Who: "GM Patel", Text: "Two appliances and a command unit to the concourse.", Inject: in, Stage: "action"})
	}
	lfb, btp := seq, seq-1
	do(session.Amend{Seq: btp, Text: "Hold all trains short of Waterloo and Vauxhall; two units to the north entrance.", Reason: "Vauxhall left out"})
	do(session.Strike{Seq: lfb, Reason: "entered for the wrong team"})
	do(session.RecordRequest{Team: "las", Who: "Dr Evans", Text: "How many people are inside the cordon?", Inject: "L-04"})
	rfi := seq
	step(20 * time.Second)
	do(session.AnswerRequest{Request: rfi, Text: "About 150, some elderly; two with burns."})
	do(session.RecordObservation{Objective: "COLOCATE", Rating: "S", Text: "Forward command point open at 00:22; LAS arrived 8 minutes later."})
	do(session.RecordObservation{Objective: "COMMUNICATE", Rating: "M", Text: "Two control rooms used different names for the same rendezvous point."})
	do(session.JumpClock{To: 20 * time.Minute})
	step(time.Minute)
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWriteLondonSession writes the London session to $TTX_LONDON for
// looking at its report in each format; it is skipped without it.
func TestWriteLondonSession(t *testing.T) {
	out := os.Getenv("TTX_LONDON")
	if out == "" {
		t.Skip("set TTX_LONDON to a path to write the London session")
	}
	data, err := os.ReadFile(londonSession(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
