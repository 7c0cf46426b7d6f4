package sshd

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// TestTypedChunkOverSSHIsText: a participant's client writes a sentence
// in one Write, as a fast typist's packets or a paste arrive; the journal
// holds it byte for byte, key names and all.
func TestTypedChunkOverSSHIsText(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, path := serveDemo(t, ServerOptions{}, ana.Person)
	pa := joinWithKey(t, srv.Addr().String(), ana)
	pa.waitFor("Ana Ruiz · Police")

	first := "Stand down the team, send them up to the RVP, enter via Lower Marsh"
	pa.keys("d")
	pa.waitFor("Record a decision")
	pa.keys("\t")
	pa.keys(first)
	pa.keys("\x13") // ctrl+s
	pa.waitFor("Decision saved")
	journaled := func(n int, want string) {
		t.Helper()
		ds := decisions(t, path)
		if len(ds) != n {
			t.Fatalf("journal has %d decisions, want %d", len(ds), n)
		}
		var d event.Said
		if err := ds[n-1].Decode(&d); err != nil {
			t.Fatal(err)
		}
		if d.Text != want {
			t.Errorf("typed in one write as\n\t%q\njournaled as\n\t%q", want, d.Text)
		}
	}
	journaled(1, first)

	// Every key name bubbletea knows, in one sentence, with the tab before
	// it and the save after it in the same Write.
	var names []string
	for k := tea.KeyType(-1000); k <= 1000; k++ {
		if s := k.String(); s != "" && s != " " {
			names = append(names, s)
		}
	}
	every := "esc " + strings.Join(names, " ") + " esc"
	pa.keys("a")
	pa.waitFor("Record an action taken")
	pa.keys("\t" + every + "\x13")
	// The seat echoes each word as it takes it, which under the race
	// detector on a busy machine takes longer than waitFor waits.
	for deadline := time.Now().Add(time.Minute); !strings.Contains(pa.Text(), "Action saved"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the action was never saved; the screen shows:\n%s", lastScreen(pa.Text()))
		}
	}

	journaled(2, every)
}
