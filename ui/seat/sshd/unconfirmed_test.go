package sshd

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
)

// unconfirmedJoins is a session whose joins are recorded but not
// confirmed, as a cluster node's are when the others are slow to confirm
// them: the seat is refused, and the record must not show the person on
// it.
type unconfirmedJoins struct {
	*session.Session
	unsaved bool // the joins are not saved at all
}

func (u unconfirmedJoins) Do(a session.Actor, c session.Command) (event.Event, error) {
	if _, ok := c.(session.Join); ok && u.unsaved {
		return event.Event{}, &session.NotSavedError{Err: errors.New("write session.jsonl: no space left on device")}
	}
	ev, err := u.Session.Do(a, c)
	if _, ok := c.(session.Join); ok && err == nil {
		return event.Event{}, &session.UnconfirmedError{Err: errors.New("the cluster did not confirm the command in time; it may yet be recorded")}
	}
	return ev, err
}

// A join refused because it was not confirmed leaves nobody on a seat in
// the record: the console's roster does not show as present a person who
// was turned away.
func TestUnconfirmedJoinLeavesNobodySeated(t *testing.T) {
	for _, unsaved := range []bool{false, true} {
		t.Run(fmt.Sprintf("unsaved=%v", unsaved), func(t *testing.T) { refusedJoin(t, unsaved) })
	}
}

// refusedJoin is TestUnconfirmedJoinLeavesNobodySeated for a join not
// confirmed, or (unsaved) certainly not saved: that one must leave no
// "left" behind it either, for an arrival the record never had.
func refusedJoin(t *testing.T, unsaved bool) {
	sc, _ := injects.Load("demo")
	p := newPerson(t, "Priya Shah", "police", scenario.RoleParticipant)
	if probs := sc.AddRoster([]scenario.Person{p.Person}, "roster"); probs.HasErrors() {
		t.Fatal(probs)
	}
	dir := t.TempDir()
	sess, err := session.Create(filepath.Join(dir, "session.jsonl"), sc, "demo", session.Facilitator("ana"), session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Abandon()
	srv, err := NewServer(unconfirmedJoins{Session: sess, unsaved: unsaved}, ServerOptions{Addr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host")})
	if err == nil {
		err = srv.Listen()
	}
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve()
	defer srv.srv.Close()
	sc2, err := dialTo(t, srv.Addr().String(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc2.waitFor("Cannot join")
	deadline := time.Now().Add(5 * time.Second)
	for sess.State().Seats[p.Name] != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := sess.State().Seats[p.Name]; n != 0 {
		t.Errorf("after the join was refused, the record shows %s on %d seat(s); want none", p.Name, n)
	}
	if !unsaved {
		return
	}
	time.Sleep(200 * time.Millisecond) // a stray leave would be in by now
	if b, _ := os.ReadFile(sess.Path()); bytes.Contains(b, []byte(event.ParticipantLeft)) {
		t.Fatalf("a join never saved left a %s in the record:\n%s", event.ParticipantLeft, b)
	}
}
