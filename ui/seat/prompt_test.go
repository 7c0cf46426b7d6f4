package seat

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/ui/internal/termtest"
	"ttx/ui/pane"
	"ttx/ui/seat/paint"
	"ttx/ui/theme"
)

// never is a seat's tick in these tests: the clock never ticks while they
// run, so whatever reaches the screen came with the state.
var never = theme.ViewOptions{Location: time.UTC, Tick: time.Hour}

// TestAnswerReachesTheParticipantWithoutATick: a participant's seat, run
// by bubbletea as over SSH, shows the facilitator's answer to its team's
// request as soon as it is saved, not at the seat's next clock tick.
func TestAnswerReachesTheParticipantWithoutATick(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(police)...)
	m := New(sess, police, Options{ViewOptions: never})
	defer m.Close()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(110, 30))
	defer tm.Quit()
	if _, err := sess.Do(police, session.RecordRequest{Team: "police", Text: "How many passengers are on the platform?"}); err != nil {
		t.Fatal(err)
	}
	waitShown(t, tm.Output(), "How many passengers")
	if _, err := sess.Do(session.Facilitator("ana"), session.AnswerRequest{Request: sess.State().Seq, Text: "About two hundred."}); err != nil {
		t.Fatal(err)
	}
	waitShown(t, tm.Output(), "answer: About two hundred.")
}

// waitShown waits up to two seconds for want in what a seat wrote.
func waitShown(t *testing.T, out io.Reader, want string) {
	t.Helper()
	teatest.WaitFor(t, out, func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
		teatest.WithDuration(2*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// TestFastStreamEndsOnTheLastState: seats of every role, each run by
// bubbletea with its painter as over SSH, are sent two hundred decisions
// back to back (a room at twenty a second, far faster): however many
// states a seat skips on the way, its screen ends showing the last, with
// every decision its role may see counted, and no clock tick to help.
func TestFastStreamEndsOnTheLastState(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(seatsOf...)...)
	want := map[string]string{}
	var terms []*termtest.Output
	gate := paint.NewGate(1)
	for _, a := range seatsOf {
		m := New(sess, a, Options{ViewOptions: never})
		defer m.Close()
		term := &termtest.Output{}
		p := paint.New(term, gate)
		defer p.Stop()
		prog := tea.NewProgram(paint.NewSeat(m, p), tea.WithInput(nil), tea.WithOutput(io.Discard),
			tea.WithoutRenderer(), tea.WithoutSignalHandler())
		go prog.Run()
		defer prog.Kill()
		prog.Send(tea.WindowSizeMsg{Width: 110, Height: 30})
		terms = append(terms, term)
	}
	const n = 200
	for i := range n {
		by := []session.Actor{police, fire}[i%2]
		if _, err := sess.Do(by, session.RecordDecision{Team: by.Team, Text: fmt.Sprintf("Z%04d hold the cordon.", i)}); err != nil {
			t.Fatal(err)
		}
	}
	want[police.Name] = fmt.Sprintf("Your team's decisions and requests · %d", n/2)
	want[fire.Name] = fmt.Sprintf("Your team's decisions and requests · %d", n/2)
	want[observer.Name] = fmt.Sprintf("Decisions · %d", n)
	want[evaluator.Name] = fmt.Sprintf("Decisions · %d", n)
	last := map[string]string{police.Name: "Z0198", fire.Name: "Z0199", observer.Name: "Z0199", evaluator.Name: "Z0199"}
	for i, a := range seatsOf {
		got := ansi.Strip(settle(terms[i], last[a.Name]))
		if !strings.Contains(got, want[a.Name]) || !strings.Contains(got, last[a.Name]) {
			t.Errorf("the %s seat of %s does not end on the last state (%q, %s):\n%s", a.Role, a.Name, want[a.Name], last[a.Name], tail(got, 600))
		}
	}
}

// tail is the end of s, at most n bytes.
func tail(s string, n int) string { return s[max(0, len(s)-n):] }

// TestTwoDecisionsTogetherBothShow: two decisions that reach a seat in one
// state (saved with one write, as the session saves what arrives during a
// write; or two states while the seat waited its turn to draw) are both
// on the screen of every seat that shows them, at a room's 110×30. An
// evaluator's feed held one decision there, and in the room at twenty
// decisions a second evaluators never drew some.
func TestTwoDecisionsTogetherBothShow(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(seatsOf...)...)
	st := sess.State()
	for _, text := range []string{"Z0001 first of two.", "Z0002 second of two."} {
		st = event.Apply(st, termtest.Decision(t, &st, "police", text))
	}
	for _, a := range []session.Actor{police, observer, evaluator} {
		m := New(sess, a, Options{ViewOptions: never})
		defer m.Close()
		m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
		m.View()
		m.Update(pane.StateMsg{State: st})
		got := ansi.Strip(m.View())
		if !strings.Contains(got, "Z0001") || !strings.Contains(got, "Z0002") {
			t.Errorf("the %s seat does not show both decisions:\n%s", a.Role, got)
		}
	}
}

// TestSmallEvaluatorSeatKeepsItsTimeline: at the smallest size a seat
// takes, the evaluator's larger feed does not take the timeline's last
// row: the selected inject is still listed.
func TestSmallEvaluatorSeatKeepsItsTimeline(t *testing.T) {
	sess := liveSession(t, time.Now, rosterOf(evaluator)...)
	m := New(sess, evaluator, Options{ViewOptions: never})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: minWidth, Height: minHeight})
	if got := ansi.Strip(m.View()); !strings.Contains(got, "D-01") {
		t.Errorf("the evaluator's timeline lists no inject at %d×%d:\n%s", minWidth, minHeight, got)
	}
}

// settle waits until the terminal s has received want, and a few frames
// more for anything else the painter would send, and returns what it
// received.
func settle(s *termtest.Output, want string) string {
	var got strings.Builder
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		got.WriteString(s.Take())
		if strings.Contains(got.String(), want) {
			time.Sleep(3 * time.Second / 60)
			got.WriteString(s.Take())
			return got.String()
		}
		time.Sleep(time.Millisecond)
	}
	return got.String()
}
