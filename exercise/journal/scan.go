// Package journal is the session file: an append-only JSON Lines log of
// events, each line carrying the SHA-256 of the line before it.
//
// The Writer appends batches of events with one write and one fsync (group
// commit) and acknowledges nothing before the fsync returns. Scan reads a
// file back, checking the hash chain and the sequence numbers, and names
// the first line that was changed, removed or inserted. A torn last line
// (a crash in the middle of a write) is reported with its byte offset.
package journal

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"ttx/exercise/event"
)

// Hash returns the hex SHA-256 of a line's bytes (without its newline).
func Hash(line []byte) string {
	sum := sha256.Sum256(line)
	return hex.EncodeToString(sum[:])
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
}

// MaxLine is the longest line Scan accepts (a session.opened line carries
// the whole scenario).
const MaxLine = 32 << 20

// Scan reads a session file from r, checking every line, and calls fn (if
// not nil) with each intact event in order. It stops at the first break,
// or when fn returns an error, which Scan then returns. I/O errors are
// returned as errors; a broken chain is reported in Report.Break.
func Scan(r io.Reader, fn func(event.Event) error) (Report, error) {
	var rep Report
	br := bufio.NewReaderSize(r, 1<<16)
	var (
		lineNo   int
		prevHash string // hash of the previous line as read
		// suspect is set when line suspect.Line's prev did not match the
		// line before it: either that line or the one before was changed.
		// The next line decides which.
		suspect *Break
	)
	for {
		line, err := readLine(br)
		if errors.Is(err, io.EOF) {
			if len(line) > 0 {
				rep.Torn = &Torn{Offset: rep.Size, Size: int64(len(line))}
				if suspect != nil {
					// The suspect line was the last complete one; its own prev is
					// the one that looks wrong, unless the line before changed.
					rep.Break = &Break{Line: suspect.Line, Msg: suspect.Msg + " (or the line before it was changed)"}
				}
			} else if suspect != nil {
				rep.Break = &Break{Line: suspect.Line, Msg: suspect.Msg + " (or the line before it was changed)"}
			}
			return rep, nil
		}
		if err != nil {
			return rep, fmt.Errorf("read line %d: %w", lineNo+1, err)
		}
		lineNo++
		h := Hash(line)
		ev, perr := event.Unmarshal(line)
		if suspect != nil {
			if perr == nil && ev.Prev == prevHash {
				// The suspect line is intact, so the one before it changed.
				rep.Break = &Break{Line: suspect.Line - 1, Msg: "changed: its hash does not match prev on the next line"}
			} else {
				rep.Break = &Break{Line: suspect.Line, Msg: suspect.Msg}
			}
			return rep, nil
		}
		switch {
		case perr != nil:
			rep.Break = &Break{Line: lineNo, Msg: perr.Error()}
			return rep, nil
		case rep.Sealed:
			rep.Break = &Break{Line: lineNo, Msg: "inserted: a line after session.closed"}
			return rep, nil
		case ev.Seq != rep.Events:
			rep.Break = seqBreak(lineNo, ev.Seq, rep.Events)
			return rep, nil
		case lineNo == 1 && ev.Type != event.SessionOpened:
			rep.Break = &Break{Line: 1, Msg: fmt.Sprintf("the first event is %s, not session.opened: this is not the start of a session file", ev.Type)}
			return rep, nil
		case ev.Prev != prevHash:
			msg := "changed: prev does not match the hash of the line before"
			if lineNo == 1 {
				rep.Break = &Break{Line: 1, Msg: "changed: the first line must have an empty prev"}
				return rep, nil
			}
			suspect = &Break{Line: lineNo, Msg: msg}
			prevHash = h
			rep.Size += int64(len(line)) + 1
			continue
		}
		if rep.Events == 0 {
			rep.First, rep.FirstT = ev.At, ev.T
		}
		rep.Events++
		rep.Size += int64(len(line)) + 1
		rep.Last, rep.LastT, rep.Head = ev.At, ev.T, h
		rep.Sealed = ev.Type == event.SessionClosed
		prevHash = h
		if fn != nil {
			if err := fn(ev); err != nil {
				return rep, err
			}
		}
	}
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

// readLine returns the next line without its newline, or the incomplete
// tail with io.EOF.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if err == nil {
			if buf == nil {
				return chunk[:len(chunk)-1], nil
			}
			buf = append(buf, chunk[:len(chunk)-1]...)
			return buf, nil
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(buf) > MaxLine {
				return nil, fmt.Errorf("a line longer than %d bytes: not a ttx session file", MaxLine)
			}
			continue
		}
		return buf, err
	}
}
