package paint

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// catchUpPages is how many screenfuls a seat catching up hands its
// painter at once (Painter.Page). It asks to be told when the first is
// on screen, and draws the next ones then, so that the painter always
// has some to paint while the seat waits for its turn to draw more: a
// burst of a hundred decisions is fifty screenfuls on an evaluator's
// seat, and each had waited for a whole round of the room's turns. A
// person's keys wait behind the pages handed over, at most twice this
// many frames.
const catchUpPages = 4

// typingFor is how long after its person's last key a seat draws and
// paints everything in the typing turn. A seat draws for each new state,
// on its program's goroutine, and the keys typed meanwhile wait behind
// that draw: in a room of a thousand catching up after a burst, a news
// turn waited behind every seat catching up, and the typist's keys
// behind it, for seconds (echo p99 1.4–3.9 s). Seats whose people are
// typing go before those catching up for all they draw, and after those
// answering a key.
const typingFor = 2 * time.Second

// Seat is a seat's model whose frames a Painter shows; bubbletea runs it
// without a renderer of its own (tea.WithoutRenderer).
type Seat struct {
	m tea.Model
	p *Painter
	// keyed is set by a key or a resize and cleared by the View after it
	// (both run on the seat's program goroutine): that frame is drawn and
	// painted in the keys' turn.
	keyed bool
	// asked is the number of the first page handed over of the last
	// ones, when the model had more to show than those held; once it is
	// on screen the seat draws the next. 0 for none. stepped is set
	// then, and cleared by the View after: that draw is a catch-up's.
	asked   uint64
	stepped bool
	// size bounds the terminal sizes the seat takes, and how often.
	size Sizer
	// typed is when the seat's person last pressed a key (typingFor);
	// now is time.Now, or a test's clock.
	typed time.Time
	now   func() time.Time
	// handed is the pages handed over and not yet on screen, each with
	// the model's SeenCount before what it shows was counted seen.
	handed []handedPage
}

// handedPage is a page handed to the painter, and the model's SeenCount
// before what it shows was counted seen.
type handedPage struct{ n, seen uint64 }

// NewSeat returns m painted by p.
func NewSeat(m tea.Model, p *Painter) *Seat {
	if b, ok := m.(Behind); ok {
		b.SetCatchUp(true) // the painter paints every page
	}
	return &Seat{m: m, p: p, now: time.Now}
}

// StepMsg tells a seat that the page it asked to see painted is on
// screen, and that it should draw the next.
type StepMsg struct{}

// Behind is a model whose last frame showed what it had never shown (a
// feed catching up on entries that arrived together). Its seat hands
// that frame to the painter as a page, which is always painted, calls
// Seen and has it draw the next, a few pages at a time. Behind is asked
// after each View; NewSeat calls SetCatchUp(true).
type Behind interface {
	Behind() bool
	Seen()
	SetCatchUp(on bool)
	// Marks counts the drawings of what it had never shown that moved
	// it on; a drawing that leaves it as it was showed what the last
	// did. One that changes it is handed over as a page, even while
	// the seat waits to hear that its last page is on screen.
	Marks() uint64
	// SeenCount counts what Seen has counted seen so far, and Unsee
	// takes back what it counted since the count was n: a new size of
	// the terminal drops the pages not yet on screen (Painter.Resize),
	// and what they showed must be shown again.
	SeenCount() uint64
	Unsee(n uint64)
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

// step waits until the page the seat asked about is on screen.
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
		s.keyed, s.typed = true, s.now()
	case StepMsg:
		// A step may tell of a page handed over before the one asked
		// about: that one being on screen is what counts.
		if s.asked == 0 || !s.p.OnScreen(s.asked) {
			return s, s.step
		}
		s.asked, s.stepped = 0, true
		if b, ok := s.m.(Behind); ok {
			b.Seen() // the last page handed over is on its way
		}
		var cmd tea.Cmd
		s.m, cmd = s.m.Update(msg)
		return s, tea.Batch(cmd, s.step)
	}
	if size, ok := msg.(tea.WindowSizeMsg); ok {
		dropped := s.p.Resize(size.Width, size.Height)
		if b, ok := s.m.(Behind); ok && dropped > 0 {
			// What the dropped pages showed is shown again, at the new
			// size: counted seen once handed over, it would otherwise
			// be on no screen.
			for _, h := range s.handed {
				if h.n >= dropped {
					b.Unsee(h.seen)
					break
				}
			}
		}
		s.handed = s.handed[:0]
		s.keyed = true
	}
	if s.keyed {
		// What the seat shows may move: whatever it draws next that it
		// never showed goes in pages of its own.
		s.asked = 0
	}
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	return s, cmd
}

// View hands the frame to the painter; bubbletea draws nothing. A model
// that is Behind has its frame handed over as a page, and is drawn again
// for the next screenful, up to catchUpPages.
func (s *Seat) View() string {
	kind := News
	switch {
	case s.keyed:
		kind = Keys
	case !s.typed.IsZero() && s.now().Sub(s.typed) < typingFor:
		kind = Typing
	case s.stepped:
		kind = CatchUp
	}
	paintAs := kind
	if kind == CatchUp {
		paintAs = News // pages are painted as catching up; a frame as news
	}
	s.keyed, s.stepped = false, false
	if u, ok := s.m.(Unchanged); ok && u.Unchanged() {
		s.p.Set(s.m.View(), paintAs) // the last frame again: no work to take turns for
		return ""
	}
	done := s.p.gate.Enter(kind)
	defer done()
	b, ok := s.m.(Behind)
	var marks uint64
	if ok {
		marks = b.Marks()
	}
	frame := s.m.View()
	if !ok || !b.Behind() || s.asked != 0 && b.Marks() == marks {
		// Nothing it never showed, or the same as the last page handed
		// over, drawn again (a new state, a tick).
		s.p.Set(frame, paintAs)
		return ""
	}
	for len(s.handed) > 0 && s.p.OnScreen(s.handed[0].n) {
		s.handed = s.handed[1:]
	}
	first := s.page(frame, b)
	for range catchUpPages - 1 {
		b.Seen() // the page is on its way
		if frame = s.m.View(); !b.Behind() {
			s.p.Set(frame, paintAs)
			return ""
		}
		s.page(frame, b)
	}
	// More to show than the pages hold: the last one's is seen once
	// the first is on screen, and the next drawn then.
	s.asked = first
	s.p.AfterPaint(first)
	return ""
}

// page hands frame to the painter as a page, noting it in handed.
func (s *Seat) page(frame string, b Behind) uint64 {
	n := s.p.Page(frame)
	s.handed = append(s.handed, handedPage{n: n, seen: b.SeenCount()})
	return n
}
