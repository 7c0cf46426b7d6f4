package sshd

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/internal/termtest"
)

func TestMain(m *testing.M) {
	if path := os.Getenv(roomEnv); path != "" {
		os.Exit(roomClients(path))
	}
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// person is a roster entry with its private key.
type person struct {
	scenario.Person
	key    ed25519.PrivateKey
	signer gossh.Signer
}

func newPerson(t testing.TB, name, team, role string) person {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return person{Person: scenario.Person{Name: name, Team: team, Role: role,
		Keys: []string{string(gossh.MarshalAuthorizedKey(signer.PublicKey()))}}, key: priv, signer: signer}
}

// serveDemo starts a session on the demo scenario with roster and an SSH
// server on an ephemeral loopback port.
func serveDemo(t testing.TB, opts ServerOptions, roster ...scenario.Person) (*session.Session, *Server, string) {
	return serveDemoAfter(t, opts, 0, roster...)
}

// serveDemoAfter is serveDemo on a session resumed after earlier decisions
// were recorded (spread over the demo's three teams, "Y000001 earlier
// decision." and on), as after a crash in a long exercise.
func serveDemoAfter(t testing.TB, opts ServerOptions, earlier int, roster ...scenario.Person) (*session.Session, *Server, string) {
	t.Helper()
	sc, _ := injects.Load("demo")
	if probs := sc.AddRoster(roster, "roster"); probs.HasErrors() {
		t.Fatal(probs)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "session.jsonl")
	fac := session.Facilitator("ana")
	sess, err := session.Create(path, sc, "demo", fac, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if earlier > 0 {
		st := sess.State()
		sess.Abandon()
		w, _, _, err := journal.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		teams := []string{"police", "fire", "transport"}
		var batch []event.Event
		for i := range earlier {
			e := termtest.Decision(t, &st, teams[i%len(teams)], fmt.Sprintf("Y%06d earlier decision.", i))
			if batch = append(batch, e); len(batch) == 1000 || i == earlier-1 {
				if _, err := w.Append(batch...); err != nil {
					t.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if sess, _, err = session.Resume(path, fac, session.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	opts.Addr, opts.HostKeyPath = "127.0.0.1:0", filepath.Join(dir, "host_ed25519")
	srv, err := NewServer(sess, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Listen(); err != nil {
		t.Fatal(err)
	}
	go srv.Serve()
	t.Cleanup(func() {
		srv.srv.Close()
		sess.Abandon()
	})
	return sess, srv, path
}

// screen is one SSH client with a PTY, its output collected; one with no
// client stands for a terminal a painter writes to.
type screen struct {
	termtest.Output
	t      testing.TB
	client *gossh.Client
	in     io.WriteCloser
}

func (s *screen) waitFor(what string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.Text(), what) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.t.Fatalf("the screen never showed %q; it shows:\n%s", what, lastScreen(s.Text()))
}

func lastScreen(s string) string {
	if len(s) > 3000 {
		return s[len(s)-3000:]
	}
	return s
}

func (s *screen) keys(k string) {
	s.t.Helper()
	if _, err := io.WriteString(s.in, k); err != nil {
		s.t.Fatal(err)
	}
}

func dial(t testing.TB, addr string, user string, auth ...gossh.AuthMethod) (*screen, error) {
	t.Helper()
	return dialOut(t, addr, user, nil, auth...)
}

// dialTo joins with p's key, sending the screen's output to out as well.
func dialTo(t testing.TB, addr string, p person, out io.Writer) (*screen, error) {
	return dialOut(t, addr, userOf(p.Name), out, gossh.PublicKeys(p.signer))
}

func dialOut(t testing.TB, addr string, user string, out io.Writer, auth ...gossh.AuthMethod) (*screen, error) {
	sc := &screen{t: t}
	var w io.Writer = sc
	if out != nil {
		w = io.MultiWriter(sc, out)
	}
	var err error
	if sc.client, sc.in, err = openSeat(addr, user, w, auth...); err != nil {
		return nil, err
	}
	t.Cleanup(func() { sc.client.Close() })
	return sc, nil
}

// openSeat dials addr as user and opens a seat in a 110×30 terminal, its
// output going to out; it returns the connection and the seat's input.
func openSeat(addr, user string, out io.Writer, auth ...gossh.AuthMethod) (*gossh.Client, io.WriteCloser, error) {
	return openSeatIn(addr, user, out, "xterm-256color", nil, auth...)
}

// openSeatIn is openSeat from a terminal of type term whose client sends
// the environment env (NAME=value).
func openSeatIn(addr, user string, out io.Writer, term string, env []string, auth ...gossh.AuthMethod) (*gossh.Client, io.WriteCloser, error) {
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: user, Auth: auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second})
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*gossh.Client, io.WriteCloser, error) {
		client.Close()
		return nil, nil, err
	}
	sess, err := client.NewSession()
	if err != nil {
		return fail(err)
	}
	sess.Stdout, sess.Stderr = out, out
	in, err := sess.StdinPipe()
	if err != nil {
		return fail(err)
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if err := sess.Setenv(k, v); err != nil {
			return fail(err)
		}
	}
	if err := sess.RequestPty(term, 30, 110, gossh.TerminalModes{}); err != nil {
		return fail(err)
	}
	if err := sess.Shell(); err != nil {
		return fail(err)
	}
	return client, in, nil
}

// userOf is the SSH user name a roster person joins as: their first name,
// lower case.
func userOf(name string) string { return strings.ToLower(strings.Fields(name)[0]) }

func joinWithKey(t testing.TB, addr string, p person) *screen {
	t.Helper()
	sc, err := dial(t, addr, userOf(p.Name), gossh.PublicKeys(p.signer))
	if err != nil {
		t.Fatalf("%s could not join: %v", p.Name, err)
	}
	return sc
}

func decisions(t *testing.T, path string) []event.Event {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []event.Event
	if _, err := journal.Scan(f, func(e event.Event) error {
		if e.Type == event.DecisionRecorded {
			out = append(out, e)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSeatsOverSSH(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	lee := newPerson(t, "Lee Chen", "fire", scenario.RoleParticipant)
	sam := newPerson(t, "Sam Okafor", "", scenario.RoleEvaluator)
	stranger := newPerson(t, "Eve", "", scenario.RoleObserver)
	jo := scenario.Person{Name: "Jo Park", Team: "transport", Role: scenario.RoleParticipant, Code: "RIVER-4821"}
	obi := scenario.Person{Name: "Obi Watch", Role: scenario.RoleObserver, Code: "WATCH-7K3Q"}
	sess, srv, path := serveDemo(t, ServerOptions{}, ana.Person, lee.Person, sam.Person, jo, obi)
	srv.codes = fastGuard()
	addr := srv.Addr().String()
	boss := session.Facilitator("ana")
	for _, id := range []string{"D-01", "D-02"} {
		if _, err := sess.Do(boss, session.Release{Inject: id}); err != nil {
			t.Fatal(err)
		}
	}

	pa, pl, ev := joinWithKey(t, addr, ana), joinWithKey(t, addr, lee), joinWithKey(t, addr, sam)
	pa.waitFor("Ana Ruiz · Police")
	pa.waitFor("999 call from a passenger")
	pl.waitFor("Lee Chen · Fire and Rescue")
	ev.waitFor("Expected player actions")
	for _, p := range []*screen{pa, pl} {
		got := p.Text()
		for _, hidden := range []string{"Smoke reported on the eastbound platform", "Expected player actions", "Fire sends a first attendance",
			"First crews arrive", "Release if the room"} {
			if strings.Contains(got, hidden) {
				t.Errorf("a participant's screen shows %q, which their role must not see", hidden)
			}
		}
	}

	pa.keys("d")
	pa.waitFor("Record a decision")
	pa.keys("\t")
	pa.keys("Cordon at the entrance.\rAsk BTP for CCTV.")
	pa.keys("\x13") // ctrl+s
	pa.waitFor("Decision saved at")
	pl.keys("a")
	pl.waitFor("Record an action taken")
	pl.keys("\tTwo pumps sent.\x13")
	pl.waitFor("Action saved at")

	ev.waitFor("Two pumps sent.")
	if strings.Contains(pl.Text(), "Cordon at the entrance") {
		t.Error("the fire participant sees the police team's decision")
	}
	ds := decisions(t, path)
	if len(ds) != 2 {
		t.Fatalf("journal has %d decisions, want 2", len(ds))
	}
	var first, second event.Said
	ds[0].Decode(&first)
	ds[1].Decode(&second)
	if ds[0].By != "participant:Ana Ruiz" || first.Team != "police" || first.Text != "Cordon at the entrance.\nAsk BTP for CCTV." || first.Inject != "D-02" {
		t.Errorf("first decision: by %s, %+v", ds[0].By, first)
	}
	if ds[1].By != "participant:Lee Chen" || second.Team != "fire" || second.Kind != "action" {
		t.Errorf("second decision: by %s, %+v", ds[1].By, second)
	}
	st := sess.State()
	if st.Seats["Ana Ruiz"] != 1 || st.Seats["Sam Okafor"] != 1 {
		t.Errorf("seats = %v", st.Seats)
	}

	// A participant cannot decide for another team, whatever reaches the session.
	anaActor := session.Actor{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"}
	if _, err := sess.Do(anaActor, session.RecordDecision{Team: "fire", Text: "x"}); !errors.Is(err, session.ErrForbidden) {
		t.Errorf("a participant decided for another team: %v", err)
	}

	// A stranger's key is refused.
	if _, err := dial(t, addr, "eve", gossh.PublicKeys(stranger.signer)); err == nil {
		t.Error("a key that is not on the roster got in")
	}
	// A wrong join code is refused and journaled; the right one gets in.
	answer := func(code string) gossh.AuthMethod {
		return gossh.KeyboardInteractive(func(name, instruction string, questions []string, echos []bool) ([]string, error) {
			// OpenSSH prints the name on a line of its own: the user
			// name typed after ssh, a stray line above the prompt.
			if name != "" {
				t.Errorf("the join prompt is named %q", name)
			}
			if len(questions) == 0 {
				return nil, nil
			}
			return []string{code}, nil
		})
	}
	if _, err := dial(t, addr, "mallory", answer("GUESS-0000")); err == nil {
		t.Error("a wrong join code got in")
	}
	if got := sess.State().Refusals; got != 1 {
		t.Errorf("refusals journaled = %d, want 1 (the first at once, the others counted for the minute's line)", got)
	}
	pj, err := dial(t, addr, "jo", answer("river 4821"))
	if err != nil {
		t.Fatalf("the right join code was refused: %v", err)
	}
	pj.waitFor("Jo Park · Station operator")
	pj.waitFor("Smoke reported on the eastbound platform")

	// An observer sees every released inject and the decisions, nothing more.
	po, err := dial(t, addr, "obi", answer("watch-7k3q"))
	if err != nil {
		t.Fatalf("the observer's join code was refused: %v", err)
	}
	po.waitFor("Observer: you see what has been released and decided.")
	po.waitFor("Inbox · 2 messages")
	po.waitFor("Two pumps sent.")
	po.keys("d")
	time.Sleep(100 * time.Millisecond)
	if strings.Contains(po.Text(), "Record a decision") || strings.Contains(po.Text(), "Expected player actions") {
		t.Error("the observer can open a form or sees controller-only fields")
	}

	// Dropping a connection loses nothing and frees the seat.
	pa.client.Close()
	deadline := time.Now().Add(5 * time.Second)
	for sess.State().Seats["Ana Ruiz"] != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := sess.State().Seats["Ana Ruiz"]; n != 0 {
		t.Errorf("Ana's seat still counted after she dropped: %d", n)
	}
	back := joinWithKey(t, addr, ana)
	back.waitFor("Cordon at the entrance.")

	// Ending the session closes every seat politely.
	if _, err := sess.Close(boss); err != nil {
		t.Fatal(err)
	}
	back.waitFor("The facilitator has ended the session")
}
