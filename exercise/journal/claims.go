package journal

import (
	"encoding/json"
	"fmt"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/journal/internal/lines"
)

// This file holds what the scanner does when a line is not the next link
// of the chain in the plain way: a line that claims a place already taken
// (a copy, or a fork where two branches chain onto the same line), lines
// at the end that are no events at all, and a seal that lost its newline.

// recentKept is how many of the last committed lines the scanner keeps
// (hash, end and times, 120 bytes each): a line that claims a place this
// far back is recognised as a copy or a fork.
const recentKept = 512

// recentLine is what the scanner keeps of a committed line.
type recentLine struct {
	seq    int64 // -1: empty
	hash   [64]byte
	end    int64 // Report.Size once it was committed
	at     time.Time
	t      time.Duration
	closed bool
}

// remember keeps p, just committed, among the recent lines.
func (s *scanner) remember(p *pendingLine) {
	s.keep(recentLine{seq: p.ev.Seq, hash: p.hash, end: s.rep.Size, at: p.ev.At, t: p.ev.T, closed: p.ev.Type == event.SessionClosed})
}

// keep keeps r among the recent lines.
func (s *scanner) keep(r recentLine) {
	if s.recent == nil {
		s.recent = make([]recentLine, recentKept)
		for i := range s.recent {
			s.recent[i].seq = -1
		}
	}
	s.recent[r.seq%recentKept] = r
}

// line returns what is kept of the line that holds seq, if anything.
func (s *scanner) line(seq int64) (recentLine, bool) {
	if p := s.pend; p != nil && p.ev.Seq == seq {
		return recentLine{seq: seq, hash: p.hash, at: p.ev.At, t: p.ev.T, closed: p.ev.Type == event.SessionClosed}, true
	}
	if seq < 0 || s.recent == nil {
		return recentLine{}, false
	}
	r := s.recent[seq%recentKept]
	return r, r.seq == seq
}

// claim handles line N carrying a seq S already taken by line S+1: a copy
// of that line (an insertion), a fork (line N chains onto line S too, so
// two branches claim the place and neither is established), or a line
// moved from elsewhere.
func (s *scanner) claim(p *lines.Parsed) (Report, error) {
	n, seq := s.lineNo, p.Ev.Seq
	other := int(seq) + 1
	if s.pend == nil {
		b := seqBreak(n, seq, s.seq)
		return s.stop(b.Line, b.Msg)
	}
	if held, ok := s.line(seq); ok && held.hash == p.Hash {
		return s.stop(n, fmt.Sprintf("inserted: a copy of line %d (seq %d)", other, seq))
	}
	chains, known := p.PrevLen == 0, seq == 0
	if before, ok := s.line(seq - 1); ok {
		chains, known = p.PrevIs(&before.hash), true
	}
	b := seqBreak(n, seq, s.seq)
	switch {
	case !known:
		b.Msg += fmt.Sprintf(" (line %d holds seq %d; it is too far back to tell whether this line chains there: a forged branch or a moved line; compare the final hash written down)", other, seq)
		return s.stop(b.Line, b.Msg)
	case !chains:
		return s.stop(b.Line, b.Msg)
	}
	return s.fork(p, other)
}

// fork records two branches claiming seq S: the one from line other to
// the line before this, and the one from this line on. The lines after
// are followed, each continuing one branch or the other, to where neither
// goes on. The record is cut back to line S, the last one both branches
// share. (fn has been given the events of the first branch but its last;
// Report.Events no longer counts them.)
func (s *scanner) fork(p *lines.Parsed, other int) (Report, error) {
	n, seq := s.lineNo, p.Ev.Seq
	f := &Fork{Seq: seq, Lines: [2]int{other, n}}
	branches := [2]branch{
		{head: s.pend.hash, next: s.pend.ev.Seq + 1, to: n - 1, sealed: s.pend.ev.Type == event.SessionClosed, runs: []lineRun{{other, n - 1}}},
		{head: p.Hash, next: seq + 1, to: n, sealed: p.Ev.Type == event.SessionClosed, runs: []lineRun{{n, n}}},
	}
	s.pend = nil
	if before, ok := s.line(seq - 1); ok {
		s.rep.Events, s.rep.Size, s.rep.Last, s.rep.LastT, s.rep.Sealed = seq, before.end, before.at, before.t, before.closed
		s.head, s.headSet = before.hash, true
	} else {
		s.rep.Events, s.rep.Size, s.rep.Sealed = 0, 0, false
		s.rep.First, s.rep.Last, s.rep.FirstT, s.rep.LastT = time.Time{}, time.Time{}, 0, 0
		s.headSet = false
	}
	s.rep.Fork = f
	s.rep.Break = &Break{Line: n, Msg: fmt.Sprintf("forked: lines %d and %d both claim seq %d, each chained onto line %d; one of the two branches was not written by ttx, and the file alone cannot say which (the final hash written down can)", other, n, seq, seq)}
	for {
		_, q, eof, err := s.next()
		if err != nil {
			return s.rep, err
		}
		if eof {
			break
		}
		if q.Err != nil || !branches[1].take(q, s.lineNo) && !branches[0].take(q, s.lineNo) {
			f.Broken = fmt.Sprintf("line %d continues neither branch", s.lineNo)
			break
		}
	}
	for i, b := range branches {
		f.Ends[i], f.Sealed[i], f.To[i], f.runs[i] = string(b.head[:]), b.sealed, b.to, b.runs
	}
	return s.rep, nil
}

// branch is one of two branches of a fork, as followed so far.
type branch struct {
	head   [64]byte
	next   int64
	to     int
	sealed bool
	runs   []lineRun // the branch's lines
}

// take adds q, line n, to the branch if it is the branch's next link.
func (b *branch) take(q *lines.Parsed, n int) bool {
	if b.sealed || q.Ev.Seq != b.next || !q.PrevIs(&b.head) {
		return false
	}
	b.head, b.next, b.to, b.sealed = q.Hash, b.next+1, n, q.Ev.Type == event.SessionClosed
	if last := &b.runs[len(b.runs)-1]; last.to == n-1 {
		last.to = n
	} else {
		b.runs = append(b.runs, lineRun{n, n})
	}
	return true
}

// notEvent stops at line N, which is no event. If it and every line after
// it to the end of the file are no events either, they are a tail that
// resuming may set aside.
func (s *scanner) notEvent(line []byte, perr error) (Report, error) {
	n, offset := s.lineNo, s.read-int64(len(line))-1
	msg := perr.Error()
	if len(line) == 0 {
		msg = "a blank line, not an event"
	}
	lines := 1
	for {
		l, q, eof, err := s.next()
		if err != nil {
			return s.rep, err
		}
		if eof {
			if s.rep.Torn != nil {
				lines++
			}
			break
		}
		if v, ok := versionOf(l); q.Err == nil || ok && v > event.Version {
			return s.stop(n, msg) // an event follows: not a tail
		}
		lines++
	}
	s.rep.Tail = &Tail{Line: n, Lines: lines, Offset: offset, Size: s.read - offset}
	if s.rep.Torn != nil {
		s.rep.Tail.Size += s.rep.Torn.Size
	}
	return s.stop(n, msg)
}

// unterminatedSeal takes a last line without its newline as a line after
// all when it is a complete session.closed that chains on: the seal
// stands (whatever dropped the newline, an editor or a crash between the
// line and its newline, the line itself is whole). Any other incomplete
// last line stays torn.
func (s *scanner) unterminatedSeal() error {
	if s.rep.Torn == nil || s.pend == nil || s.pend.ev.Type == event.SessionClosed {
		return nil
	}
	e, err := event.Unmarshal(s.torn)
	if err != nil || e.Type != event.SessionClosed || e.V != event.Version || e.Seq != s.seq || e.Prev != string(s.pend.hash[:]) {
		return nil
	}
	if err := s.commit(); err != nil {
		return err
	}
	e.Prev = ""
	size := int64(len(s.torn))
	s.slot = pendingLine{ev: e, size: size, offset: s.read}
	lines.HashInto(&s.slot.hash, s.torn)
	s.pend = &s.slot
	s.lineNo++
	s.read += size
	s.seq++
	s.rep.Torn, s.torn = nil, nil
	s.rep.Unterminated = true
	return nil
}

// versionOf reads the format version of a line ttx could not read as an
// event, to tell a newer format from damage.
func versionOf(line []byte) (int, bool) {
	var v struct {
		V int `json:"v"`
	}
	if json.Unmarshal(line, &v) != nil || v.V < 1 {
		return 0, false
	}
	return v.V, true
}
