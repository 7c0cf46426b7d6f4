package paint

import (
	"cmp"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// pager is a seat with more to show than one frame holds, as a feed
// catching up is: its items two at a time from the first, moving on to
// the next two at Seen. Seen notes the items it is told are seen that
// are neither on the terminal nor bound to be (on a page the painter
// holds).
type pager struct {
	items   []string
	per     int // items a drawing shows: 2 when 0
	pos     int // the first item not yet seen
	drawnTo int // the end of the items the last View drew
	state   int // a new state or a tick changes the frame, not the items
	shown   func() string
	drew    func(frame string) // told of each frame View returns
	early   []string
}

// newStateMsg stands for a new state reaching the seat: it redraws it,
// with the same items on it.
type newStateMsg struct{}

func (p *pager) Init() tea.Cmd { return nil }

func (p *pager) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case newStateMsg:
		p.state++
	case tea.WindowSizeMsg:
		p.per = max(m.Height-1, 1) // a line for the state, the rest items
	}
	return p, nil
}

func (p *pager) View() string {
	p.drawnTo = min(p.pos+cmp.Or(p.per, 2), len(p.items))
	frame := fmt.Sprintf("state %d\n%s", p.state, strings.Join(p.items[p.pos:p.drawnTo], "\n"))
	if p.drew != nil {
		p.drew(frame)
	}
	return frame
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

// Marks changes when a drawing shows other items than the last.
func (p *pager) Marks() uint64 { return uint64(p.pos)<<32 | uint64(p.drawnTo) }

// SeenCount is how many items Seen has passed; Unsee goes back to n.
func (p *pager) SeenCount() uint64 { return uint64(p.pos) }

func (p *pager) Unsee(n uint64) { p.pos = min(p.pos, int(n)) }

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

// heldPainter returns a painter on a terminal whose writes the test lets
// through one by one, on a gate of its own; when the test ends, the
// painter is stopped with every write let through.
func heldPainter(t *testing.T) (*heldTerm, *Painter) {
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
	return term, pt
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

// TestSeatCatchesUpWithoutLosingAFrame is the room's lost decisions: a
// seat catching up (two decisions a screenful) was told its frame was on
// screen, and before it had drawn the next a new state redrew the same
// decisions and that frame was painted too, so the painter told it twice.
// The second telling made it move on again at once: the decisions of the
// frame it had just drawn were counted seen while no terminal had them,
// and the painter, given the next frame within the same sixtieth of a
// second, never painted them. Here every step the seat is told of comes
// after a new state has redrawn it, and every page must reach the
// terminal: the seat counts a screenful seen only once it is painted or
// held by the painter as a page, which is painted whatever comes after.
func TestSeatCatchesUpWithoutLosingAFrame(t *testing.T) {
	term, pt := heldPainter(t)
	var items []string
	for i := range 18 {
		items = append(items, fmt.Sprintf("Z%04d", i))
	}
	pg := &pager{items: items}
	// The frames by the number the painter gives them: the seat hands
	// each frame View returns to Set or Page, which numbers it next.
	frames := map[uint64]string{}
	pg.drew = func(frame string) {
		pt.mu.Lock()
		defer pt.mu.Unlock()
		frames[pt.set+1] = frame
	}
	pg.shown = func() string {
		pt.mu.Lock()
		defer pt.mu.Unlock()
		shown := term.all()
		if pt.taking != 0 {
			shown += frames[pt.taking] // taken, being painted or written
		}
		for _, p := range pt.pages {
			shown += p.frame
		}
		return shown
	}
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
	update := func(msg tea.Msg) {
		_, cmd := s.Update(msg)
		exec(cmd)
		s.View()
	}
	missing := func() (out []string) {
		for _, it := range items {
			if !strings.Contains(term.all(), it) {
				out = append(out, it)
			}
		}
		return out
	}
	idle := func() bool {
		pt.mu.Lock()
		defer pt.mu.Unlock()
		return len(pt.pages) == 0 && !pt.pending && pt.taking == 0
	}

	exec(s.Init())
	s.View()
	for len(missing()) > 0 && !(pg.pos == len(items) && idle()) {
		select {
		case msg := <-msgs:
			update(newStateMsg{}) // the state that came before the step
			update(msg)
		case w := <-term.writes:
			term.record(w)
		}
	}
	if len(pg.early) > 0 {
		t.Errorf("the seat counted %v seen while no terminal had them, nor its painter as a page", pg.early)
	}
	if m := missing(); len(m) > 0 {
		t.Errorf("%v never reached the terminal, which got %q", m, term.all())
	}
}

// TestSeatHandsOverADrawingThatMovedOnAsAPage: a seat waiting to hear
// that the first of its pages is on screen draws again for a new state,
// and its model shows other entries than the last page did (the
// evaluator's MSEL grew and the feed was laid out anew, with room for
// more). That drawing moved the model on, so it must be a page: set as
// a frame, the next page replaced it unpainted while Seen counted what it
// showed.
func TestSeatHandsOverADrawingThatMovedOnAsAPage(t *testing.T) {
	_, pt := heldPainter(t) // nothing is written until the test says
	var items []string
	for i := range 40 {
		items = append(items, fmt.Sprintf("Z%04d", i))
	}
	pg := &pager{items: items, shown: func() string { return "" }}
	s := NewSeat(pg, pt)
	s.View() // four pages handed over, waiting for the first
	// The pages handed over: queued, or taken to be written.
	pages := func() int {
		pt.mu.Lock()
		defer pt.mu.Unlock()
		n := len(pt.pages)
		if pt.takingPage != 0 {
			n++ // the painter took it and waits on the held terminal
		}
		return n
	}
	before := pages()
	if before == 0 || s.asked == 0 {
		t.Fatalf("the seat handed over %d pages and waits for %d", before, s.asked)
	}
	s.Update(newStateMsg{})
	s.View() // the same entries: a frame
	if got := pages(); got != before {
		t.Fatalf("a drawing of the same entries was handed over as a page (%d pages, were %d)", got, before)
	}
	pg.per = 3 // laid out anew: more fit
	s.Update(newStateMsg{})
	s.View()
	if got := pages(); got <= before {
		t.Fatalf("a drawing that showed other entries was not handed over as a page (%d pages, were %d)", got, before)
	}
}

// TestSeatShowsAgainWhatAResizeCutOff: a seat has handed its painter a
// turn's pages, drawn three lines high, when its terminal says it is two
// (the first size a seat takes comes at once). The painter cut each page still to paint to the new
// height, and the last line of each (where a feed shows the oldest of
// what it catches up on) was on no screen, though counted seen. Now the
// pages not yet on screen are dropped, what they showed is unseen again,
// and the seat shows it at the new size: every item reaches the terminal.
func TestSeatShowsAgainWhatAResizeCutOff(t *testing.T) {
	term, pt := heldPainter(t)
	var items []string
	for i := range 12 {
		items = append(items, fmt.Sprintf("Z%04d", i))
	}
	pg := &pager{items: items, shown: func() string { return "" }}
	s := NewSeat(pg, pt)
	s.View()    // four pages of two items (three lines), none on screen yet
	term.take() // the first: the screen entered
	term.take() // the first page's lines
	s.Update(tea.WindowSizeMsg{Width: 20, Height: 2})
	s.View()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		var missing []string
		for _, it := range items {
			if !strings.Contains(term.all(), it) {
				missing = append(missing, it)
			}
		}
		if len(missing) == 0 {
			return
		}
		select {
		case w := <-term.writes:
			term.record(w)
		case <-time.After(100 * time.Millisecond):
			// Nothing more to paint: the seat is told its page is on
			// screen, as its program would be, and draws the next.
			if s.asked != 0 && pt.OnScreen(s.asked) {
				s.Update(StepMsg{})
				s.View()
			} else if s.asked == 0 && pg.Behind() {
				s.View()
			}
			pt.mu.Lock()
			idle := len(pt.pages) == 0 && !pt.pending && pt.taking == 0
			pt.mu.Unlock()
			if pg.pos == len(items) && s.asked == 0 && idle {
				t.Fatalf("the seat caught up, but %v never reached the terminal, which got %q", missing, term.all())
			}
		}
	}
	t.Fatalf("not every item reached the terminal: %q", term.all())
}

// TestFrameSetAgainWhilePaintedIsOnScreenOnlyOnceWritten: a seat that
// draws the same frame again while the painter is still painting it
// (waiting for its turn or for the terminal) must not be told it is on
// screen before the paint is written: it would move on, and what it drew
// next could replace the frame before any terminal had it.
func TestFrameSetAgainWhilePaintedIsOnScreenOnlyOnceWritten(t *testing.T) {
	term, pt := heldPainter(t)
	pt.Set("Z0001", News)
	term.take() // the alternate screen: the frame is being painted
	pt.AfterPaint(pt.Set("Z0001", News))
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

// TestPageDrawnBeforeAResizeIsCutToTheTerminal: pages handed over before
// the terminal got narrower are still painted, each line cut to the
// terminal's width rather than wrapped onto the next row.
func TestPageDrawnBeforeAResizeIsCutToTheTerminal(t *testing.T) {
	term, pt := heldPainter(t)
	pt.Resize(5, 2)
	pt.Page("Z0001 hold\nZ0002")
	term.take() // the alternate screen
	w := term.take()
	if want := "\x1b[1;1HZ000…\x1b[2;1HZ0002"; !strings.Contains(w, want) {
		t.Fatalf("a line wider than the terminal was painted as %q, want it cut to 5 cells: %q", w, want)
	}
}
