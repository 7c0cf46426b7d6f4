// Package journal is the session file: an append-only JSON Lines log of
// events, each line carrying the SHA-256 of the line before it.
//
// The Writer appends batches of events with one write and one fsync (group
// commit) and acknowledges nothing before the fsync returns. Scan reads a
// file back, checking the hash chain and the sequence numbers, and names
// the first line that was changed, removed or inserted; where two lines
// claim the same place in the chain it names both and keeps neither
// (Along follows the one that ends in the final hash written down). A
// torn last line (a crash in the middle of a write) is reported with its
// byte offset, as is a tail of lines that are no events at all; both can
// be set aside on resuming. Lines a newer ttx appended (in a newer format,
// chained on) stop the scan with that said; a line that only claims a
// newer format is a changed line like any other. The Writer locks the session file itself (its inode), so a
// second writer is refused by whatever name it opens the file.
package journal

import (
	"fmt"
	"io"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/journal/internal/lines"
)

// Hash returns the hex SHA-256 of a line's bytes (without its newline).
func Hash(line []byte) string {
	var h [64]byte
	lines.HashInto(&h, line)
	return string(h[:])
}

// Torn describes an incomplete last line.
type Torn struct {
	// Offset is the byte offset where the torn line starts.
	Offset int64
	// Size is its length in bytes.
	Size int64
}

// Break is the first place where the file is not what ttx wrote.
type Break struct {
	// Line is the 1-based line number of the first line that was changed,
	// removed or inserted (for a removed line: the line now in its place).
	Line int
	// Msg says what is wrong.
	Msg string
}

// Error formats the break as "line N: message".
func (b *Break) Error() string { return fmt.Sprintf("line %d: %s", b.Line, b.Msg) }

// Report is what Scan found.
type Report struct {
	// Events is the number of intact events.
	Events int64
	// Size is the number of bytes of intact, complete lines.
	Size int64
	// First and Last are the wall times of the first and last intact events;
	// FirstT and LastT their exercise times.
	First, Last   time.Time
	FirstT, LastT time.Duration
	// Head is the hash of the last intact line: the value the next line's
	// prev must carry, and the "final hash" of a sealed file.
	Head string
	// Sealed is true when the last event is session.closed.
	Sealed bool
	// Torn is set when the file ends in an incomplete line.
	Torn *Torn
	// Break is set when the chain is broken; scanning stopped there.
	Break *Break
	// Tail is set, with Break, when the break is a run of lines that are
	// no events at all (blank lines, garbage) from just after the last
	// chained line to the end of the file: resuming can set it aside
	// (SetAsideTail). A bad line with an event after it is no tail.
	Tail *Tail
	// Fork is set, with Break, when two lines claim the same place in the
	// chain. Events, Size, Head and Last then describe the record up to
	// that place.
	Fork *Fork
	// Newer is set when a line was written by a newer ttx, in a format
	// this build does not read; scanning stopped there.
	Newer *Newer
	// Unterminated is true when the last line, a complete and chained
	// session.closed, lacks its newline: it still seals the file.
	Unterminated bool
	// CRLF is true when the first line ends in a CR: the file's line ends
	// were converted to CRLF (WithoutCR reads it as ttx wrote it).
	CRLF bool
	// Chosen is set by Along: the fork, and the branch of it that
	// was followed.
	Chosen *Chosen
}

// Tail is a run of lines at the end of a file that are no events.
type Tail struct {
	// Line is the 1-based number of its first line, Lines how many lines
	// it has (a last one without a newline counts).
	Line  int `json:"line"`
	Lines int `json:"lines"`
	// Offset is the byte offset where it starts, Size its length to the
	// end of the file.
	Offset int64 `json:"offset"`
	Size   int64 `json:"bytes"`
}

// Fork is two lines that claim the same place: each carries seq Seq and
// the hash of the same line before it. One of the two branches that start
// there was not written by ttx, and the file alone cannot say which; the
// final hash written down at the end of the session can.
type Fork struct {
	// Seq is the place both lines claim.
	Seq int64 `json:"seq"`
	// Lines are the 1-based numbers of the lines that start each branch,
	// in file order; To the last line of each branch that chains on.
	Lines [2]int `json:"lines"`
	To    [2]int `json:"to"`
	// Ends are the hashes of the last line of each branch, and Sealed
	// whether that line is session.closed.
	Ends   [2]string `json:"ends"`
	Sealed [2]bool   `json:"sealed"`
	// Broken says where the lines after the fork stop continuing either
	// branch before the end of the file ("" if they run to the end).
	Broken string `json:"broken,omitempty"`

	runs [2][]lineRun // the lines of each branch, for Along
}

// Branch returns which branch (0 or 1) ends in hash, or -1 for neither.
func (f *Fork) Branch(hash string) int {
	for i, h := range f.Ends {
		if h != "" && h == hash {
			return i
		}
	}
	return -1
}

// Newer is where a newer ttx took over the file: the line that claims a
// newer format chains onto the line before it, and the line after it (if
// any) chains onto it in that format too. A line that claims a newer
// format without the chain vouching for it is a changed line (Break).
type Newer struct {
	// Line is the 1-based number of the first such line, V its format.
	Line, V int
}

// Error says what was found and what to do.
func (n *Newer) Error() string {
	return fmt.Sprintf("from line %d on, the file was written by a newer ttx (format v%d); this build reads format v%d: update ttx to read those lines", n.Line, n.V, event.Version)
}

// MaxLine is the longest line Scan accepts (a session.opened line carries
// the whole scenario).
const MaxLine = 32 << 20

// Scan reads a session file from r, checking every line, and calls fn (if
// not nil) with each intact event in order. It stops at the first break,
// or when fn returns an error, which Scan then returns. I/O errors are
// returned as errors; a broken chain is reported in Report.Break.
//
// A line is taken as intact only once the next line's prev confirms it
// (the last line has no next line: see the README on what the final hash
// is for), so an event is passed to fn one line late.
//
// The events reach fn with Prev empty: the chain is checked here, and a
// copy of every line's hash is memory a long session cannot spare.
//
// Where two lines claim one place (Report.Fork), fn has already been given
// the events of the first branch but its last: Report.Events counts only
// those before the fork, and a reader keeps only those.
//
// Options go on from an earlier scan (From) and give each event's byte
// offset in the file (Offsets).
func Scan(r io.Reader, fn func(event.Event) error, opts ...ScanOption) (Report, error) {
	var sc scanner
	for _, o := range opts {
		o(&sc)
	}
	if fn != nil {
		off := sc.offset
		sc.fn = func(e event.Event, at int64) error {
			if off != nil {
				*off = at
			}
			return fn(e)
		}
	}
	rep, err := sc.run(r)
	if sc.chosen != nil {
		rep.Chosen = sc.chosen
	}
	return rep, err
}

// ScanOption configures Scan.
type ScanOption func(*scanner)

// From goes on scanning a file that has grown since an earlier scan
// returned rep: r must be positioned at rep.Size, just after the last
// intact line. The returned report covers the whole file. A reader that
// follows a session still being written scans again and again from the
// report before.
func From(rep Report) ScanOption {
	return func(s *scanner) {
		rep.Torn, rep.Break = nil, nil
		s.rep, s.lineNo, s.seq, s.read = rep, int(rep.Events), rep.Events, rep.Size
	}
}

// Offsets sets *off, before each call of fn, to the byte offset in the
// file of the event's line, so a reader can come back for the line later
// instead of keeping it.
func Offsets(off *int64) ScanOption { return func(s *scanner) { s.offset = off } }

// Hashes sets *h, before each call of fn, to the SHA-256 (hex) of the
// event's line, which the next line's prev confirmed: a reader that comes
// back for lines later can check they are still the lines it was given.
func Hashes(h *[64]byte) ScanOption { return func(s *scanner) { s.hash = h } }

// Prepared sets *p, before each call of fn, to what the fold takes of
// the event (event.FoldPrepared), worked out on the reading cores.
func Prepared(p *event.Prepared) ScanOption { return func(s *scanner) { s.pre = p } }

// pendingLine is a line read and checked against the one before it, but
// not yet confirmed by the one after.
type pendingLine struct {
	ev     event.Event
	pre    event.Prepared
	hash   [64]byte
	size   int64
	offset int64
}

type scanner struct {
	lines  *lines.Reader
	fn     func(event.Event, int64) error
	offset *int64    // set before each call of fn (Offsets)
	hash   *[64]byte // set before each call of fn (Hashes)
	pre    *event.Prepared
	rep    Report
	lineNo int
	seq    int64        // seq the next line must carry
	read   int64        // bytes of complete lines read
	pend   *pendingLine // &slot, or nil
	slot   pendingLine
	torn   []byte // the incomplete last line, once the end is reached
	// head is the hash of the last committed line, kept as bytes while
	// scanning and written into the report's Head at the end.
	head    [64]byte
	headSet bool
	// recent are the last lines committed, by seq modulo their number:
	// enough to name a line that claims a place already taken.
	recent []recentLine
	// skip are lines passed over unread: the other branch of a fork
	// (Along), which chosen names.
	skip   []lineRun
	chosen *Chosen
	// runs is set when the chain is checked within each block on the
	// workers (nothing asked of the lines but the chain): see run.go.
	runs bool
	// blocks sets the reader's block sizes (tests; 0: the defaults).
	blocks [2]int
}

// sealed reports whether the line before the current one closed the session.
func (s *scanner) sealed() bool {
	if s.pend != nil {
		return s.pend.ev.Type == event.SessionClosed
	}
	return s.rep.Sealed
}

// chained reports whether p carries the hash it must: that of the line
// before it.
func (s *scanner) chained(p *lines.Parsed) bool {
	if s.pend != nil {
		return p.PrevIs(&s.pend.hash)
	}
	return p.PrevLen == len(s.rep.Head) && string(p.Prev[:p.PrevLen]) == s.rep.Head
}

// commit counts the pending line as intact and hands it to fn.
func (s *scanner) commit() error {
	p := s.pend
	if p == nil {
		return nil
	}
	s.pend = nil
	if s.rep.Events == 0 {
		s.rep.First, s.rep.FirstT = p.ev.At, p.ev.T
	}
	s.rep.Events++
	s.rep.Size += p.size
	s.rep.Last, s.rep.LastT = p.ev.At, p.ev.T
	s.head, s.headSet = p.hash, true
	s.rep.Sealed = p.ev.Type == event.SessionClosed
	s.remember(p)
	if s.hash != nil {
		*s.hash = p.hash
	}
	if s.pre != nil {
		*s.pre = p.pre
	}
	if s.fn != nil {
		return s.fn(p.ev, p.offset)
	}
	return nil
}

// stop commits the pending line, which the break does not concern, and
// records the break.
func (s *scanner) stop(line int, msg string) (Report, error) {
	if err := s.commit(); err != nil {
		return s.rep, err
	}
	s.rep.Break = &Break{Line: line, Msg: msg}
	return s.rep, nil
}

func (s *scanner) next() (line []byte, p *lines.Parsed, eof bool, err error) {
	for {
		line, p, eof, err = s.nextLine()
		if eof || err != nil || !s.skipped(s.lineNo) {
			return line, p, eof, err
		}
	}
}

func (s *scanner) nextLine() (line []byte, p *lines.Parsed, eof bool, err error) {
	line, p, torn, eof, err := s.lines.Line()
	if eof {
		if len(torn) > 0 {
			s.rep.Torn = &Torn{Offset: s.read, Size: int64(len(torn))}
			s.torn = torn
		}
		if err != nil {
			return nil, nil, false, fmt.Errorf("read line %d: %w", s.lineNo+1, err)
		}
		return nil, nil, true, nil
	}
	s.lineNo++
	s.read += int64(len(line)) + 1
	return line, p, false, nil
}

// run scans r: lines are read, parsed and hashed on every core, and
// checked here in order.
func (s *scanner) run(r io.Reader) (Report, error) {
	w := lines.Chain
	switch {
	case s.fn != nil:
		w = lines.Events
	case s.hash == nil && s.skip == nil:
		w, s.runs = lines.Runs, true
	}
	s.lines = lines.New(r, lines.Config{Want: w, Prepare: s.pre != nil, MaxLine: MaxLine, Keep: recentKept, First: s.blocks[0], Block: s.blocks[1]})
	rep, err := s.check()
	s.lines.Close()
	if s.headSet {
		rep.Head = string(s.head[:])
	}
	return rep, err
}

func (s *scanner) check() (Report, error) {
	for {
		if s.runs && s.takeRun() {
			continue
		}
		line, p, eof, err := s.next()
		if err != nil {
			return s.rep, err
		}
		if eof {
			if err := s.unterminatedSeal(); err != nil {
				return s.rep, err
			}
			return s.rep, s.commit()
		}
		ev, perr := p.Ev, p.Err
		if s.lineNo == 1 && len(line) > 0 && line[len(line)-1] == '\r' {
			s.rep.CRLF = true
		}
		if v := claimedVersion(line, p); v > event.Version {
			return s.newerLine(line, p, v)
		}
		switch {
		case perr != nil:
			return s.notEvent(line, perr)
		case s.sealed():
			return s.stop(s.lineNo, "inserted: a line after session.closed")
		case ev.Seq < s.seq:
			return s.claim(p)
		case ev.Seq != s.seq:
			b := seqBreak(s.lineNo, ev.Seq, s.seq)
			return s.stop(b.Line, b.Msg)
		case s.lineNo == 1 && ev.Type != event.SessionOpened:
			return s.stop(1, fmt.Sprintf("the first event is %s, not session.opened: this is not the start of a session file", ev.Type))
		case s.lineNo == 1 && p.PrevLen != 0:
			return s.stop(1, "changed: the first line must have an empty prev")
		case s.lineNo > 1 && !s.chained(p):
			return s.mismatch(p)
		}
		if err := s.commit(); err != nil {
			return s.rep, err
		}
		s.slot = pendingLine{ev: ev, pre: p.Pre, hash: p.Hash, size: int64(len(line)) + 1, offset: s.read - int64(len(line)) - 1}
		s.pend = &s.slot
		s.seq++
	}
}

// mismatch decides, when line N's prev does not match line N-1, which of
// the two was changed: if line N+1 confirms line N, line N is intact and
// line N-1 was changed; otherwise line N itself (its prev) was.
func (s *scanner) mismatch(p *lines.Parsed) (Report, error) {
	n := s.lineNo
	h := p.Hash // p's block may be reused once the next line is read
	_, next, eof, err := s.next()
	switch {
	case err != nil:
		return s.rep, err
	case eof:
		// No line after to decide by. A changed entry is far likelier than
		// a changed prev, so the line before is named.
		s.rep.Break = &Break{Line: n - 1, Msg: "changed: its hash does not match prev on the last line (or the last line's prev was altered)"}
		s.pend = nil
		return s.rep, nil
	case next.Err == nil && next.PrevIs(&h):
		s.rep.Break = &Break{Line: n - 1, Msg: "changed: its hash does not match prev on the next line"}
		s.pend = nil // the changed line is not intact
		return s.rep, nil
	}
	return s.stop(n, "changed: prev does not match the hash of the line before")
}

func seqBreak(line int, got, want int64) *Break {
	switch {
	case got > want:
		return &Break{Line: line, Msg: fmt.Sprintf("removed: seq jumps from %d to %d, so %d line(s) before this one are missing", want-1, got, got-want)}
	case got < want:
		return &Break{Line: line, Msg: fmt.Sprintf("inserted or moved: seq %d comes after seq %d", got, want-1)}
	}
	return nil
}
