// Package clock reads the times MSELs write (military 0700, date-time
// groups, weekdays, days of the exercise, offsets, Excel day numbers) a
// column at a time: the header and every cell are in view before a bare
// number is given a meaning, and what ttx is not sure of is a note at
// its cell, never a quiet guess.
package clock

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

// Time is a time as the sheet wrote it: an offset from the start, or a
// clock time, dated or on a day of the exercise.
type Time struct {
	// Offset is the time from the start, when Relative (T+00:15).
	Offset time.Duration
	// Clock is the time of day, with its date when Dated.
	Clock time.Time
	// Relative is set for an offset; Dated for a clock time with a date.
	Relative, Dated bool
	// DaySet is set for a time on a day of the exercise (Day 2, D+1, a
	// weekday); Day is that day, counted from the column's first.
	DaySet  bool
	Day     int
	weekday int    // weekday 1 (Monday) … 7
	once    string // a note given once for the column: "window", "dot"
	zone    string
	note    string // how ttx read a time it is not sure of
	// Inject is the index of the cell the time was read from.
	Inject int
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

// Note is a problem (Err) or a warning found reading a time column, at
// cell I (in the date column when Date is set).
type Note struct {
	I         int
	Date, Err bool
	Msg       string
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
func columnUnit(header string, cells []sheet.Cell) (timeUnit, []Note) {
	u := headerUnit(header)
	if u != unitAuto {
		return u, nil
	}
	long, invalid, shortBad, first, four := 0, 0, 0, -1, -1
	small, most := -1, 0 // the first bare number, and the largest
	for i, c := range cells {
		s, excel := cellText(c, u)
		if excel || !bareNum.MatchString(s) {
			continue
		}
		if most = max(most, atoi(s)); small < 0 {
			small = i
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
		return unitAuto, []Note{{I: four, Msg: fmt.Sprintf("%s is read as %d minutes (T+%s), since %s is no clock time; write clock times as hh:mm, or name the column T+min", s, atoi(s), scenario.FormatOffset(time.Duration(atoi(s))*time.Minute), b)}}
	case small >= 0 && most < 24 && long == 0:
		// 9, 10, 11: minutes after the start, or hours of the day?
		s, _ := cellText(cells[small], u)
		return unitAuto, []Note{{I: small, Msg: fmt.Sprintf("%s and the column's other bare numbers are read as minutes from the start (T+%s); if they are hours of the day, write 09:00; name the column T+min to say minutes", s, scenario.FormatOffset(time.Duration(atoi(s))*time.Minute))}}
	}
	return unitAuto, nil
}

// dateOrder decides whether the column's 03/04/2027 is 3 April (day
// first, as most of the world writes) or March 4: a part over 12 settles
// it; otherwise AM/PM times suggest month first, and ttx says so.
func dateOrder(cols ...[]sheet.Cell) (mdy bool, notes []Note) {
	dayFirst, monthFirst, us := false, false, false
	var dmy, md [2]time.Time // the first and last date, read each way
	widen := func(span *[2]time.Time, t time.Time) {
		if span[0].IsZero() || t.Before(span[0]) {
			span[0] = t
		}
		if t.After(span[1]) {
			span[1] = t
		}
	}
	for k, col := range cols {
		for i, c := range col {
			up := strings.ToUpper(strings.TrimSpace(c.Text))
			us = us || amPM.MatchString(up)
			if m := numDate.FindStringSubmatch(strings.TrimSpace(up[len(weekday.FindString(up)):])); m != nil && !c.IsNum {
				a, b, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
				if dayFirst, monthFirst = dayFirst || a > 12, monthFirst || b > 12; notes == nil && a <= 12 && b <= 12 {
					notes = []Note{{I: i, Date: k == 1, Msg: strings.TrimSpace(m[0])}}
				}
				if a <= 12 && b <= 12 {
					widen(&dmy, time.Date(y, time.Month(b), a, 0, 0, 0, 0, time.UTC))
					widen(&md, time.Date(y, time.Month(a), b, 0, 0, 0, 0, time.UTC))
				}
			}
		}
	}
	if dayFirst || monthFirst || notes == nil {
		return monthFirst && !dayFirst, nil
	}
	// An exercise runs over days, not months: of the two readings, the
	// one that keeps the dates closer together; else month first only
	// beside AM/PM times.
	why := ""
	switch a, b := dmy[1].Sub(dmy[0]), md[1].Sub(md[0]); {
	case a < b:
		us, why = false, ", which keeps the dates closest together"
	case b < a:
		us, why = true, ", which keeps the dates closest together"
	}
	order := map[bool]string{false: "day first (day/month)", true: "month first (month/day, as with AM/PM times)"}[us]
	if why != "" {
		order = map[bool]string{false: "day first (day/month)", true: "month first (month/day)"}[us] + why
	}
	notes[0].Msg += " could be day/month or month/day; read " + order + "; write the date as 2027-03-04 to be sure"
	return us, notes
}

// Column reads a time column and its date column (dates may be
// nil): the header and every cell are looked at before a bare number is
// given a meaning. Blank cells give no time (a contingency inject); the
// notes are the problems and warnings, placed at their cells.
func Column(header string, cells, dates []sheet.Cell) ([]Time, []Note) {
	u, notes := columnUnit(header, cells)
	mdy, more := dateOrder(cells, dates)
	notes = append(notes, more...)
	var times []Time
	var day Time
	var last time.Time // the time of day above, under the same day
	haveDay, haveFirst, firstDay, firstWeekday, zone, noted := false, false, 0, 0, "", map[string]bool{}
	for i, c := range cells {
		if i < len(dates) && (dates[i].Text != "" || dates[i].IsNum) {
			if d, err := readDay(dates[i], mdy); err != nil {
				notes = append(notes, Note{I: i, Date: true, Msg: err.Error() + "; the day is not used"})
			} else {
				day, haveDay, last = d, true, time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) // it holds for the rows below until the next
			}
		}
		if strings.TrimSpace(c.Text) == "" && !c.IsNum {
			continue
		}
		st, err := readTime(c, u, mdy)
		if err == nil && st.Relative && (st.Offset < 0 || st.Offset >= 1000*time.Hour) {
			err = fmt.Errorf("time %q is more than 999 hours from the start; check it", strings.TrimSpace(c.Text))
		}
		if err != nil {
			notes = append(notes, Note{I: i, Err: true, Msg: err.Error()})
			continue
		}
		if haveDay && !st.Relative && !st.Dated && !st.DaySet && st.weekday == 0 {
			if st.Clock.Before(last.Add(-12 * time.Hour)) { // past midnight, the date written once above
				if day.Clock, day.Day = day.Clock.AddDate(0, 0, 1), day.Day+1; day.weekday > 0 {
					day.weekday = day.weekday%7 + 1
				}
				notes = append(notes, Note{I: i, Msg: fmt.Sprintf("%s comes after %s: taken as the next day", st.Clock.Format("15:04"), last.Format("15:04"))})
			}
			last = st.Clock
			st.Clock, st.Dated, st.Day, st.DaySet, st.weekday = onDate(day, st.Clock), day.Dated, day.Day, day.DaySet, day.weekday
		}
		if st.weekday > 0 {
			firstWeekday = cmp.Or(firstWeekday, st.weekday)
			st.Day, st.DaySet = (st.weekday-firstWeekday+7)%7, true
		} else if st.DaySet {
			if !haveFirst {
				firstDay, haveFirst = st.Day, true
			}
			st.Day -= firstDay
		}
		if st.zone != "" && zone != "" && st.zone != zone {
			notes = append(notes, Note{I: i, Msg: fmt.Sprintf("the column mixes time zones (%s and %s); ttx reads each as written, without converting", zone, st.zone)})
		}
		zone = cmp.Or(st.zone, zone)
		if st.note != "" && !noted[st.once] {
			notes = append(notes, Note{I: i, Msg: st.note})
		}
		noted[st.once] = st.once != ""
		st.Inject = i
		times = append(times, st)
	}
	return times, notes
}

// Parse reads one time cell on its own, as a column of one.
func Parse(c sheet.Cell) (Time, error) {
	times, notes := Column("", []sheet.Cell{c}, nil)
	if i := slices.IndexFunc(notes, func(n Note) bool { return n.Err }); i >= 0 {
		return Time{}, errors.New(notes[i].Msg)
	}
	return append(times, Time{})[0], nil
}

// Start reads a --start value (09:00, 0600, 2027-03-12 09:00): a clock
// time, dated or not; the bool is false when s is empty.
func Start(s string) (time.Time, bool, error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	st, err := readTime(sheet.Cell{Text: s}, unitClock, false)
	if err != nil || st.Relative || st.DaySet || st.weekday > 0 {
		return time.Time{}, false, fmt.Errorf("%q is not a start time; write 09:00 or 2027-03-12 09:00", s)
	}
	return st.Clock, true, nil
}
