package console

import (
	"errors"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
	"ttx/ui/theme"
)

// fullDisk fails every write with ENOSPC while full is set.
type fullDisk struct {
	journal.File
	mu   sync.Mutex
	full bool
}

func (d *fullDisk) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.full {
		return 0, syscall.ENOSPC
	}
	return d.File.Write(p)
}

func (d *fullDisk) set(full bool) {
	d.mu.Lock()
	d.full = full
	d.mu.Unlock()
}

// TestFullDiskKeepsTheDecisionUntilItIsSaved fills the disk under the
// console: the decision is not acknowledged, a persistent NOT SAVED line
// shows, the form keeps the text, and once space is freed the same form
// saves it, once.
func TestFullDiskKeepsTheDecisionUntilItIsSaved(t *testing.T) {
	var disk *fullDisk
	m, _ := testConsoleWith(t, "demo", session.Options{Journal: []journal.Option{journal.WithFile(func(f journal.File) journal.File {
		disk = &fullDisk{File: f}
		return disk
	})}})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "D-01 is due")
	disk.set(true)
	tm.Type("d")
	waitFor(t, tm, "Record a decision")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("Evacuate the eastbound platform.")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "NOT SAVED: write to session.jsonl: no space left on device")
	disk.set(false)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "Decision saved")
	tm.Quit()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	f, err := os.Open("session.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var texts []string
	rep, err := journal.Scan(f, func(e event.Event) error {
		if e.Type == event.DecisionRecorded {
			var d event.Said
			e.Decode(&d)
			texts = append(texts, d.Text)
		}
		return nil
	})
	if err != nil || rep.Break != nil || rep.Torn != nil {
		t.Fatalf("journal after the fault: %v %v %v", err, rep.Break, rep.Torn)
	}
	if len(texts) != 1 || !strings.Contains(texts[0], "Evacuate the eastbound platform.") {
		t.Errorf("decisions in the journal = %q, want the one decision once", texts)
	}
}

// unconfirmedDecisions records decisions but does not confirm them, as a
// cluster node does when the leader's answer is lost; with settled, it
// says how each turned out when the test sends on settled.
type unconfirmedDecisions struct {
	*session.Session
	settled chan session.Outcome
	notes   chan struct{} // when not nil, a note fails once it closes
}

func (u unconfirmedDecisions) Do(a session.Actor, c session.Command) (event.Event, error) {
	if _, ok := c.(session.RecordNote); ok && u.notes != nil {
		<-u.notes
		return event.Event{}, &session.NotSavedError{Err: errors.New("write session.jsonl: no space left on device")}
	}
	ev, err := u.Session.Do(a, c)
	if _, ok := c.(session.RecordDecision); ok && err == nil {
		un := &session.UnconfirmedError{Err: errors.New("the cluster did not confirm the command in time; it may yet be recorded: look at the record before sending it again")}
		if u.settled != nil {
			out := make(chan session.Outcome, 1)
			go func() {
				<-u.settled
				out <- session.Outcome{Events: []event.Event{ev}}
			}()
			un.Settled = out
		}
		return event.Event{}, un
	}
	return ev, err
}

// TestUnconfirmedDecisionIsNotCalledUnsaved: a decision whose outcome the
// cluster did not confirm may be in the record. The console used to say
// NOT SAVED and "retry when fixed", and a retry recorded it twice; it now
// says NOT CONFIRMED, keeps the text, and asks for no retry.
func TestUnconfirmedDecisionIsNotCalledUnsaved(t *testing.T) {
	tm := saveUnconfirmed(t, nil)
	// What to do first, on a console 100 columns wide.
	waitFor(t, tm, "NOT CONFIRMED, look at the record before sending it again")
	out := finalView(t, tm)
	if strings.Contains(out, "NOT SAVED") || strings.Contains(out, "retry when fixed") {
		t.Fatalf("an unconfirmed decision is called unsaved:\n%s", out)
	}
	if !strings.Contains(out, "Evacuate the eastbound platform.") {
		t.Fatalf("the form lost the text:\n%s", out)
	}
}

// TestUnconfirmedDecisionSavedLateClosesTheForm: told later that the
// unconfirmed decision is in the record after all, the console says it
// was saved, clears NOT CONFIRMED and closes the form that kept it, so
// that nobody saves it a second time.
func TestUnconfirmedDecisionSavedLateClosesTheForm(t *testing.T) {
	settled := make(chan session.Outcome)
	tm := saveUnconfirmed(t, settled)
	waitFor(t, tm, "NOT CONFIRMED")
	close(settled)
	waitFor(t, tm, "Decision saved (confirmed late)")
	out := finalView(t, tm)
	if strings.Contains(out, "NOT CONFIRMED") || strings.Contains(out, "Record a decision") {
		t.Fatalf("saved late, the console still shows the fault or the form:\n%s", out)
	}
}

// saveUnconfirmed runs a console on a session whose decisions are not
// confirmed (told their outcome when settled closes, if not nil), and
// saves one decision in the form.
func saveUnconfirmed(t *testing.T, settled chan session.Outcome, notes ...chan struct{}) *teatest.TestModel {
	t.Helper()
	_, s := testConsole(t, "demo")
	u := unconfirmedDecisions{Session: s, settled: settled}
	if len(notes) > 0 {
		u.notes = notes[0]
	}
	m := New(u, Options{Facilitator: ana, ViewOptions: theme.ViewOptions{Now: func() time.Time { return t0 }, Location: time.UTC, MarkdownStyle: "dark", Tick: time.Hour}})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	waitFor(t, tm, "D-01 is due")
	tm.Type("d")
	waitFor(t, tm, "Record a decision")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("Evacuate the eastbound platform.")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	return tm
}

// TestLateOutcomeLeavesAnotherFormAlone: the facilitator gave up on the
// unconfirmed form and saved a note in another; told, while the note is
// saving, that the decision was saved after all, the console says so and
// leaves the note's form saving. It used to close whatever form was
// saving: when the note then failed, its words were gone.
func TestLateOutcomeLeavesAnotherFormAlone(t *testing.T) {
	settled, notes := make(chan session.Outcome), make(chan struct{})
	tm := saveUnconfirmed(t, settled, notes)
	waitFor(t, tm, "NOT CONFIRMED")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	tm.Type("n")
	waitFor(t, tm, "Controllers' log")
	tm.Type("Note typed while the decision was unconfirmed.")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "Saving…")
	close(settled)
	waitFor(t, tm, "Decision saved (confirmed late)")
	close(notes)
	waitFor(t, tm, "NOT SAVED")
	if out := finalView(t, tm); !strings.Contains(out, "Note typed while the decision was unconfirmed.") {
		t.Fatalf("the note that failed lost its words:\n%s", out)
	}
}
