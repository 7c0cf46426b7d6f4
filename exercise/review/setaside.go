package review

import (
	"ttx/exercise/event"
	"ttx/exercise/review/internal/verdict"
)

// SetAside is something resuming cut off the end of the session file and
// moved aside, as session.resumed records it: a torn last line, or lines
// that were no events, set aside at the facilitator's request.
type SetAside = verdict.SetAside

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
