package aar

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/review"
	"ttx/exercise/review/aar/internal/section"
	"ttx/exercise/text"
)

// utf8BOM makes spreadsheet programs read the file as UTF-8, so names
// such as "Zoë" and "Łódź" survive the round trip.
const utf8BOM = "\uFEFF"

// WriteDecisionsCSV writes one row per decision, with a header row: what
// was recorded, its rationale and JDM stage, when it was said, and its
// corrections (the words that stand, the original, who corrected it and
// why).
func WriteDecisionsCSV(w io.Writer, r *review.Report) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	cw.Write([]string{"seq", "wall_time_utc", "exercise_time", "team_id", "team", "who", "inject", "inject_title", "minutes_after_release", "text", "recorded_by", "kind",
		"rationale", "stage", "said_at", "corrected", "text_now", "original", "corrected_by", "correction_reason"})
	for d := range r.Decisions.All() {
		said := r.Said(d)
		after := ""
		if d.HasAfter {
			after = strconv.FormatFloat(d.AfterRelease.Minutes(), 'f', 2, 64)
		}
		fix := correction(r, d, said)
		cw.Write([]string{strconv.FormatInt(d.Seq, 10), d.At().Format(event.TimeFormat), clock.Format(d.T), r.TeamOf(d), r.TeamName(r.TeamOf(d)), said.Who,
			r.InjectOf(d), r.InjectTitle(r.InjectOf(d)), after, said.Text, said.By, d.Kind(),
			said.Rationale, r.StageOf(d), clock.Format(d.SaidT), fix[0], fix[1], fix[2], fix[3], fix[4]})
	}
	cw.Flush()
	return cw.Error()
}

// correction is a decision's corrections as CSV cells: "amended",
// "struck" or ""; the words that stand; the original; who corrected it;
// and why (several corrections joined by "; ").
func correction(r *review.Report, d *review.DecisionRow, said review.Said) [5]string {
	if !d.Struck && !d.Amended {
		return [5]string{}
	}
	now, _, struck := r.Fixed(d, said)
	kind := "amended"
	if struck != nil {
		kind = "struck"
	}
	var by, why []string
	for _, f := range r.FixesOf(d.Seq) {
		by, why = append(by, f.By), append(why, f.Reason)
	}
	return [5]string{kind, now.Text, said.Text, strings.Join(by, "; "), strings.Join(why, "; ")}
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
			in.Inject.Channel, in.Inject.Title, strings.Join(in.Inject.Objectives, ", "), strconv.Itoa(in.Total), first, in.State.Reason})
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

// WriteRequestsCSV writes one row per request for information, with its
// answer, and a header row.
func WriteRequestsCSV(w io.Writer, r *review.Report) error {
	rows := [][]string{append([]string{"seq", "wall_time_utc", "exercise_time", "team_id", "team", "who", "inject", "text", "recorded_by", "answered_exercise_time", "answer", "answered_by"}, fixHead...)}
	for _, q := range r.Requests {
		at, ans, by := "", "", ""
		if a, ok := r.Replies[q.Seq]; ok {
			at, ans, by = clock.Format(a.T), a.Text, a.By
		}
		rows = append(rows, append([]string{strconv.FormatInt(q.Seq, 10), q.At.UTC().Format(event.TimeFormat), clock.Format(q.T), q.Team, r.TeamName(q.Team), q.Who, q.Inject, q.Text, q.By, at, ans, by}, entryFix(r, q)...))
	}
	return writeRecords(w, rows)
}

// fixHead are the columns of a request's, note's or observation's
// corrections: "amended", "struck" or ""; the words that stand; who
// corrected it; why.
var fixHead = []string{"corrected", "text_now", "corrected_by", "correction_reason"}

// entryFix are an entry's correction cells (see fixHead).
func entryFix(r *review.Report, e event.Entry) []string {
	fixes := r.FixesOf(e.Seq)
	if len(fixes) == 0 {
		return []string{"", "", "", ""}
	}
	now, struck := r.FixedEntry(e)
	kind := "amended"
	if struck != nil {
		kind = "struck"
	}
	var by, why []string
	for _, f := range fixes {
		by, why = append(by, f.By), append(why, f.Reason)
	}
	return []string{kind, now.Text, strings.Join(by, "; "), strings.Join(why, "; ")}
}

// WriteNotesCSV writes one row per controller note, with a header row.
func WriteNotesCSV(w io.Writer, r *review.Report) error {
	rows := [][]string{append([]string{"seq", "wall_time_utc", "exercise_time", "by", "inject", "text"}, fixHead...)}
	for _, n := range r.Notes {
		rows = append(rows, append([]string{strconv.FormatInt(n.Seq, 10), n.At.UTC().Format(event.TimeFormat), clock.Format(n.T), n.By, n.Inject, n.Text}, entryFix(r, n)...))
	}
	return writeRecords(w, rows)
}

// WriteObservationsCSV writes one row per evaluator observation, by
// objective in the scenario's order, with a header row.
func WriteObservationsCSV(w io.Writer, r *review.Report) error {
	rows := [][]string{append([]string{"seq", "wall_time_utc", "exercise_time", "objective", "rating", "by", "inject", "text", "target", "task", "finding"}, fixHead...)}
	for _, o := range r.Objectives {
		for _, ob := range o.Observations {
			rows = append(rows, append([]string{strconv.FormatInt(ob.Seq, 10), ob.At.UTC().Format(event.TimeFormat), clock.Format(ob.T), ob.Objective, ob.Rating, ob.By, ob.Inject, ob.Text,
				ob.Target, ob.Task, ob.Finding}, entryFix(r, ob)...))
		}
	}
	return writeRecords(w, rows)
}

// WriteConductCSV writes one row per conduct row (clock, inject changes,
// branch choices, broadcasts, input pauses, flagged decisions), with a
// header row.
func WriteConductCSV(w io.Writer, r *review.Report) error { return writeRecords(w, conductRecords(r)) }

// WriteAttendanceCSV writes one row per seat opened or closed and per
// refused join, with a header row.
func WriteAttendanceCSV(w io.Writer, r *review.Report) error {
	return writeRecords(w, attendanceRecords(r))
}

// writeRecords writes records through the cellWriter.
func writeRecords(w io.Writer, rows [][]string) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	for _, row := range rows {
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// Tables are the CSV tables by name, for --table.
var Tables = []struct {
	Name  string
	Write func(io.Writer, *review.Report) error
}{
	{"decisions", WriteDecisionsCSV}, {"injects", WriteInjectsCSV}, {"requests", WriteRequestsCSV}, {"notes", WriteNotesCSV},
	{"observations", WriteObservationsCSV}, {"conduct", WriteConductCSV}, {"attendance", WriteAttendanceCSV},
	{"log", WriteLogCSV}, {"improvement", WriteImprovementCSV}, {"corrections", WriteCorrectionsCSV},
}

// WriteCorrectionsCSV writes every correction the report applies, one a
// row in journal order, with a header row: what it corrects, who made it
// (name and role apart), when, the words, rationale and stage it gives,
// and why. The decisions and log tables give each entry's corrections
// joined in one cell; this one keeps each apart.
func WriteCorrectionsCSV(w io.Writer, r *review.Report) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	cw.Write([]string{"seq", "corrects_seq", "kind", "exercise_time", "wall_time_utc", "by", "role", "text", "rationale", "stage", "reason"})
	for _, f := range r.Corrections() {
		kind := "amended"
		if f.Struck {
			kind = "struck"
		}
		role, name, _ := strings.Cut(f.By, ":")
		cw.Write([]string{strconv.FormatInt(f.Seq, 10), strconv.FormatInt(f.Of, 10), kind, clock.Format(f.T), f.At.Format(event.TimeFormat),
			name, role, f.Text, f.Rationale, event.StageLabel(f.Stage), f.Reason})
	}
	cw.Flush()
	return cw.Error()
}

// WriteLogCSV writes the JESIP decision log: one row per decision or
// action in the order it was said, with its rationale, JDM stage and
// corrections, and a header row.
func WriteLogCSV(w io.Writer, r *review.Report) error {
	cw, err := newCSV(w)
	if err != nil {
		return err
	}
	cw.Write([]string{"said_at", "saved_at", "wall_time_utc", "team", "who", "kind", "decision", "rationale", "stage", "inject", "corrected", "original", "corrected_by", "correction_reason", "seq"})
	for d := range section.LogOrder(r) {
		said := r.Said(d)
		now, stage, _ := r.Fixed(d, said)
		fix := correction(r, d, said)
		cw.Write([]string{clock.Format(d.SaidT), clock.Format(d.T), d.At().Format(event.TimeFormat), r.TeamName(r.TeamOf(d)), said.Who, d.Kind(), now.Text, now.Rationale,
			event.StageLabel(stage), r.InjectOf(d), fix[0], fix[2], fix[3], fix[4], strconv.FormatInt(d.Seq, 10)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteImprovementCSV writes Appendix A, the improvement plan: one row per
// area for improvement, its blanks to fill in, and a header row.
func WriteImprovementCSV(w io.Writer, r *review.Report) error {
	rows := [][]string{{"objective", "core_capability", "issue", "corrective_action", "capability_element", "primary_responsible_organisation", "organisation_poc", "start_date", "completion_date"}}
	for _, ir := range section.Improvements(r) {
		rows = append(rows, []string{ir.Objective, ir.Capability, ir.Issue, "", "", "", "", "", ""})
	}
	return writeRecords(w, rows)
}
