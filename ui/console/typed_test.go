package console

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/ui/internal/termtest"
)

// TestKeyNamesTypedInOneChunkAreText: every key name, at the start, in
// the middle and at the end of a sentence that reaches the console in one
// read, is journaled as typed, in the decision form's two text fields, in
// a note and in a broadcast.
func TestKeyNamesTypedInOneChunkAreText(t *testing.T) {
	m, s := testConsole(t, "demo")
	m.opts.Serving = "127.0.0.1:2222" // the broadcast form
	w := &watched{Model: m, done: make(chan doneMsg, 16)}
	tm := teatest.NewTestModel(t, w, teatest.WithInitialTermSize(120, 40))
	names := termtest.Names()
	if len(names) < 90 {
		t.Fatalf("only %d key names", len(names))
	}
	send := func(msgs ...tea.Msg) {
		for _, msg := range msgs {
			tm.Send(msg)
		}
	}
	tab, save := tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyCtrlS}
	lost := 0
	// saved waits for the save; a save that never comes is reported, the
	// form is closed, and the test goes on to the next name.
	saved := func(what, name string) bool {
		t.Helper()
		select {
		case d := <-w.done:
			if d.err == nil && strings.HasPrefix(d.what, what) {
				return true
			}
			t.Errorf("%s with %q: the console did %q (%v) instead", what, name, d.what, d.err)
		case <-time.After(3 * time.Second):
			t.Errorf("%s with %q: never saved", what, name)
		}
		lost++
		send(tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyEsc})
		time.Sleep(100 * time.Millisecond)
		for len(w.done) > 0 {
			<-w.done
		}
		return false
	}
	var whos, texts, notes, casts []string
	for _, name := range names {
		if lost >= 3 {
			t.Error("three saves lost; the rest of the names are left untried")
			break
		}
		who := fmt.Sprintf("%s of the %s desk %s", name, name, name)
		text := fmt.Sprintf("%s the team, send them %s to the RVP, enter via Lower Marsh %s", name, name, name)
		send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d")}, tab)
		send(termtest.Chunk(t, text)...)
		send(tab, tab, tea.KeyMsg{Type: tea.KeyCtrlU}) // who starts as the last one for the team
		send(termtest.Chunk(t, who)...)
		send(save)
		if saved("Decision saved", name) {
			whos, texts = append(whos, who), append(texts, text)
		}

		note := fmt.Sprintf("%s the convoy at %s, then %s", name, name, name)
		send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")})
		send(termtest.Chunk(t, note)...)
		send(save)
		if saved("Note saved", name) {
			notes = append(notes, note)
		}

		cast := fmt.Sprintf("%s all teams, %s now: %s", name, name, name)
		send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("B")})
		send(termtest.Chunk(t, cast)...)
		send(save)
		if saved("Message sent", name) {
			casts = append(casts, cast)
		}
	}
	tm.Quit()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if s.State().Clock.Running() {
		t.Error("a word in a form started the exercise clock")
	}

	f, err := os.Open("session.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var gotWho, gotText, gotNotes, gotCasts []string
	if _, err := journal.Scan(f, func(e event.Event) error {
		switch e.Type {
		case event.DecisionRecorded:
			var d event.Said
			err := e.Decode(&d)
			gotWho, gotText = append(gotWho, d.Who), append(gotText, d.Text)
			return err
		case event.NoteRecorded:
			var d event.Note
			err := e.Decode(&d)
			gotNotes = append(gotNotes, d.Text)
			return err
		case event.BroadcastSent:
			var d event.Broadcast
			err := e.Decode(&d)
			gotCasts = append(gotCasts, d.Text)
			return err
		case event.ClockStarted, event.ClockPaused:
			t.Errorf("a word in a form reached the journal as a command: %s", e.Type)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	same(t, "decision's who", gotWho, whos)
	same(t, "decision", gotText, texts)
	same(t, "note", gotNotes, notes)
	same(t, "broadcast", gotCasts, casts)
}

// watched is the console, telling the test each time a command it sent
// is done.
type watched struct {
	*Model
	done chan doneMsg
}

func (w *watched) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := w.Model.Update(msg)
	if d, ok := msg.(doneMsg); ok {
		w.done <- d
	}
	return w, cmd
}

// same reports each journaled text that is not, byte for byte, the one
// typed.
func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d %ss journaled, want %d", len(got), what, len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("%s typed as\n\t%q\njournaled as\n\t%q", what, want[i], got[i])
		}
	}
}

// TestEscInANoteIsAWord: "esc the convoy" arriving in one read leaves the
// note open with the words in it; nothing runs as a console command (the
// space does not start the clock, the t does not open the time form), and
// the note is journaled as typed.
func TestEscInANoteIsAWord(t *testing.T) {
	m, s := testConsole(t, "demo")
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "D-01 is due")
	tm.Type("n")
	waitFor(t, tm, "Controllers' log")
	for _, msg := range termtest.Chunk(t, "esc the convoy") {
		tm.Send(msg)
	}
	waitFor(t, tm, "esc the convoy")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "Note saved")
	tm.Quit()
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if final.modal != nil {
		t.Errorf("a form is open after the note was saved: %s", final.modal.Title)
	}
	st := s.State()
	if st.Clock.Running() || st.Seq != 1 {
		t.Errorf("words in the note ran as commands: clock running %v, %d events after the session opened", st.Clock.Running(), st.Seq)
	}
	if len(st.Notes) != 1 || st.Notes[0].Text != "esc the convoy" {
		t.Errorf("notes journaled: %+v", st.Notes)
	}
}

// TestAChunkInASelectOrOutsideAFormIsHarmless: words read together in a
// form's choice do not choose ("right" does not move the team on), and a
// bracketed paste outside a form runs nothing.
func TestAChunkInASelectOrOutsideAFormIsHarmless(t *testing.T) {
	m, s := testConsole(t, "demo")
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q d B esc n"), Paste: true})
	if m.modal != nil || m.showHelp {
		t.Fatalf("a paste outside a form opened something:\n%s", m.View())
	}
	want := "transport" // the selected inject's (D-01's) team
	if in := m.state.Scenario.Injects[m.timeline.Selected()]; in.ID != "D-01" || in.To[0] != want {
		t.Fatalf("the console opens on %s to %v", in.ID, in.To)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d")}) // the team choice has the focus
	for _, msg := range termtest.Chunk(t, "right right tab left") {
		m.Update(msg)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyTab})
	for _, msg := range termtest.Chunk(t, "Hold") {
		m.Update(msg)
	}
	_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlS})
	if cmd == nil {
		t.Fatalf("nothing saved:\n%s", m.View())
	}
	if d, ok := cmd().(doneMsg); !ok || d.err != nil {
		t.Fatalf("ctrl+s did not save the decision (the form shows what it refused):\n%s", m.View())
	}
	st := s.State()
	if st.Decisions.Len() != 1 || st.Decisions.At(0).Team != want || st.Decisions.At(0).Text != "Hold" {
		t.Errorf("decisions: %+v; want Hold for %s", st.Decisions, want)
	}
	if st.Seq != 1 {
		t.Errorf("%d events after the session opened, want the decision alone", st.Seq)
	}
}
