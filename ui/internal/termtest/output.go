package termtest

import (
	"bytes"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/event"
)

// Output is what a terminal received (a seat's SSH client, or the
// terminal a seat's painter writes to), safe to write from one goroutine
// while another reads it.
type Output struct {
	mu  sync.Mutex
	out bytes.Buffer
}

// Write keeps p.
func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.out.Write(p)
}

// Take returns what the terminal received since the last Take, escape
// sequences and all.
func (o *Output) Take() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	got := o.out.String()
	o.out.Reset()
	return got
}

// Text is everything the terminal received, escape sequences removed.
func (o *Output) Text() string { return ansi.Strip(o.Raw()) }

// Raw is everything the terminal received, escape sequences and all.
func (o *Output) Raw() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.out.String()
}

// Decision is a decision recorded for team at the latest time of st,
// numbered to follow it, as a participant journaled it earlier.
func Decision(t testing.TB, st *event.State, team, text string) event.Event {
	t.Helper()
	e, err := event.New(event.DecisionRecorded, "participant:Earlier", st.LastAt, st.LastT, event.Said{Team: team, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	e.Seq = st.Seq + 1
	return e
}
