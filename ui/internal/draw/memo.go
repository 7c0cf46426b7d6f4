package draw

// Memo remembers one drawing and the key it was drawn for: a line that
// is drawn for every redraw of every seat but changes once a second (a
// header with a clock) is drawn once a second.
type Memo struct {
	key, out string
	drawn    bool
}

// Get returns what draw returns, from memory while key is the one it was
// last drawn for. key must say everything draw's result depends on.
func (m *Memo) Get(key string, draw func() string) string {
	if !m.drawn || key != m.key {
		m.key, m.out, m.drawn = key, draw(), true
	}
	return m.out
}
