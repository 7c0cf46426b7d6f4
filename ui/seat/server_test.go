package seat

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/pane"
	"ttx/ui/theme"
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
			e := decision(t, &st, teams[i%len(teams)], fmt.Sprintf("Y%06d earlier decision.", i))
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

// decision is a decision recorded for team at the latest time of st,
// numbered to follow it.
func decision(t testing.TB, st *event.State, team, text string) event.Event {
	t.Helper()
	e, err := event.New(event.DecisionRecorded, "participant:Earlier", st.LastAt, st.LastT, event.Said{Team: team, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	e.Seq = st.Seq + 1
	return e
}

// screen is one SSH client with a PTY, its output collected; one with no
// client stands for a terminal a painter writes to.
type screen struct {
	t      testing.TB
	client *gossh.Client
	in     io.WriteCloser
	mu     sync.Mutex
	out    bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.Write(p)
}

// take returns what the screen received since the last take, escape
// sequences and all.
func (s *screen) take() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	got := s.out.String()
	s.out.Reset()
	return got
}

// text is everything the screen received, escape sequences removed.
func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.Strip(s.out.String())
}

func (s *screen) waitFor(what string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.text(), what) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.t.Fatalf("the screen never showed %q; it shows:\n%s", what, lastScreen(s.text()))
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
		got := p.text()
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
	if strings.Contains(pl.text(), "Cordon at the entrance") {
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
	if strings.Contains(po.text(), "Record a decision") || strings.Contains(po.text(), "Expected player actions") {
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

func TestSeatAtAnySize(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	sess, _, _ := serveDemo(t, ServerOptions{}, ana.Person)
	sess.Do(session.Facilitator("ana"), session.Release{Inject: "D-02"})
	for _, actor := range []session.Actor{
		{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"},
		{Role: scenario.RoleEvaluator, Name: "Sam"},
		{Role: scenario.RoleObserver, Name: "Obi"},
	} {
		m := New(sess, actor, Options{})
		for _, sz := range [][2]int{{20, 5}, {1, 1}, {49, 13}, {50, 14}, {80, 24}, {300, 100}, {51, 15}} {
			m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			v := m.View()
			if sz[0] < minWidth || sz[1] < minHeight {
				continue
			}
			lines := strings.Split(v, "\n")
			if len(lines) > sz[1] {
				t.Errorf("%s %dx%d: %d lines", actor.Role, sz[0], sz[1], len(lines))
			}
			for i, line := range lines {
				if w := lipgloss.Width(line); w > sz[0] {
					t.Errorf("%s %dx%d: line %d is %d wide", actor.Role, sz[0], sz[1], i+1, w)
				}
			}
			// The keys are laid out for this width, not an earlier one.
			fresh := New(sess, actor, Options{})
			fresh.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			want := strings.Split(fresh.View(), "\n")
			if got := lines[len(lines)-1]; got != want[len(want)-1] {
				t.Errorf("%s %dx%d: the key help is\n%q\nwant\n%q", actor.Role, sz[0], sz[1], got, want[len(want)-1])
			}
			fresh.Close()
		}
		m.Close()
	}
}

// TestSeatHeaderFollowsWhatItSays: the header's lines are drawn again
// only when what they say changes, and never show what has gone: at each
// step, a seat that has been open throughout shows the header a seat
// opened just then shows.
func TestSeatHeaderFollowsWhatItSays(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	sess, _, _ := serveDemo(t, ServerOptions{}, ana.Person)
	boss := session.Facilitator("ana")
	// The exercise clock starts at the wall clock's time; the seats'
	// clocks are then moved on by hand.
	now := time.Now()
	opts := Options{ViewOptions: theme.ViewOptions{Now: func() time.Time { return now }, Location: time.UTC}}
	actor := session.Actor{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"}
	m := New(sess, actor, opts)
	defer m.Close()
	size := tea.WindowSizeMsg{Width: 100, Height: 30}
	steps := []struct {
		name string
		do   func()
	}{
		{"opened", func() {}},
		{"clock started", func() { sess.Do(boss, session.StartClock{}); now = time.Now() }},
		{"a second later", func() { now = now.Add(time.Second) }},
		{"a decision", func() { sess.Do(actor, session.RecordDecision{Team: "police", Text: "Cordon at 100 m."}) }},
		{"broadcast", func() { sess.Do(boss, session.Broadcast{Text: "Hold all moves."}) }},
		{"another broadcast", func() { sess.Do(boss, session.Broadcast{Text: "Resume moves."}) }},
		{"input paused", func() { sess.Do(boss, session.PauseInput{}) }},
		{"input resumed", func() { sess.Do(boss, session.ResumeInput{}) }},
		{"the banner's time is up", func() { now = now.Add(bannerFor + time.Second) }},
		{"narrower", func() { size.Width = 70 }},
		{"an hour later", func() { now = now.Add(time.Hour) }},
	}
	for _, s := range steps {
		s.do()
		m.Update(size)
		m.Update(pane.StateMsg{State: sess.State()})
		m.Update(tickMsg(now))
		fresh := New(sess, actor, opts)
		fresh.Update(size)
		got, want := strings.Split(m.View(), "\n"), strings.Split(fresh.View(), "\n")
		fresh.Close()
		for i := range headerHeight {
			if got[i] != want[i] {
				t.Errorf("%s: header line %d is\n%q\nwant\n%q", s.name, i+1, got[i], want[i])
			}
		}
	}
}

// TestSeatFormsFitTheScreen: a form opened on a small screen scrolls
// within it rather than pushing the seat's header off the top.
func TestSeatFormsFitTheScreen(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	sess, _, _ := serveDemo(t, ServerOptions{}, ana.Person)
	for _, sz := range [][2]int{{50, 14}, {80, 20}, {100, 30}} {
		for _, actor := range []session.Actor{
			{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"},
			{Role: scenario.RoleEvaluator, Name: "Sam"},
		} {
			m := New(sess, actor, Options{})
			m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			key := "d"
			if actor.Role == scenario.RoleEvaluator {
				key = "o"
			}
			m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(key)})
			v := m.View()
			if !strings.Contains(v, "Record") {
				t.Errorf("%s %dx%d: no form:\n%s", actor.Role, sz[0], sz[1], v)
			}
			if n := strings.Count(v, "\n") + 1; n > sz[1] {
				t.Errorf("%s %dx%d: the form makes the view %d lines:\n%s", actor.Role, sz[0], sz[1], n, v)
			}
			m.Close()
		}
	}
}

// TestEndedNoticeFits: the notice that the session has ended fits the
// narrowest seat, wrapped, and says all it says.
func TestEndedNoticeFits(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	sess, _, _ := serveDemo(t, ServerOptions{}, ana.Person)
	m := New(sess, session.Actor{Role: scenario.RoleParticipant, Name: "Ana Ruiz", Team: "police"}, Options{})
	defer m.Close()
	if _, err := sess.Close(session.Facilitator("ana")); err != nil {
		t.Fatal(err)
	}
	m.Update(pane.StateMsg{State: sess.State()})
	for _, sz := range [][2]int{{50, 14}, {60, 20}, {120, 40}} {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := m.View()
		if !strings.Contains(strings.Join(strings.Fields(ansi.Strip(strings.ReplaceAll(v, "║", " "))), " "), "Everything you saved is in the record. Thank you.") {
			t.Errorf("%dx%d: the notice does not say it all:\n%s", sz[0], sz[1], v)
		}
		for i, line := range strings.Split(v, "\n") {
			if w := lipgloss.Width(line); w > sz[0] {
				t.Errorf("%dx%d: line %d is %d wide:\n%s", sz[0], sz[1], i+1, w, v)
			}
		}
	}
}
