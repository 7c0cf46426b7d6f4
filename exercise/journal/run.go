package journal

import (
	"ttx/exercise/event"
	"ttx/exercise/internal/wire"
	"ttx/exercise/journal/internal/lines"
)

// Verify asks only whether the chain holds, so the workers that hash the
// lines also check the chain within each block (lines.Runs): a block the
// chain runs through unbroken comes whole, and the scanner checks only
// where it meets the line before, taking it as check would take its
// lines one by one. Anything else (a block with a line that is not the
// next link, or one that does not join on) is read line by line, with
// the lines taken whole until then kept as check keeps them, so that a
// break is found and named as it always was.

// takeRun takes the next block whole if it is a Run that joins on where
// the chain stands; otherwise it readies the scanner to read on line by
// line, and reports false.
func (s *scanner) takeRun() bool {
	r := s.lines.Run()
	if r == nil || !s.joins(r) {
		s.keepRecent()
		return false
	}
	s.commit() // the line before, which the Run's first line confirms (fn is nil)
	last := r.Last(0)
	if r.N > 1 {
		// All but the last line are taken: the next line confirms that.
		before := r.Last(1)
		if s.rep.Events == 0 {
			s.rep.First, s.rep.FirstT = wire.UnixMilli(r.FirstAt), r.FirstT
		}
		s.rep.Events += int64(r.N - 1)
		s.rep.Size += r.Bytes - last.Size
		s.rep.Last, s.rep.LastT = wire.UnixMilli(before.At), before.T
		s.rep.Sealed = false // only a Run's last line may close the session
		wire.HexInto(&s.head, &before.Sum)
		s.headSet = true
	}
	s.slot = pendingLine{ev: event.Event{Seq: last.Seq, At: wire.UnixMilli(last.At), T: last.T, Type: r.LastType},
		size: last.Size, offset: s.read + last.End - last.Size}
	wire.HexInto(&s.slot.hash, &last.Sum)
	s.pend = &s.slot
	s.lines.TakeRun(s.read)
	s.lineNo += r.N
	s.read += r.Bytes
	s.seq += int64(r.N)
	return true
}

// joins reports whether check would take the Run's first line as the
// next link: its seq, and its prev that of the line before (or none, on
// the first line of a session.opened), after no session.closed.
func (s *scanner) joins(r *lines.Run) bool {
	switch {
	case s.sealed() || r.FirstSeq != s.seq:
		return false
	case s.lineNo == 0:
		return r.FirstOpened && r.FirstPrevLen == 0
	case s.pend != nil:
		return r.FirstPrevLen == len(s.pend.hash) && r.FirstPrev == s.pend.hash
	}
	return r.FirstPrevLen == len(s.rep.Head) && string(r.FirstPrev[:r.FirstPrevLen]) == s.rep.Head
}

// keepRecent keeps the lines of the Runs taken among the recent lines, as
// commit would have one by one.
func (s *scanner) keepRecent() {
	if !s.lines.Kept() {
		return
	}
	s.lines.Recent(func(l lines.Link) {
		r := recentLine{seq: l.Seq, end: l.End, at: wire.UnixMilli(l.At), t: l.T, closed: l.Closed}
		wire.HexInto(&r.hash, &l.Sum)
		s.keep(r)
	})
}
