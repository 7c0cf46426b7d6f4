package paint

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"ttx/ui/internal/draw"
)

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

// Painter keeps one seat's terminal showing its latest frame.
type Painter struct {
	out  io.Writer
	gate *Gate
	wake chan struct{}
	quit chan struct{}
	done chan struct{}

	mu      sync.Mutex
	frame   string // the frame to show
	width   int    // the terminal's columns and rows, 0 until known
	height  int
	clear   bool // the screen must be cleared first (new size)
	pending bool // frame or size changed since the last paint
	// turn is the turn the pending frame, and the pages before it, are
	// painted in at least (Set): Keys for one that answers the seat's
	// own keys, Typing for one of a seat whose person is typing.
	turn Turn
	// pages are frames to paint each in turn before frame, none replaced
	// by a later one: the screenfuls of what a seat catching up had never
	// shown (Page). frame is the last of them until another is Set.
	pages []page
	// Frames are numbered as they are set: set is the last one's number,
	// frameN frame's, painted the number of the last on screen, taking,
	// while a frame is being painted, the last number it was set under
	// (0 at other times), and want, when not 0, the one whose painting is
	// to be told on steps (AfterPaint).
	set, frameN, painted, taking, want uint64
	steps                              chan struct{}
	// takingPage is the number a page being painted was handed over
	// under (0 while a frame is): Resize gives it back.
	takingPage uint64

	// Owned by the paint goroutine.
	shown []string // the lines on screen
	lines []string // room for the next frame's lines
	buf   []byte
	last  time.Time
	timer *time.Timer // waits out the rest of a frame
}

// New starts painting on out, finding each frame's lines in turn with the
// other holders of gate: the alternate screen is entered with the first
// frame, and left by Stop.
func New(out io.Writer, gate *Gate) *Painter {
	p := &Painter{out: out, gate: gate, wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{}),
		steps: make(chan struct{}, 1)}
	go p.run()
	return p
}

// page is a frame that must be painted, and its number.
type page struct {
	frame string
	n     uint64
}

// Set makes frame the one to show once the pages before it are painted,
// in place of any frame set before it, painted in turn t at least (News
// for none: Keys if it answers the seat's own keys, Typing if its person
// is typing). It returns the frame's number (OnScreen). The seat hands over
// the same string while nothing changed, which costs a pointer comparison
// here.
func (p *Painter) Set(frame string, t Turn) uint64 {
	p.mu.Lock()
	p.set++
	n := p.set
	if frame == p.frame {
		switch {
		case p.pending:
			p.frameN = n
		case len(p.pages) > 0:
			p.pages[len(p.pages)-1].n = n // it is the last page
		case p.taking > 0:
			p.taking = n // on screen once that paint is written
		default:
			p.paintedUpTo(n) // on screen already
		}
		p.mu.Unlock()
		return n
	}
	p.frame, p.frameN, p.pending = frame, n, true
	p.turn = max(p.turn, t)
	p.mu.Unlock()
	p.poke()
	return n
}

// Page adds frame to the frames to paint each in turn, after those
// before it, and makes it the one to show; it returns its number. A seat
// with more to show than one frame holds hands over a screenful a page:
// each is on screen at least a frame, and the painter paints them as
// fast as the terminal's frame rate lets it, without the seat drawing
// between two.
func (p *Painter) Page(frame string) uint64 {
	p.mu.Lock()
	p.set++
	n := p.set
	p.pages = append(p.pages, page{frame: frame, n: n})
	p.frame, p.frameN, p.pending = frame, n, false // a frame set before is replaced by the page
	p.mu.Unlock()
	p.poke()
	return n
}

// AfterPaint asks to be told on Steps once frame n is on screen (written
// to the terminal), however long its painting waits for its turn. A step
// may also come for an earlier frame (one asked about before); the seat
// asks OnScreen which.
func (p *Painter) AfterPaint(n uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.want = n
	p.paintedUpTo(p.painted)
}

// OnScreen reports whether frame n (as Set numbered it), or a later one,
// has been written to the terminal.
func (p *Painter) OnScreen(n uint64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.painted >= n
}

// Steps is told once the frame AfterPaint named is on screen.
func (p *Painter) Steps() <-chan struct{} { return p.steps }

// paintedUpTo notes that frame n is on screen; p.mu is held.
func (p *Painter) paintedUpTo(n uint64) {
	p.painted = max(p.painted, n)
	if p.want > 0 && p.painted >= p.want {
		p.want = 0
		select {
		case p.steps <- struct{}{}:
		default:
		}
	}
}

// Resize tells the painter the terminal's size; the next paint clears the
// screen and draws every line. The pages not yet on screen are drawn for
// the size before, and a smaller terminal would cut off their last
// lines, where a seat's feed shows the oldest of what it catches up on:
// they are dropped, the one being painted counted with them, and Resize
// returns the number of the first (0 for none), for the seat to draw
// them again at the new size (Behind.Unsee).
func (p *Painter) Resize(width, height int) (dropped uint64) {
	p.mu.Lock()
	if len(p.pages) > 0 {
		dropped = p.pages[0].n
	}
	if p.takingPage > 0 {
		dropped = p.takingPage
	}
	p.pages = nil
	p.width, p.height, p.clear, p.pending, p.turn = width, height, true, true, Keys
	p.mu.Unlock()
	p.poke()
	return dropped
}

func (p *Painter) poke() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Stop paints nothing more and gives the terminal back as it was.
func (p *Painter) Stop() {
	select {
	case <-p.quit:
	default:
		close(p.quit)
	}
	<-p.done
}

func (p *Painter) run() {
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
		frame, width, height, clear, kind, ok := p.next()
		p.mu.Unlock()
		if !ok {
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
		done := p.gate.Enter(kind)
		b := p.paint(frame, width, height, clear)
		done()
		if len(b) > 0 {
			if _, err := p.out.Write(b); err != nil {
				return // the connection is gone
			}
		}
		p.mu.Lock()
		p.paintedUpTo(p.taking)
		p.taking, p.takingPage = 0, 0
		more := len(p.pages) > 0 || p.pending
		p.mu.Unlock()
		if more {
			p.poke()
		}
	}
}

// next takes the frame to paint next, the first page if there is one,
// with the terminal's size, whether to clear it and the kind of turn to
// paint it in; ok is false when there is nothing to paint. p.mu is held.
func (p *Painter) next() (frame string, width, height int, clear bool, kind Turn, ok bool) {
	switch {
	case len(p.pages) > 0:
		pg := p.pages[0]
		p.pages[0] = page{}
		p.pages = p.pages[1:]
		if len(p.pages) == 0 {
			p.pages = nil
		}
		frame, p.taking, p.takingPage, kind = pg.frame, pg.n, pg.n, CatchUp
	case p.pending:
		frame, p.taking, kind = p.frame, p.frameN, News
		p.pending = false
	default:
		return "", 0, 0, false, News, false
	}
	if p.turn > kind {
		// The pages before a frame that answers the person's keys go
		// first, as quickly as that frame.
		kind = p.turn
	}
	if len(p.pages) == 0 && !p.pending {
		p.turn = News
	}
	width, height, clear = p.width, p.height, p.clear
	p.clear = false
	return frame, width, height, clear, kind, true
}

// paint returns what to write for the lines of frame that differ from
// what is on screen.
func (p *Painter) paint(frame string, width, height int, clear bool) []byte {
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
		lw := 0
		if width > 0 {
			if lw = draw.Width(line); lw > width {
				// A page drawn for the size before a resize.
				line = draw.Truncate(line, width)
				lw = draw.Width(line)
			}
		}
		b = append(b, line...)
		// A line as wide as the terminal leaves the cursor on its last
		// cell, which erasing would blank.
		if width == 0 || lw < width {
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
