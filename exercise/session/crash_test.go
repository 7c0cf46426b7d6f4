package session

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/injects"
)

// The kill test runs this test binary again as a child that drives a
// session from commands on its standard input, and kills it with SIGKILL.
const (
	childEnv = "TTX_CRASH_CHILD" // the session file the child works on
	killsEnv = "TTX_KILLS"       // how many kills (default 200)
	seedEnv  = "TTX_KILL_SEED"   // the random seed (default 1)
)

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(crashChild(path))
	}
	os.Exit(m.Run())
}

// crashChild opens or resumes the session at path, then carries out one
// command per input line, several at a time, printing "ack ID SEQ" once
// each is durable.
func crashChild(path string) int {
	who := Facilitator("ana")
	var s *Session
	var err error
	if _, statErr := os.Stat(path); statErr == nil {
		s, _, err = Resume(path, who, Options{})
	} else {
		sc, _ := injects.Load("demo")
		s, err = Create(path, sc, "demo", who, Options{})
	}
	if err != nil {
		fmt.Println("error", err)
		return 3
	}
	var mu sync.Mutex
	say := func(line string) {
		mu.Lock()
		os.Stdout.WriteString(line + "\n")
		mu.Unlock()
	}
	say("ready")
	work := make(chan string)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for line := range work {
				f := strings.Fields(line)
				var c Command
				switch f[0] {
				case "d":
					c = RecordDecision{Team: f[1], Text: "decision " + f[2], Inject: "D-01"}
				case "n":
					c = RecordNote{Text: "note " + f[2]}
				case "r":
					c = Release{Inject: f[1]}
				case "c":
					if s.State().Clock.Running() {
						c = PauseClock{}
					} else {
						c = StartClock{}
					}
				case "s":
					c = StepSpeed{Up: f[1] == "up"}
				}
				if ev, err := s.Do(who, c); err == nil {
					say(fmt.Sprintf("ack %s %d", f[len(f)-1], ev.Seq))
				}
			}
		}()
	}
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		work <- in.Text()
	}
	close(work)
	wg.Wait()
	s.Abandon()
	return 0
}

// TestKillAtAnyMoment kills a session's process at random moments, again
// and again, while it records decisions from several teams, releases and
// clock changes. After every kill the file must verify, hold every command
// that was acknowledged, and reopen to go on appending.
func TestKillAtAnyMoment(t *testing.T) {
	kills, seed := 200, uint64(1)
	if v, err := strconv.Atoi(os.Getenv(killsEnv)); err == nil {
		kills = v
	}
	if v, err := strconv.ParseUint(os.Getenv(seedEnv), 10, 64); err == nil {
		seed = v
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	path := filepath.Join(t.TempDir(), "session.jsonl")
	acked := map[string]int64{} // command id -> seq
	teams := []string{"police", "fire", "transport"}
	injectIDs := []string{"D-01", "D-02", "D-03", "D-06", "D-07", "D-C1"}
	next, torn := 0, 0
	for k := range kills {
		child := exec.Command(os.Args[0], "-test.run=^$")
		child.Env = append(os.Environ(), childEnv+"="+path)
		stdin, _ := child.StdinPipe()
		stdout, _ := child.StdoutPipe()
		if err := child.Start(); err != nil {
			t.Fatal(err)
		}
		out := bufio.NewScanner(stdout)
		if !out.Scan() || out.Text() != "ready" {
			child.Process.Kill()
			child.Wait()
			t.Fatalf("kill %d: the child did not start: %q", k, out.Text())
		}
		var ackMu sync.Mutex
		acks := map[string]int64{}
		readDone := make(chan struct{})
		go func() {
			defer close(readDone)
			for out.Scan() {
				f := strings.Fields(out.Text())
				if len(f) == 3 && f[0] == "ack" {
					seq, _ := strconv.ParseInt(f[2], 10, 64)
					ackMu.Lock()
					acks[f[1]] = seq
					ackMu.Unlock()
				}
			}
		}()
		stop := make(chan struct{})
		writeDone := make(chan struct{})
		lines := make([]string, 0, 400)
		for range 400 {
			id := fmt.Sprintf("c%06d", next)
			next++
			switch r := rng.IntN(20); {
			case r < 14:
				lines = append(lines, fmt.Sprintf("d %s %s", teams[rng.IntN(len(teams))], id))
			case r < 16:
				lines = append(lines, fmt.Sprintf("n %s", id))
			case r < 17:
				lines = append(lines, fmt.Sprintf("r %s %s", injectIDs[rng.IntN(len(injectIDs))], id))
			case r < 19:
				lines = append(lines, fmt.Sprintf("c %s", id))
			default:
				lines = append(lines, fmt.Sprintf("s %s %s", []string{"up", "down"}[rng.IntN(2)], id))
			}
		}
		go func() {
			defer close(writeDone)
			for _, l := range lines {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := io.WriteString(stdin, l+"\n"); err != nil {
					return
				}
			}
		}()
		time.Sleep(time.Duration(1+rng.IntN(40)) * time.Millisecond)
		child.Process.Signal(syscall.SIGKILL)
		close(stop)
		child.Wait()
		<-readDone
		<-writeDone
		stdin.Close()

		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		found := map[int64]event.Event{}
		rep, err := journal.Scan(f, func(e event.Event) error { found[e.Seq] = e; return nil })
		f.Close()
		if err != nil || rep.Break != nil {
			t.Fatalf("kill %d: the file does not verify: %v %v", k, err, rep.Break)
		}
		if rep.Torn != nil {
			torn++
		}
		for id, seq := range acks {
			e, ok := found[seq]
			if !ok {
				t.Fatalf("kill %d: command %s was acknowledged as seq %d but is not in the file", k, id, seq)
			}
			if (strings.HasPrefix(e.Type, "decision") || strings.HasPrefix(e.Type, "note")) && !strings.Contains(string(e.Data), id) {
				t.Fatalf("kill %d: seq %d holds %s, not command %s", k, seq, e.Data, id)
			}
			acked[id] = seq
		}
	}
	// The file reopens, resumes and goes on.
	s, rec, err := Resume(path, Facilitator("ana"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(Facilitator("ana"), RecordNote{Text: "after the last kill"}); err != nil {
		t.Fatal(err)
	}
	s.Abandon()
	t.Logf("%d kills survived; %d commands acknowledged, all in the file; %d events; %d torn tails found and moved aside",
		kills, len(acked), rec.Report.Events, torn)
}
