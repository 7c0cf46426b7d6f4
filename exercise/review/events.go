package review

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/journal"
)

// A log keeps of each event only where its line is, when it happened and
// its type (24 bytes), and reads the events themselves back from the file
// when a seek needs them: at most one checkpoint's worth. Each line read
// back is checked against the hash chain the first reading confirmed (the
// hash of the last line of every checkpoint's stretch is kept), so what is
// shown is always what was checked: a line changed since is an error, not
// a different event. Keeping every event decoded took 300 bytes an event
// (a million events: 320 MB).

// stamp is what a log keeps of one event.
type stamp struct {
	off int64 // where its line starts in the source
	at  int64 // its wall time, Unix nanoseconds
	typ uint8 // its type: types[typ]
}

// clockRun is the clock from the event from on, until the next run.
type clockRun struct {
	from int
	c    clock.Clock
}

// maxTypes is how many event types a log names; the type of an event past
// them is "".
const maxTypes = 255

// Len is how many intact events the log holds.
func (l *Log) Len() int { return len(l.stamps) }

// At is the wall time of event i.
func (l *Log) At(i int) time.Time { return time.Unix(0, l.stamps[i].at).UTC() }

// Type is the type of event i.
func (l *Log) Type(i int) string { return l.types[l.stamps[i].typ] }

// Event reads event i back from the file.
func (l *Log) Event(i int) (event.Event, error) {
	evs, err := l.Events(i, i+1)
	if err != nil {
		return event.Event{}, err
	}
	return evs[0], nil
}

// Events reads events from up to to back from the file (0 ≤ from ≤ to ≤
// Len), checking each line against the chain first read.
func (l *Log) Events(from, to int) ([]event.Event, error) {
	if from < 0 || to > len(l.stamps) || from > to {
		return nil, fmt.Errorf("events %d to %d of %d", from, to, len(l.stamps))
	}
	var out []event.Event
	for k := from / checkpointEvery; k*checkpointEvery < to; k++ {
		evs, err := l.stretchEvents(k)
		if err != nil {
			return out, err
		}
		a := k * checkpointEvery
		out = append(out, evs[max(from-a, 0):min(to-a, len(evs))]...)
	}
	return out, nil
}

// stretchEvents is stretch's events, the last stretch read kept: a
// replay playing or stepping reads the same stretch again and again.
func (l *Log) stretchEvents(k int) ([]event.Event, error) {
	a, b := k*checkpointEvery, min((k+1)*checkpointEvery, len(l.stamps))
	if c := &l.lastRead; c.k == k && len(c.evs) == b-a && c.evs != nil {
		return c.evs, nil
	}
	evs, _, err := l.stretch(k)
	if err == nil {
		l.lastRead.k, l.lastRead.evs = k, evs
	}
	return evs, err
}

// stretch reads back the events from checkpoint k to the next (or the
// last), with the hashes of their lines, and checks them: each line's prev
// is the hash of the one before, and the hashes at both ends are those
// first read.
func (l *Log) stretch(k int) ([]event.Event, [][64]byte, error) {
	a, b := k*checkpointEvery, min((k+1)*checkpointEvery, len(l.stamps))
	src, done, err := l.source()
	if err != nil {
		return nil, nil, err
	}
	defer done()
	from, to := l.stamps[a].off, l.stamps[b-1].off
	span, err := readSpan(src, from, to)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the session file again: %w", err)
	}
	var prev [64]byte // the hash the first line's prev must be
	hasPrev := k > 0
	if hasPrev {
		prev = l.ends[k-1]
	}
	evs := make([]event.Event, 0, b-a)
	hashes := make([][64]byte, 0, b-a)
	for i := a; i < b; i++ {
		line := span[l.stamps[i].off-from:]
		if j := bytes.IndexByte(line, '\n'); j >= 0 {
			line = line[:j]
		}
		e, err := event.Unmarshal(line)
		switch {
		case err != nil:
			return nil, nil, changed(i, i)
		case i > a && e.Prev != string(prev[:]):
			return nil, nil, changed(i-1, i) // the one before, or its prev
		case (hasPrev && e.Prev != string(prev[:])) || (!hasPrev && e.Prev != ""):
			return nil, nil, changed(i, i)
		}
		sum := sha256.Sum256(line)
		hex.Encode(prev[:], sum[:])
		hasPrev = true
		e.Prev = ""
		evs = append(evs, e)
		hashes = append(hashes, prev)
	}
	end := l.head
	if k < len(l.ends) {
		end = l.ends[k]
	}
	if prev != end {
		return nil, nil, changed(b-1, b-1)
	}
	return evs, hashes, nil
}

// changed says the file no longer holds what was read there: at the
// line of event i, or of one of events i and j.
func changed(i, j int) error {
	if i == j {
		return fmt.Errorf("the session file changed after it was read: line %d is not the line that was checked; open it again", i+1)
	}
	return fmt.Errorf("the session file changed after it was read: line %d or %d is not the line that was checked; open it again", i+1, j+1)
}

// source is where the log's lines are: the file, or what was read from a
// reader.
func (l *Log) source() (io.ReaderAt, func(), error) {
	if l.mem != nil {
		return bytes.NewReader(l.mem.Bytes()), func() {}, nil
	}
	f, err := os.Open(l.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the session file again: %w", err)
	}
	return f, func() { f.Close() }, nil
}

// readSpan reads from from to the end of the line that starts at to.
func readSpan(src io.ReaderAt, from, to int64) ([]byte, error) {
	want := to - from + 64<<10
	for {
		buf := make([]byte, want)
		n, err := src.ReadAt(buf, from)
		if int64(n) > to-from {
			if i := bytes.IndexByte(buf[to-from:n], '\n'); i >= 0 {
				return buf[:to-from+int64(i)], nil
			}
		}
		switch {
		case err == io.EOF:
			return nil, fmt.Errorf("the file ends before the line at byte %d does", to)
		case err != nil:
			return nil, err
		case want-(to-from) > journal.MaxLine:
			return nil, fmt.Errorf("the line at byte %d is too long", to)
		}
		want = to - from + 2*(want-(to-from))
	}
}

// stamped keeps where event e's line is (off), when it happened and its
// type, and the clock after it.
func (l *Log) stamped(e event.Event, off int64) {
	t, ok := l.typeOf[e.Type]
	if !ok && len(l.types) < maxTypes {
		t, l.types = uint8(len(l.types)), append(l.types, e.Type)
		l.typeOf[e.Type] = t
	} else if !ok {
		t = 0
	}
	l.stamps = append(l.stamps, stamp{off: off, at: e.At.UnixNano(), typ: t})
	if n := len(l.clocks); n == 0 || l.clocks[n-1].c != l.Final.Clock {
		l.clocks = append(l.clocks, clockRun{from: len(l.stamps) - 1, c: l.Final.Clock})
	}
	l.head = l.hash
	if len(l.stamps)%checkpointEvery == 0 {
		l.ends = append(l.ends, l.hash)
	}
}

// clockAfter is the clock after event i.
func (l *Log) clockAfter(i int) clock.Clock {
	r := sort.Search(len(l.clocks), func(j int) bool { return l.clocks[j].from > i })
	return l.clocks[r-1].c
}

// CountAt returns how many events had happened by wall time t.
func (l *Log) CountAt(t time.Time) int {
	at := t.UnixNano()
	return sort.Search(len(l.stamps), func(i int) bool { return l.stamps[i].at > at })
}

// ClockAt returns the exercise time at wall time t, as the console's
// clock read then.
func (l *Log) ClockAt(t time.Time) time.Duration {
	n := l.CountAt(t)
	if n == 0 {
		return 0
	}
	return l.clockAfter(n - 1).At(t)
}

// WallAt returns the first wall time at which the exercise clock read t,
// and false if it never did (it then returns the end).
func (l *Log) WallAt(t time.Duration) (time.Time, bool) {
	// after is the wall time the clock after event i held until.
	after := func(i int) time.Time {
		if i+1 < len(l.stamps) {
			return l.At(i + 1)
		}
		return l.End()
	}
	for j, run := range l.clocks {
		last := len(l.stamps) - 1
		if j+1 < len(l.clocks) {
			last = l.clocks[j+1].from - 1
		}
		c := run.c
		i := run.from
		if c.Running() {
			// The first event of the run after which the clock reached t.
			i += sort.Search(last-run.from+1, func(d int) bool { return c.At(after(run.from+d)) >= t })
			if i > last {
				continue
			}
		}
		from := l.At(i)
		start, end := c.At(from), c.At(after(i))
		switch {
		case start == t:
			return from, true
		case c.Running() && start < t && t <= end:
			// Rounded up, so that the clock reads t there and not a few
			// nanoseconds short of it (at 30x, 1h05 showed T+01:04:59).
			at := from.Add(time.Duration(math.Ceil(float64(t-start) / c.Speed())))
			for c.At(at) < t {
				at = at.Add(time.Nanosecond)
			}
			return at, true
		}
	}
	return l.End(), false
}
