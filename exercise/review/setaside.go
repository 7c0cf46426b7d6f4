package review

import (
	"fmt"
	"time"

	"ttx/exercise/event"
)

// SetAside is something resuming cut off the end of the session file and
// moved aside, as session.resumed records it: a torn last line, or lines
// that were no events, set aside at the facilitator's request.
type SetAside struct {
	// Seq is the session.resumed event's; At its wall time.
	Seq int64
	At  time.Time
	// Tail is true for lines that were no events, false for a torn line.
	Tail bool
	// File is where the bytes went; Offset where they were, Bytes how
	// many, SHA256 their hash, Lines (a tail's) their first and last line.
	File   string
	Offset int64
	Bytes  int64
	SHA256 string
	Lines  [2]int
}

// Sentence says what was set aside, when, and where it is.
func (s SetAside) Sentence() string {
	when := fmt.Sprintf("On resuming (line %d, %s UTC)", s.Seq+1, s.At.UTC().Format("2006-01-02 15:04:05"))
	sum := ""
	if s.SHA256 != "" {
		sum = "; SHA-256 " + s.SHA256
	}
	if s.Tail {
		return fmt.Sprintf("%s, lines %d to %d (%d bytes from byte %d), which were not events, were moved to %s at the facilitator's request%s.",
			when, s.Lines[0], s.Lines[1], s.Bytes, s.Offset, s.File, sum)
	}
	return fmt.Sprintf("%s, a torn last line of %d bytes from byte %d (a write cut short, never acknowledged) was moved to %s%s.",
		when, s.Bytes, s.Offset, s.File, sum)
}

// resumed notes what a session.resumed event says was set aside.
func (l *Log) resumed(e event.Event) {
	var d event.Resumed
	if e.Decode(&d) != nil {
		return
	}
	if d.TornFile != "" {
		l.setAside = append(l.setAside, SetAside{Seq: e.Seq, At: e.At, File: d.TornFile, Offset: d.TornOffset, Bytes: d.TornBytes, SHA256: d.TornSHA256})
	}
	if d.TailFile != "" {
		l.setAside = append(l.setAside, SetAside{Seq: e.Seq, At: e.At, Tail: true, File: d.TailFile, Offset: d.TailOffset, Bytes: d.TailBytes, SHA256: d.TailSHA256, Lines: d.TailLines})
	}
}

// SetAside lists what resuming moved aside, in the order it happened.
func (l *Log) SetAside() []SetAside { return l.setAside }
