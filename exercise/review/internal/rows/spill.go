package rows

import (
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"time"
)

// A report over a session of millions of decisions keeps none of them in
// memory: each decision's row goes to a temporary file of fixed-size
// records, its words to another, as the session file is folded. The
// parts that list decisions read the rows back in order, a buffer at a
// time, and the words from a window of the words file that moves on as
// they are read; what the report counts is worked out as the rows are
// read back (see Rows.All), from what is kept in memory for the scenario's
// injects and for the corrections.

// recordSize is the size of a row's record in the rows file.
const recordSize = 64

// spillBuffer is how much of either file is written or read at once.
const spillBuffer = 1 << 20

// spill is the two temporary files a Rows writes its rows and words to.
type spill struct {
	rows, words *os.File
	rw, ww      *background // each written on a goroutine of its own
	wordsLen    int64       // bytes of words written
	err         error       // the first write that failed
	remove      []string
	// rowsAt and wordsAt read the files back for rows taken one by one
	// (at, wordsOf), through a few windows kept of each.
	rowsAt, wordsAt windows
	batch           []byte // the records read back last (each)
	cur             []Row  // the rows decoded from them
	reading         bool   // a pass is reading into batch and cur
}

// Windows of the files kept for rows read one by one: a few thousand
// rows, and their words.
const (
	rowsWindow  = 1024 * recordSize
	wordsWindow = 256 << 10
)

// TempDir is the directory the temporary files are made in ("": the
// system's, TMPDIR). Tests point it where no file can be made.
var TempDir = ""

// newSpill creates the two files in TempDir.
// They are removed at once where the system allows it (the open files
// stay readable), else when the Rows is closed.
func newSpill() (*spill, error) {
	rows, err := os.CreateTemp(TempDir, "ttx-report-*.rows")
	if err != nil {
		return nil, err
	}
	words, err := os.CreateTemp(TempDir, "ttx-report-*.words")
	if err != nil {
		rows.Close()
		os.Remove(rows.Name())
		return nil, err
	}
	s := &spill{rows: rows, words: words, rw: &background{f: rows}, ww: &background{f: words},
		rowsAt: windows{r: rows, size: rowsWindow}, wordsAt: windows{r: words, size: wordsWindow}}
	for _, f := range []*os.File{rows, words} {
		if os.Remove(f.Name()) != nil {
			s.remove = append(s.remove, f.Name())
		}
	}
	return s, nil
}

// put writes a row and its words.
func (s *spill) put(d *Row, who, text, by, rationale string) {
	if s.err != nil {
		return
	}
	if d.where != InFile {
		d.where, d.loc = InSpill, s.wordsLen
		d.whoLen, d.textLen, d.byLen, d.ratLen = uint16(len(who)), int32(len(text)), uint16(len(by)), uint16(len(rationale))
		for _, w := range [...]string{who, text, by, rationale} {
			s.ww.WriteString(w) // an error is kept, and flush returns it
		}
		s.wordsLen += int64(len(who) + len(text) + len(by) + len(rationale))
	}
	var b [recordSize]byte
	encode(&b, d)
	s.rw.Write(b[:])
}

// fits reports whether a row measures words of these lengths (a longer
// one, which only a file written by hand holds, is read back from the
// session file).
func fits(who, text, by, rationale string) bool {
	return len(who) <= maxName && len(by) <= maxName && len(rationale) <= maxName && len(text) <= math.MaxInt32
}

// flush writes out what is buffered, before the files are read, and
// returns the first error writing met.
func (s *spill) flush() error {
	if err := errors.Join(s.rw.flush(), s.ww.flush()); s.err == nil {
		s.err = err
	}
	return s.err
}

func encode(b *[recordSize]byte, d *Row) {
	le := binary.LittleEndian
	le.PutUint64(b[0:], uint64(d.Seq))
	le.PutUint64(b[8:], uint64(d.AtMS))
	le.PutUint64(b[16:], uint64(d.T))
	le.PutUint64(b[24:], uint64(d.SaidT))
	le.PutUint64(b[32:], uint64(d.loc))
	le.PutUint32(b[40:], d.team)
	le.PutUint32(b[44:], d.inject)
	le.PutUint32(b[48:], uint32(d.textLen))
	le.PutUint16(b[52:], d.whoLen)
	le.PutUint16(b[54:], d.byLen)
	le.PutUint16(b[56:], d.ratLen)
	b[58], b[59] = d.stage, d.where
	var flags byte
	for i, f := range [...]bool{d.Action, d.Struck, d.Amended} {
		if f {
			flags |= 1 << i
		}
	}
	b[60] = flags
}

func decode(b []byte, d *Row) {
	le := binary.LittleEndian
	*d = Row{Seq: int64(le.Uint64(b[0:])), AtMS: int64(le.Uint64(b[8:])), T: durationAt(b[16:]), SaidT: durationAt(b[24:]),
		loc: int64(le.Uint64(b[32:])), team: le.Uint32(b[40:]), inject: le.Uint32(b[44:]), textLen: int32(le.Uint32(b[48:])),
		whoLen: le.Uint16(b[52:]), byLen: le.Uint16(b[54:]), ratLen: le.Uint16(b[56:]), stage: b[58], where: b[59],
		Action: b[60]&1 != 0, Struck: b[60]&2 != 0, Amended: b[60]&4 != 0}
}

func durationAt(b []byte) time.Duration { return time.Duration(binary.LittleEndian.Uint64(b)) }

// batchRows is how many records All reads back at once.
const batchRows = spillBuffer / recordSize

// each calls fn with each row read back, in order, a batch at a time.
// The words of a batch are read with it when they are few enough for the
// window, so that Said finds them there.
func (s *spill) each(n int, fn func(d *Row) bool) error {
	if err := s.flush(); err != nil {
		return err
	}
	// One pass at a time reuses the buffers; a pass inside another
	// (none today) takes its own.
	batch, cur := s.batch, s.cur
	if s.reading || batch == nil {
		batch, cur = make([]byte, batchRows*recordSize), make([]Row, batchRows)
	}
	if !s.reading {
		s.batch, s.cur, s.reading = batch, cur, true
		defer func() { s.reading = false }()
	}
	for at := 0; at < n; at += batchRows {
		k := min(batchRows, n-at)
		if _, err := s.rowsAt.r.ReadAt(batch[:k*recordSize], int64(at)*recordSize); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		for i := range k {
			decode(batch[i*recordSize:], &cur[i])
		}
		for i := range k {
			if !fn(&cur[i]) {
				return nil
			}
		}
	}
	return nil
}

// at reads back row i into d.
func (s *spill) at(i int, d *Row) error {
	if err := s.flush(); err != nil {
		return err
	}
	b, err := s.rowsAt.get(int64(i)*recordSize, recordSize)
	if err != nil {
		return err
	}
	decode(b, d)
	return nil
}

// wordsOf returns the words of a spilled row, read through the windows
// kept of the words file. The bytes are valid until the next call.
func (s *spill) wordsOf(d *Row) ([]byte, error) {
	if err := s.flush(); err != nil {
		return nil, err
	}
	return s.wordsAt.get(d.loc, int64(d.whoLen)+int64(d.textLen)+int64(d.byLen)+int64(d.ratLen))
}

// close closes the files, and removes them if that could not be done
// when they were made.
func (s *spill) close() error {
	s.rw.flush() // the writers stop: what they wrote is not read now
	s.ww.flush()
	err := errors.Join(s.rows.Close(), s.words.Close())
	for _, name := range s.remove {
		os.Remove(name)
	}
	return err
}
