package lines

import (
	"bytes"
	"crypto/sha256"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/internal/wire"
)

// Checking the chain of a session file is, for each line, hashing it and
// reading its envelope; the order of the lines matters only where one
// block meets the next. So a reader of the chain alone (Runs) has each
// worker check the chain within its block as it hashes it: every line an
// event in ttx's own layout (wire.Links), each carrying the seq after the
// one before and the hash of the line before (compared as hex, with no
// copy: a prev that is that hash is plain), none but the last a
// session.closed. Such a block is a Run: the scanner checks its first
// line against where the chain stands and takes the rest whole, and no
// record is made of each line but the last few (Recent). A block with
// anything else in it is read line by line, as for Chain; so is a Run
// whose first line does not join on, when the scanner asks for its lines.

// Link is what a Run keeps of each of its last lines: what the scanner
// keeps of the lines it takes, to name a line that claims a place
// already taken.
type Link struct {
	Seq int64
	// Sum is the SHA-256 of the line.
	Sum [32]byte
	// End is the offset just after the line's newline, Size its length
	// with the newline.
	End, Size int64
	// At is the line's "at" in Unix milliseconds, T its "t".
	At     int64
	T      time.Duration
	Closed bool
}

// Run is a block of lines that the chain runs through unbroken.
type Run struct {
	// N is the number of lines, Bytes their length with newlines.
	N     int
	Bytes int64
	// FirstSeq and FirstPrev are the first line's seq and prev (FirstPrevLen
	// 0 or 64); FirstOpened whether it is session.opened; FirstAt (Unix
	// milliseconds) and FirstT its times.
	FirstSeq     int64
	FirstPrev    [64]byte
	FirstPrevLen int
	FirstOpened  bool
	FirstAt      int64
	FirstT       time.Duration
	// LastType is the last line's type.
	LastType string

	ring *ring
}

// Last returns what is kept of the k-th line from the end (0: the last);
// k must be below N and the reader's keep.
func (r *Run) Last(k int) Link {
	i := r.ring.next - 1 - k
	if i < 0 {
		i += len(r.ring.links)
	}
	return r.ring.links[i]
}

// ring is a Run's last lines, in the order written from next on once it
// has wrapped; off is the offset of the block's start, set once taken.
type ring struct {
	links []Link
	next  int
	n     int // lines written
	off   int64
}

// held is how many lines the ring holds.
func (r *ring) held() int { return min(r.n, len(r.links)) }

// chainBlock checks the chain through b's lines (see Run); false if
// anything in them needs reading line by line. It keeps the last size
// lines' links in b's ring.
func chainBlock(b *block, size int, names *wire.Names, links *wire.Links) bool {
	if b.ring == nil {
		b.ring = &ring{}
	}
	r, run := b.ring, &b.run
	r.links, r.next, r.n = r.links[:0], 0, 0
	var (
		l      wire.Link
		sum    [32]byte
		seq    int64
		closed bool
		typ    []byte
	)
	buf := b.buf
	for start := 0; start < len(buf); {
		i := bytes.IndexByte(buf[start:], '\n')
		if i < 0 {
			return false // blocks hold whole lines: not reached
		}
		line := buf[start : start+i]
		if !links.Parse(line, &l) || l.V > event.Version || closed {
			return false
		}
		if r.n == 0 {
			if !l.PrevPlain() {
				return false
			}
			run.FirstSeq, run.FirstPrevLen = l.Seq, copy(run.FirstPrev[:], l.Prev)
			run.FirstOpened = string(l.Type) == event.SessionOpened
			run.FirstAt, run.FirstT = l.At, time.Duration(l.T)*time.Millisecond
		} else if l.Seq != seq+1 || !wire.HexIs(l.Prev, &sum) {
			return false
		}
		sum = sha256.Sum256(line)
		seq, typ = l.Seq, l.Type
		closed = string(typ) == event.SessionClosed
		start += i + 1
		link := Link{Seq: seq, Sum: sum, End: int64(start), Size: int64(i + 1), At: l.At, T: time.Duration(l.T) * time.Millisecond, Closed: closed}
		if len(r.links) < size {
			r.links = append(r.links, link)
		} else {
			r.links[r.next] = link
		}
		if r.next++; r.next == size {
			r.next = 0
		}
		r.n++
	}
	if r.n == 0 {
		return false
	}
	run.N, run.Bytes, run.LastType, run.ring = r.n, int64(len(buf)), names.Str(typ), r
	b.isRun = true
	return true
}

// Run returns the next block as a Run, if the reader is where a block
// starts and that block is one; nil otherwise (and at the end), when Line
// reads on. The Run is the scanner's until the next call of Run or Line;
// TakeRun takes its lines.
func (lr *Reader) Run() *Run {
	if lr.cur != nil && lr.next < lr.cur.count() {
		return nil
	}
	if lr.cur != nil {
		if lr.cur.err != nil || lr.cur.torn != nil {
			return nil // the end: Line says so
		}
		lr.recycle()
	}
	b, ok := <-lr.ordered
	if !ok {
		return nil
	}
	<-b.done
	lr.cur, lr.next = b, 0
	if !b.isRun {
		return nil
	}
	return &b.run
}

// TakeRun takes the lines of the Run that Run returned: the next Line is
// the one after them. base is the offset of the Run's first line, which
// the links kept for Recent count from.
func (lr *Reader) TakeRun(base int64) {
	b := lr.cur
	lr.next = b.run.N
	r := b.ring
	r.off = base
	b.ring = nil
	if n := len(lr.spare); n > 0 {
		b.ring, lr.spare = lr.spare[n-1], lr.spare[:n-1]
	}
	lr.kept = append(lr.kept, r)
	lr.keptLines += r.held()
	// Kept: enough rings for keep lines besides the last (still pending).
	for len(lr.kept) > 1 && lr.keptLines-lr.kept[0].held() > lr.keep {
		lr.keptLines -= lr.kept[0].held()
		lr.spare = append(lr.spare, lr.kept[0])
		lr.kept = append(lr.kept[:0], lr.kept[1:]...)
	}
}

// Recent calls fn with the links of the lines of the Runs taken since the
// last call, up to the keep lines before the last one, in file order
// (End counted from the start of the file), and forgets them.
func (lr *Reader) Recent(fn func(Link)) {
	for k, r := range lr.kept {
		h := r.held()
		if k == len(lr.kept)-1 {
			h-- // the last line: not taken until the next line confirms it
		}
		i := r.next - r.held()
		if i < 0 {
			i += len(r.links)
		}
		for range h {
			l := r.links[i]
			l.End += r.off
			fn(l)
			if i++; i == len(r.links) {
				i = 0
			}
		}
		lr.spare = append(lr.spare, r)
	}
	lr.kept, lr.keptLines = lr.kept[:0], 0
}

// Kept reports whether Recent has links to give.
func (lr *Reader) Kept() bool { return len(lr.kept) > 0 }
