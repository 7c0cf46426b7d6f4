package paint

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"

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
	urgent  bool // the pending frame answers the seat's own keys
	// catching: the pending frame shows what the seat had never shown
	// (AfterPaint asks about it)
	catching bool
	// Frames are numbered as they are set: set is the last one's number,
	// painted the number of the last on screen, taking, while a frame is
	// being painted, the last number it was set under (0 at other times),
	// and want, when not 0, the one whose painting is to be told on steps
	// (AfterPaint).
	set, painted, taking, want uint64
	steps                      chan struct{}

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

// Set makes frame the one to show; urgent if it answers the seat's own
// keys. It returns the frame's number (OnScreen). The seat hands over the
// same string while nothing changed, which costs a pointer comparison
// here.
func (p *Painter) Set(frame string, urgent bool) uint64 {
	p.mu.Lock()
	p.set++
	n := p.set
	if frame == p.frame {
		switch {
		case p.pending:
		case p.taking > 0:
			p.taking = n // on screen once that paint is written
		default:
			p.paintedUpTo(n) // on screen already
		}
		p.mu.Unlock()
		return n
	}
	p.frame, p.pending = frame, true
	p.urgent = p.urgent || urgent
	p.mu.Unlock()
	p.poke()
	return n
}

// AfterPaint asks to be told on Steps once the frame last set is on
// screen (written to the terminal): a seat with more to show than one
// frame holds shows it a frame at a time, each only once the last has
// been seen, however long the painting waited for its turn. A step may
// also come for an earlier frame (one asked about before); the seat asks
// OnScreen which.
func (p *Painter) AfterPaint() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.want = p.set
	p.catching = p.catching || p.pending
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
// screen and draws every line.
func (p *Painter) Resize(width, height int) {
	p.mu.Lock()
	p.width, p.height, p.clear, p.pending, p.urgent = width, height, true, true, true
	p.mu.Unlock()
	p.poke()
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
		frame, width, height, clear, pending := p.frame, p.width, p.height, p.clear, p.pending
		kind := News
		switch {
		case p.urgent:
			kind = Keys
		case p.catching:
			kind = CatchUp
		}
		p.clear, p.pending, p.urgent, p.catching = false, false, false, false
		if pending {
			p.taking = p.set
		}
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
		p.taking = 0
		p.mu.Unlock()
	}
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

// Seat is a seat's model whose frames a Painter shows; bubbletea runs it
// without a renderer of its own (tea.WithoutRenderer).
type Seat struct {
	m tea.Model
	p *Painter
	// keyed is set by a key or a resize and cleared by the View after it
	// (both run on the seat's program goroutine): that frame is urgent.
	keyed bool
	// asked is the number of the last frame that showed what the model
	// had never shown (Behind), until it is on screen; 0 for none.
	// stepped is set when it is, and cleared by the View after: that
	// frame is the next screenful of a catch-up.
	asked   uint64
	stepped bool
	// size bounds the terminal sizes the seat takes, and how often.
	size Sizer
}

// NewSeat returns m painted by p.
func NewSeat(m tea.Model, p *Painter) *Seat {
	if b, ok := m.(Behind); ok {
		b.SetCatchUp(true) // the painter says what is on screen
	}
	return &Seat{m: m, p: p}
}

// StepMsg tells a seat that the frame it asked to see painted (its model
// was Behind) is on screen, and that it should draw the next.
type StepMsg struct{}

// Behind is a model whose last frame showed what it had never shown (a
// feed catching up on entries that arrived together). Once that frame is
// on screen, its seat calls Seen and has it draw again. Behind is asked
// after each View; NewSeat calls SetCatchUp(true).
type Behind interface {
	Behind() bool
	Seen()
	SetCatchUp(on bool)
}

// Unchanged is a model that can tell that its View would return the
// frame it last returned, drawing nothing: its seat then takes no turn at
// the gate for it. bubbletea asks for a View after every message, and in
// a room most messages change nothing a seat shows (a decision of
// another team reaches every participant's seat); a turn for each kept
// a thousand seats queueing at the gate for nothing, and the seats with
// something to draw waited behind them.
type Unchanged interface {
	Unchanged() bool
}

// Init is the model's, and waits for the painter's steps.
func (s *Seat) Init() tea.Cmd { return tea.Batch(s.m.Init(), s.step) }

// step waits until the frame a Behind model asked for is on screen.
func (s *Seat) step() tea.Msg {
	select {
	case <-s.p.Steps():
		return StepMsg{}
	case <-s.p.done:
		return nil
	}
}

// Update passes the terminal's size, once the seat takes it, to the
// painter too.
func (s *Seat) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		size, now, cmd := s.size.Offer(m)
		if !now {
			return s, cmd
		}
		msg = size
	case resizeDueMsg:
		msg = s.size.due()
	case tea.KeyMsg:
		s.keyed = true
	case StepMsg:
		// A step may tell of a frame drawn before the one asked about
		// (two were asked about before the first step came): that the
		// last is on screen is what counts.
		if s.asked == 0 || !s.p.OnScreen(s.asked) {
			return s, s.step
		}
		s.asked, s.stepped = 0, true
		if b, ok := s.m.(Behind); ok {
			b.Seen()
		}
		var cmd tea.Cmd
		s.m, cmd = s.m.Update(msg)
		return s, tea.Batch(cmd, s.step)
	}
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		s.p.Resize(size.Width, size.Height)
		s.keyed = true
	}
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	return s, cmd
}

// View hands the frame to the painter; bubbletea draws nothing.
func (s *Seat) View() string {
	urgent := s.keyed
	kind := News
	switch {
	case urgent:
		kind = Keys
	case s.stepped:
		kind = CatchUp
	}
	s.keyed, s.stepped = false, false
	var frame string
	if u, ok := s.m.(Unchanged); ok && u.Unchanged() {
		frame = s.m.View() // the last frame again: no work to take turns for
	} else {
		done := s.p.gate.Enter(kind)
		frame = s.m.View()
		done()
	}
	n := s.p.Set(frame, urgent)
	if b, ok := s.m.(Behind); ok && b.Behind() {
		s.asked = n
		s.p.AfterPaint()
	}
	return ""
}
