package sshd

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
)

// TestControlCellOverSSH drives the control cell over SSH on loopback: a
// lead, a controller scoped to transport, a SimCell member playing BBC
// London, two participant teams and an observer, each on a seat of their
// own. The scoped controller releases only in scope; a participant's
// request to the media is claimed and answered as BBC London and shown
// to the team; a live inject from the media reaches only its team; the
// controllers' log never reaches a participant or observer; and the
// controller, back after a break, opens on what they missed.
func TestControlCellOverSSH(t *testing.T) {
	lee := newPerson(t, "Lee Lead", "", scenario.RoleController)
	lee.Lead = true
	cat := newPerson(t, "Cat Kay", "", scenario.RoleController)
	cat.Teams = []string{"transport"}
	sim := newPerson(t, "Sim Cell", "", scenario.RoleSimCell)
	sim.Plays = []string{"media"}
	pat := newPerson(t, "Pat Police", "police", scenario.RoleParticipant)
	tom := newPerson(t, "Tom Train", "transport", scenario.RoleParticipant)
	obi := newPerson(t, "Obi Watch", "", scenario.RoleObserver)

	sc, _ := injects.Load("demo")
	sc.Simulated = []scenario.Organisation{{ID: "media", Name: "BBC London"}}
	if probs := sc.AddRoster([]scenario.Person{lee.Person, cat.Person, sim.Person, pat.Person, tom.Person, obi.Person}, "roster"); probs.HasErrors() {
		t.Fatal(probs)
	}
	dir := t.TempDir()
	sess, err := session.Create(filepath.Join(dir, "cell.jsonl"), sc, "demo", session.Facilitator("ana"), session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := NewServer(sess, ServerOptions{Addr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, "host_ed25519")})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	go srv.Serve()
	t.Cleanup(func() { srv.srv.Close(); sess.Abandon() })
	addr := srv.Addr().String()
	act := func(p person) session.Actor { return session.Actor{Role: p.Role, Name: p.Name, Team: p.Team} }

	// The lead starts the clock from their console; the scoped
	// controller cannot.
	sl, sc2 := joinWithKey(t, addr, lee), joinWithKey(t, addr, cat)
	sc2.waitFor("D-01")
	sc2.keys(" ")
	sc2.waitFor("only the lead (facilitator:ana, controller:Lee Lead) starts the clock")
	sl.waitFor("D-01")
	sl.keys(" ")
	waitState(t, sess, "the clock running", func() bool { st := sess.State(); return st.Clock.Running() })
	sl.keys(" ")
	waitState(t, sess, "the clock paused", func() bool { st := sess.State(); return !st.Clock.Running() })
	if _, err := sess.Do(act(lee), session.JumpClock{To: 5 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	// D-01 goes to transport, D-02 to police and fire.
	sc2.waitFor("T+00:05:00")
	sc2.keys("\r")
	waitState(t, sess, "D-01 released by Cat", func() bool { st := sess.State(); return st.Injects.At(0).ReleasedBy == "controller:Cat Kay" })
	sc2.keys("j\r")
	sc2.waitFor("outside your scope (teams transport)")
	if st := sess.State(); st.Injects.At(1).Released {
		t.Fatal("the scoped controller released an inject outside scope")
	}

	sp, stom, sobi, ssim := joinWithKey(t, addr, pat), joinWithKey(t, addr, tom), joinWithKey(t, addr, obi), joinWithKey(t, addr, sim)
	sp.waitFor("Pat Police · Police")
	// Pat asks the media, from the seat's request form.
	sp.keys("r")
	sp.waitFor("Request information")
	sp.keys("\tAre you filming at the station?\t\x1b[C")
	sp.waitFor("BBC London")
	sp.keys("\x13")
	sp.waitFor("Request saved at")
	var q int64 = -1
	waitState(t, sess, "the request to the media", func() bool {
		st := sess.State()
		for _, r := range st.Requests {
			if r.To == "media" {
				q = r.Seq
			}
		}
		return q >= 0
	})
	if _, err := sess.Do(act(cat), session.AnswerRequest{Request: q, Text: "no"}); err != nil {
		t.Fatalf("a controller may answer for the media too: %v", err)
	}
	q2, err := sess.Do(act(pat), session.RecordRequest{Team: "police", Text: "Will you run the story tonight?", To: "media"})
	if err != nil {
		t.Fatal(err)
	}
	// The SimCell member claims it and answers as BBC London, from their
	// console; meanwhile no controller can answer it.
	ssim.waitFor("Request from Police to BBC London: Will you run the story tonight?")
	ssim.keys("C")
	ssim.waitFor("Requests for information waiting")
	ssim.waitFor("waiting · Police → BBC London: Will you run")
	ssim.keys("\r")
	ssim.waitFor("Request claimed")
	waitState(t, sess, "the claim", func() bool { st := sess.State(); _, held := st.ClaimOf(q2.Seq); return held })
	if _, err := sess.Do(act(cat), session.AnswerRequest{Request: q2.Seq, Text: "x"}); err == nil || !strings.Contains(err.Error(), "has claimed") {
		t.Errorf("a controller answered a request the SimCell holds: %v", err)
	}
	ssim.keys("a")
	ssim.waitFor("Answer a request for information")
	ssim.keys("\t\tYes, at ten.\x13")
	ssim.waitFor("Answer sent")
	sp.waitFor("answer from BBC London: Yes, at ten.")

	// A live inject from the media, to transport only.
	ssim.keys("i")
	ssim.waitFor("Live inject")
	ssim.keys("\t\x1b[B\x1b[B \tBBC London asks about the closure\t\tLive at six.\x13")
	ssim.waitFor("Live inject sent")
	stom.waitFor("New message at T+00:05:00: BBC London asks about the closure")

	// The controllers' log, from Cat's console.
	sc2.keys("n")
	sc2.waitFor("Note")
	sc2.keys("CELL-LOG watch the police cordon\x13")
	sc2.waitFor("Note saved")
	waitState(t, sess, "the note", func() bool { st := sess.State(); return len(st.Notes) == 1 })

	// Cat leaves, the lead releases D-02, Cat comes back.
	sc2.client.Close()
	waitState(t, sess, "Cat's seat closed", func() bool { st := sess.State(); return st.Seats["Cat Kay"] == 0 })
	if _, err := sess.Do(act(lee), session.Release{Inject: "D-02"}); err != nil {
		t.Fatal(err)
	}
	sp.waitFor("999 call from a passenger")
	back := joinWithKey(t, addr, cat)
	back.waitFor("Since you left: 1 released (D-02)")
	back.keys("H")
	back.waitFor("What happened")
	back.waitFor("D-02 999 call from a passenger")

	time.Sleep(200 * time.Millisecond) // let every seat draw what it was sent
	for name, s := range map[string]*screen{"Pat": sp, "Tom": stom, "Obi": sobi} {
		if got := s.Text(); strings.Contains(got, "CELL-LOG") || strings.Contains(got, "Since you left") {
			t.Errorf("%s's screen shows the controllers' log", name)
		}
	}
	if strings.Contains(sp.Text(), "BBC London asks about the closure") {
		t.Error("the police seat shows a live inject sent to transport only")
	}
}

// waitState waits until ok holds of the session's state.
func waitState(t *testing.T, sess *session.Session, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("never saw %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
