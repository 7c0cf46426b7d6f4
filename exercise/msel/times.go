package msel

import (
	"time"

	"ttx/exercise/msel/internal/clock"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
)

// readTimes reads the at column (and the date column) of every inject,
// with the column's header in view, and places what it finds.
func (im *importer) readTimes(hdr int, cells, dates []sheet.Cell) []clock.Time {
	var header string
	if hdr >= 0 {
		header = im.cell(im.t.Rows[hdr], FieldAt).Text
	}
	times, notes := clock.Column(header, cells, dates)
	for _, n := range notes {
		row, col := im.rowOf[n.I], im.col[map[bool]string{false: FieldAt, true: FieldDate}[n.Date]]
		if n.Err {
			im.problem(row, col, "%s", n.Msg)
			continue
		}
		im.warn(row, col, "%s", n.Msg)
	}
	return times
}

// resolveTimes turns clock times into offsets from the start (given, or
// the first inject's). Undated times follow the exercise past midnight
// where they go back by more than 12 hours, and say so; a time that goes
// back by less is out of order, and ttx says that too.
func (im *importer) resolveTimes(sc *scenario.Scenario, times []clock.Time, start time.Time, startSet bool) {
	var prev time.Time
	var shift, last time.Duration
	prevSet, col := false, im.col[FieldAt]
	day0 := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, st := range times {
		row, off := im.rowOf[st.Inject], st.Offset
		if !st.Relative {
			t := st.Clock
			if !st.Dated {
				t = t.Add(time.Duration(st.Day)*24*time.Hour + shift)
			}
			if !startSet {
				start, startSet = t, true
				if sc.Start = t.Format("15:04"); st.Dated {
					sc.Start = t.Format("2006-01-02 15:04")
				}
			}
			if st.Dated && start.Year() <= 1 {
				im.problem(row, col, "%s has a date, but the start (%s) has none; give the first time its date too, or --start a date and time", st.Clock.Format("2006-01-02 15:04"), start.Format("15:04"))
				continue
			}
			if !st.Dated && start.Year() > 1 {
				// a dated start with undated times: on the start's day
				t = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC).Add(t.Sub(day0))
			}
			if prevSet && !st.Dated && !st.DaySet && t.Before(prev.Add(-12*time.Hour)) {
				shift += 24 * time.Hour // the exercise went past midnight
				t = t.Add(24 * time.Hour)
				im.warn(row, col, "%s comes after %s: taken as the next day (T+%s)", t.Format("15:04"), prev.Format("15:04"), scenario.FormatOffset(t.Sub(start)))
			}
			off = t.Sub(start)
			if off < 0 {
				im.problem(row, col, "%s is before the exercise starts (%s); check the time or --start", t.Format("15:04"), start.Format("15:04"))
				continue
			}
			if prevSet && t.Before(prev) {
				im.warn(row, col, "%s is earlier than %s in the row above: out of order (taken as T+%s); check the time", t.Format("15:04"), prev.Format("15:04"), scenario.FormatOffset(off))
			}
			prev, prevSet = t, true
		}
		sc.Injects[st.Inject].At = scenario.FormatOffset(off)
		last = max(last, off)
	}
	if validStart(im.opts.Start) && sc.Start == "" {
		sc.Start = im.opts.Start // as written, when a scenario reads it so
	} else if im.opts.Start != "" && sc.Start == "" {
		if sc.Start = start.Format("15:04"); start.Year() > 1 {
			sc.Start = start.Format("2006-01-02 15:04") // --start 0600 is 06:00
		}
	}
	// The exercise lasts until a quarter of an hour after the last inject.
	sc.Duration = scenario.FormatOffset((last/(15*time.Minute) + 1) * 15 * time.Minute)
}
