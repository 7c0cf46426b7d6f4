package seat

import (
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/ui/internal/draw"
)

// A seat's frames are put on its terminal by a painter, not by bubbletea's
// renderer. That renderer compares a copy of the whole last frame with the
// current one sixty times a second, changed or not: with two hundred seats
// open that copy was more than half of everything the server allocated,
// and the collections it caused made the facilitator's console miss
// frames. The painter does nothing while nothing changes, draws at most
// once a frame, and sends only the lines that changed.

// seatWork lets at most all cores but one draw and paint seats at once.
// A decision wakes every seat that shows it (ninety of two hundred in a
// large room) at the same instant; without a limit they queue ahead of the
// facilitator's console for every core, and it misses frames while their
// work is done. With it the console always finds a core, and the seats
// share the rest: each draw is a fraction of a millisecond. A seat drawing
// what its own person just typed goes ahead of seats drawing news.
var seatWork = newGate(max(1, runtime.GOMAXPROCS(0)-1))

// gate lets n holders in at once; those waiting with urgent set are let in
// before the others, each kind in the order it came.
type gate struct {
	mu           sync.Mutex
	free         int
	urgent, rest []chan struct{}
}

func newGate(n int) *gate { return &gate{free: n} }

// enter waits for a turn; the func it returns ends the turn.
func (g *gate) enter(urgent bool) func() {
	g.mu.Lock()
	if g.free > 0 {
		g.free--
		g.mu.Unlock()
		return g.leave
	}
	turn := make(chan struct{})
	if urgent {
		g.urgent = append(g.urgent, turn)
	} else {
		g.rest = append(g.rest, turn)
	}
	g.mu.Unlock()
	<-turn
	return g.leave
}

// leave hands the turn to the next waiter, urgent ones first.
func (g *gate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case len(g.urgent) > 0:
		close(g.urgent[0])
		g.urgent = g.urgent[1:]
	case len(g.rest) > 0:
		close(g.rest[0])
		g.rest = g.rest[1:]
	default:
		g.free++
	}
}

// frameTime is the shortest time between two paints: bubbletea's 60 a
// second.
const frameTime = time.Second / 60

// Terminal sequences the painter writes.
const (
	enterScreen = "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[2J" // alternate screen, cursor hidden, bracketed paste, cleared
	leaveScreen = "\x1b[?2004l\x1b[?25h\x1b[?1049l"
	eraseLine   = "\x1b[K"
	eraseScreen = "\x1b[2J"
)

// painter keeps one seat's terminal showing its latest frame.
type painter struct {
	out  io.Writer
	wake chan struct{}
	quit chan struct{}
	done chan struct{}

	mu      sync.Mutex
	frame   string // the frame to show
	width   int    // the terminal's columns and rows, 0 until known
	height  int
	clear   bool // the screen must be cleared first (new size)
	pending bool // frame or size changed since the last paint
	urgent  bool // the pending frame answers the seat's own keys

	// Owned by the paint goroutine.
	shown []string // the lines on screen
	lines []string // room for the next frame's lines
	buf   []byte
	last  time.Time
	timer *time.Timer // waits out the rest of a frame
}

// newPainter starts painting on out: the alternate screen is entered with
// the first frame, and left by stop.
func newPainter(out io.Writer) *painter {
	p := &painter{out: out, wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

// set makes frame the one to show; urgent if it answers the seat's own
// keys. The seat hands over the same string while nothing changed, which
// costs a pointer comparison here.
func (p *painter) set(frame string, urgent bool) {
	p.mu.Lock()
	if frame == p.frame {
		p.mu.Unlock()
		return
	}
	p.frame, p.pending = frame, true
	p.urgent = p.urgent || urgent
	p.mu.Unlock()
	p.poke()
}

// resize tells the painter the terminal's size; the next paint clears the
// screen and draws every line.
func (p *painter) resize(width, height int) {
	p.mu.Lock()
	p.width, p.height, p.clear, p.pending, p.urgent = width, height, true, true, true
	p.mu.Unlock()
	p.poke()
}

func (p *painter) poke() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// stop paints nothing more and gives the terminal back as it was.
func (p *painter) stop() {
	select {
	case <-p.quit:
	default:
		close(p.quit)
	}
	<-p.done
}

func (p *painter) run() {
	defer close(p.done)
	entered := false
	defer func() {
		if entered {
			io.WriteString(p.out, leaveScreen)
		}
	}()
	for {
		select {
		case <-p.quit:
			return
		case <-p.wake:
		}
		if wait := frameTime - time.Since(p.last); wait > 0 {
			if p.timer == nil {
				p.timer = time.NewTimer(wait)
			} else {
				p.timer.Reset(wait)
			}
			select {
			case <-p.quit:
				p.timer.Stop()
				return
			case <-p.timer.C:
			}
		}
		p.mu.Lock()
		frame, width, height, clear, pending, urgent := p.frame, p.width, p.height, p.clear, p.pending, p.urgent
		p.clear, p.pending, p.urgent = false, false, false
		p.mu.Unlock()
		if !pending {
			continue
		}
		p.last = time.Now()
		if !entered {
			// Only once there is something to show: a connection without
			// a terminal is refused before it gets a frame.
			if _, err := io.WriteString(p.out, enterScreen); err != nil {
				return
			}
			entered = true
		}
		// The lines are found in turn with the other seats; the writing
		// is not, since a terminal that stops reading holds its write
		// until the connection drops, and must hold up no one else.
		done := seatWork.enter(urgent)
		b := p.paint(frame, width, height, clear)
		done()
		if len(b) == 0 {
			continue
		}
		if _, err := p.out.Write(b); err != nil {
			return // the connection is gone
		}
	}
}

// paint returns what to write for the lines of frame that differ from
// what is on screen.
func (p *painter) paint(frame string, width, height int, clear bool) []byte {
	lines := p.lines[:0]
	for l := range strings.SplitSeq(frame, "\n") {
		lines = append(lines, l)
	}
	if height > 0 && len(lines) > height {
		lines = lines[:height]
	}
	b := p.buf[:0]
	if clear {
		b = append(b, eraseScreen...)
		p.shown = p.shown[:0]
	}
	for i, line := range lines {
		if i < len(p.shown) && p.shown[i] == line {
			continue
		}
		b = moveTo(b, i)
		b = append(b, line...)
		// A line as wide as the terminal leaves the cursor on its last
		// cell, which erasing would blank.
		if width == 0 || draw.Width(line) < width {
			b = append(b, eraseLine...)
		}
	}
	for i := len(lines); i < len(p.shown); i++ {
		b = moveTo(b, i)
		b = append(b, eraseLine...)
	}
	p.shown, p.lines, p.buf = lines, p.shown, b
	return b
}

// moveTo appends the sequence that puts the cursor at the start of row i
// (from 0).
func moveTo(b []byte, i int) []byte {
	b = append(b, "\x1b["...)
	b = strconv.AppendInt(b, int64(i+1), 10)
	return append(b, ";1H"...)
}

// painted is a seat whose frames the painter shows; bubbletea runs it
// without a renderer of its own.
type painted struct {
	*Model
	p *painter
	// keyed is set by a key or a resize and cleared by the View after it
	// (both run on the seat's program goroutine): that frame is urgent.
	keyed bool
	// size bounds the terminal sizes the seat takes, and how often.
	size sizer
}

// Update passes the terminal's size, once the seat takes it, to the
// painter too.
func (s *painted) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		size, now, cmd := s.size.offer(m)
		if !now {
			return s, cmd
		}
		msg = size
	case resizeDueMsg:
		msg = s.size.due()
	case tea.KeyMsg:
		s.keyed = true
	}
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		s.p.resize(size.Width, size.Height)
		s.keyed = true
	}
	_, cmd := s.Model.Update(msg)
	return s, cmd
}

// View hands the frame to the painter; bubbletea draws nothing.
func (s *painted) View() string {
	urgent := s.keyed
	s.keyed = false
	done := seatWork.enter(urgent)
	frame := s.Model.View()
	done()
	s.p.set(frame, urgent)
	return ""
}
