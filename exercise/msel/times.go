package msel

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
)

// A time cell is read with its whole column in view: the header may name
// the unit (T+min, Offset (hours), Time (0600-1800)), and the column's
// values decide whether a bare 0700 is a clock time or a number of minutes.

// sheetTime is a time as the sheet wrote it: an offset from the start, or
// a clock time, dated or on a day of the exercise.
type sheetTime struct {
	offset          time.Duration
	clock           time.Time
	relative, dated bool
	once            string // a note given once for the column: "window", "dot"
	daySet          bool   // on a day of the exercise: Day 2, D+1, a weekday
	day, weekday    int    // the day, from the first seen; weekday 1 (Monday) … 7
	zone, note      string // note: how ttx read a time it is not sure of
	inject, row     int
}

// timeUnit is what a bare number in a time column means.
type timeUnit int

const (
	unitAuto    timeUnit = iota // decided by the column's values
	unitClock                   // Time (0600-1800): 0930 is 09:30
	unitOffset                  // T+, Offset, Elapsed: 00:15 and 15 are T+00:15
	unitMinutes                 // T+min: 15 is T+00:15
	unitHours                   // Offset (hours): 2 is T+02:00
)

// timeNote is a problem or warning found reading a time column, at the
// cell of inject i (in the date column when date is set).
type timeNote struct {
	i         int
	date, err bool
	msg       string
}

// headerUnit reads what a time column's header says its numbers are.
func headerUnit(h string) timeUnit {
	words := strings.FieldsFunc(strings.ToLower(h), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	has := func(ws ...string) bool {
		return slices.ContainsFunc(ws, func(w string) bool { return slices.Contains(words, w) })
	}
	switch {
	case hhmmWord.MatchString(h):
		return unitClock // Time (0600-1800)
	case has("min", "mins", "minute", "minutes"):
		return unitMinutes
	case has("hour", "hours") || strings.HasPrefix(strings.ToUpper(strings.TrimSpace(h)), "H+") ||
		has("h", "hr", "hrs") && has("offset", "elapsed", "t", "plus"):
		return unitHours
	case has("t", "offset", "elapsed", "startex", "relative") || strings.Contains(h, "+"):
		return unitOffset
	case has("hhmm", "24h", "24hr", "clock", "local", "zulu", "dtg", "real"):
		return unitClock
	}
	return unitAuto
}

// columnUnit decides what the column's bare numbers are: clock times
// (hhmm) when they look like hhmm (up to 2359, minutes under 60, some of
// three or four digits), allowing a few typos such as 0975 (errors at
// their cells); minutes otherwise.
func columnUnit(header string, cells []sheet.Cell) (timeUnit, []timeNote) {
	u := headerUnit(header)
	if u != unitAuto {
		return u, nil
	}
	long, invalid, shortBad, first, four := 0, 0, 0, -1, -1
	for i, c := range cells {
		s, excel := cellText(c, u)
		if excel || !bareNum.MatchString(s) {
			continue
		}
		if n := atoi(s); n > 2359 || n%100 > 59 {
			if invalid++; first < 0 {
				first = i
			}
			if len(s) < 4 {
				shortBad++ // 75, 90: minutes, not a typo in hhmm
			}
		} else if len(s) >= 3 {
			long++
		}
		if len(s) == 4 && four < 0 {
			four = i
		}
	}
	switch {
	case long > 0 && (long >= 5*invalid || shortBad == 0 && long > invalid):
		return unitClock, nil // typos among clock times (0975): the typos are errors
	case four >= 0:
		s, _ := cellText(cells[four], u)
		b, _ := cellText(cells[first], u)
		return unitAuto, []timeNote{{i: four, msg: fmt.Sprintf("%s is read as %d minutes (T+%s), since %s is no clock time; write clock times as hh:mm, or name the column T+min", s, atoi(s), scenario.FormatOffset(time.Duration(atoi(s))*time.Minute), b)}}
	}
	return unitAuto, nil
}

// dateOrder decides whether the column's 03/04/2027 is 3 April (day
// first, as most of the world writes) or March 4: a part over 12 settles
// it; otherwise AM/PM times suggest month first, and ttx says so.
func dateOrder(cols ...[]sheet.Cell) (mdy bool, notes []timeNote) {
	dayFirst, monthFirst, us := false, false, false
	for k, col := range cols {
		for i, c := range col {
			up := strings.ToUpper(strings.TrimSpace(c.Text))
			us = us || amPM.MatchString(up)
			if m := numDate.FindStringSubmatch(strings.TrimSpace(up[len(weekday.FindString(up)):])); m != nil && !c.IsNum {
				a, b := atoi(m[1]), atoi(m[2])
				if dayFirst, monthFirst = dayFirst || a > 12, monthFirst || b > 12; notes == nil && a <= 12 && b <= 12 {
					notes = []timeNote{{i: i, date: k == 1, msg: strings.TrimSpace(m[0])}}
				}
			}
		}
	}
	if dayFirst || monthFirst || notes == nil {
		return monthFirst && !dayFirst, nil
	}
	order := map[bool]string{false: "day first (day/month)", true: "month first (month/day, as with AM/PM times)"}[us]
	notes[0].msg += " could be day/month or month/day; read " + order + "; write the date as 2027-03-04 to be sure"
	return us, notes
}

// parseColumnTimes reads a time column and its date column (dates may be
// nil): the header and every cell are looked at before a bare number is
// given a meaning. Blank cells give no time (a contingency inject); the
// notes are the problems and warnings, placed at their cells.
func parseColumnTimes(header string, cells, dates []sheet.Cell) ([]sheetTime, []timeNote) {
	u, notes := columnUnit(header, cells)
	mdy, more := dateOrder(cells, dates)
	notes = append(notes, more...)
	var times []sheetTime
	var day sheetTime
	var last time.Time // the time of day above, under the same day
	haveDay, haveFirst, firstDay, firstWeekday, zone, noted := false, false, 0, 0, "", map[string]bool{}
	for i, c := range cells {
		if i < len(dates) && (dates[i].Text != "" || dates[i].IsNum) {
			if d, err := readDay(dates[i], mdy); err != nil {
				notes = append(notes, timeNote{i: i, date: true, msg: err.Error() + "; the day is not used"})
			} else {
				day, haveDay, last = d, true, time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) // it holds for the rows below until the next
			}
		}
		if strings.TrimSpace(c.Text) == "" && !c.IsNum {
			continue
		}
		st, err := readTime(c, u, mdy)
		if err == nil && st.relative && (st.offset < 0 || st.offset >= 1000*time.Hour) {
			err = fmt.Errorf("time %q is more than 999 hours from the start; check it", strings.TrimSpace(c.Text))
		}
		if err != nil {
			notes = append(notes, timeNote{i: i, err: true, msg: err.Error()})
			continue
		}
		if haveDay && !st.relative && !st.dated && !st.daySet && st.weekday == 0 {
			if st.clock.Before(last.Add(-12 * time.Hour)) { // past midnight, the date written once above
				if day.clock, day.day = day.clock.AddDate(0, 0, 1), day.day+1; day.weekday > 0 {
					day.weekday = day.weekday%7 + 1
				}
				notes = append(notes, timeNote{i: i, msg: fmt.Sprintf("%s comes after %s: taken as the next day", st.clock.Format("15:04"), last.Format("15:04"))})
			}
			last = st.clock
			st.clock, st.dated, st.day, st.daySet, st.weekday = onDate(day, st.clock), day.dated, day.day, day.daySet, day.weekday
		}
		if st.weekday > 0 {
			firstWeekday = cmp.Or(firstWeekday, st.weekday)
			st.day, st.daySet = (st.weekday-firstWeekday+7)%7, true
		} else if st.daySet {
			if !haveFirst {
				firstDay, haveFirst = st.day, true
			}
			st.day -= firstDay
		}
		if st.zone != "" && zone != "" && st.zone != zone {
			notes = append(notes, timeNote{i: i, msg: fmt.Sprintf("the column mixes time zones (%s and %s); ttx reads each as written, without converting", zone, st.zone)})
		}
		zone = cmp.Or(st.zone, zone)
		if st.note != "" && !noted[st.once] {
			notes = append(notes, timeNote{i: i, msg: st.note})
		}
		noted[st.once] = st.once != ""
		st.inject = i
		times = append(times, st)
	}
	return times, notes
}

// parseSheetTime reads one time cell on its own, as a column of one.
func parseSheetTime(c sheet.Cell) (sheetTime, error) {
	times, notes := parseColumnTimes("", []sheet.Cell{c}, nil)
	if i := slices.IndexFunc(notes, func(n timeNote) bool { return n.err }); i >= 0 {
		return sheetTime{}, errors.New(notes[i].msg)
	}
	return append(times, sheetTime{})[0], nil
}

func parseStartOption(s string) (time.Time, bool, error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	st, err := readTime(sheet.Cell{Text: s}, unitClock, false)
	if err != nil || st.relative || st.daySet || st.weekday > 0 {
		return time.Time{}, false, fmt.Errorf("%q is not a start time; write 09:00 or 2027-03-12 09:00", s)
	}
	return st.clock, true, nil
}

// readTimes reads the at column (and the date column) of every inject,
// with the column's header in view, and places what it finds.
func (im *importer) readTimes(hdr int, cells, dates []sheet.Cell) []sheetTime {
	var header string
	if hdr >= 0 {
		header = im.cell(im.t.Rows[hdr], FieldAt).Text
	}
	times, notes := parseColumnTimes(header, cells, dates)
	for _, n := range notes {
		row, col := im.rowOf[n.i], im.col[map[bool]string{false: FieldAt, true: FieldDate}[n.date]]
		if n.err {
			im.problem(row, col, "%s", n.msg)
			continue
		}
		im.warn(row, col, "%s", n.msg)
	}
	for i := range times {
		times[i].row = im.rowOf[times[i].inject]
	}
	return times
}

// resolveTimes turns clock times into offsets from the start (given, or
// the first inject's). Undated times follow the exercise past midnight
// where they go back by more than 12 hours, and say so; a time that goes
// back by less is out of order, and ttx says that too.
func (im *importer) resolveTimes(sc *scenario.Scenario, times []sheetTime, start time.Time, startSet bool) {
	var prev time.Time
	var shift, last time.Duration
	prevSet, col := false, im.col[FieldAt]
	day0 := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, st := range times {
		off := st.offset
		if !st.relative {
			t := st.clock
			if !st.dated {
				t = t.Add(time.Duration(st.day)*24*time.Hour + shift)
			}
			if !startSet {
				start, startSet = t, true
				if sc.Start = t.Format("15:04"); st.dated {
					sc.Start = t.Format("2006-01-02 15:04")
				}
			}
			if st.dated && start.Year() <= 1 {
				im.problem(st.row, col, "%s has a date, but the start (%s) has none; give the first time its date too, or --start a date and time", st.clock.Format("2006-01-02 15:04"), start.Format("15:04"))
				continue
			}
			if !st.dated && start.Year() > 1 {
				// a dated start with undated times: on the start's day
				t = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC).Add(t.Sub(day0))
			}
			if prevSet && !st.dated && !st.daySet && t.Before(prev.Add(-12*time.Hour)) {
				shift += 24 * time.Hour // the exercise went past midnight
				t = t.Add(24 * time.Hour)
				im.warn(st.row, col, "%s comes after %s: taken as the next day (T+%s)", t.Format("15:04"), prev.Format("15:04"), scenario.FormatOffset(t.Sub(start)))
			}
			off = t.Sub(start)
			if off < 0 {
				im.problem(st.row, col, "%s is before the exercise starts (%s); check the time or --start", t.Format("15:04"), start.Format("15:04"))
				continue
			}
			if prevSet && t.Before(prev) {
				im.warn(st.row, col, "%s is earlier than %s in the row above: out of order (taken as T+%s); check the time", t.Format("15:04"), prev.Format("15:04"), scenario.FormatOffset(off))
			}
			prev, prevSet = t, true
		}
		sc.Injects[st.inject].At = scenario.FormatOffset(off)
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
