package sshd

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/console"
	"ttx/ui/theme"
)

// frame is one frame at bubbletea's 60 frames a second: a program that
// takes longer than this over one message and its redraw misses a frame.
const frame = time.Second / 60

// BenchmarkRoomFrames is a national exercise's room at its busiest, for
// dropped frames: 200 seats connected over SSH (169 participants in three
// teams, 20 evaluators, 10 observers and one participant typing into the
// decision form throughout), the facilitator's console drawn on the same
// session, and decisions arriving for 10 seconds from participants,
// journaled as their seats journal them: 2 a second (a busy room) and 20
// (ten times that), the latter also in a session resumed after 100,000
// decisions (a national exercise's third day); and at 2 a second with 30
// more participants typing decisions of their own throughout, at 5 keys a
// second each. The 199 other seats' SSH clients run in a process of their
// own at a lower priority (see startRoom), standing in for the machines
// they are on in the room; the measured typist's client runs here. It
// reports:
//
//   - console: every message the facilitator's console handled, with its
//     redraw (Update and View, as bubbletea's loop runs them), and how
//     many took longer than a frame;
//   - fan-out: from a decision being saved to it being on the screen of
//     each seat that shows it (the team's participants, every evaluator
//     and observer, but not the room's typists, whose forms hide their
//     feeds), and how many decisions a seat never drew because
//     newer ones had pushed them out of its feed before it redrew (it
//     skipped the frames that would have shown them);
//   - echo: from a key pressed by the typing participant to it being on
//     their screen, and how many took longer than two frames (the renderer
//     draws at most once a frame, so one frame of wait is the norm).
//   - gc: how many times the collector ran, and the heap it let grow to.
//
// Run it with -benchtime 1x.
func BenchmarkRoomFrames(b *testing.B) {
	for _, c := range []struct{ rate, earlier, typists int }{{2, 0, 0}, {20, 0, 0}, {20, 100_000, 0}, {2, 0, 30}} {
		name := fmt.Sprintf("decisions-per-s=%d", c.rate)
		if c.earlier > 0 {
			name += fmt.Sprintf("/after-%dk", c.earlier/1000)
		}
		if c.typists > 0 {
			name += fmt.Sprintf("/typists=%d", c.typists)
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				roomFrames(b, roomShape{rate: c.rate, earlier: c.earlier, typists: c.typists,
					participants: roomParticipants, evaluators: roomEvaluators, observers: roomObservers})
			}
		})
	}
}

// BenchmarkSeatRoom is the room of a national exercise at its largest:
// 1,000 seats connected over SSH on loopback (869 participants in three
// teams, 90 evaluators, 40 observers, and the measured typist), of whom
// ten more participants type decisions of their own throughout, while
// decisions arrive at 20 a second with a burst of 100 at once every three
// seconds. Besides what BenchmarkRoomFrames reports it reports:
//
//   - confirm: from a decision being submitted to the session saying it
//     is saved (every timed decision, the bursts' included), and
//     save-ms: from the typist's ctrl+s to "record #" on their screen;
//   - rss-MB: the most memory the server's process held (VmHWM), which
//     holds the console, the measured typist's client and every seat;
//   - then everyone but the typist leaves at once (their connections
//     all dropped, as when a site's network fails): leave-s, until the
//     session shows them gone, and console-leave, the console's frames
//     meanwhile. The run's figures end as the room reports, before the
//     report is decoded here and before anyone leaves: the decoding and
//     the leaving used to land in them (a 73 ms console frame, traced,
//     behind a thousand seats closing).
//
// Run it with -benchtime 1x; it takes about a minute.
func BenchmarkSeatRoom(b *testing.B) {
	for range b.N {
		roomFrames(b, roomShape{rate: 20, burst: 100, burstEvery: 3, typists: 10,
			participants: 869, evaluators: 90, observers: 40})
	}
}

// roomShape is who is in a room and what they do.
type roomShape struct {
	rate, earlier, typists              int
	participants, evaluators, observers int
	// burst decisions are submitted at once every burstEvery seconds, on
	// top of rate a second; none when 0.
	burst, burstEvery int
}

// Who is in the room.
const (
	roomParticipants = 169
	roomEvaluators   = 20
	roomObservers    = 10
	roomSeconds      = 10
	// typistKeys is how fast the room's typists type: a quick typist,
	// keeping it up.
	typistKeys = 5
)

func roomFrames(b *testing.B, shape roomShape) {
	rate, earlier, typists := shape.rate, shape.earlier, shape.typists
	roomDecisions := rate * roomSeconds
	if shape.burst > 0 {
		roomDecisions += shape.burst * ((roomSeconds - 1) / shape.burstEvery)
	}
	teams := []string{"police", "fire", "transport"}
	var people []person
	for i := range shape.participants {
		people = append(people, newPerson(b, fmt.Sprintf("Player %03d", i), teams[i%len(teams)], scenario.RoleParticipant))
	}
	for i := range shape.evaluators {
		people = append(people, newPerson(b, fmt.Sprintf("Evaluator %02d", i), "", scenario.RoleEvaluator))
	}
	for i := range shape.observers {
		people = append(people, newPerson(b, fmt.Sprintf("Observer %02d", i), "", scenario.RoleObserver))
	}
	typist := newPerson(b, "Typist", "police", scenario.RoleParticipant)
	roster := []scenario.Person{typist.Person}
	for _, p := range people {
		roster = append(roster, p.Person)
	}
	sess, srv, _ := serveDemoAfter(b, ServerOptions{SubmitEvery: time.Nanosecond, SubmitBurst: 1 << 20}, earlier, roster...)

	// The facilitator's console, run by bubbletea as in ttx serve.
	con := &timed{Model: console.New(sess, console.Options{Facilitator: session.Facilitator("ana"),
		ViewOptions: theme.ViewOptions{Location: time.UTC}})}
	prog := tea.NewProgram(con, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
	go prog.Run()
	defer prog.Kill()
	prog.Send(tea.WindowSizeMsg{Width: 160, Height: 48})

	// Everyone joins, from the room process.
	rm := startRoom(b, srv.Addr().String(), people, typists)
	te := &expecter{}
	tsc, err := dialTo(b, srv.Addr().String(), typist, te)
	if err != nil {
		b.Fatal(err)
	}
	te.screen = tsc
	te.waitFor("Typist")
	con.reset()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	gcs := mem.NumGC
	cpu0, rooms0, wall0, held0 := cpuTime(), rm.cpu(), time.Now(), srv.gate.Held()
	b.ResetTimer()

	// The typist types throughout, saving every 20 keys.
	stop := make(chan struct{})
	var echoes, saves []time.Duration
	typed := make(chan struct{})
	go func() {
		defer close(typed)
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := te.send("d", "Record a decision"); err != nil {
				b.Error(err)
				return
			}
			// No spaces: the renderer does not draw trailing ones.
			text := fmt.Sprintf("w%03dw%03dw%03dw%03dw%03d", n, n+1, n+2, n+3, n+4)
			if err := te.send("\t"+text[:4], text[:4]); err != nil { // to the text field
				b.Error(err)
				return
			}
			for i := 4; i < len(text); i++ {
				t0 := time.Now()
				if err := te.send(text[i:i+1], text[i-3:i+1]); err != nil {
					b.Error(err)
					return
				}
				echoes = append(echoes, time.Since(t0))
			}
			t0 := time.Now()
			if err := te.send("\x13", "record #"); err != nil {
				b.Error(err)
				return
			}
			saves = append(saves, time.Since(t0))
		}
	}()

	// Decisions arrive at rate a second from participants, and in bursts
	// of shape.burst at once every shape.burstEvery seconds.
	saved := make([]time.Time, roomDecisions)
	team := make([]string, roomDecisions)
	confirm := make([]time.Duration, roomDecisions)
	decide := func(j int) {
		p := people[(j*7)%shape.participants]
		team[j] = p.Team
		a := session.Actor{Role: p.Role, Name: p.Name, Team: p.Team}
		t0 := time.Now()
		if _, err := sess.Do(a, session.RecordDecision{Team: p.Team, Text: fmt.Sprintf("Z%04d hold the cordon at 100 m.", j)}); err != nil {
			b.Error(err)
		}
		saved[j] = time.Now()
		confirm[j] = saved[j].Sub(t0)
	}
	tick := time.NewTicker(time.Second / time.Duration(rate))
	for j, n := 0, 0; j < roomDecisions; n++ {
		<-tick.C
		if shape.burst > 0 && n > 0 && n%(rate*shape.burstEvery) == 0 {
			var wg sync.WaitGroup
			for k := j; k < j+shape.burst; k++ {
				wg.Go(func() { decide(k) })
			}
			wg.Wait()
			j += shape.burst
			continue
		}
		decide(j)
		j++
	}
	tick.Stop()
	close(stop)
	<-typed

	// Wait until every seat shows every decision it should.
	var cpu, rooms, wall, held time.Duration
	var frames []time.Duration
	var slow []string
	seen := rm.finish(b, team, time.Now().Add(30*time.Second), func() {
		cpu, rooms, wall, held = cpuTime()-cpu0, rm.cpu()-rooms0, time.Since(wall0), srv.gate.Held()-held0
		frames, slow = con.times(), con.slowest()
	})

	// Then the whole room but the typist leaves at once, timed apart: a
	// thousand seats closing and a Leave recorded for each.
	con.reset()
	left := time.Now()
	rm.leave(b)
	for gone := time.Now().Add(30 * time.Second); srv.open() > 1 || len(sess.State().Seats) > 1; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(gone) {
			b.Fatalf("%d seats still open 30 s after the room left", srv.open()-1)
		}
	}
	leaving, slowLeaving, leave := con.times(), con.slowest(), time.Since(left)
	var fan []time.Duration
	missing := 0
	missedBy := map[string]int{}
	for i, p := range people {
		if i < typists {
			continue // behind their form
		}
		for j := range roomDecisions {
			if saved[j].IsZero() {
				continue // not saved
			}
			if p.Role == scenario.RoleParticipant && p.Team != team[j] {
				continue
			}
			if seen.Seen[i][j] == 0 {
				missing++
				missedBy[p.Role]++
				continue
			}
			fan = append(fan, time.Unix(0, seen.Seen[i][j]).Sub(saved[j]))
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&mem)
	b.ReportMetric(float64(mem.NumGC-gcs), "gc-cycles")
	b.ReportMetric(float64(mem.NextGC>>20), "heap-goal-MB")
	b.ReportMetric(float64(missing), "fanout-skipped")
	// Everything decided in the run: the timed decisions and what the
	// typists saved.
	b.ReportMetric(float64(sess.State().Decisions.Len()-earlier), "decisions")
	if missing > 0 {
		b.Logf("decisions never drawn on a seat that shows them, by role: %v", missedBy)
	}
	report(b, "console", frames, frame)
	if len(slow) > 0 {
		b.Logf("console frames over %v: %v", frame, slow)
	}
	b.ReportMetric(leave.Seconds(), "leave-s")
	report(b, "console-leave", leaving, frame)
	if len(slowLeaving) > 0 {
		b.Logf("console frames over %v while the room left: %v", frame, slowLeaving)
	}
	report(b, "fanout", fan, 0)
	report(b, "echo", echoes, 2*frame)
	if shape.burst > 0 {
		report(b, "confirm", confirm, 0)
		report(b, "save", saves, 0)
		b.ReportMetric(float64(peakRSS())/(1<<20), "rss-MB")
		b.ReportMetric(cpu.Seconds(), "server-cpu-s")
		b.ReportMetric(rooms.Seconds(), "clients-cpu-s")
		b.ReportMetric(wall.Seconds(), "wall-s")
		reportGate(b, held, wall, srv.gate.Limit())
	}
}

// peakRSS is the most memory this process has held (VmHWM), in bytes; 0
// where /proc does not say.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// report adds the median, 99th percentile and maximum of ds, in ms, and
// how many exceed over (when over > 0).
func report(b *testing.B, name string, ds []time.Duration, over time.Duration) {
	if len(ds) == 0 {
		b.Errorf("no %s measured", name)
		return
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(float64(len(ds)), name+"-n")
	b.ReportMetric(ms(ds[len(ds)/2]), name+"-p50-ms")
	b.ReportMetric(ms(ds[len(ds)*99/100]), name+"-p99-ms")
	b.ReportMetric(ms(ds[len(ds)-1]), name+"-max-ms")
	if over > 0 {
		late := 0
		for _, d := range ds {
			if d > over {
				late++
			}
		}
		b.ReportMetric(float64(late), name+"-over-"+fmt.Sprint(over.Milliseconds())+"ms")
	}
}

// timed measures each message a model handles and the redraw after it.
type timed struct {
	tea.Model
	mu    sync.Mutex
	start time.Time
	took  []time.Duration
	// msg is the kind of message the frame being timed answers, and
	// slow the frames over a frame's time, by kind and length.
	msg  string
	slow []string
}

func (t *timed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	t.mu.Lock()
	t.start, t.msg = time.Now(), fmt.Sprintf("%T", msg)
	t.mu.Unlock()
	m, cmd := t.Model.Update(msg)
	t.Model = m
	return t, cmd
}

func (t *timed) View() string {
	v := t.Model.View()
	t.mu.Lock()
	if !t.start.IsZero() {
		d := time.Since(t.start)
		t.took = append(t.took, d)
		if d > frame {
			t.slow = append(t.slow, fmt.Sprintf("%.1f ms after a %s", float64(d)/1e6, t.msg))
		}
		t.start = time.Time{}
	}
	t.mu.Unlock()
	return v
}

func (t *timed) reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.took, t.slow = nil, nil
}

// slowest returns the frames over a frame's time, each with the kind of
// message it answered.
func (t *timed) slowest() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.slow)
}

func (t *timed) times() []time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.took)
}
