// Package lines reads a session file's lines in order, each parsed and
// hashed on every core: the speed machinery behind journal.Scan, which
// checks the chain over what it hands out. Its test holds what it hands
// out equal to reading the file line by line.
package lines

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"ttx/exercise/event"
	"ttx/exercise/internal/wire"
)

// Reading a session file is parsing and hashing every line, and each line's
// parse and hash depend on that line alone; only checking the chain needs
// them in order, and that is cheap. So a reader goroutine cuts the file into
// blocks of whole lines, one worker per core parses and hashes the lines of
// a block, and the scanner takes the blocks back in file order. A session
// of a million events is then read on every core the machine has.

// blockSize is how much of the file one block holds (more if one line is
// longer); the first is smaller, so that a short file costs little.
// Blocks in flight are bounded, so memory does not grow with the file.
// A block's parsed lines take about as much memory again as its bytes, and
// every new page costs a fault: 256 KB blocks read as fast as 1 MB ones
// (verify of 345 MB: 0.57–0.64 s against 0.60–0.69 s) with half the
// faults, and resume starts 20 ms sooner.
const (
	blockSize      = 256 << 10
	firstBlockSize = 64 << 10
)

// Parsed is one line, parsed and hashed.
type Parsed struct {
	start, end int // the line is block.buf[start:end], without its newline
	// Ev is the line's event, or Err why it is none.
	Ev  event.Event
	Err error
	// Hash is the hex SHA-256 of the line.
	Hash [64]byte
	// Prev is the hash the line carries of the line before it, and
	// PrevLen its length: 0 for none, -1 for a prev that is no hash.
	Prev    [64]byte
	PrevLen int
	// Pre is what the fold takes from the event (Config.Prepare).
	Pre event.Prepared
}

// PrevIs reports whether the line carries h as its prev.
func (p *Parsed) PrevIs(h *[64]byte) bool { return p.PrevLen == len(h) && p.Prev == *h }

// setPrev records the prev the line carries: read from the line where
// the parser left it there, so that no copy of it is kept per event.
func (p *Parsed) setPrev(line []byte) {
	n := len(p.Ev.Prev)
	if n > 0 {
		copy(p.Prev[:], p.Ev.Prev)
	} else if prev, ok := wire.PrevIn(line); ok {
		n = copy(p.Prev[:], prev)
	}
	switch n {
	case 0, len(p.Prev):
		p.PrevLen = n
	default:
		p.PrevLen = -1
	}
}

// setPrevFrom records prev, as found in the line by the parser.
func (p *Parsed) setPrevFrom(prev []byte) {
	n := copy(p.Prev[:], prev)
	switch n {
	case 0, len(p.Prev):
		p.PrevLen = n
	default:
		p.PrevLen = -1
	}
}

// block is a run of whole lines from the file.
type block struct {
	buf   []byte
	lines []Parsed
	done  chan struct{} // closed once lines is filled in
	err   error         // a read error after the block's lines (last block only)
	torn  []byte        // an incomplete last line (last block only)
	// isRun is set when the chain runs through the block (Runs): run
	// then says so, and lines is not filled in unless asked for.
	isRun bool
	run   Run
	ring  *ring
}

// count is the number of the block's lines.
func (b *block) count() int {
	if b.isRun {
		return b.run.N
	}
	return len(b.lines)
}

// Reader hands out a file's lines in order, parsed and hashed on every
// core.
type Reader struct {
	ordered chan *block // blocks in file order, as the reader cuts them
	free    chan *block // blocks the scanner is done with, for their buffers
	quit    chan struct{}
	wg      sync.WaitGroup

	cur     *block
	next    int // index in cur.lines of the next line to hand out
	maxLine int
	first   int // the size of the first block, and of the others
	size    int

	// For Runs: the rings of the Runs taken, kept for Recent; keptLines
	// their lines; spare rings to give back to blocks; keep the lines
	// Recent must give; names for the lines of a Run read one by one.
	kept      []*ring
	keptLines int
	spare     []*ring
	keep      int
	names     wire.Names
}

// Want is what a reader needs of each line.
type Want int

const (
	// Chain is only what checking the chain needs: no payload.
	Chain Want = iota
	// Events is every event whole.
	Events
	// Runs is Chain, with the chain checked within each block on the
	// workers: the blocks it runs through unbroken come as Runs.
	Runs
)

// NewReader starts reading r for what w asks; a line longer than maxLine
// bytes ends the reading with an error.
func NewReader(r io.Reader, w Want, maxLine int) *Reader {
	return New(r, Config{Want: w, MaxLine: maxLine})
}

// Config is what a Reader reads for.
type Config struct {
	Want    Want
	MaxLine int
	// Prepare is set to have each event prepared for the fold
	// (event.Prepare) on the workers too (Events only).
	Prepare bool
	// Keep is how many of the lines of the Runs taken Recent gives
	// (Runs only).
	Keep int
	// First and Block are the sizes of the first block and of the others
	// (0: 64 KB and 256 KB). Tests make them small, so that lines meet
	// at block boundaries.
	First, Block int
}

// New starts reading r as c says.
func New(r io.Reader, c Config) *Reader {
	workers := runtime.GOMAXPROCS(0)
	inFlight := 2*workers + 2
	lr := &Reader{
		ordered: make(chan *block, inFlight),
		free:    make(chan *block, inFlight+1),
		quit:    make(chan struct{}),
		maxLine: c.MaxLine,
		first:   cmp.Or(c.First, firstBlockSize),
		size:    cmp.Or(c.Block, blockSize),
		keep:    max(c.Keep, 1),
	}
	w := c.Want
	work := make(chan *block, inFlight)
	for range workers {
		lr.wg.Add(1)
		go func() {
			defer lr.wg.Done()
			// This worker's: repeated names shared, payloads copied in chunks.
			names, links := &wire.Names{}, &wire.Links{}
			for b := range work {
				if w != Runs || !chainBlock(b, lr.keep+1, names, links) {
					parseBlock(b, w, names)
				}
				if c.Prepare && w == Events {
					for i := range b.lines {
						if p := &b.lines[i]; p.Err == nil {
							event.Prepare(&p.Ev, &p.Pre, names)
						}
					}
				}
				close(b.done)
			}
		}()
	}
	lr.wg.Add(1)
	go func() {
		defer lr.wg.Done()
		defer close(work)
		defer close(lr.ordered)
		lr.cut(r, work, inFlight)
	}()
	return lr
}

// cut reads r into blocks of whole lines and sends each to the workers and,
// in order, to the scanner. At most inFlight buffers exist at once.
func (lr *Reader) cut(r io.Reader, work chan<- *block, inFlight int) {
	var (
		carry   []byte // the start of a line the last read cut through
		buf     []byte // the buffer being filled
		lines   []Parsed
		rg      *ring
		buffers int
		size    = lr.first // how much the block holds: the same whichever buffer
	)
	for {
		if buf == nil {
			old, ok := lr.buffer(&buffers, inFlight)
			if !ok {
				return
			}
			buf, lines, rg = old.buf, old.lines[:0], old.ring
		}
		if need := len(carry) + lr.first; size < need {
			// Double for a line longer than a block (the scenario a
			// session opens with), so that reading it copies it a few
			// times, not once for every 64 KB of it.
			size = max(need, 2*len(carry))
		}
		if cap(buf) < size {
			grown := make([]byte, size)
			copy(grown, carry)
			buf, carry = grown, grown[:len(carry)]
		}
		buf = buf[:size]
		n := copy(buf, carry)
		m, err := io.ReadFull(r, buf[n:])
		data := buf[:n+m]
		eof := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		b := &block{done: make(chan struct{}), lines: lines, ring: rg}
		b.buf, carry = splitWhole(data)
		switch {
		case err != nil && !eof:
			// Hand over the whole lines before the fault, then the fault.
			b.err = err
			lr.send(b, work)
			return
		case eof:
			if len(carry) > 0 {
				b.torn = carry
			}
			lr.send(b, work)
			return
		case len(b.buf) == 0:
			// One line longer than a block: read on in this buffer, grown.
			if len(data) > lr.maxLine {
				b.err = fmt.Errorf("a line longer than %d bytes: not a ttx session file", lr.maxLine)
				lr.send(b, work)
				return
			}
			carry = data
			continue
		}
		// The start of the next line must outlive this buffer.
		carry = append([]byte(nil), carry...)
		buf, lines, rg, size = nil, nil, nil, lr.size
		if !lr.send(b, work) {
			return
		}
	}
}

// buffer returns a block the scanner is done with, to fill its buffer and
// lines again, or a new one while fewer than inFlight exist.
func (lr *Reader) buffer(made *int, inFlight int) (*block, bool) {
	select {
	case b := <-lr.free:
		return b, true
	case <-lr.quit:
		return nil, false
	default:
	}
	if *made < inFlight {
		*made++
		if *made == 1 {
			return &block{buf: make([]byte, lr.first)}, true
		}
		return &block{buf: make([]byte, lr.size)}, true
	}
	select {
	case b := <-lr.free:
		return b, true
	case <-lr.quit:
		return nil, false
	}
}

// splitWhole splits data after its last newline.
func splitWhole(data []byte) (whole, rest []byte) {
	for i := len(data) - 1; i >= 0; i-- {
		if data[i] == '\n' {
			return data[:i+1], data[i+1:]
		}
	}
	return data[:0], data
}

func (lr *Reader) send(b *block, work chan<- *block) bool {
	select {
	case lr.ordered <- b:
	case <-lr.quit:
		return false
	}
	select {
	case work <- b:
		return true
	case <-lr.quit:
		close(b.done)
		return false
	}
}

// parseBlock splits a block into lines, then parses and hashes each.
func parseBlock(b *block, w Want, names *wire.Names) {
	if w == Runs {
		w = Chain
	}
	if b.isRun = false; b.lines == nil {
		// Room for a block of the short lines decisions make, so that
		// the list is not regrown for every new buffer.
		b.lines = make([]Parsed, 0, len(b.buf)/event.MinDecisionLine)
	}
	for start := 0; start < len(b.buf); {
		i := start + bytes.IndexByte(b.buf[start:], '\n')
		if i < start {
			break
		}
		b.lines = append(b.lines, Parsed{start: start, end: i})
		p := &b.lines[len(b.lines)-1]
		line := b.buf[start:i]
		if l, prev, ok := chainOnly(line, w, names); ok {
			p.Ev = event.Event(l)
			p.setPrevFrom(prev)
		} else {
			p.Ev, p.Err = parseLine(line, w, names)
			if p.Err == nil {
				p.setPrev(line)
			}
		}
		HashInto(&p.Hash, line)
		start = i + 1
	}
}

// chainOnly reads, for the chain alone, a line in ttx's own layout: only
// the fields the chain is checked by (wire.ParseChain, which accepts
// exactly what wire.Parse does). Any other line, and every line when
// events are wanted whole, goes to parseLine.
func chainOnly(line []byte, w Want, names *wire.Names) (wire.Line, []byte, bool) {
	if w != Chain {
		return wire.Line{}, nil, false
	}
	return wire.ParseChain(line, names)
}

// parseLine reads one line for what w asks: by the line codec where the
// line is in ttx's own layout (repeated names shared, prev left in the
// line for setPrev), by event.Unmarshal otherwise. For the chain alone the
// payload is not copied.
func parseLine(line []byte, w Want, names *wire.Names) (event.Event, error) {
	if l, ok := wire.Parse(line, w != Chain, false, names); ok {
		return event.Event(l), nil
	}
	e, err := event.Unmarshal(line)
	if w == Chain {
		e.Data = nil
	}
	return e, err
}

// Line returns the next line in file order, parsed. At the end of the
// file it returns eof, with the torn tail (if any) and any read error.
func (lr *Reader) Line() (line []byte, p *Parsed, torn []byte, eof bool, err error) {
	for lr.cur == nil || lr.next == lr.cur.count() {
		if lr.cur != nil {
			done := lr.cur
			if done.err != nil || done.torn != nil {
				lr.cur = nil
				return nil, nil, done.torn, true, done.err
			}
			lr.recycle()
		}
		b, ok := <-lr.ordered
		if !ok {
			return nil, nil, nil, true, nil
		}
		<-b.done
		lr.cur, lr.next = b, 0
	}
	if lr.cur.isRun {
		// A Run not taken (its first line does not join on): its lines
		// one by one after all.
		parseBlock(lr.cur, Chain, &lr.names)
	}
	p = &lr.cur.lines[lr.next]
	lr.next++
	return lr.cur.buf[p.start:p.end], p, nil, false, nil
}

// recycle gives the current block back for its buffers.
func (lr *Reader) recycle() {
	select {
	case lr.free <- lr.cur:
	default:
	}
	lr.cur = nil
}

// Close stops the reader and the workers and waits for them.
func (lr *Reader) Close() {
	close(lr.quit)
	for b := range lr.ordered {
		<-b.done
	}
	lr.wg.Wait()
}

// HashInto writes the hex SHA-256 of line into h, allocating nothing.
func HashInto(h *[64]byte, line []byte) {
	sum := sha256.Sum256(line)
	hex.Encode(h[:], sum[:])
}
