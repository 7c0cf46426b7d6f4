package aar

import (
	"fmt"
	"strconv"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/review"
)

// visitTime writes when a seat opened or closed: the wall time and the
// exercise time, or "-" when it did not.
func visitTime(at time.Time, t time.Duration, ok bool) string {
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%s (%s)", at.UTC().Format("15:04:05"), clock.Format(t))
}

// conductRecords are the conduct rows as CSV records, with a header.
func conductRecords(r *review.Report) [][]string {
	out := [][]string{{"seq", "wall_time_utc", "exercise_time", "kind", "by", "what", "inject", "reason_or_message", "flag"}}
	for _, c := range r.Conduct {
		out = append(out, []string{strconv.FormatInt(c.Seq, 10), c.At.UTC().Format(event.TimeFormat), clock.Format(c.T), c.Kind, c.By, c.What, c.Inject, c.Reason, c.Flag})
	}
	return out
}

// attendanceRecords are the attendance rows as CSV records, with a header.
func attendanceRecords(r *review.Report) [][]string {
	out := [][]string{{"seq", "wall_time_utc", "exercise_time", "kind", "name", "team", "role", "how", "remote", "reason", "attempts"}}
	for _, a := range r.Attendance {
		out = append(out, []string{strconv.FormatInt(a.Seq, 10), a.At.UTC().Format(event.TimeFormat), clock.Format(a.T), a.Kind, a.Name, a.Team, a.Role, a.How, a.Remote, a.Reason, strconv.Itoa(a.Attempts)})
	}
	return out
}
