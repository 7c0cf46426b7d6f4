package sshd

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/cluster"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/console"
	"ttx/ui/seat/paint"
	"ttx/ui/theme"
)

// seatsEnv sets how many seats each node of BenchmarkSeatRoomCluster
// hosts (1,000 when unset).
const seatsEnv = "TTX_ROOM_SEATS"

// BenchmarkSeatRoomCluster is BenchmarkSeatRoom across three sites: three
// nodes of one cluster in this process on loopback (links over TLS with
// the cluster's secret, each node its own session file and Raft folder),
// each with its own SSH server and facilitator console, and 1,000 seats
// on each (TTX_ROOM_SEATS sets how many): 869 participants in three teams,
// 90 evaluators and 41 observers a thousand, a hundredth of them typing
// decisions of their own throughout, every node's room of clients in a
// process of its own at a lower priority. In gates=1 the three servers'
// seats share one gate (all cores but one), as one server's seats do; in
// gates=3 each server has a gate of its own, as on a machine of its own,
// so that here the three together may draw on every core. Decisions are
// given at 20 a second with a burst of 100 at once every three seconds,
// a third on each node. It reports, for each node (n1-, n2-, n3-) and
// for all:
//
//   - confirm: from a decision being given on a node to that node saying
//     it is saved;
//   - fanout: from a decision being saved to it being on the screen of
//     each seat, on any node, that shows it, and fanout-skipped: the
//     (decision, seat) pairs not on screen 30 s after the last save;
//   - console: each console's messages with their redraws, and how many
//     took longer than a frame;
//   - rss-MB: the most memory the process held (the three servers and
//     consoles together); server-cpu-s, clients-cpu-s and wall-s: the
//     CPU time this process and the room processes used, and the wall
//     time, from the rooms being in to the last look.
//
// At the end it checks that the three session files are byte-identical
// and hold every decision a node acknowledged exactly once. Run it with
// -benchtime 1x.
func BenchmarkSeatRoomCluster(b *testing.B) {
	seats := 1000
	if s := os.Getenv(seatsEnv); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 100 {
			b.Fatalf("%s=%q: give a number of seats per node, 100 or more", seatsEnv, s)
		}
		seats = n
	}
	for _, gates := range []int{1, 3} {
		b.Run(fmt.Sprintf("gates=%d", gates), func(b *testing.B) {
			for range b.N {
				clusterRoom(b, seats, gates == 1)
			}
		})
	}
}

// clusterNode is one site of the benchmark: its node, seat server,
// console and people.
type clusterNode struct {
	node    *cluster.Node
	srv     *Server
	con     *timed
	people  []person
	players int // people[:players] are participants
	room    *room
}

// startSites starts three nodes on loopback with one secret, each with
// the people of sites[i] in the roster and an SSH server of its own, and
// waits until every node has applied session.opened. With oneGate the
// servers' seats share one gate.
func startSites(b *testing.B, sites [][]person, oneGate bool) []*clusterNode {
	b.Helper()
	dir := b.TempDir()
	secret := filepath.Join(dir, "secret")
	if err := os.WriteFile(secret, []byte("a secret for the room benchmark only"), 0o600); err != nil {
		b.Fatal(err)
	}
	var yaml strings.Builder
	fmt.Fprintf(&yaml, "secret: %s\nnodes:\n", secret)
	lns := make([]net.Listener, len(sites))
	for i := range sites {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		lns[i] = ln
		// The seats' servers listen on ports of their own choosing.
		fmt.Fprintf(&yaml, "  - name: n%d\n    raft: %s\n    ssh: 127.0.0.1:%d\n    voter: true\n", i+1, ln.Addr(), 2222+i)
	}
	cfgPath := filepath.Join(dir, "cluster.yaml")
	if err := os.WriteFile(cfgPath, []byte(yaml.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	cfg, err := cluster.LoadConfig(cfgPath)
	if err != nil {
		b.Fatal(err)
	}
	sc, _ := injects.Load("demo")
	var roster []scenario.Person
	for _, site := range sites {
		for _, p := range site {
			roster = append(roster, p.Person)
		}
	}
	if probs := sc.AddRoster(roster, "roster"); probs.HasErrors() {
		b.Fatal(probs)
	}
	fac := session.Facilitator("ana")
	// The three servers' seats share one gate, as one server's do: on
	// this one machine they draw and paint on all cores but one at most,
	// and the other is left for the three nodes and their consoles, as
	// each server leaves one on a machine of its own.
	gate := paint.NewGate(max(1, runtime.GOMAXPROCS(0)-1))
	out := make([]*clusterNode, len(sites))
	for i := range sites {
		name := fmt.Sprintf("n%d", i+1)
		node, err := cluster.Start(cluster.Options{Config: cfg, Name: name, Listener: lns[i],
			Session: filepath.Join(dir, name+".jsonl"), Dir: filepath.Join(dir, name+".raft"),
			Open: &cluster.Open{Scenario: sc, Source: "demo", By: fac}})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { node.Shutdown() })
		out[i] = &clusterNode{node: node, people: sites[i]}
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, s := range out {
		for s.node.State().Scenario == nil {
			if time.Now().After(deadline) {
				b.Fatalf("%s never applied session.opened", s.node.Name())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	for i, s := range out {
		srv, err := NewServer(s.node, ServerOptions{Addr: "127.0.0.1:0", HostKeyPath: filepath.Join(dir, fmt.Sprintf("host%d", i)),
			SubmitEvery: time.Nanosecond, SubmitBurst: 1 << 20})
		if err == nil {
			err = srv.Listen()
		}
		if err != nil {
			b.Fatal(err)
		}
		if oneGate {
			srv.gate = gate
		}
		go srv.Serve()
		b.Cleanup(func() { srv.srv.Close() })
		s.srv = srv
		// The node's facilitator console, run by bubbletea as in ttx serve.
		s.con = &timed{Model: console.New(s.node, console.Options{Facilitator: fac,
			ViewOptions: theme.ViewOptions{Location: time.UTC}})}
		prog := tea.NewProgram(s.con, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
		go prog.Run()
		b.Cleanup(prog.Kill)
		prog.Send(tea.WindowSizeMsg{Width: 160, Height: 48})
	}
	return out
}

// siteShape returns the people of a site of seats seats, named after
// site (Player 1-0001, …), the participants first.
func siteShape(b *testing.B, site, seats int) ([]person, int) {
	teams := []string{"police", "fire", "transport"}
	players, evaluators := seats*869/1000, seats*90/1000
	var people []person
	for i := range players {
		people = append(people, newPerson(b, fmt.Sprintf("Player %d-%04d", site, i), teams[i%len(teams)], scenario.RoleParticipant))
	}
	for i := range evaluators {
		people = append(people, newPerson(b, fmt.Sprintf("Evaluator %d-%03d", site, i), "", scenario.RoleEvaluator))
	}
	for i := range seats - players - evaluators {
		people = append(people, newPerson(b, fmt.Sprintf("Observer %d-%03d", site, i), "", scenario.RoleObserver))
	}
	return people, players
}

func clusterRoom(b *testing.B, seats int, oneGate bool) {
	const rate, burst, burstEvery = 20, 100, 3
	typists := max(1, seats/100)
	decisions := rate*roomSeconds + burst*((roomSeconds-1)/burstEvery)
	var sites [][]person
	var players []int
	for k := range 3 {
		p, n := siteShape(b, k+1, seats)
		sites, players = append(sites, p), append(players, n)
	}
	nodes := startSites(b, sites, oneGate)
	for k, s := range nodes {
		s.players = players[k]
	}
	// Every room joins at once, as three sites' rooms would.
	var wg sync.WaitGroup
	for _, s := range nodes {
		wg.Go(func() { s.room = startRoom(b, s.srv.Addr().String(), s.people, typists) })
	}
	wg.Wait()
	if b.Failed() {
		return
	}
	for _, s := range nodes {
		s.con.reset()
	}
	lead := nodes[0].node.Leader()
	if lead == "" {
		lead = "no node"
	}
	b.Logf("load before the run: %s; %s leads", loadAvg(), lead)
	held0, _ := gates(nodes)
	cpu0, rooms0, wall0 := cpuTime(), roomsCPU(nodes), time.Now()
	b.ResetTimer()

	// Decisions are given a third on each node, at rate a second and in
	// bursts of burst at once every burstEvery seconds.
	saved := make([]time.Time, decisions)
	team := make([]string, decisions)
	confirm := make([][]time.Duration, len(nodes))
	var mu sync.Mutex
	acked := make([]bool, decisions)
	decide := func(j int) {
		s := nodes[j%len(nodes)]
		p := s.people[(j/len(nodes)*7)%s.players]
		team[j] = p.Team
		a := session.Actor{Role: p.Role, Name: p.Name, Team: p.Team}
		t0 := time.Now()
		_, err := s.node.Do(a, session.RecordDecision{Team: p.Team, Text: decisionText(j)})
		if err != nil {
			b.Errorf("%s: decision %d: %v", s.node.Name(), j, err)
			return
		}
		now := time.Now()
		mu.Lock()
		saved[j], acked[j] = now, true
		confirm[j%len(nodes)] = append(confirm[j%len(nodes)], now.Sub(t0))
		mu.Unlock()
	}
	tick := time.NewTicker(time.Second / rate)
	for j, n := 0, 0; j < decisions; n++ {
		<-tick.C
		if n > 0 && n%(rate*burstEvery) == 0 {
			for k := j; k < j+burst; k++ {
				wg.Go(func() { decide(k) })
			}
			wg.Wait()
			j += burst
			continue
		}
		decide(j)
		j++
	}
	tick.Stop()

	// Wait until every seat on every node shows every decision it should,
	// for 30 s after the last save. Each node's console is timed until its
	// room reports; the reports are decoded once all are in, since that
	// is the benchmark's work, not the servers'.
	lines, frames := make([][]byte, len(nodes)), make([][]time.Duration, len(nodes))
	deadline := time.Now().Add(30 * time.Second)
	for k, s := range nodes {
		wg.Go(func() {
			lines[k] = s.room.report(b, team, deadline)
			frames[k] = s.con.times()
		})
	}
	wg.Wait()
	held, limit := gates(nodes)
	cpu, rooms, wall, held := cpuTime()-cpu0, roomsCPU(nodes)-rooms0, time.Since(wall0), held-held0
	b.StopTimer()
	b.Logf("load after the run: %s", loadAvg())
	seen := make([]roomSeen, len(nodes))
	for k := range nodes {
		seen[k] = decodeSeen(b, lines[k])
	}

	var allFan, allConfirm, allFrames []time.Duration
	missing := 0
	for k, s := range nodes {
		var fan []time.Duration
		skipped := 0
		missedBy, missedOf := map[string]int{}, map[string][]int{}
		for i, p := range s.people {
			if i < typists {
				continue // behind their form
			}
			for j := range decisions {
				if saved[j].IsZero() || p.Role == scenario.RoleParticipant && p.Team != team[j] {
					continue
				}
				if seen[k].Seen[i][j] == 0 {
					skipped++
					missedBy[p.Role]++
					if len(missedOf[p.Name]) < 8 {
						missedOf[p.Name] = append(missedOf[p.Name], j)
					}
					continue
				}
				fan = append(fan, time.Unix(0, seen[k].Seen[i][j]).Sub(saved[j]))
			}
		}
		name := s.node.Name()
		b.ReportMetric(float64(skipped), name+"-fanout-skipped")
		if skipped > 0 {
			b.Logf("%s: decisions never drawn on a seat that shows them, by role %v, on %d seats; some: %v", name, missedBy, len(missedOf), firstOf(missedOf, 6))
		}
		report(b, name+"-confirm", confirm[k], 0)
		report(b, name+"-fanout", fan, 0)
		report(b, name+"-console", frames[k], frame)
		missing += skipped
		allFan, allConfirm, allFrames = append(allFan, fan...), append(allConfirm, confirm[k]...), append(allFrames, frames[k]...)
	}
	b.ReportMetric(float64(missing), "fanout-skipped")
	report(b, "confirm", allConfirm, 0)
	report(b, "fanout", allFan, 0)
	report(b, "console", allFrames, frame)
	b.ReportMetric(float64(peakRSS())/(1<<20), "rss-MB")
	b.ReportMetric(cpu.Seconds(), "server-cpu-s")
	b.ReportMetric(rooms.Seconds(), "clients-cpu-s")
	b.ReportMetric(wall.Seconds(), "wall-s")
	reportGate(b, held, wall, limit)
	b.ReportMetric(float64(nodes[0].node.State().Decisions.Len()), "decisions")
	checkReplicas(b, nodes, acked)
}

// decisionText is the text of timed decision j, with its marker (Z and
// four digits) for the seats' watchers.
func decisionText(j int) string { return fmt.Sprintf("Z%04d hold the cordon at 100 m.", j) }

// checkReplicas waits until the nodes have applied the same line, then
// checks that their files are byte-identical, intact, and hold each
// acknowledged timed decision exactly once.
func checkReplicas(b *testing.B, nodes []*clusterNode, acked []bool) {
	b.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		seqs := map[int64]bool{}
		for _, s := range nodes {
			seqs[s.node.State().Seq] = true
		}
		if len(seqs) == 1 {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("the nodes did not settle on one last line: %v", seqs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var first []byte
	for i, s := range nodes {
		data, err := os.ReadFile(s.node.Path())
		if err != nil {
			b.Fatal(err)
		}
		if i > 0 {
			if !bytes.Equal(data, first) {
				b.Errorf("%s's session file differs from %s's", s.node.Name(), nodes[0].node.Name())
			}
			continue
		}
		first = data
	}
	count := map[string]int{}
	rep, err := journal.Scan(bytes.NewReader(first), func(e event.Event) error {
		if e.Type == event.DecisionRecorded {
			var d event.Said
			if err := e.Decode(&d); err != nil {
				return err
			}
			count[d.Text]++
		}
		return nil
	})
	if err != nil || rep.Break != nil || rep.Torn != nil {
		b.Fatalf("%s: break %v, torn %v, %v", nodes[0].node.Path(), rep.Break, rep.Torn, err)
	}
	for j, ok := range acked {
		if n := count[decisionText(j)]; ok && n != 1 || n > 1 {
			b.Errorf("decision %d (acknowledged %v) is in the session file %d times", j, ok, n)
		}
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// roomsCPU is the CPU time the nodes' room processes have used, from
// /proc (0 where it does not say).
func roomsCPU(nodes []*clusterNode) time.Duration {
	var total time.Duration
	for _, s := range nodes {
		total += s.room.cpu()
	}
	return total
}

// cpu is the CPU time the room's process has used, user and system, from
// /proc (0 where it does not say).
func (r *room) cpu() time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", r.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// The fields after the command's name (which is in parentheses):
	// utime and stime are the 12th and 13th, in clock ticks.
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ
}

// firstOf returns up to n of m's entries, by key, for a log.
func firstOf(m map[string][]int, n int) map[string][]int {
	keys := slices.Sorted(maps.Keys(m))
	out := map[string][]int{}
	for _, k := range keys[:min(n, len(keys))] {
		out[k] = m[k]
	}
	return out
}

// gates returns the time the nodes' seats held their drawing gates, and
// how many the gates let draw at once, all together (one shared gate
// counted once).
func gates(nodes []*clusterNode) (held time.Duration, limit int) {
	seen := map[*paint.Gate]bool{}
	for _, s := range nodes {
		if g := s.srv.gate; !seen[g] {
			seen[g] = true
			held, limit = held+g.Held(), limit+g.Limit()
		}
	}
	return held, limit
}

// reportGate adds the time seats held the drawing gate (gate-held-s) and
// that against what the gate could give in the wall time (gate-busy: 1
// is every turn held all the time, the seats' drawing as much as the
// cores it may use can do).
func reportGate(b *testing.B, held, wall time.Duration, limit int) {
	b.ReportMetric(held.Seconds(), "gate-held-s")
	b.ReportMetric(held.Seconds()/wall.Seconds()/float64(max(limit, 1)), "gate-busy")
}

// loadAvg is the machine's load (1, 5, 15 minutes), from /proc.
func loadAvg() string {
	data, _ := os.ReadFile("/proc/loadavg")
	return strings.Join(strings.Fields(string(data))[:min(3, len(strings.Fields(string(data))))], " ")
}
