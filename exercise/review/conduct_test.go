package review_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/review"
	"ttx/exercise/review/aar"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
)

// conductSession plays the demo scenario as a facilitator who does
// everything the conduct section lists: starts the clock, changes its
// speed, delays, holds, skips with a reason, chooses a branch,
// broadcasts, pauses input, jumps the clock backwards; a participant
// joins by key, records an action and leaves; a join is refused; a team
// records a decision after the jump, before the inject it answers.
func conductSession(t *testing.T) string {
	t.Helper()
	sc, _ := injects.Load("demo")
	now := review.GenStart
	a := session.Facilitator("ana")
	sam := session.Actor{Role: scenario.RoleParticipant, Name: "sam", Team: "police"}
	path := filepath.Join(t.TempDir(), "conduct.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	do := func(who session.Actor, c session.Command) {
		t.Helper()
		if _, err := s.Do(who, c); err != nil {
			t.Fatalf("%T: %v", c, err)
		}
	}
	step := func(d time.Duration) { now = now.Add(d) }
	do(a, session.AddPerson{Name: "sam", Team: "police", Role: scenario.RoleParticipant, Keys: []string{"SHA256:c2FtJ3Mga2V5"}})
	do(a, session.AddPerson{Name: "jo", Role: scenario.RoleObserver, Code: "JO4K-8E3K-QW", Salt: []byte("conduct-fixture!")}) // a fixed salt: the golden file holds the hash
	do(a, session.NewJoinCode{Name: "jo", Code: "JO7M-4TRD-XW"})
	do(sam, session.Join{Remote: "192.0.2.10:50000", How: "key"})
	do(a, session.StartClock{})
	step(time.Minute)
	do(a, session.Release{Inject: "D-01"})
	step(30 * time.Second)
	do(a, session.SetSpeed{Speed: 2})
	step(30 * time.Second)
	do(sam, session.RecordDecision{Team: "police", Who: "sam", Text: "Cordon set at the station entrance", Inject: "D-01", Action: true})
	do(a, session.RecordDecision{Team: "transport", Who: "Zoë", Text: "Stop eastbound trains", Inject: "D-01"})
	do(a, session.Delay{Inject: "D-04", By: 2 * time.Minute})
	do(a, session.Hold{Inject: "D-05", Reason: "waiting for the fire chief"})
	do(a, session.Skip{Inject: "D-06", Reason: "out of time"})
	do(a, session.ChooseBranch{Branch: "evacuate", Option: "full"})
	do(a, session.Broadcast{Text: "=HYPERLINK(\"http://x\",\"press conference in ten minutes\")"})
	do(a, session.PauseInput{})
	step(10 * time.Second)
	do(a, session.ResumeInput{})
	do(a, session.JumpClock{To: 30 * time.Second})
	step(5 * time.Second)
	do(a, session.RecordDecision{Team: "fire", Who: "Kit", Text: "Two appliances to the station", Inject: "D-01"})
	do(session.SystemSSH, session.RefuseAccess{User: "mallory", Remote: "203.0.113.9:6000", Reason: "unknown key"})
	do(sam, session.Leave{Remote: "192.0.2.10:50000"})
	do(a, session.Unhold{Inject: "D-05"})
	do(a, session.PauseClock{})
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	return path
}

func markdown(t *testing.T, path string) string {
	t.Helper()
	var b bytes.Buffer
	if err := aar.WriteMarkdown(&b, review.Build(review.OpenLog(t, path))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestConductMarkdownGolden holds the Markdown of a session with a jump
// backwards, a delay, a hold, a skip with its reason, a branch choice, a
// broadcast, an input pause, a join, a leave, a refused join, an action
// and decisions.
func TestConductMarkdownGolden(t *testing.T) {
	md := markdown(t, conductSession(t))
	golden.RequireEqual(t, []byte(md))
}

// TestConductListsHowTheExerciseWasRun: every kind of conduct appears in
// its section, in the order recorded, and the jump backwards and the
// decision before its inject are flagged.
func TestConductListsHowTheExerciseWasRun(t *testing.T) {
	md := markdown(t, conductSession(t))
	_, sec, ok := strings.Cut(md, ". Conduct of the exercise\n")
	if !ok {
		t.Fatalf("no conduct section:\n%s", md)
	}
	sec, _, _ = strings.Cut(sec, "## Appendix A")
	want := []string{
		"sam (Police) added to the roster", "jo (observer) added to the roster",
		"jo given a new join code in place of theirs, which let no one in after",
		"clock started at 1x", "speed set to 2x", "D-04 delayed by 00:02:00", "D-05 held", "waiting for the fire chief",
		"D-06 skipped", "out of time", "branch chosen: Evacuate the station", "broadcast to every seat", "press conference",
		"participants' input paused", "participants' input resumed", "clock jumped from T+00:02:50 to T+00:00:30",
		"⚠ time went backwards by 00:02:20", "⚠ recorded at T+00:00:40, before D-01 was released at T+00:01:00",
		"hold lifted on D-05", "clock paused", "session closed",
		"### Attendance", "| sam | Police | participant | 09:00:00 (T+00:00:00) | key | 192.0.2.10:50000 | 09:02:15 (T+00:00:40) |",
		"#### Refused joins", "| mallory | 203.0.113.9:6000 | unknown key | 1 |",
	}
	at := 0
	for _, w := range want {
		i := strings.Index(sec[at:], w)
		if i < 0 {
			t.Fatalf("the conduct section lacks %q after what came before:\n%s", w, sec)
		}
		at += i
	}
	if !strings.Contains(sec, "**2 flagged**") {
		t.Errorf("the section does not count 2 flagged rows:\n%s", sec)
	}
}

// TestActionIsShownAsAnAction: a decision recorded as an action is shown
// as one, in every format, not as a decision.
func TestActionIsShownAsAnAction(t *testing.T) {
	r := review.Build(review.OpenLog(t, conductSession(t)))
	var md, html, csvb bytes.Buffer
	for _, w := range []struct {
		b     *bytes.Buffer
		write func(io.Writer, *review.Report) error
	}{{&md, aar.WriteMarkdown}, {&html, aar.WriteHTML}, {&csvb, aar.WriteDecisionsCSV}} {
		if err := w.write(w.b, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"| Police | action (sam): Cordon set at the station entrance |", "| Station operator | decision (Zoë): Stop eastbound trains |",
		"| Police | sam | *Action:* Cordon set at the station entrance |", "| Of the decisions, recorded as actions | 1 |"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the Markdown lacks %q", want)
		}
	}
	if !strings.Contains(html.String(), "<td>Police</td><td>action (sam): Cordon set at the station entrance</td>") {
		t.Errorf("the HTML does not show the action as one")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvb.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	kind := slices.Index(rows[0], "kind")
	kinds := map[string]string{}
	for _, row := range rows[1:] {
		kinds[row[9]] = row[kind]
	}
	if kind < 0 || kinds["Cordon set at the station entrance"] != "action" || kinds["Stop eastbound trains"] != "decision" {
		t.Errorf("the decisions CSV does not give each row's kind: %q", rows)
	}
}

// TestTamperedFileReportSaysSoFirst: a session file with one line
// changed is reported as UNVERIFIED in its title and in the first lines,
// in Markdown and HTML, not only in the integrity section at the end.
func TestTamperedFileReportSaysSoFirst(t *testing.T) {
	path := review.SmallSession(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tampered := strings.Replace(string(b), "Stop eastbound trains", "Kept eastbound trains", 1)
	if tampered == string(b) {
		t.Fatal("the fixture has no decision to change")
	}
	if err := os.WriteFile(path, []byte(tampered), 0o600); err != nil {
		t.Fatal(err)
	}
	r := review.Build(review.OpenLog(t, path))
	var md, html bytes.Buffer
	if err := aar.WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := aar.WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(md.String(), "\n", 5)
	if !strings.HasPrefix(lines[0], "# UNVERIFIED — ") {
		t.Errorf("the Markdown title does not say the file is unverified: %q", lines[0])
	}
	if head := strings.Join(lines[:4], "\n"); !strings.Contains(head, "> **UNVERIFIED: NOT INTACT") {
		t.Errorf("the first lines have no warning banner:\n%s", head)
	}
	h := html.String()
	if !strings.Contains(h, "<title>UNVERIFIED — "+r.Title+"</title>") {
		t.Errorf("the HTML title does not say the file is unverified")
	}
	body := h[strings.Index(h, "<body>"):]
	if i, j := strings.Index(body, `class="unverified"`), strings.Index(body, "<h1>"); i < 0 || j < 0 || i > j {
		t.Errorf("the HTML does not open with the warning before the title")
	}
	// The sheet's head is what Chromium repeats at the top of every
	// printed page (it does not print @page margin boxes).
	if !strings.Contains(body, `<table class="sheet"><thead><tr><td><div class="pagehead bad"><strong>UNVERIFIED: the session file failed verification.</strong>`) {
		t.Errorf("the printed pages' header does not carry the warning")
	}
}

// TestIntactFileReportSaysSoFirst: an intact file's report opens with the
// verification result too.
func TestIntactFileReportSaysSoFirst(t *testing.T) {
	lines := strings.SplitN(markdown(t, review.SmallSession(t)), "\n", 5)
	if !strings.HasPrefix(lines[0], "# ") || strings.Contains(lines[0], "UNVERIFIED") || !strings.HasPrefix(lines[2], "**Integrity of the record:** Verified: ttx verify passed") {
		t.Errorf("the report does not open with the verification result:\n%s", strings.Join(lines, "\n"))
	}
}

// TestCSVTables: each --table is a header row and one row per item, its
// cells formula-safe.
func TestCSVTables(t *testing.T) {
	r := review.Build(review.OpenLog(t, conductSession(t)))
	want := map[string]struct {
		rows int
		cell string
	}{
		"decisions": {3, "action"}, "injects": {len(r.Injects), "out of time"}, "requests": {0, ""}, "notes": {0, ""},
		"observations": {0, ""}, "conduct": {len(r.Conduct), `'=HYPERLINK("http://x","press conference in ten minutes")`},
		"attendance": {3, "mallory"}, "log": {3, "Cordon set at the station entrance"}, "improvement": {0, ""}, "corrections": {0, ""},
	}
	if len(aar.Tables) != len(want) {
		t.Errorf("%d tables, want %d", len(aar.Tables), len(want))
	}
	for _, tb := range aar.Tables {
		var b bytes.Buffer
		if err := tb.Write(&b, r); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), bom))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", tb.Name, err)
		}
		w := want[tb.Name]
		if len(rows) != 1+w.rows || rows[0][0] == "" {
			t.Errorf("%s: %d rows, want a header and %d", tb.Name, len(rows), w.rows)
		}
		found := w.cell == ""
		for _, row := range rows[1:] {
			for _, c := range row {
				found = found || c == w.cell
			}
		}
		if !found {
			t.Errorf("%s: no cell %q in %q", tb.Name, w.cell, rows)
		}
	}
	if n := len(r.Conduct); n != 17 { // with the roster's three changes
		t.Errorf("%d conduct rows, want 17", n)
	}
}
