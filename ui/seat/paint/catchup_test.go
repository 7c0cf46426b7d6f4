package paint

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// pager is a seat with more to show than one frame holds, as a feed
// catching up is: its items two at a time from the first, moving on to
// the next two at Seen. Seen notes the items it is told are seen that
// the terminal has not shown.
type pager struct {
	items   []string
	pos     int // the first item not yet seen
	drawnTo int // the end of the items the last View drew
	state   int // a new state or a tick changes the frame, not the items
	shown   func() string
	early   []string
}

// newStateMsg stands for a new state reaching the seat: it redraws it,
// with the same items on it.
type newStateMsg struct{}

func (p *pager) Init() tea.Cmd { return nil }

func (p *pager) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(newStateMsg); ok {
		p.state++
	}
	return p, nil
}

func (p *pager) View() string {
	p.drawnTo = min(p.pos+2, len(p.items))
	return fmt.Sprintf("state %d\n%s", p.state, strings.Join(p.items[p.pos:p.drawnTo], "\n"))
}

func (p *pager) Behind() bool { return p.pos < len(p.items) }

func (p *pager) Seen() {
	shown := p.shown()
	for _, it := range p.items[p.pos:p.drawnTo] {
		if !strings.Contains(shown, it) {
			p.early = append(p.early, it)
		}
	}
	p.pos = p.drawnTo
}

func (p *pager) SetCatchUp(bool) {}

// heldTerm is a terminal whose every write waits until the test takes it:
// the test decides when each paint is on screen.
type heldTerm struct {
	writes chan string
	mu     sync.Mutex
	shown  strings.Builder
}

func (t *heldTerm) Write(b []byte) (int, error) {
	t.writes <- string(b)
	return len(b), nil
}

// take lets one write through and returns it.
func (t *heldTerm) take() string {
	w := <-t.writes
	t.record(w)
	return w
}

func (t *heldTerm) record(w string) {
	t.mu.Lock()
	t.shown.WriteString(w)
	t.mu.Unlock()
}

func (t *heldTerm) all() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.shown.String()
}

// TestSeatMovesOnOnlyOnceItsFrameIsOnScreen is the room's lost
// decisions: a seat catching up (two new decisions a frame) is told its
// frame is on screen, and before it has drawn the next, a new state
// redraws the same decisions and that frame is painted too, so the
// painter is told twice. The second telling, for a frame drawn before the
// seat moved on, made it move on again at once: the decisions of the
// frame it had just drawn were counted seen while no terminal had them,
// and the painter, given the next frame within the same sixtieth of a
// second, never painted them. A seat must move on only once the frame it
// drew is on screen, however late or often it is told of earlier ones;
// and a frame set again while it is being painted is on screen only once
// that paint is written.
func TestSeatMovesOnOnlyOnceItsFrameIsOnScreen(t *testing.T) {
	term := &heldTerm{writes: make(chan string)}
	pg := &pager{items: []string{"Z0001", "Z0002", "Z0003", "Z0004", "Z0005", "Z0006"}, shown: term.all}
	pt := New(term, NewGate(1))
	s := NewSeat(pg, pt)
	msgs := make(chan tea.Msg, 16)
	var exec func(tea.Cmd)
	exec = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		go func() {
			switch msg := cmd().(type) {
			case nil:
			case tea.BatchMsg:
				for _, c := range msg {
					exec(c)
				}
			default:
				msgs <- msg
			}
		}()
	}
	stopped := make(chan struct{})
	t.Cleanup(func() {
		go func() {
			for {
				select {
				case <-term.writes:
				case <-stopped:
					return
				}
			}
		}()
		pt.Stop()
		close(stopped)
	})
	update := func(msg tea.Msg) {
		_, cmd := s.Update(msg)
		exec(cmd)
		s.View()
	}
	painted := func(n uint64) {
		for {
			pt.mu.Lock()
			done := pt.painted >= n
			pt.mu.Unlock()
			if done {
				return
			}
			runtime.Gosched()
		}
	}

	exec(s.Init())
	s.View() // Z0001 and Z0002
	term.take()
	if w := term.take(); !strings.Contains(w, "Z0002") {
		t.Fatalf("the first paint is %q", w)
	}
	first := <-msgs // that frame is on screen
	update(newStateMsg{})
	if w := term.take(); !strings.Contains(w, "state 1") {
		t.Fatalf("the second paint is %q", w)
	}
	painted(2)
	update(first) // Z0003 and Z0004 drawn, not yet painted
	// Whatever the seat is told now, Z0003 is not on any screen.
	for pg.pos < len(pg.items) {
		select {
		case msg := <-msgs:
			update(msg)
		case w := <-term.writes:
			term.record(w)
		}
	}
	if len(pg.early) > 0 {
		t.Errorf("the seat counted %v seen before its terminal showed them", pg.early)
	}
	for _, it := range pg.items {
		if !strings.Contains(term.all(), it) {
			t.Errorf("%s was never on screen; the terminal got %q", it, term.all())
		}
	}
}

// TestFrameSetAgainWhilePaintedIsOnScreenOnlyOnceWritten: a seat that
// draws the same frame again while the painter is still painting it
// (waiting for its turn or for the terminal) must not be told it is on
// screen before the paint is written: it would move on, and what it drew
// next could replace the frame before any terminal had it.
func TestFrameSetAgainWhilePaintedIsOnScreenOnlyOnceWritten(t *testing.T) {
	term := &heldTerm{writes: make(chan string)}
	pt := New(term, NewGate(1))
	stopped := make(chan struct{})
	t.Cleanup(func() {
		go func() {
			for {
				select {
				case <-term.writes:
				case <-stopped:
					return
				}
			}
		}()
		pt.Stop()
		close(stopped)
	})
	pt.Set("Z0001", false)
	term.take() // the alternate screen: the frame is being painted
	pt.Set("Z0001", false)
	pt.AfterPaint()
	select {
	case <-pt.Steps():
		t.Fatal("told the frame is on screen while its paint waits for the terminal")
	default:
	}
	if w := term.take(); !strings.Contains(w, "Z0001") {
		t.Fatalf("the paint is %q", w)
	}
	<-pt.Steps()
}
