package paint

import "sync"

// A server's seats draw and paint through one Gate, which lets at most all
// cores but one in at once. A decision wakes every seat that shows it
// (ninety of two hundred in a large room) at the same instant; without a
// limit they queue ahead of the facilitator's console for every core, and
// it misses frames while their work is done. With it the console always
// finds a core, and the seats share the rest: each draw is a fraction of a
// millisecond. A seat drawing what its own person just typed goes ahead of
// seats drawing news.

// Gate lets n holders in at once; those waiting with urgent set are let in
// before the others, each kind in the order it came.
type Gate struct {
	mu           sync.Mutex
	free         int
	urgent, rest []chan struct{}
}

// NewGate returns a gate that lets n in at once.
func NewGate(n int) *Gate { return &Gate{free: n} }

// Enter waits for a turn; the func it returns ends the turn.
func (g *Gate) Enter(urgent bool) func() {
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
func (g *Gate) leave() {
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
