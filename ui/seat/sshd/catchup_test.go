package sshd

import (
	"bytes"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/seat"
	"ttx/ui/seat/paint"
	"ttx/ui/theme"
)

// TestSeatDrawsEveryDecisionThatArrivesTogether is the seat that never
// drew some decisions: twelve decisions reach each seat in one state (they
// were saved while the seat waited its turn), more than its feed holds at
// a room's 110×30, and every one must be on its screen at some time, as
// painted for its terminal. Before, a seat drew only the newest that fit
// (an evaluator two, an observer or a participant a few), and the others
// never.
func TestSeatDrawsEveryDecisionThatArrivesTogether(t *testing.T) {
	ev := newPerson(t, "Eve Evaluator", "", scenario.RoleEvaluator)
	ob := newPerson(t, "Otto Observer", "", scenario.RoleObserver)
	pa := newPerson(t, "Pat Police", "police", scenario.RoleParticipant)
	sess, _, _ := serveDemo(t, ServerOptions{}, ev.Person, ob.Person, pa.Person)
	const n = 12
	var screens []*lockedBuffer
	var progs []*tea.Program
	for _, p := range []person{ev, ob, pa} {
		actor := session.Actor{Role: p.Role, Name: p.Name, Team: p.Team}
		m := seat.New(sess, actor, seat.Options{ViewOptions: theme.ViewOptions{Location: time.UTC}})
		out := &lockedBuffer{}
		pt := paint.New(out, paint.NewGate(1))
		prog := tea.NewProgram(paint.NewSeat(m, pt), tea.WithInput(nil), tea.WithOutput(io.Discard),
			tea.WithoutRenderer(), tea.WithoutSignalHandler())
		screens, progs = append(screens, out), append(progs, prog)
		t.Cleanup(func() { prog.Kill(); pt.Stop(); m.Close() })
	}
	// Saved before the seats' programs run: each seat's subscription
	// holds only the latest state, so all twelve reach it at once.
	for j := range n {
		a := session.Actor{Role: pa.Role, Name: pa.Name, Team: pa.Team}
		if _, err := sess.Do(a, session.RecordDecision{Team: "police", Text: fmt.Sprintf("Z%04d hold the cordon.", j)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, prog := range progs {
		go prog.Run()
		prog.Send(tea.WindowSizeMsg{Width: 110, Height: 30})
	}
	for i, p := range []person{ev, ob, pa} {
		var missing []int
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			missing = missing[:0]
			shown := screens[i].Bytes()
			for j := range n {
				if !bytes.Contains(shown, fmt.Appendf(nil, "Z%04d", j)) {
					missing = append(missing, j)
				}
			}
			if len(missing) == 0 || time.Now().After(deadline) {
				break
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s's seat never drew decisions %v of the %d that reached it together", p.Name, missing, n)
		}
	}
}

// lockedBuffer is a terminal's output, written by its painter and read by
// the test.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Bytes returns a copy of everything written.
func (b *lockedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}
