package review

import (
	"os"
	"slices"
	"time"
)

// Update is how far a session file read in the background has got.
type Update struct {
	// Log is what has been read. Until Done it is a snapshot of the
	// events read so far, which reading further does not change (StateAt,
	// ClockAt and the rest work on it; Refresh does nothing and Problem
	// says nothing, since the file has not all been checked); once Done it
	// is the log Open would have returned.
	Log *Log
	// Read is how many bytes of the file have been read and folded, of
	// Size.
	Read, Size int64
	// Done is true on the last update: the whole file is read, or reading
	// failed (Err).
	Done bool
	// Err is why reading failed, as Open would have returned it.
	Err error
}

// Partial reports whether the log is a snapshot of a file still being
// read in the background (OpenInBackground).
func (l *Log) Partial() bool { return l.partial }

// OpenInBackground reads the session file at path as Open does, on a
// goroutine of its own, and sends what it has read so far on the channel
// it returns: the first events as soon as they are folded, then a new
// snapshot every interval, then the whole log with Done set, after which
// the channel is closed. The channel holds the newest update only, so a
// reader that falls behind skips to it; the last is never skipped.
func OpenInBackground(path string, every time.Duration, opts ...Option) <-chan Update {
	ch := make(chan Update, 1)
	var size int64
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	go func() {
		defer close(ch)
		var last time.Time
		publish := func(l *Log, off int64) {
			n := l.Len()
			if n != 1 && (n%256 != 0 || time.Since(last) < every) {
				return
			}
			last = time.Now()
			offer(ch, Update{Log: l.snapshot(), Read: off, Size: size})
		}
		l, err := Open(path, append(slices.Clip(opts), func(l *Log) { l.publish = publish })...)
		if l != nil {
			l.publish = nil
		}
		offer(ch, Update{Log: l, Read: size, Size: size, Done: true, Err: err})
	}()
	return ch
}

// offer puts u on ch, in place of an update not yet taken.
func offer(ch chan Update, u Update) {
	for {
		select {
		case ch <- u:
			return
		default:
			select {
			case <-ch:
			default:
			}
		}
	}
}

// snapshot is the log as it stands, for another goroutine to read while
// this one folds on: the lists capped at their lengths (folding on only
// appends past them) and the state a Fork.
func (l *Log) snapshot() *Log {
	return &Log{Path: l.Path, Final: l.Final.Fork(), checkpoints: slices.Clip(l.checkpoints),
		stamps: slices.Clip(l.stamps), types: slices.Clip(l.types), clocks: slices.Clip(l.clocks),
		ends: slices.Clip(l.ends), head: l.head, mem: l.mem,
		first: l.first, last: l.last, final: l.final, limit: -1, partial: true}
}
