package sshd

import (
	"strings"
	"testing"
	"time"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
)

// TestNewJoinCodeClosesTheSeatsOfTheOldOne: once the facilitator gives
// Jo a new join code, the seat that came in with the old one is closed
// and told why, the old code no longer gets in, and the new one does;
// the seat of a person who came in with an SSH key stays, and so does a
// seat of Jo's that came in with the new code.
func TestNewJoinCodeClosesTheSeatsOfTheOldOne(t *testing.T) {
	jo := scenario.Person{Name: "Jo Park", Team: "transport", Role: scenario.RoleParticipant, Code: "K7QMB-ZWP9T"}
	ben := newPerson(t, "Ben Ade", "police", scenario.RoleParticipant)
	sess, srv, _ := serveDemo(t, ServerOptions{}, jo, ben.Person)
	srv.codes = fastGuard()
	addr := srv.Addr().String()
	old, err := dial(t, addr, "jo", codeAnswer("k7qmb zwp9t"))
	if err != nil {
		t.Fatal(err)
	}
	old.waitFor("Jo Park")
	bs := joinWithKey(t, addr, ben)
	bs.waitFor("Ben Ade")

	if _, err := sess.Do(session.Facilitator("ana"), session.NewJoinCode{Name: "Jo Park", Code: "RQ4TM-8XKWD"}); err != nil {
		t.Fatal(err)
	}
	old.waitFor("gave you a new join code")
	if _, err := dial(t, addr, "jo", codeAnswer("k7qmb zwp9t")); err == nil {
		t.Error("the old join code still gets in")
	}
	fresh, err := dial(t, addr, "jo", codeAnswer("rq4tm 8xkwd"))
	if err != nil {
		t.Fatalf("the new join code does not get in: %v", err)
	}
	fresh.waitFor("Jo Park")

	// A roster that changes again (someone added) leaves the seats that
	// hold good codes, or none, open.
	if _, err := sess.Do(session.Facilitator("ana"), session.AddPerson{Name: "Sam Okoro", Role: scenario.RoleEvaluator, Code: "SAM1-8E3K-QW"}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for sess.State().Seats["Jo Park"] != 1 || sess.State().Seats["Ben Ade"] != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("seats open: %v", sess.State().Seats)
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // a close would be on its way by now
	if st := sess.State().Seats; st["Jo Park"] != 1 || st["Ben Ade"] != 1 {
		t.Errorf("seats open after the roster changed again: %v", st)
	}
	for _, sc := range []*screen{fresh, bs} {
		if strings.Contains(sc.Text(), "new join code") {
			t.Errorf("a seat with a good code or a key was told its code was replaced:\n%s", lastScreen(sc.Text()))
		}
	}
}
