// Package offset reads and writes exercise-time offsets and the
// scenario start as planners write them.
package offset

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Parse parses an exercise-time offset as planners write them:
// "00:15" or "1:05" (hours:minutes), "01:05:30" (with seconds), an optional
// "T+" or "+" prefix, or a Go-style duration such as "1h05m", "90m" or "45s".
// A bare number is minutes.
func Parse(s string) (time.Duration, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "T"), "+")
	if s == "" {
		return 0, fmt.Errorf("empty time offset; write hh:mm like 00:15, or 1h05m")
	}
	bad := fmt.Errorf("%q is not a time offset; write hh:mm like 01:05, or 1h05m", orig)
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) > 3 {
			return 0, bad
		}
		var n [3]int
		for i, p := range parts {
			v, err := strconv.Atoi(p)
			if err != nil || v < 0 || p == "" || (i > 0 && (len(p) != 2 || v > 59)) {
				return 0, bad
			}
			n[i] = v
		}
		d := time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute + time.Duration(n[2])*time.Second
		return d, nil
	}
	if h, m, ok := strings.Cut(s, "h"); ok && len(m) == 2 && !strings.ContainsAny(m, "hms") {
		s = h + "h" + m + "m" // "1h05" as people write it
	}
	if v, err := strconv.Atoi(s); err == nil {
		if v < 0 {
			return 0, bad
		}
		return time.Duration(v) * time.Minute, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, bad
	}
	return d, nil
}

// Format writes an offset as hh:mm, or hh:mm:ss when it has seconds.
// Negative offsets get a leading minus sign.
func Format(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	d = d.Truncate(time.Second)
	h, m, s := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	if s != 0 {
		return fmt.Sprintf("%s%02d:%02d:%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%s%02d:%02d", sign, h, m)
}

// ParseStart parses a scenario start: a time of day ("09:00") or a date and
// time ("2027-03-12 09:00", "2027-03-12T09:00", RFC 3339).
func ParseStart(s string) (t time.Time, timeOfDay bool, err error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, nil
		}
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("start %q is not a time; write a time of day like 09:00, or a date and time like 2027-03-12 09:00", s)
}
