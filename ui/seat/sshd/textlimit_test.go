package sshd

import (
	"strings"
	"testing"
	"time"

	"ttx/exercise/scenario"
)

// TestLongDecisionIsNotCut: a decision longer than a record holds is
// taken whole by the form, which then says how long it is and saves
// nothing, rather than journaling its first 4000 characters.
func TestLongDecisionIsNotCut(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, path := serveDemo(t, ServerOptions{}, ana.Person)
	pa := joinWithKey(t, srv.Addr().String(), ana)
	pa.waitFor("Ana Ruiz · Police")
	pa.keys("d")
	pa.waitFor("Record a decision")
	pa.keys("\t")
	long := strings.Repeat("Cordon the eastbound platform. ", 180)[:5400]
	pa.keys(string(pasteStart) + long + string(pasteEnd))
	time.Sleep(300 * time.Millisecond)
	pa.keys("\x13") // ctrl+s
	pa.waitFor("this is 5400 characters")
	time.Sleep(300 * time.Millisecond)
	if ds := decisions(t, path); len(ds) != 0 {
		t.Errorf("a decision of 5400 characters was journaled (%d records), not refused", len(ds))
	}
}

// TestLongWhoIsNotCut: a name in the decision form's "Who" longer than a
// record holds is taken whole and refused with its length, not cut to
// its first 80 characters.
func TestLongWhoIsNotCut(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, path := serveDemo(t, ServerOptions{}, ana.Person)
	pa := joinWithKey(t, srv.Addr().String(), ana)
	pa.waitFor("Ana Ruiz · Police")
	pa.keys("d")
	pa.waitFor("Record a decision")
	pa.keys(string(pasteStart) + strings.Repeat("Superintendent ", 6) + string(pasteEnd))
	time.Sleep(200 * time.Millisecond)
	pa.keys("\t")
	pa.keys(string(pasteStart) + "Cordon the platform." + string(pasteEnd))
	time.Sleep(200 * time.Millisecond)
	pa.keys("\x13") // ctrl+s
	pa.waitFor("the field holds at most 80")
	time.Sleep(300 * time.Millisecond)
	if ds := decisions(t, path); len(ds) != 0 {
		t.Errorf("a decision whose Who is longer than 80 characters was journaled (%d records), not refused", len(ds))
	}
}
