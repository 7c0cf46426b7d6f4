package aar

import (
	"fmt"
	"strconv"
	"time"
	"ttx/exercise/review/aar/internal/wordml"

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

// docxConduct is the conduct of the exercise and the attendance, as the
// Markdown has them, in the DOCX.
func docxConduct(b *wordml.Body, r *review.Report) {
	b.Heading(1, "Conduct of the exercise")
	lead := "How the exercise was run, in the order it was recorded."
	if n := r.Flagged(); n > 0 {
		lead += fmt.Sprintf(" %d flagged (⚠): time that went backwards, or a decision recorded before the inject it answers.", n)
	}
	b.Para("", wordml.Plain(lead))
	var rows [][]string
	for _, c := range r.Conduct {
		flag := ""
		if c.Flag != "" {
			flag = "⚠ " + c.Flag
		}
		rows = append(rows, []string{c.At.UTC().Format("15:04:05"), clock.Format(c.T), c.What, byName(c.By), c.Reason, flag})
	}
	if len(rows) == 0 {
		b.Para("", wordml.Italic("Nothing recorded."))
	} else {
		b.Table([]wordml.Column{{Weight: 3}, {Weight: 3}, {Weight: 7}, {Weight: 5}, {Weight: 7}, {Weight: 4}}, []string{"Wall (UTC)", "Exercise time", "What", "By", "Reason or message", "Flag"}, rows)
	}
	if r.ConductDropped > 0 {
		b.Para("", wordml.Plain(fmt.Sprintf("%d more rows are not listed.", r.ConductDropped)))
	}
	b.Heading(2, "Attendance")
	rows = nil
	for _, s := range r.Seats() {
		for _, v := range s.Visits {
			rows = append(rows, []string{s.Name, teamNameOr(r, s.Team), s.Role, visitTime(v.Joined, v.JoinedT, !v.Joined.IsZero()), v.How, v.Remote, visitTime(v.Left, v.LeftT, v.HasLeft)})
		}
	}
	if len(rows) == 0 {
		b.Para("", wordml.Italic("Nobody joined from a seat."))
	} else {
		b.Table([]wordml.Column{{Weight: 5}, {Weight: 5}, {Weight: 3}, {Weight: 4}, {Weight: 3}, {Weight: 4}, {Weight: 4}}, []string{"Person", "Team", "Role", "Joined (UTC)", "How", "From", "Left (UTC)"}, rows)
	}
	if refused := r.Refusals(); len(refused) > 0 {
		b.Heading(3, "Refused joins")
		rows = nil
		for _, a := range refused {
			rows = append(rows, []string{a.At.UTC().Format("15:04:05"), a.Name, a.Remote, a.Reason, fmt.Sprint(a.Attempts)})
		}
		b.Table([]wordml.Column{{Weight: 3}, {Weight: 5}, {Weight: 4}, {Weight: 7}, {Weight: 2}}, []string{"When (UTC)", "User name given", "From", "Reason", "Attempts"}, rows)
	}
}
