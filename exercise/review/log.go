// Package review reads a session file for the after-action review: it
// replays the session to any instant with the same event fold the
// live console uses, follows a file that is still being written, and
// builds the after-action report (Build); package aar writes it as
// Markdown, HTML and CSV.
package review

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/review/internal/conduct"
	"ttx/exercise/text"
)

// checkpointEvery is how many events apart the folded-state checkpoints
// are: a seek folds at most this many events.
const checkpointEvery = 512

// Log is a session file read for review: its intact events (Len, At,
// Events), what the scan found (a torn tail, a break in the chain), and
// checkpoints of the folded state for seeking.
type Log struct {
	// Path is the file read ("" for a reader).
	Path string
	// Scan is what reading the file found.
	Scan journal.Report
	// Final is the state after every event.
	Final event.State

	checkpoints []checkpoint // checkpoints[k]: state after the first k*checkpointEvery events
	stamps      []stamp      // each intact event: where its line is, when, its type
	types       []string     // the event types stamps name
	typeOf      map[string]uint8
	clocks      []clockRun    // the clock after each event, as runs of events
	ends        [][64]byte    // ends[k]: the hash of the line of event (k+1)*checkpointEvery-1
	head, hash  [64]byte      // the hash of the last event's line; of the event being kept
	mem         *bytes.Buffer // what was read, for a log read from a reader
	lastRead    struct {      // the stretch read back last (stretchEvents)
		k   int
		evs []event.Event
	}
	progress  func(n, total int64)
	publish   func(l *Log, off int64) // OpenInBackground's, after each event kept
	partial   bool                    // a snapshot of a file still being read
	streaming bool                    // fold only: keep no events (for reports)
	refs      Rows                    // fold only: each decision, and where its words are
	dec       event.Entry             // fold only: the decision the event folded last gave, if decided
	decided   bool                    // fold only: dec is the last event's
	words     words                   // fold only: the decisions' words, up to a budget
	lineBuf   []byte
	window    []byte // the stretch of the file readLineAt read last
	windowAt  int64  // its offset
	reader    *os.File
	handed    int64         // events the scan handed over
	limit     int64         // events with a seq from here on are not kept (-1: none)
	final     string        // the final hash given (WithFinal), or ""
	along     *journal.Fork // the fork whose branch pick is read (ScanBranch)
	pick      int

	// first and last are the wall times of the first and last events, and
	// people the names the events carry, kept as the file is read.
	first, last time.Time
	people      []string
	seen        map[string]bool
	setAside    []SetAside
	// book is what the conduct and attendance sections list.
	book conduct.Book
}

// Option configures reading.
type Option func(*Log)

// WithProgress calls fn as the file is read, with the bytes read so far
// and the file's size (0 when unknown).
func WithProgress(fn func(read, total int64)) Option { return func(l *Log) { l.progress = fn } }

// FoldOnly reads the file without keeping its events: only the final
// state and what a report needs, so a file of millions of events is read
// in the memory of its state alone. StateAt and the time mappings are then
// not available.
func FoldOnly() Option { return func(l *Log) { l.streaming = true } }

// Open reads the session file at path.
func Open(path string, opts ...Option) (*Log, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open the session file: %w", err)
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	l := newLog(opts)
	l.Path = path
	var r io.Reader = f
	if l.progress != nil {
		r = journal.ProgressReader(f, size, l.progress)
	}
	err = l.read(r, journal.Report{}, false)
	if fork := l.Scan.Fork; fork != nil && (err == nil || errors.Is(err, errReread)) && fork.Branch(l.final) >= 0 {
		// The final hash given says which branch ttx wrote: read that one.
		l.Close()
		l = newLog(opts)
		l.Path, l.along, l.pick = path, fork, fork.Branch(l.final)
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			l.Close()
			return nil, err
		}
		err = l.read(f, journal.Report{}, false)
	}
	if errors.Is(err, errReread) {
		// A fork deeper than one line, found after the first branch was
		// folded into what a report keeps: read again, up to the fork.
		limit := l.Scan.Events
		l.Close()
		l = newLog(opts)
		l.Path, l.limit = path, limit
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			l.Close()
			return nil, err
		}
		err = l.read(f, journal.Report{}, false)
	}
	if err == nil {
		if ferr := l.refs.Flush(); ferr != nil {
			err = fmt.Errorf("cannot keep the decisions in a temporary file (%w): set TMPDIR to a directory with room", ferr)
		}
	}
	if err != nil {
		l.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

// errReread says a fold-only log must be read again to leave out events
// the scan handed over before it found they were not the record.
var errReread = errors.New("two lines claim one place in the record: read the file from a path, not a stream")

// Read reads a session from r.
func Read(r io.Reader, opts ...Option) (*Log, error) {
	l := newLog(opts)
	if !l.streaming {
		l.mem = &bytes.Buffer{} // the events are read back from here
		r = io.TeeReader(r, l.mem)
	}
	if err := l.read(r, journal.Report{}, false); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

func newLog(opts []Option) *Log {
	l := &Log{Final: event.Empty(), checkpoints: []checkpoint{checkpointOf(event.Empty())},
		seen: map[string]bool{}, limit: -1, types: []string{""}, typeOf: map[string]uint8{"": 0}}
	for _, o := range opts {
		o(l)
	}
	if l.streaming {
		l.refs.Spill()
	}
	return l
}

func (l *Log) read(r io.Reader, from journal.Report, more bool) error {
	var (
		off int64
		pre event.Prepared // decoded on the reading cores
		to  func(event.Entry)
	)
	opts := []journal.ScanOption{journal.Offsets(&off), journal.Hashes(&l.hash), journal.Prepared(&pre)}
	if l.streaming {
		to = func(en event.Entry) { l.dec, l.decided = en, true }
	}
	switch {
	case more:
		opts = append(opts, journal.From(from))
	case l.along != nil:
		opts = append(opts, journal.Along(l.along, l.pick))
	}
	var (
		rep journal.Report
		err error
	)
	// The scan feeds the fold; after each event, Final is the state after
	// it, and what the log keeps of the event is taken from there.
	event.FoldPrepared(&l.Final, func(yield func(event.Event, *event.Prepared) bool) {
		rep, err = journal.Scan(r, func(e event.Event) error {
			if l.limit >= 0 && e.Seq >= l.limit {
				return nil
			}
			l.handed++
			yield(e, &pre) // Fold takes every event
			l.folded(e, off)
			return nil
		}, opts...)
	}, to)
	if err != nil {
		return err
	}
	l.Scan = rep
	if rep.Fork != nil && l.handed > rep.Events {
		// The first branch of a fork is not the record: the scan handed
		// it over before it met the second.
		if l.streaming {
			return errReread
		}
		if err := l.keep(int(rep.Events)); err != nil {
			return err
		}
	}
	if rep.Events == 0 && rep.Break == nil && rep.Newer == nil && !more {
		return fmt.Errorf("no complete event: not a ttx session file")
	}
	return nil
}

// folded keeps what the log needs of an event just folded into Final;
// off is where its line starts in the file.
func (l *Log) folded(e event.Event, off int64) {
	if l.first.IsZero() {
		l.first = e.At
	}
	l.last = e.At
	switch e.Type {
	case event.SessionOpened, event.SessionResumed, event.ParticipantJoined:
		role, name, _ := strings.Cut(e.By, ":")
		l.person(name + " (" + role + ")")
		if e.Type == event.SessionResumed {
			l.resumed(e)
		}
	case event.DecisionRecorded:
		if who := l.dec.Who; l.decided && who != "" && !l.seen[who] {
			l.person(who) // escaped by the fold: seen is keyed by names as escaped
		}
		l.whoOf(l.Final.Decisions, e.Seq)
	case event.RequestRecorded:
		l.whoOf(event.EntriesOf(l.Final.Requests), e.Seq)
	case event.AccessRefused:
		l.book.Refused(e)
	}
	l.book.Add(e, l.Final.Scenario)
	if l.streaming {
		if d := &l.dec; l.decided {
			// Keep a row and the words, not the entry: in temporary
			// files, or where they cannot be made, in memory up to the
			// word budget, past which only where the line is (the
			// report then reads the words back as it writes them).
			l.decided = false
			row := DecisionRow{Seq: d.Seq, AtMS: d.At.UnixMilli(), T: d.T, SaidT: d.SaidT, Action: d.Action}
			if l.refs.Spilled() {
				l.refs.Put(row, off, d.Team, d.Inject, d.Stage, d.Who, d.Text, d.By, d.Rationale)
			} else {
				l.words.Add(l.refs.Add(row, inFile, off, d.Team, d.Inject, d.Stage), d.Who, d.Text, d.By, d.Rationale)
			}
		}
		return
	}
	l.stamped(e, off)
	if len(l.stamps)%checkpointEvery == 0 {
		l.checkpoints = append(l.checkpoints, checkpointOf(l.Final.Fork()))
	}
	if l.publish != nil {
		l.publish(l, off)
	}
}

// keep cuts the log back to its first n events, folding them again.
func (l *Log) keep(n int) error {
	var evs []event.Event
	var hashes [][64]byte
	for k := 0; k*checkpointEvery < n; k++ {
		e, h, err := l.stretch(k)
		if err != nil {
			return err
		}
		evs, hashes = append(evs, e...), append(hashes, h...)
	}
	stamps := l.stamps
	evs, hashes = evs[:n], hashes[:n]
	l.stamps, l.clocks, l.ends, l.types, l.typeOf = nil, nil, nil, []string{""}, map[string]uint8{"": 0}
	l.Final, l.checkpoints = event.Empty(), []checkpoint{checkpointOf(event.Empty())}
	l.first, l.last, l.people, l.seen, l.setAside = time.Time{}, time.Time{}, nil, map[string]bool{}, nil
	l.book = conduct.Book{}
	event.Fold(&l.Final, func(yield func(event.Event) bool) {
		for i, e := range evs {
			yield(e) // Fold takes every event
			l.hash = hashes[i]
			l.folded(e, stamps[i].off)
		}
	})
	l.handed = int64(n)
	return nil
}

// said reads a decision's words back from the file at off.
func (l *Log) said(off int64) Said {
	if l.reader == nil {
		f, err := os.Open(l.Path)
		if err != nil {
			return Said{Text: "(could not read the session file: " + err.Error() + ")"}
		}
		l.reader = f
	}
	line, err := l.readLineAt(off)
	if err != nil {
		return Said{Text: "(could not read the session file: " + err.Error() + ")"}
	}
	e, err := event.Unmarshal(line)
	var d event.Said
	if err == nil {
		err = e.Decode(&d)
	}
	if err != nil {
		return Said{Text: "(the line changed since it was read: " + err.Error() + ")"}
	}
	// Read back past the fold, so escaped here as the fold escapes it.
	return Said{Who: text.Escape(d.Who), Text: text.Escape(d.Text), By: text.Escape(e.By), Rationale: text.Escape(d.Rationale)}
}

// readWindow is how much of the file readLineAt reads at once: the
// report reads decisions back in file order (the timeline) or close to
// it, so one read serves the lines of hundreds of them.
const readWindow = 256 << 10

// readLineAt reads the line starting at off: from the stretch of the file
// it read last when the line is in it, else into a buffer it reuses.
func (l *Log) readLineAt(off int64) ([]byte, error) {
	if line, ok := l.inWindow(off); ok {
		return line, nil
	}
	if l.window == nil {
		l.window = make([]byte, readWindow)
	}
	n, err := l.reader.ReadAt(l.window[:cap(l.window)], off)
	l.window, l.windowAt = l.window[:n], off
	if line, ok := l.inWindow(off); ok {
		return line, nil
	}
	if err != nil && n == 0 {
		return nil, err
	}
	return l.readLongLineAt(off)
}

// inWindow returns the line at off if the stretch last read holds all of
// it, its newline too.
func (l *Log) inWindow(off int64) ([]byte, bool) {
	if l.window == nil || off < l.windowAt || off >= l.windowAt+int64(len(l.window)) {
		return nil, false
	}
	rest := l.window[off-l.windowAt:]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		return nil, false
	}
	return rest[:i], true
}

// readLongLineAt reads a line longer than the window (or the last line
// of a file without its newline), into a buffer it reuses.
func (l *Log) readLongLineAt(off int64) ([]byte, error) {
	if l.lineBuf == nil {
		l.lineBuf = make([]byte, 4096)
	}
	var line []byte
	for {
		n, err := l.reader.ReadAt(l.lineBuf, off+int64(len(line)))
		if i := bytes.IndexByte(l.lineBuf[:n], '\n'); i >= 0 {
			if line == nil {
				return l.lineBuf[:i], nil
			}
			return append(line, l.lineBuf[:i]...), nil
		}
		line = append(line, l.lineBuf[:n]...)
		if err != nil {
			return line, err
		}
		if len(line) > journal.MaxLine {
			return nil, fmt.Errorf("line at %d is too long", off)
		}
	}
}

// Close releases the files a fold-only log reads decisions back from.
func (l *Log) Close() error {
	err := l.refs.Close()
	if l.reader != nil {
		err = errors.Join(l.reader.Close(), err)
		l.reader = nil
	}
	return err
}

func (l *Log) person(name string) {
	name = text.Escape(name)
	if !l.seen[name] {
		l.seen[name] = true
		l.people = append(l.people, name)
	}
}

// whoOf notes the person named in the entry the event just added.
func (l *Log) whoOf(list event.Entries, seq int64) {
	if n := list.Len(); n > 0 && list.Seq(n-1) == seq {
		if who := list.At(n - 1).Who; who != "" {
			l.person(who)
		}
	}
}

// Refresh reads lines appended to the file since the last read, as
// `tail -f` does, and returns how many events were added. A file whose
// chain was broken is not read further.
func (l *Log) Refresh() (int, error) {
	if l.Path == "" || l.partial || l.Scan.Break != nil || l.Scan.Sealed || l.Scan.Newer != nil || l.Scan.Chosen != nil {
		return 0, nil
	}
	f, err := os.Open(l.Path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() <= l.Scan.Size {
		return 0, err
	}
	if _, err := f.Seek(l.Scan.Size, io.SeekStart); err != nil {
		return 0, err
	}
	before := len(l.stamps)
	err = l.read(f, l.Scan, true)
	return max(len(l.stamps)-before, 0), err
}

// StateAt returns the state after the first n events (0 ≤ n ≤ Len). The
// events after the checkpoint before n are read back from the file; if
// they can no longer be read as they were (the file changed since), the
// state is that of the checkpoint, with an anomaly that says why.
func (l *Log) StateAt(n int) event.State {
	n = min(max(n, 0), len(l.stamps))
	if n == len(l.stamps) {
		return l.Final
	}
	k := min(n/checkpointEvery, len(l.checkpoints)-1)
	cp := &l.checkpoints[k]
	// The lists that only grow are prefixes of the final state's: fold
	// from the checkpoint with them empty, then take the final lists up to
	// the length the fold reached. Nothing large is copied, so a seek costs
	// the same at the millionth event as at the first.
	s := cp.state
	evs, err := l.Events(k*checkpointEvery, n)
	if err != nil {
		evs = nil
	}
	event.Fold(&s, slices.Values(evs))
	f, c := &l.Final, &cp.lens
	s.Decisions = f.Decisions.Prefix(c[0] + s.Decisions.Len())
	s.Requests = prefix(f.Requests, c[1]+len(s.Requests))
	s.Notes = prefix(f.Notes, c[2]+len(s.Notes))
	s.Observations = prefix(f.Observations, c[3]+len(s.Observations))
	s.Replies = prefix(f.Replies, c[4]+len(s.Replies))
	s.Unknown = prefix(f.Unknown, c[5]+len(s.Unknown))
	s.Anomalies = prefix(f.Anomalies, c[6]+len(s.Anomalies))
	s.Broadcasts = prefix(f.Broadcasts, c[7]+len(s.Broadcasts))
	s.Fixes = prefix(f.Fixes, c[8]+len(s.Fixes))
	if err != nil {
		s.Anomalies = append(s.Anomalies, fmt.Sprintf("event %d: %v", n, err))
	}
	return s
}

// checkpoint is a folded state without the lists that only grow, and
// their lengths then: StateAt takes them from the final state. Keeping
// the lists themselves would keep alive, at every checkpoint, the array
// the list had then, which appending has since copied to a larger one (on
// a million-event file, 970 MB of old copies of the decisions). The
// roster is kept whole: a new join code changes an entry in it (on a copy),
// so the final roster is not what it was then, and it is small.
type checkpoint struct {
	state event.State
	lens  [9]int // Decisions, Requests, Notes, Observations, Replies, Unknown, Anomalies, Broadcasts, Fixes
}

// checkpointOf makes a checkpoint of s, a Fork.
func checkpointOf(s event.State) checkpoint {
	c := checkpoint{lens: [9]int{s.Decisions.Len(), len(s.Requests), len(s.Notes), len(s.Observations),
		len(s.Replies), len(s.Unknown), len(s.Anomalies), len(s.Broadcasts), len(s.Fixes)}}
	s.Decisions, s.Requests, s.Notes, s.Observations = event.Entries{}, nil, nil, nil
	s.Replies, s.Unknown, s.Anomalies, s.Broadcasts, s.Fixes = nil, nil, nil, nil, nil
	c.state = s
	return c
}

// prefix is the first n of list, capped so that appending to it copies.
func prefix[T any](list []T, n int) []T { return list[:n:n] }

// Start and End are the wall times of the first and last events.
func (l *Log) Start() time.Time { return l.first }

// End is the wall time of the last event.
func (l *Log) End() time.Time { return l.last }

// People lists the names the session's events carry, in order of first
// appearance: who opened or resumed it, who joined, who said what.
func (l *Log) People() []string { return l.people }
