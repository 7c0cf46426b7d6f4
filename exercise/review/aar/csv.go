package aar

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/review"
	"ttx/exercise/text"
)

// utf8BOM makes spreadsheet programs read the file as UTF-8, so names
// such as "Zoë" and "Łódź" survive the round trip.
const utf8BOM = "\uFEFF"

// WriteDecisionsCSV writes one row per decision, with a header row.
func WriteDecisionsCSV(w io.Writer, r *review.Report) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	cw.Write([]string{"seq", "wall_time_utc", "exercise_time", "team_id", "team", "who", "inject", "inject_title", "minutes_after_release", "text", "recorded_by"})
	for d := range r.Decisions.All() {
		said := r.Said(d)
		after := ""
		if d.HasAfter {
			after = strconv.FormatFloat(d.AfterRelease.Minutes(), 'f', 2, 64)
		}
		cw.Write([]string{strconv.FormatInt(d.Seq, 10), d.At().Format(event.TimeFormat), clock.Format(d.T), r.TeamOf(d), r.TeamName(r.TeamOf(d)), said.Who,
			r.InjectOf(d), r.InjectTitle(r.InjectOf(d)), after, said.Text, said.By})
	}
	cw.Flush()
	return cw.Error()
}

// WriteInjectsCSV writes one row per inject, in timeline order, with a
// header row.
func WriteInjectsCSV(w io.Writer, r *review.Report) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	cw.Write([]string{"inject", "scheduled", "status", "released_exercise_time", "released_wall_time_utc", "from", "to", "channel",
		"title", "objectives", "decisions", "first_response_minutes", "skip_or_hold_reason"})
	for _, in := range r.Injects {
		sched, released, releasedAt, first := "contingency", "", "", ""
		if !in.Contingency {
			sched = clock.Format(in.Scheduled)
		}
		if in.State.Released {
			released, releasedAt = clock.Format(in.State.ReleasedT), in.State.ReleasedAt.UTC().Format(event.TimeFormat)
			var best float64 = -1
			for _, d := range in.FirstResponse {
				if m := d.Minutes(); best < 0 || m < best {
					best = m
				}
			}
			if best >= 0 {
				first = strconv.FormatFloat(best, 'f', 2, 64)
			}
		}
		cw.Write([]string{in.Inject.ID, sched, in.Status.String(), released, releasedAt, in.Inject.From, strings.Join(in.Recipients, ", "),
			in.Inject.Channel, in.Inject.Title, strings.Join(in.Inject.Objectives, ", "), strconv.Itoa(len(in.Decisions)), first, in.State.Reason})
	}
	cw.Flush()
	return cw.Error()
}

func newCSV(w io.Writer) (*cellWriter, error) {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what spreadsheet programs write and expect
	return &cellWriter{Writer: cw}, nil
}

// cellWriter writes every cell through text.Cell: text from the session
// file is escaped, and a cell a spreadsheet would take for a formula
// (=HYPERLINK(...) typed as a decision) is quoted to stay text.
type cellWriter struct {
	*csv.Writer
	row []string
}

// Write writes one record, each cell made safe first.
func (c *cellWriter) Write(record []string) error {
	c.row = c.row[:0]
	for _, v := range record {
		c.row = append(c.row, text.Cell(v))
	}
	return c.Writer.Write(c.row)
}
