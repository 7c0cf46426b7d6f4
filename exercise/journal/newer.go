package journal

import (
	"encoding/json"
	"fmt"

	"ttx/exercise/journal/internal/lines"
)

// A newer ttx that resumes a file writes its own format from the line
// where it takes over: each of its lines chains onto the one before, and
// the one after (if any) chains onto it in that format too. A "v" edited
// on one line has neither: the line's hash no longer matches the next
// line's prev, or the next line, chained on it, is still in the old
// format. Only what the chain vouches for is put down to a newer ttx.

// claimedVersion is the format a line says it is in (0 if it says none).
func claimedVersion(line []byte, p *lines.Parsed) int {
	if p.Err == nil {
		return p.Ev.V
	}
	v, _ := versionOf(line)
	return v
}

// prevOf is the prev a line carries, read from the line itself where the
// parser could not read it as an event.
func prevOf(line []byte, p *lines.Parsed) string {
	if p.Err == nil {
		switch {
		case p.PrevLen == 0:
			return ""
		case p.PrevLen < 0:
			return "\x00" // a prev that is no hash: no match
		}
		return string(p.Prev[:])
	}
	var v struct {
		Prev string `json:"prev"`
	}
	if json.Unmarshal(line, &v) != nil {
		return "\x00" // no prev that can match
	}
	return v.Prev
}

// newerLine decides about line N, which claims format v, newer than this
// build reads: a newer ttx took over here if the chain vouches for it;
// otherwise the line was changed.
func (s *scanner) newerLine(line []byte, p *lines.Parsed, v int) (Report, error) {
	n := s.lineNo
	want := ""
	switch {
	case s.pend != nil:
		want = string(s.pend.hash[:])
	case n > 1:
		want = s.rep.Head
	}
	if prevOf(line, p) != want {
		if n == 1 {
			return s.stop(1, fmt.Sprintf("changed: it claims format v%d, of a newer ttx, but the first line must have an empty prev", v))
		}
		return s.mismatch(p)
	}
	if s.sealed() {
		return s.stop(n, "inserted: a line after session.closed")
	}
	h := p.Hash // p's block may be reused once the next line is read
	next, q, eof, err := s.next()
	switch {
	case err != nil:
		return s.rep, err
	case eof:
		// Nothing after it to say otherwise: only the final hash written
		// down can check the last line.
		return s.newer(n, v)
	}
	nv := claimedVersion(next, q)
	switch {
	case prevOf(next, q) != string(h[:]):
		return s.stop(n, fmt.Sprintf("changed: it claims format v%d, of a newer ttx, but its hash does not match prev on the next line: the line was edited, not written by a newer ttx", v))
	case nv < v:
		return s.stop(n, fmt.Sprintf("changed: it claims format v%d, of a newer ttx, but line %d, chained onto it, is in format v%d: a newer ttx writes its own format from the line where it takes over, so this line was edited", v, n+1, nv))
	}
	return s.newer(n, v)
}

// newer stops at line n, where a newer ttx took over the file: what this
// build would make of the lines from there on is not what they say.
func (s *scanner) newer(n, v int) (Report, error) {
	if err := s.commit(); err != nil {
		return s.rep, err
	}
	s.rep.Newer = &Newer{Line: n, V: v}
	return s.rep, nil
}
