package wire

import "bytes"

// Names shares one copy of the short strings that repeat across a
// session's lines (who recorded each, team and inject ids, a person's
// name), and copies payloads into larger chunks, so that reading a long
// session allocates a repeated name once and a payload without a call to
// the allocator of its own. A Names is for one goroutine; a nil *Names
// shares nothing.
type Names struct {
	m     map[string]string
	chunk []byte
}

// Limits on what Names keeps: a name longer than maxShared is not shared,
// and past maxNames names new ones are not remembered, so hostile input
// cannot make the table grow without end.
const (
	maxShared  = 48
	maxNames   = 4096
	dataChunk  = 64 << 10
	maxChunked = 4 << 10
)

// Str returns b as a string, shared with earlier equal ones when short.
func (n *Names) Str(b []byte) string {
	if n == nil || len(b) > maxShared {
		return string(b)
	}
	if s, ok := n.m[string(b)]; ok { // no allocation: the compiler sees the lookup
		return s
	}
	s := string(b)
	if n.m == nil {
		n.m = make(map[string]string, 64)
	}
	if len(n.m) < maxNames {
		n.m[s] = s
	}
	return s
}

// Data returns a copy of a payload, cut from a shared chunk when small.
// The copy's capacity ends where it does, so nothing appended to it can
// reach the next one.
func (n *Names) Data(b []byte) []byte {
	if n == nil || len(b) > maxChunked {
		return bytes.Clone(b)
	}
	if cap(n.chunk)-len(n.chunk) < len(b) {
		n.chunk = make([]byte, 0, dataChunk)
	}
	start := len(n.chunk)
	n.chunk = append(n.chunk, b...)
	return n.chunk[start:len(n.chunk):len(n.chunk)]
}
