package console

import (
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/ui/pane"
)

// TestCorrectAnEntryFromTheConsole: c finds an entry by its number or
// words in it, amends it (new words prefilled, a decision's reason and
// stage) or strikes it through, with the reason required; a refusal is
// shown in the form with everything typed kept. The facilitator corrects
// a participant's entry too.
func TestCorrectAnEntryFromTheConsole(t *testing.T) {
	m, s, _ := clockConsole(t, "demo")
	pc := session.Actor{Role: "participant", Name: "pc", Team: "police"}
	dec, err := s.Do(ana, session.RecordDecision{Team: "fire", Text: "Send two pumps"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(ana, session.RecordNote{Text: "Fire late to the briefing"}); err != nil {
		t.Fatal(err)
	}
	theirs, err := s.Do(pc, session.RecordDecision{Team: "police", Text: "Close the road"})
	if err != nil {
		t.Fatal(err)
	}
	m.setState(s.State())

	press(m, "c")
	if v := m.View(); !strings.Contains(v, "#3 T+00:00 Police: Close the road") || !strings.Contains(v, "#2 T+00:00 NOTE ana: Fire late") {
		t.Fatalf("the entries are not listed newest first with their numbers:\n%s", v)
	}
	press(m, "pumps", tea.KeyEnter, tea.KeyEnter) // found by a word in it; amend
	if v := m.View(); !strings.Contains(v, "Amend #1") || !strings.Contains(v, "Send two pumps") {
		t.Fatalf("the amend form does not hold the entry's words:\n%s", v)
	}
	press(m, tea.KeyBackspace, tea.KeyBackspace, tea.KeyBackspace, tea.KeyBackspace, tea.KeyBackspace, "pumps and a ladder",
		tea.KeyTab, "A tall building", tea.KeyTab, "5")
	press(m, tea.KeyCtrlS) // refused by the form itself: no reason
	if v := m.View(); m.modal == nil || !strings.Contains(v, "say why it is corrected") || !strings.Contains(v, "pumps and a ladder") {
		t.Fatalf("a correction without a reason:\n%s", v)
	}
	press(m, "Misheard")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	st := s.State()
	now, struck := event.Corrected(*st.Recorded(dec.Seq), st.FixesOf(dec.Seq))
	if struck != nil || now.Text != "Send two pumps and a ladder" || now.Rationale != "A tall building" || now.Stage != "action" {
		t.Errorf("after the amendment: %+v", now)
	}
	if f := st.FixesOf(dec.Seq); len(f) != 1 || f[0].Reason != "Misheard" || f[0].By != ana.By() {
		t.Errorf("fixes: %+v", f)
	}

	// The same words again: the session refuses, the form keeps them.
	press(m, "c", "1", tea.KeyEnter, tea.KeyEnter, tea.KeyTab, tea.KeyTab, tea.KeyTab, "Again")
	if err := saved(t, m, tea.KeyCtrlS); err == nil || !strings.Contains(err.Error(), "changes nothing") {
		t.Fatalf("an amendment that changes nothing: %v", err)
	}
	if v := m.View(); m.modal == nil || !strings.Contains(v, "changes nothing") || !strings.Contains(v, "Again") {
		t.Fatalf("the refusal is not in the form:\n%s", v)
	}
	press(m, tea.KeyEsc)

	// A rationale emptied is refused in the form, as a seat refuses it:
	// an empty one in an amendment keeps the original's.
	press(m, "c", "1", tea.KeyEnter, tea.KeyEnter, tea.KeyTab)
	for range len("A tall building") {
		press(m, tea.KeyBackspace)
	}
	press(m, tea.KeyTab, tea.KeyTab, "Took it back")
	press(m, tea.KeyCtrlS)
	if v := m.View(); m.modal == nil || !strings.Contains(v, "a rationale is corrected, not taken away") {
		t.Fatalf("an emptied rationale:\n%s", v)
	}
	press(m, tea.KeyEsc)

	// A participant's entry, by its number, struck through.
	press(m, "c", "3", tea.KeyEnter, tea.KeyRight, tea.KeyEnter, "Entered by mistake")
	if err := saved(t, m, tea.KeyEnter); err != nil {
		t.Fatal(err)
	}
	st = s.State()
	if _, struck := event.Corrected(*st.Recorded(theirs.Seq), st.FixesOf(theirs.Seq)); struck == nil || struck.Reason != "Entered by mistake" {
		t.Errorf("entry 3 is not struck through: %+v", st.FixesOf(theirs.Seq))
	}
	press(m, "c")
	if v := m.View(); strings.Contains(v, "Close the road") {
		t.Errorf("a struck entry is offered for correction:\n%s", v)
	}
	press(m, "9")
	if v := m.View(); !strings.Contains(v, `no entry matches "9"`) {
		t.Errorf("a number that is no entry:\n%s", v)
	}
	press(m, tea.KeyEnter, tea.KeyEnter)
	if v := m.View(); m.modal == nil || !strings.Contains(v, "no entry has that number") {
		t.Errorf("enter on a number that is no entry:\n%s", v)
	}
}

// TestCorrectFormGolden: the correction form on a small terminal.
func TestCorrectFormGolden(t *testing.T) {
	m, s := testConsole(t, "london")
	for _, c := range []session.Command{session.Release{Inject: "L-01"},
		session.RecordDecision{Team: "met", Who: "Gold", Text: "Declare Operation PLATO", Inject: "L-01"},
		session.RecordRequest{Team: "las", Text: "How many casualties?"},
		session.RecordDecision{Team: "tfl", Text: "Close Waterloo Underground station"}} {
		if _, err := s.Do(ana, c); err != nil {
			t.Fatal(err)
		}
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	tm.Send(pane.StateMsg{State: s.State()})
	tm.Type("c")
	waitFor(t, tm, "Correct an entry")
	view := finalView(t, tm)
	checkFits(t, view, 80, 24)
	if err := os.Chdir(pkgDir); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, []byte(view))
}
