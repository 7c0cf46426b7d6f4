package paint

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// term is a terminal a painter writes to: each write kept, in order.
type term struct{ writes chan string }

func newTerm() *term { return &term{writes: make(chan string, 4096)} }

func (t *term) Write(p []byte) (int, error) {
	t.writes <- string(p)
	return len(p), nil
}

// take returns what was written since the last take.
func (t *term) take() string {
	var b strings.Builder
	for {
		select {
		case w := <-t.writes:
			b.WriteString(w)
		default:
			return b.String()
		}
	}
}

// settle waits until want has been written, and a few frames more for
// anything else the painter would send, and returns what was written.
func (t *term) settle(want string) string {
	var got strings.Builder
	deadline := time.After(5 * time.Second)
	for !strings.Contains(got.String(), want) {
		select {
		case w := <-t.writes:
			got.WriteString(w)
		case <-deadline:
			return got.String()
		}
	}
	time.Sleep(3 * frameTime)
	got.WriteString(t.take())
	return got.String()
}

// TestPainterSendsOnlyWhatChanged: the painter enters the alternate screen
// with the first frame, then sends the lines that changed and nothing
// while nothing changes, clears and redraws everything after a resize,
// never blanks the last cell of a full-width line, and gives the terminal
// back when stopped.
func TestPainterSendsOnlyWhatChanged(t *testing.T) {
	term := newTerm()
	p := New(term, NewGate(1))
	p.Resize(5, 3)
	p.Set("aaaaa\nbb\ncc", News)
	got := term.settle("cc")
	if !strings.HasPrefix(got, enterScreen) {
		t.Fatalf("the first paint did not enter the alternate screen: %q", got)
	}
	if want := "\x1b[1;1Haaaaa\x1b[2;1Hbb\x1b[K\x1b[3;1Hcc\x1b[K"; !strings.HasSuffix(got, want) {
		t.Fatalf("first paint = %q, want it to end %q", got, want)
	}

	frame := "aaaaa\nbX\ncc"
	p.Set(frame, News)
	if got := term.settle("bX"); got != "\x1b[2;1HbX\x1b[K" {
		t.Fatalf("a one-line change sent %q", got)
	}
	for range 10 {
		p.Set(frame, News)
	}
	time.Sleep(5 * frameTime)
	if got := term.take(); got != "" {
		t.Fatalf("an unchanged frame sent %q", got)
	}

	p.Set("aaaaa", News)
	if got := term.settle("\x1b[3;1H\x1b[K"); got != "\x1b[2;1H\x1b[K\x1b[3;1H\x1b[K" {
		t.Fatalf("a shorter frame left old lines: sent %q", got)
	}

	p.Resize(6, 2)
	if got := term.settle("aaaaa"); got != eraseScreen+"\x1b[1;1Haaaaa\x1b[K" {
		t.Fatalf("after a resize the painter sent %q, want a clear and every line", got)
	}

	p.Stop()
	if got := term.take(); got != leaveScreen {
		t.Fatalf("stop sent %q, want the terminal given back", got)
	}
}

// TestPainterDrawsAtMostOnceAFrame: frames that come faster than the
// terminal's frame rate are not all sent; the last one is.
func TestPainterDrawsAtMostOnceAFrame(t *testing.T) {
	term := newTerm()
	p := New(term, NewGate(1))
	defer p.Stop()
	p.Resize(10, 1)
	start := time.Now()
	n := 0
	for time.Since(start) < 10*frameTime {
		n++
		p.Set("f"+strings.Repeat("x", n%7), News)
		time.Sleep(frameTime / 20)
	}
	p.Set("last", News)
	got := term.settle("last")
	paints := strings.Count(got, "\x1b[1;1H")
	if limit := int(time.Since(start)/frameTime) + 2; paints > limit || paints >= n {
		t.Fatalf("%d frames given in %v were painted %d times; at most %d", n, time.Since(start), paints, limit)
	}
}

// TestGateLetsUrgentTurnsFirst: with every turn taken, a seat answering
// its own keys is let in before seats that were waiting longer, and a
// seat catching up before seats with news, and no more than the gate's
// number are ever in at once.
func TestGateLetsUrgentTurnsFirst(t *testing.T) {
	g := NewGate(1)
	leave := g.Enter(News)
	var mu sync.Mutex
	var order []string
	in, most := 0, 0
	var wg sync.WaitGroup
	start := func(name string, kind Turn) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done := g.Enter(kind)
			mu.Lock()
			in++
			most = max(most, in)
			order = append(order, name)
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			in--
			mu.Unlock()
			done()
		}()
	}
	start("news 1", News)
	waitQueued(t, g, 1)
	start("catching up", CatchUp)
	waitQueued(t, g, 2)
	start("news 2", News)
	waitQueued(t, g, 3)
	start("typing", Typing)
	waitQueued(t, g, 4)
	start("keys", Keys)
	waitQueued(t, g, 5)
	leave()
	wg.Wait()
	if want := []string{"keys", "typing", "catching up", "news 1", "news 2"}; !slices.Equal(order, want) {
		t.Fatalf("turns went %v, want %v", order, want)
	}
	if most != 1 {
		t.Fatalf("%d were in at once through a gate of 1", most)
	}
	if g.free != 1 {
		t.Fatalf("the gate has %d turns free after all left, want 1", g.free)
	}
}

// TestSizerTakesTheLatest: sizes that come faster than ResizeEvery are
// taken once it has passed, the latest of them only, each clamped.
func TestSizerTakesTheLatest(t *testing.T) {
	now := time.Unix(0, 0)
	z := Sizer{now: func() time.Time { return now }}
	size, ok, cmd := z.Offer(tea.WindowSizeMsg{Width: 65000, Height: 65000})
	if !ok || cmd != nil || size != (tea.WindowSizeMsg{Width: MaxWidth, Height: MaxHeight}) {
		t.Fatalf("first size: %v %v %v", size, ok, cmd != nil)
	}
	now = now.Add(ResizeEvery / 10)
	if _, ok, cmd := z.Offer(tea.WindowSizeMsg{Width: 80, Height: 24}); ok || cmd == nil {
		t.Fatalf("a size right after the first is taken at once (%v) or never (%v)", ok, cmd == nil)
	}
	for i := range 100 {
		if _, ok, cmd := z.Offer(tea.WindowSizeMsg{Width: 90 + i, Height: 30}); ok || cmd != nil {
			t.Fatalf("size %d while waiting: taken %v, another wait %v", i, ok, cmd != nil)
		}
	}
	now = now.Add(ResizeEvery)
	if got := z.due(); got != (tea.WindowSizeMsg{Width: 189, Height: 30}) {
		t.Errorf("after the wait the seat takes %v, want the latest, 189x30", got)
	}
	now = now.Add(2 * ResizeEvery)
	if size, ok, _ := z.Offer(tea.WindowSizeMsg{Width: 100, Height: 40}); !ok || size.Width != 100 {
		t.Errorf("a size long after the last is not taken at once: %v %v", size, ok)
	}
}

// TestGateHeldSumsTheHoldersTime is the gate's account of the drawing
// done through it: each holder's time counted, two at once counted
// twice, a turn handed to a waiter counted on without a gap, and no
// time while nobody holds it.
func TestGateHeldSumsTheHoldersTime(t *testing.T) {
	g := NewGate(2)
	at := time.Unix(0, 0)
	g.now = func() time.Time { return at }
	step := func(d time.Duration) { at = at.Add(d) }

	a := g.Enter(News)
	step(10 * time.Millisecond) // one holder: 10 ms
	b := g.Enter(News)
	step(5 * time.Millisecond) // two: 10 ms more
	waited := make(chan func())
	go func() { waited <- g.Enter(Keys) }()
	waitQueued(t, g, 1)
	a() // handed to the waiter: still two
	c := <-waited
	step(5 * time.Millisecond) // two: 10 ms more
	b()
	c()
	step(time.Second) // nobody: nothing
	if got, want := g.Held(), 30*time.Millisecond; got != want {
		t.Fatalf("held %v, want %v", got, want)
	}
	if g.Limit() != 2 {
		t.Fatalf("limit %d, want 2", g.Limit())
	}
}

// TestTypingSeatDrawsInTheTypingTurn is the typist whose keys echoed
// seconds late in a room of a thousand: a new state reached their seat
// while every other seat queued to catch up, the seat's draw for it
// waited behind them all as news, and the keys typed meanwhile waited
// behind that draw in the seat's program. A seat whose person typed in
// the last typingFor draws everything in the typing turn, ahead of those
// catching up; once they stop, its news waits its turn again.
func TestTypingSeatDrawsInTheTypingTurn(t *testing.T) {
	for _, c := range []struct {
		name  string
		since time.Duration // from the last key to the new state
		first string
	}{
		{"typing", time.Second, "seat"},
		{"stopped typing", typingFor + time.Second, "catching up"},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := NewGate(1)
			term := newTerm()
			pt := New(term, g)
			defer pt.Stop()
			var mu sync.Mutex
			var order []string
			m := &pager{} // nothing to catch up on
			st := NewSeat(m, pt)
			at := time.Unix(1000, 0)
			st.now = func() time.Time { return at }
			st.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
			st.View() // the key's frame, painted before the room queues
			term.settle("state 0")
			at = at.Add(c.since)

			leave := g.Enter(News) // every turn taken
			var wg sync.WaitGroup
			wg.Go(func() {
				done := g.Enter(CatchUp)
				mu.Lock()
				order = append(order, "catching up")
				mu.Unlock()
				done()
			})
			waitQueued(t, g, 1)
			st.Update(newStateMsg{})
			m.drew = func(string) {
				mu.Lock()
				order = append(order, "seat")
				mu.Unlock()
			}
			wg.Go(func() { st.View() })
			waitQueued(t, g, 2)
			leave()
			wg.Wait()
			if len(order) != 2 || order[0] != c.first {
				t.Fatalf("turns went %v, want %q first", order, c.first)
			}
		})
	}
}

// waitQueued waits until n are waiting at g, no more and no fewer.
func waitQueued(t *testing.T, g *Gate, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		g.mu.Lock()
		got := 0
		for _, q := range g.waiting {
			got += len(q)
		}
		g.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("never %d waiting", n)
}
