package pane

import "sync"

// EntryLines holds feed entries as drawn, for every feed drawn in the
// same styles (one colour profile and background) on one session: a
// decision reaches hundreds of seats, and each drew it afresh, which was
// most of what a room of 1,000 seats spent drawing. A feed given one
// (SetShared) takes an entry's lines from it when another drew them at
// the same width.
type EntryLines struct {
	mu sync.Mutex
	m  map[entryKey][]string
}

// entryLinesMost bounds what EntryLines holds: when full it starts again.
const entryLinesMost = 8192

// NewEntryLines returns an empty store of drawn entries.
func NewEntryLines() *EntryLines { return &EntryLines{m: map[entryKey][]string{}} }

func (c *EntryLines) lookup(k entryKey) ([]string, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.m[k]
	return l, ok
}

func (c *EntryLines) keep(k entryKey, lines []string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= entryLinesMost {
		clear(c.m)
	}
	c.m[k] = lines
}

// SetShared makes the feed take entries' lines from c, and leave those it
// draws there; c must be shared only by feeds drawn in the same styles on
// the same session.
func (f *Feed) SetShared(c *EntryLines) { f.shared = c }
