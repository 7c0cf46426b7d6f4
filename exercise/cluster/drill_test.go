package cluster

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"ttx/exercise/journal"
)

// The drill runs nodes as processes of this test binary: with
// TTX_DRILL_NODE set, the binary is one node and its submitters.
func TestMain(m *testing.M) {
	if os.Getenv("TTX_DRILL_NODE") != "" {
		os.Exit(drillNode())
	}
	os.Exit(m.Run())
}

// drillNode runs a node with submitters that record decisions as fast as
// they are answered, printing "ack TEXT" for each one acknowledged,
// "lead 1" or "lead 0" when it gains or loses the lead, and "seq N" as it
// applies. On "stop" from stdin the submitters stop; on "quit" the node
// shuts down.
func drillNode() int {
	cfg, err := LoadConfig(os.Getenv("TTX_DRILL_CONFIG"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	name, life := os.Getenv("TTX_DRILL_NODE"), os.Getenv("TTX_DRILL_LIFE")
	o := Options{Config: cfg, Name: name, Session: os.Getenv("TTX_DRILL_SESSION"), Timing: LoopbackTiming,
		Log: os.Stderr, SnapshotThreshold: 64, TrailingLogs: 16}
	if os.Getenv("TTX_DRILL_OPEN") != "" {
		sc, _ := loadDemo()
		o.Open = &Open{Scenario: sc, Source: "demo", By: ana}
	}
	var n *Node
	for try := 0; ; try++ { // the port of a killed run may linger
		if n, err = Start(o); err == nil || try == 100 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var out sync.Mutex
	say := func(format string, args ...any) {
		out.Lock()
		fmt.Printf(format+"\n", args...)
		out.Unlock()
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if n.State().Scenario == nil {
					time.Sleep(20 * time.Millisecond)
					continue
				}
				text := fmt.Sprintf("%s.%s.%d.%d", name, life, w, i)
				if _, err := n.Do(ana, decision(text)); err == nil {
					say("ack %s", text)
				}
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
	go func() {
		lead, seq := false, int64(-2)
		for {
			if l := n.IsLeader(); l != lead {
				lead = l
				say("lead %d", map[bool]int{false: 0, true: 1}[l])
			}
			if s := n.State().Seq; s != seq {
				seq = s
				say("seq %d", s)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		switch in.Text() {
		case "stop":
			close(stop)
			wg.Wait()
			say("stopped")
		case "quit":
			n.Shutdown()
			return 0
		}
	}
	n.Shutdown()
	return 0
}

// drillProc is one run of a node process.
type drillProc struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	done  chan struct{}
}

type drill struct {
	t       *testing.T
	dir     string
	cfgPath string
	cfg     *Config
	life    int

	mu      sync.Mutex
	procs   map[string]*drillProc
	leader  map[string]bool
	seq     map[string]int64
	stopped map[string]bool
	acked   map[string]bool
}

func (d *drill) start(name string) {
	d.t.Helper()
	d.life++
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TTX_DRILL_NODE="+name, "TTX_DRILL_LIFE="+strconv.Itoa(d.life),
		"TTX_DRILL_CONFIG="+d.cfgPath, "TTX_DRILL_SESSION="+filepath.Join(d.dir, name+".jsonl"), "TTX_DRILL_OPEN=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	logf, err := os.OpenFile(filepath.Join(d.dir, name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		d.t.Fatal(err)
	}
	cmd.Stderr = logf
	if err := cmd.Start(); err != nil {
		d.t.Fatal(err)
	}
	p := &drillProc{cmd: cmd, stdin: stdin, done: make(chan struct{})}
	d.mu.Lock()
	d.procs[name], d.leader[name], d.stopped[name] = p, false, false
	d.mu.Unlock()
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			f := strings.SplitN(sc.Text(), " ", 2)
			if len(f) < 2 {
				f = append(f, "")
			}
			d.mu.Lock()
			if d.procs[name] == p {
				switch f[0] {
				case "ack":
					d.acked[f[1]] = true
				case "lead":
					d.leader[name] = f[1] == "1"
				case "seq":
					d.seq[name], _ = strconv.ParseInt(f[1], 10, 64)
				case "stopped":
					d.stopped[name] = true
				}
			}
			d.mu.Unlock()
		}
		cmd.Wait()
		logf.Close()
		close(p.done)
	}()
}

func (d *drill) kill(name string, sig syscall.Signal) {
	d.mu.Lock()
	p := d.procs[name]
	d.mu.Unlock()
	p.cmd.Process.Signal(sig)
	if sig == syscall.SIGKILL {
		<-p.done
		d.mu.Lock()
		d.leader[name] = false
		d.mu.Unlock()
	}
}

// waitLeader returns the node that last said it leads.
func (d *drill) waitLeader() string {
	d.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		d.mu.Lock()
		for _, m := range d.cfg.Nodes {
			if d.leader[m.Name] {
				d.mu.Unlock()
				return m.Name
			}
		}
		d.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	d.t.Fatal("no leader within 30 s")
	return ""
}

func (d *drill) send(name, line string) {
	d.mu.Lock()
	p := d.procs[name]
	d.mu.Unlock()
	fmt.Fprintln(p.stdin, line)
}

// TestDrillProcesses is the failover drill: three nodes as processes on
// 127.0.0.1, three submitters on each, the leader killed with SIGKILL at
// random moments (10 times; 50 with TTX_DRILL_LONG=1), a follower frozen
// with SIGSTOP a while, each killed node restarted. At the end every
// acknowledged decision is in the file once, no decision twice, and the
// three files are byte-identical and intact. TTX_DRILL_SEED picks the
// moments.
func TestDrillProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("the drill runs processes")
	}
	kills := 10
	if os.Getenv("TTX_DRILL_LONG") != "" {
		kills = 50
	}
	seed := uint64(1)
	if s := os.Getenv("TTX_DRILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	d := &drill{t: t, dir: t.TempDir(), procs: map[string]*drillProc{}, leader: map[string]bool{},
		seq: map[string]int64{}, stopped: map[string]bool{}, acked: map[string]bool{}}
	var yaml strings.Builder
	yaml.WriteString("nodes:\n")
	var held []net.Listener // until every node has a port of its own
	for i := range 3 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, ln)
		fmt.Fprintf(&yaml, "  - {name: n%d, raft: %q, ssh: \"127.0.0.1:%d\"}\n", i+1, ln.Addr().String(), 31000+i)
	}
	for _, ln := range held {
		ln.Close()
	}
	yaml.WriteString("secret: cluster.key\n")
	os.WriteFile(filepath.Join(d.dir, "cluster.key"), []byte("a secret for the drill only\n"), 0o600)
	d.cfgPath = filepath.Join(d.dir, "cluster.yaml")
	os.WriteFile(d.cfgPath, []byte(yaml.String()), 0o600)
	var err error
	if d.cfg, err = LoadConfig(d.cfgPath); err != nil {
		t.Fatal(err)
	}
	defer func() {
		for _, m := range d.cfg.Nodes {
			if p := d.procs[m.Name]; p != nil {
				p.cmd.Process.Signal(syscall.SIGKILL)
				<-p.done
			}
		}
		if t.Failed() {
			for _, m := range d.cfg.Nodes {
				if b, err := os.ReadFile(filepath.Join(d.dir, m.Name+".log")); err == nil {
					t.Logf("%s's log, last part:\n%s", m.Name, tail(b, 3000))
				}
			}
		}
	}()
	for _, m := range d.cfg.Nodes {
		d.start(m.Name)
	}
	start := time.Now()
	var failovers []time.Duration
	for k := range kills {
		time.Sleep(time.Duration(100+rng.IntN(500)) * time.Millisecond)
		lead := d.waitLeader()
		if k == kills/2 { // freeze a follower a while
			for _, m := range d.cfg.Nodes {
				if m.Name != lead {
					d.kill(m.Name, syscall.SIGSTOP)
					time.Sleep(time.Duration(500+rng.IntN(1000)) * time.Millisecond)
					d.kill(m.Name, syscall.SIGCONT)
					break
				}
			}
			lead = d.waitLeader()
		}
		at := time.Now()
		d.kill(lead, syscall.SIGKILL)
		d.waitLeader()
		failovers = append(failovers, time.Since(at))
		time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
		d.start(lead)
	}
	for _, m := range d.cfg.Nodes {
		d.send(m.Name, "stop")
	}
	// Wait until the submitters stopped and every node applied the same.
	deadline := time.Now().Add(60 * time.Second)
	for {
		d.mu.Lock()
		same, seq := true, d.seq["n1"]
		for _, m := range d.cfg.Nodes {
			same = same && d.stopped[m.Name] && d.seq[m.Name] == seq
		}
		d.mu.Unlock()
		if same {
			time.Sleep(500 * time.Millisecond)
			d.mu.Lock()
			still := d.seq["n1"] == seq && d.seq["n2"] == seq && d.seq["n3"] == seq
			d.mu.Unlock()
			if still {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the nodes did not come to the same line: %v", d.seq)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, m := range d.cfg.Nodes {
		d.send(m.Name, "quit")
		<-d.procs[m.Name].done
	}
	files := make([][]byte, 3)
	for i, m := range d.cfg.Nodes {
		if files[i], err = os.ReadFile(filepath.Join(d.dir, m.Name+".jsonl")); err != nil {
			t.Fatal(err)
		}
		if i > 0 && !bytes.Equal(files[i], files[0]) {
			t.Fatalf("%s's file differs from n1's: %s", m.Name, firstDiff(files[0], files[i]))
		}
	}
	rep, err := journal.Scan(bytes.NewReader(files[0]), nil)
	if err != nil || rep.Break != nil || rep.Torn != nil {
		t.Fatalf("the file is not intact: break %v, torn %v, %v", rep.Break, rep.Torn, err)
	}
	count := map[string]int{}
	for _, text := range decisions(t, files[0]) {
		count[text]++
		if count[text] > 1 {
			t.Errorf("%q is in the file twice", text)
		}
	}
	for text := range d.acked {
		if count[text] != 1 {
			t.Errorf("acknowledged %q is in the file %d times", text, count[text])
		}
	}
	slowest := time.Duration(0)
	var sum time.Duration
	for _, f := range failovers {
		sum += f
		slowest = max(slowest, f)
	}
	t.Logf("seed %d: %d kills in %s; %d decisions acknowledged, %d lines; failover mean %s, slowest %s",
		seed, kills, time.Since(start).Round(time.Millisecond), len(d.acked), rep.Events, (sum / time.Duration(len(failovers))).Round(time.Millisecond), slowest.Round(time.Millisecond))
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}
