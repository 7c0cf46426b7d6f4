package paint

import (
	"sync"
	"time"
)

// A server's seats draw and paint through one Gate, which lets at most all
// cores but one in at once. A decision wakes every seat that shows it
// (ninety of two hundred in a large room) at the same instant; without a
// limit they queue ahead of the facilitator's console for every core, and
// it misses frames while their work is done. With it the console always
// finds a core, and the seats share the rest: each draw is a fraction of a
// millisecond. A seat drawing what its own person just typed goes ahead of
// all others, then a seat whose person is typing (whatever it draws: their
// next keys wait behind it), and a seat catching up (showing, a screenful a frame,
// decisions that reached it together) ahead of seats drawing news: each of
// its screenfuls waits for the last to be painted, and behind a thousand
// seats' news each wait was a round of the whole room.

// Turn is the kind of work a holder of the gate does, which decides who
// goes first.
type Turn int

// The kinds of turn, the first let in last.
const (
	// News is a seat drawing or painting what changed in the session.
	News Turn = iota
	// CatchUp is a seat drawing or painting the next screenful of what
	// it has never shown.
	CatchUp
	// Typing is a seat whose person pressed a key in the last typingFor
	// drawing or painting anything else: their next keys wait behind it.
	Typing
	// Keys is a seat drawing or painting what its own person typed, or a
	// new size of their terminal.
	Keys
	turns
)

// Gate lets n holders in at once; those waiting for a turn of a later
// kind are let in before the others, each kind in the order it came.
type Gate struct {
	mu      sync.Mutex
	n, free int
	waiting [turns][]chan struct{}
	// held is the time the holders have held it, summed (two holders for
	// a second: two seconds), up to since.
	held  time.Duration
	since time.Time
	now   func() time.Time // time.Now; a test's clock
}

// NewGate returns a gate that lets n in at once.
func NewGate(n int) *Gate { return &Gate{n: n, free: n, now: time.Now} }

// Held returns the time the gate's holders have held it so far, summed
// over them: the drawing and painting its seats did. Against the wall
// time and the holders it lets in at once, it says how busy the seats
// kept the cores they may draw on.
func (g *Gate) Held() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.account()
	return g.held
}

// account adds the time since the last change to held; g.mu is held.
func (g *Gate) account() {
	now := g.now()
	if in := g.n - g.free; in > 0 {
		g.held += time.Duration(in) * now.Sub(g.since)
	}
	g.since = now
}

// Limit returns how many holders the gate lets in at once.
func (g *Gate) Limit() int { return g.n }

// Enter waits for a turn of kind t; the func it returns ends the turn.
func (g *Gate) Enter(t Turn) func() {
	g.mu.Lock()
	if g.free > 0 {
		g.account()
		g.free--
		g.mu.Unlock()
		return g.leave
	}
	turn := make(chan struct{})
	g.waiting[t] = append(g.waiting[t], turn)
	g.mu.Unlock()
	<-turn
	return g.leave
}

// leave hands the turn to the next waiter, of the latest kind first.
func (g *Gate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for t := turns - 1; t >= 0; t-- {
		if q := g.waiting[t]; len(q) > 0 {
			close(q[0])
			q[0] = nil
			g.waiting[t] = q[1:]
			return // the turn passes on: as many hold it
		}
	}
	g.account()
	g.free++
}
