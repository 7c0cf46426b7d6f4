package scenario

import (
	"time"

	"ttx/exercise/scenario/internal/offset"
)

// ParseOffset parses an exercise-time offset as planners write them:
// "00:15" or "1:05" (hours:minutes), "01:05:30" (with seconds), an optional
// "T+" or "+" prefix, or a Go-style duration such as "1h05m", "90m" or "45s".
// A bare number is minutes.
func ParseOffset(s string) (time.Duration, error) { return offset.Parse(s) }

// FormatOffset writes an offset as hh:mm, or hh:mm:ss when it has seconds.
// Negative offsets get a leading minus sign.
func FormatOffset(d time.Duration) string { return offset.Format(d) }

// ParseStart parses a scenario start: a time of day ("09:00") or a date and
// time ("2027-03-12 09:00", "2027-03-12T09:00", RFC 3339).
func ParseStart(s string) (t time.Time, timeOfDay bool, err error) { return offset.ParseStart(s) }
