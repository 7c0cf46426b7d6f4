package rows

import (
	"errors"
	"io"
)

// The decision log lists decisions in the order they were said, which in
// a session with many seats is not the order they were saved: a form
// open for minutes is saved after others said later. Read in said order,
// the rows (and their words) are taken from a few places in the files at
// once, each moving forward: one for each seat whose forms stay open
// long. windows keeps a stretch of the file for each of a few such
// places, so that each is read a window at a time; a row far from all
// of them (a jump) reads only its own bytes, and a window is read there
// once the next row is near.

// windowSlots is how many stretches of a file windows keeps.
const windowSlots = 4

// windows reads a file through a few windows kept, the one used longest
// ago replaced first.
type windows struct {
	r    io.ReaderAt
	size int // how much a window reads
	slot [windowSlots]window
	tick uint64
}

// window is a stretch of the file: buf holds the bytes from at.
type window struct {
	buf  []byte
	at   int64
	used uint64
}

// get returns the n bytes at off, valid until the next call.
func (w *windows) get(off, n int64) ([]byte, error) {
	w.tick++
	for i := range w.slot {
		s := &w.slot[i]
		if s.buf != nil && off >= s.at && off+n <= s.at+int64(len(s.buf)) {
			s.used = w.tick
			return s.buf[off-s.at : off-s.at+n], nil
		}
	}
	// A miss: a window where a slot's is near (the place it reads has
	// moved on), else only the bytes asked for in the slot used longest
	// ago.
	size, victim, near := n, 0, false
	for i := range w.slot {
		s := &w.slot[i]
		if s.buf != nil && off+n > s.at-int64(w.size) && off < s.at+int64(len(s.buf)+w.size) {
			victim, near = i, true
			break
		}
		if s.used < w.slot[victim].used {
			victim = i
		}
	}
	start := off
	if near {
		// A little behind too: rows said in an order close to the saved
		// one come a few back now and then.
		start = max(0, off-int64(w.size/8))
		size = max(n+off-start, int64(w.size))
	}
	s := &w.slot[victim]
	if int64(cap(s.buf)) < size {
		s.buf = make([]byte, max(size, int64(w.size)))
	}
	m, err := w.r.ReadAt(s.buf[:size], start)
	s.buf, s.at, s.used = s.buf[:m], start, w.tick
	if int64(m) < off-start+n {
		s.buf = nil
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return s.buf[off-start : off-start+n], nil
}
