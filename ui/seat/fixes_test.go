package seat

import (
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/ui/internal/termtest"
	"ttx/ui/theme"
)

// TestParticipantCorrectsTheirOwnEntries: c lists only the person's own
// entries, newest first; amending one starts from its words as they now
// read, and saves the new words with the reason; striking one out saves
// the reason. A refused correction (input paused) keeps what was typed and
// says why; the seat's feed shows the corrections.
func TestParticipantCorrectsTheirOwnEntries(t *testing.T) {
	clk := termtest.NewClock(time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
	sess := liveSession(t, clk.Now, rosterOf(police, fire)...)
	fac := session.Facilitator("ana")
	do := func(a session.Actor, c session.Command) event.Event {
		t.Helper()
		ev, err := sess.Do(a, c)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	do(fac, session.StartClock{})
	first := do(police, session.RecordDecision{Team: "police", Text: "Cordon the east entrance.", Rationale: "Smoke in the east"})
	do(fire, session.RecordDecision{Team: "fire", Text: "Two pumps to Riverside."})
	do(police, session.RecordDecision{Team: "police", Who: "Inspector", Text: "Said by the inspector.", Inject: ""})
	byFac := do(fac, session.RecordDecision{Team: "police", Text: "Entered by the facilitator."})
	req := do(police, session.RecordRequest{Team: "police", Text: "How many passengers?"})
	clk.Add(3 * time.Minute)

	m := New(sess, police, Options{ViewOptions: theme.ViewOptions{Now: clk.Now, Location: time.UTC, Tick: time.Hour}})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	typeIn(m, "c")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Correct one of your entries") {
		t.Fatalf("c opens no correction form:\n%s", v)
	}
	if strings.Contains(v, "Two pumps") || strings.Contains(v, "Entered by the facilitator") {
		t.Errorf("the form lists entries that are not the person's own:\n%s", v)
	}
	if i, j := strings.Index(v, "How many passengers"), strings.Index(v, "Cordon the east"); i < 0 || j < 0 || i > j {
		t.Errorf("the person's entries are not listed newest first:\n%s", v)
	}
	// Down to the first decision (the oldest of three), amend.
	press(m, tea.KeyDown)
	press(m, tea.KeyDown)
	press(m, tea.KeyCtrlS)
	v = ansi.Strip(m.View())
	if !strings.Contains(v, "Amend your decision #"+itoa(first.Seq)) || !strings.Contains(v, "Cordon the east entrance.") || !strings.Contains(v, "Smoke in the east") {
		t.Fatalf("the amend form does not start from the entry's words:\n%s", v)
	}
	press(m, tea.KeyCtrlS)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "say why") {
		t.Errorf("a correction without a reason is not refused in the form:\n%s", v)
	}
	// The form focuses the reason; type it, go back to the words and
	// change them.
	typeIn(m, "wrong side")
	press(m, tea.KeyShiftTab)
	press(m, tea.KeyShiftTab)
	press(m, tea.KeyShiftTab)
	for range len("east entrance.") {
		press(m, tea.KeyBackspace)
	}
	typeIn(m, "west entrance.")
	do(fac, session.PauseInput{})
	press(m, tea.KeyCtrlS)
	v = ansi.Strip(m.View())
	if len(sess.State().Fixes) != 0 || m.modal == nil || !strings.Contains(v, "Cordon the west entrance.") || !strings.Contains(v, "wrong side") || !strings.Contains(v, "paused") {
		t.Fatalf("a correction refused while input is paused lost what was typed or did not say why:\n%s", v)
	}
	do(fac, session.ResumeInput{})
	press(m, tea.KeyCtrlS)
	fixes := sess.State().Fixes
	if len(fixes) != 1 || fixes[0].Of != first.Seq || fixes[0].Text != "Cordon the west entrance." || fixes[0].Reason != "wrong side" || fixes[0].Struck || fixes[0].Rationale != "" {
		t.Fatalf("the amendment saved is %+v; the seat shows:\n%s", fixes, ansi.Strip(m.View()))
	}
	// Strike out the request (the newest).
	typeIn(m, "c")
	press(m, tea.KeyTab)
	press(m, tea.KeyRight)
	press(m, tea.KeyCtrlS)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Strike out your request #"+itoa(req.Seq)) {
		t.Fatalf("no strike form for the request:\n%s", v)
	}
	typeIn(m, "asked twice")
	press(m, tea.KeyCtrlS)
	fixes = sess.State().Fixes
	if len(fixes) != 2 || fixes[1].Of != req.Seq || !fixes[1].Struck || fixes[1].Reason != "asked twice" {
		t.Fatalf("the strike saved is %+v", fixes)
	}
	catchUp(t, m)
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 60}) // room in the feed for all four
	v = ansi.Strip(m.View())
	for _, want := range []string{"amended by Pat Police (participant) at T+00:03:00: wrong side", "was: Cordon the east entrance.", "struck out by Pat Police (participant) at T+00:03:00: asked twice"} {
		if !strings.Contains(v, want) {
			t.Errorf("the seat's feed does not show %q:\n%s", want, v)
		}
	}
	// A struck entry is no longer listed; one the facilitator entered never was.
	typeIn(m, "c")
	if v := ansi.Strip(m.View()); strings.Contains(v, "How many passengers") || strings.Contains(v, "#"+itoa(byFac.Seq)) {
		t.Errorf("the form lists a struck entry or another's:\n%s", v)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestEvaluatorCorrectsTheirOwnObservations: an evaluator's c lists their
// own observations, not the facilitator's notes, and amends one.
func TestEvaluatorCorrectsTheirOwnObservations(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(evaluator)...)
	fac := session.Facilitator("ana")
	obs, err := sess.Do(evaluator, session.RecordObservation{Objective: "OBJ-1", Rating: "S", Text: "Shared in four minutes."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Do(fac, session.RecordNote{Text: "Police slow to share."}); err != nil {
		t.Fatal(err)
	}
	m := New(sess, evaluator, Options{ViewOptions: never})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	typeIn(m, "c")
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "observation · Shared in four minutes.") || strings.Contains(v, "Police slow") {
		t.Fatalf("the evaluator's correction form does not list just their own entries:\n%s", v)
	}
	press(m, tea.KeyCtrlS)
	typeIn(m, " Within five, in fact.")
	press(m, tea.KeyTab)
	typeIn(m, "misread the log")
	press(m, tea.KeyCtrlS)
	fixes := sess.State().Fixes
	if len(fixes) != 1 || fixes[0].Of != obs.Seq || fixes[0].Text != "Shared in four minutes. Within five, in fact." || fixes[0].Reason != "misread the log" {
		t.Fatalf("the amendment saved is %+v; the seat shows:\n%s", fixes, ansi.Strip(m.View()))
	}
}

// TestOnlyFixesASeatMaySeeRedrawIt: another team's correction leaves a
// participant's seat as it was (its sight's version, so its frame); a
// correction of the team's own decision redraws it, and an observer's
// seat redraws for both.
func TestOnlyFixesASeatMaySeeRedrawIt(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(police, fire, observer)...)
	ours, err := sess.Do(police, session.RecordDecision{Team: "police", Text: "Cordon the east entrance."})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := sess.Do(fire, session.RecordDecision{Team: "fire", Text: "Two pumps to Riverside."})
	if err != nil {
		t.Fatal(err)
	}
	var seats []*Model
	for _, a := range []session.Actor{police, observer} {
		m := New(sess, a, Options{ViewOptions: never})
		defer m.Close()
		m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
		m.View()
		seats = append(seats, m)
	}
	for _, c := range []struct {
		name string
		by   session.Actor
		cmd  session.Command
		sees []bool // police, observer
	}{
		{"another team strikes its decision", fire, session.Strike{Seq: theirs.Seq, Reason: "entered twice"}, []bool{false, true}},
		{"the team amends its decision", police, session.Amend{Seq: ours.Seq, Text: "Cordon the west entrance.", Reason: "wrong side"}, []bool{true, true}},
	} {
		if _, err := sess.Do(c.by, c.cmd); err != nil {
			t.Fatal(err)
		}
		for i, m := range seats {
			was, frame := m.seen, m.View()
			now := catchUp(t, m)
			if moved := m.seen != was; moved != c.sees[i] {
				t.Errorf("%s: the %s seat's version moved %v, want %v", c.name, m.actor.Role, moved, c.sees[i])
			}
			if redrawn := now != frame; redrawn != c.sees[i] {
				t.Errorf("%s: the %s seat redrew %v, want %v", c.name, m.actor.Role, redrawn, c.sees[i])
			}
		}
	}
}

// TestAmendingARationaleAlone: a participant who corrects only a
// decision's rationale saves an amendment that gives the new rationale
// and repeats neither the stage left as it was nor takes it away.
func TestAmendingARationaleAlone(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(police)...)
	d, err := sess.Do(police, session.RecordDecision{Team: "police", Text: "Cordon the east entrance.", Rationale: "Smoke", Stage: "options"})
	if err != nil {
		t.Fatal(err)
	}
	m := New(sess, police, Options{ViewOptions: never})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 40})
	typeIn(m, "c")
	press(m, tea.KeyCtrlS)
	press(m, tea.KeyTab) // to the rationale
	typeIn(m, " from the east stairs")
	press(m, tea.KeyTab)
	press(m, tea.KeyTab) // to the reason
	typeIn(m, "said more")
	press(m, tea.KeyCtrlS)
	fixes := sess.State().Fixes
	if len(fixes) != 1 {
		t.Fatalf("%d corrections saved; the seat shows:\n%s", len(fixes), ansi.Strip(m.View()))
	}
	if f := fixes[0]; f.Of != d.Seq || f.Text != "Cordon the east entrance." || f.Rationale != "Smoke from the east stairs" || f.Stage != "" {
		t.Errorf("saved %+v", f)
	}
}
