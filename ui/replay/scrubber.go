package replay

import (
	"strings"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/review"
)

// Scrubber marks, by priority: the instant shown, inject releases, then
// decisions; the rest is the track.
const (
	markTrack    = '─'
	markDecision = '•'
	markInject   = '▲'
	markCursor   = '█'
)

// scrubber draws the session's span as a line with a mark where injects
// were released and decisions recorded, and the instant shown.
type scrubber struct {
	width  int
	events int
	marks  []rune // cached track with marks, for width and events
}

// track returns the marks for the log at width cells, rebuilt only when
// the width or the number of events changed.
func (s *scrubber) track(l *review.Log, width int) []rune {
	if width == s.width && l.Len() == s.events && s.marks != nil {
		return s.marks
	}
	s.width, s.events = width, l.Len()
	s.marks = make([]rune, width)
	for i := range s.marks {
		s.marks[i] = markTrack
	}
	if width == 0 || l.Len() == 0 {
		return s.marks
	}
	start, span := l.Start(), l.End().Sub(l.Start())
	for i := range l.Len() {
		c := cell(l.At(i).Sub(start), span, width)
		switch typ := l.Type(i); {
		case typ == event.InjectReleased:
			s.marks[c] = markInject
		case typ == event.DecisionRecorded && s.marks[c] == markTrack:
			s.marks[c] = markDecision
		}
	}
	return s.marks
}

// View draws the track with the cursor at wall time at.
func (s *scrubber) View(l *review.Log, width int, at time.Time) string {
	if width < 3 || l.Len() == 0 {
		return ""
	}
	marks := append([]rune(nil), s.track(l, width)...)
	marks[cell(at.Sub(l.Start()), l.End().Sub(l.Start()), width)] = markCursor
	var b strings.Builder
	b.WriteString(string(marks))
	return b.String()
}

// cell maps an offset within span to one of width cells.
func cell(off, span time.Duration, width int) int {
	if span <= 0 {
		return 0
	}
	c := int(float64(off) / float64(span) * float64(width-1))
	return min(max(c, 0), width-1)
}
