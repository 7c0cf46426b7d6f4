package sshd

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// roomEnv names the file that makes this test binary, run again, the room
// of BenchmarkRoomFrames: the SSH clients of 200 people, in a process of
// their own, as they are on the day (on 200 other machines).
const roomEnv = "TTX_ROOM_CLIENTS"

// roomPlan is what the room process is told: where to connect and as
// whom, and how many of the people (the first) type into the decision
// form throughout, at how many keys a second each.
type roomPlan struct {
	Addr          string
	People        []roomPerson
	Typists       int
	KeysPerSecond int
}

// roomPerson is one seat of the room: the roster entry and its private key.
type roomPerson struct {
	Name, Team, Role string
	Key              []byte // ed25519 seed
}

// roomSeen is what the room process reports at the end: for every person,
// the wall time (Unix ns) each decision marker was first on their screen,
// 0 for never.
type roomSeen struct {
	Seen [][]int64
}

// room is the parent's handle on the room process.
type room struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

// startRoom starts the room process for people on the server at addr and
// returns once every seat shows its person's name. The process runs at a
// lower priority (nice 10) where `nice` exists: the clients stand in for
// other machines, so they should not take the cores from the server they
// are measuring.
func startRoom(b *testing.B, addr string, people []person, typists int) *room {
	b.Helper()
	plan := roomPlan{Addr: addr, Typists: typists, KeysPerSecond: typistKeys}
	for _, p := range people {
		plan.People = append(plan.People, roomPerson{Name: p.Name, Team: p.Team, Role: p.Role, Key: p.key.Seed()})
	}
	data, err := json.Marshal(plan)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "room.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	args := []string{os.Args[0], "-test.run=^$", "-test.bench=^$"}
	if nice, err := exec.LookPath("nice"); err == nil {
		args = append([]string{nice, "-n", "10"}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), roomEnv+"="+path)
	cmd.Stderr = os.Stderr
	r := &room{cmd: cmd}
	if r.in, err = cmd.StdinPipe(); err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	r.out = bufio.NewReader(stdout)
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	line, err := r.out.ReadString('\n')
	if line != "ready\n" {
		b.Fatalf("the room process did not get every seat on screen: %q %v", line, err)
	}
	return r
}

// finish tells the room which team each decision came from (so each seat
// knows which it should show) and when to stop waiting, and returns what
// every seat saw. reported, when not nil, is called as the room's report
// arrives, before it is decoded: decoding a thousand seats' report is the
// benchmark's work, not the server's.
func (r *room) finish(b *testing.B, teams []string, deadline time.Time, reported func()) roomSeen {
	b.Helper()
	line := r.report(b, teams, deadline)
	if reported != nil {
		reported()
	}
	return decodeSeen(b, line)
}

// report is finish without decoding: the room's report as it arrived.
func (r *room) report(b *testing.B, teams []string, deadline time.Time) []byte {
	b.Helper()
	msg, _ := json.Marshal(struct {
		Teams    []string
		Deadline int64
	}{teams, deadline.UnixNano()})
	if _, err := r.in.Write(append(msg, '\n')); err != nil {
		b.Fatal(err)
	}
	line, err := r.out.ReadBytes('\n')
	if err != nil {
		b.Fatalf("the room process did not report: %v", err)
	}
	return line
}

// decodeSeen decodes a room's report.
func decodeSeen(b *testing.B, line []byte) roomSeen {
	b.Helper()
	var seen roomSeen
	if err := json.Unmarshal(line, &seen); err != nil {
		b.Fatalf("the room process's report: %v", err)
	}
	return seen
}

// leave tells the room process that everyone leaves now, and waits until
// it has gone: every connection dropped at once, as when a site's network
// fails.
func (r *room) leave(b *testing.B) {
	b.Helper()
	r.in.Close()
	if err := r.cmd.Wait(); err != nil {
		b.Errorf("the room process: %v", err)
	}
}

// roomClients is the room process: it connects every person of the plan
// at path, says "ready" once each screen shows its person's name, then
// reads the decisions' teams and reports when each seat first showed each
// decision it should, and disconnects everyone once its input ends.
func roomClients(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var plan roomPlan
	if err := json.Unmarshal(data, &plan); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	watchers := make([]*watcher, len(plan.People))
	errs := make(chan error, len(plan.People))
	// People arrive a few dozen at a time, as a room does, and as the
	// server's door lets them (door.DefaultMaxUnauthenticated at once).
	joining := make(chan struct{}, 32)
	for i, p := range plan.People {
		w := &watcher{seen: map[int]time.Time{}, want: p.Name, ready: make(chan struct{})}
		watchers[i] = w
		go func() {
			joining <- struct{}{}
			err := w.connect(plan.Addr, p)
			<-joining
			errs <- err
		}()
	}
	for range plan.People {
		if err := <-errs; err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
	}
	for i, w := range watchers {
		select {
		case <-w.ready:
		case <-time.After(30 * time.Second):
			w.mu.Lock()
			fmt.Fprintf(os.Stderr, "%s's screen never showed their name; it shows:\n%s\n", plan.People[i].Name, lastScreen(ansi.Strip(w.early.String())))
			w.mu.Unlock()
			return 2
		}
	}
	fmt.Println("ready")
	stop := make(chan struct{})
	for _, w := range watchers[:plan.Typists] {
		go w.typeAway(plan.KeysPerSecond, stop)
	}

	var end struct {
		Teams    []string
		Deadline int64
	}
	stdin := bufio.NewReader(os.Stdin)
	line, err := stdin.ReadBytes('\n')
	if err == nil {
		err = json.Unmarshal(line, &end)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "room: the end of the run:", err)
		return 2
	}
	close(stop)
	deadline := time.Unix(0, end.Deadline)
	out := roomSeen{Seen: make([][]int64, len(watchers))}
	for i, w := range watchers {
		p := plan.People[i]
		out.Seen[i] = make([]int64, len(end.Teams))
		if i < plan.Typists {
			continue // their forms hide their feeds
		}
		for j, team := range end.Teams {
			if p.Role == "participant" && p.Team != team {
				continue
			}
			if at, ok := w.await(j, deadline); ok {
				out.Seen[i][j] = at.UnixNano()
			}
		}
	}
	data, _ = json.Marshal(out)
	os.Stdout.Write(append(data, '\n'))
	// Everyone stays until told to leave (leave): the run is measured
	// with the room still in it, and the room leaving apart.
	io.Copy(io.Discard, stdin)
	return 0
}

// connect joins the server at addr as p, with the seat's output going to
// w and its input kept for typeAway.
func (w *watcher) connect(addr string, p roomPerson) error {
	signer, err := gossh.NewSignerFromKey(ed25519.NewKeyFromSeed(p.Key))
	if err != nil {
		return err
	}
	if _, w.in, err = openSeat(addr, userOf(p.Name), w, gossh.PublicKeys(signer)); err != nil {
		return fmt.Errorf("%s could not join: %w", p.Name, err)
	}
	return nil
}

// typeAway types decisions into the seat at rate keys a second until
// stop: it opens the form, goes to the text, types forty keys and saves,
// and begins again. The text has no decision marker (Z and four digits),
// and the seat, behind its form, is not watched for them.
func (w *watcher) typeAway(rate int, stop <-chan struct{}) {
	const text = "hold the cordon at the north gate and keep the bridge clear for ambulances; "
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		key := string(text[n%len(text)])
		switch n % 44 {
		case 0:
			key = "d"
		case 1:
			key = "\t"
		case 42:
			key = "\x13" // ctrl+s
		case 43:
			continue // the save on its way
		}
		if _, err := io.WriteString(w.in, key); err != nil {
			return
		}
	}
}

// watcher notes when each decision's marker (Z and four digits) first
// appears in a seat's output. Until the seat shows want (its person's
// name) it keeps the output to look for it, then closes ready.
type watcher struct {
	in    io.Writer // the seat's keyboard
	mu    sync.Mutex
	tail  []byte
	seen  map[int]time.Time
	want  string
	early bytes.Buffer
	ready chan struct{}
}

func (w *watcher) Write(p []byte) (int, error) {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.want != "" {
		w.early.Write(p)
		if strings.Contains(ansi.Strip(w.early.String()), w.want) {
			w.want = ""
			w.early = bytes.Buffer{}
			close(w.ready)
		}
	}
	buf := append(w.tail, p...)
	for i := 0; ; {
		k := bytes.IndexByte(buf[i:], 'Z')
		if k < 0 || i+k+5 > len(buf) {
			break
		}
		i += k + 1
		n := 0
		digits := buf[i : i+4]
		ok := true
		for _, c := range digits {
			if c < '0' || c > '9' {
				ok = false
				break
			}
			n = n*10 + int(c-'0')
		}
		if _, was := w.seen[n]; ok && !was {
			w.seen[n] = now
		}
	}
	w.tail = append(w.tail[:0], buf[max(0, len(buf)-5):]...)
	return len(p), nil
}

// await returns when decision j was first on screen, waiting for it until
// deadline.
func (w *watcher) await(j int, deadline time.Time) (time.Time, bool) {
	for {
		w.mu.Lock()
		at, ok := w.seen[j]
		w.mu.Unlock()
		if ok || time.Now().After(deadline) {
			return at, ok
		}
		time.Sleep(5 * time.Millisecond)
	}
}
