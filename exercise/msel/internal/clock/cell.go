package clock

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
)

// One time cell as MSELs write it: a clock time, a date or a day of the
// exercise with a time, or an offset from the start. Column (column.go)
// reads the column these cells come from.

// months are the three-letter month names, in order.
const months = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC"

var (
	// frenchTime is 9h30, 15h.
	frenchTime = regexp.MustCompile(`^([01]?\d|2[0-3])H([0-5]\d)?$`)
	// relTime is an offset from the start: T+00:15, +15, STARTEX+0:15,
	// E+15, or H+2 and H+02:30 in hours.
	relTime = regexp.MustCompile(`^(T|STARTEX|E|H|)\s*\+\s*(.+)$`)
	// bareNum is a number alone (0700, 930, 15): hhmm or minutes, as the
	// column says; a zone letter or "hrs" make it a clock time (zoned).
	bareNum  = regexp.MustCompile(`^\d{1,4}$`)
	zoned    = regexp.MustCompile(`^(\d{1,4}|\d\d?:\d\d(?::\d\d)?)\s*(HOURS|HRS?|H|[A-LN-Z])$`) // 90M is minutes
	zoneWord = regexp.MustCompile(`\s*\(?\b(UTC|GMT|[A-Z]{1,3}T)\)?$`)
	dotClock = regexp.MustCompile(`^(\d{1,2})\.(\d\d)\s*([AP]M)?$`)
	minWords = regexp.MustCompile(`\s*MIN(UTE)?S?$`)
	// dtg is a date-time group, DDHHMM[zone][MONYY]: 210912ZAUG11, 210912Z.
	dtg     = regexp.MustCompile(`^(\d\d)(\d\d)(\d\d)([A-Z])?(?:(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(\d{4}|\d\d))?$`)
	isoDate = regexp.MustCompile(`^(\d{4})-(\d\d?)-(\d\d?)(?:[T\s]+|$)`)
	numDate = regexp.MustCompile(`^(\d\d?)[/.-](\d\d?)[/.-](\d{4}|\d\d)(?:[\s,]+|$)`)
	// named dates: 12 Mar 2027, 12-MAR-27, 12MAR2027; Mar 12, 2027.
	dayMonth = regexp.MustCompile(`^(\d\d?)[\s-]?([A-Z]{3})[A-Z]*\.?[\s-]?(\d{4}|\d\d)(?:[\s,]+|$)`)
	monthDay = regexp.MustCompile(`^([A-Z]{3})[A-Z]*\.?\s+(\d\d?),?\s+(\d{4})(?:[\s,]+|$)`)
	// dayNum is a day of the exercise: Day 2, D+1, D1, J+1 (jour), D-1.
	dayNum  = regexp.MustCompile(`^(?:DAY|JOUR|D|J)\s*([+-]?)\s*(\d\d?)(?:[\s,:]+|$)`)
	weekday = regexp.MustCompile(`^(MON|TUE|WED|THU|FRI|SAT|SUN)[A-Z]*\.?(?:[\s,]+|$)`)
	ampm    = regexp.MustCompile(`([AP])\.M\.?`)
	amPM    = regexp.MustCompile(`\d\s*[AP]\.?M\b`)
	// window is a time window, 0900-0930 or 9:00 to 9:30 AM.
	window = regexp.MustCompile(`^(.+?)\s*(?:-|–|—|TO)\s*(\d.*)$`)
	// hhmmWord is a clock time in a header: Time (0600-1800).
	hhmmWord = regexp.MustCompile(`\b([01]\d|2[0-3])[0-5]\d\b`)
)

// cellText is a cell's text as ttx reads a time from it; excel is set for
// a number cell that holds an Excel time or date, not a bare number.
func cellText(c sheet.Cell, u timeUnit) (s string, excel bool) {
	s = strings.TrimSpace(c.Text)
	if !c.IsNum {
		return s, false
	}
	written := !strings.ContainsAny(s, ":/-")
	if whole := c.Num == math.Trunc(c.Num) && c.Num >= 0 && c.Num <= 2359; written && (whole || u >= unitMinutes) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			s = strconv.FormatFloat(c.Num, 'f', -1, 64) // 1100, not 1,100
		}
		return s, false
	}
	return s, true
}

// readDay reads a cell of a date column: a date, Day 2, D+1, J+1 or a
// weekday.
func readDay(c sheet.Cell, mdy bool) (Time, error) {
	if c.IsNum && c.Num >= 1 {
		return excelTime(math.Trunc(c.Num))
	}
	s := strings.TrimSpace(c.Text)
	st, rest, err := readPrefix(strings.ToUpper(s), mdy)
	if err == nil && (rest != "" || !st.Dated && !st.DaySet && st.weekday == 0) {
		err = fmt.Errorf("%q is not a day or a date; write Day 2, D+1, Monday or 2027-03-12", s)
	}
	return st, err
}

// readPrefix reads the date or day a time may begin with, and returns
// what follows it.
func readPrefix(up string, mdy bool) (st Time, rest string, err error) {
	if m := weekday.FindStringSubmatch(up); m != nil {
		st.weekday = strings.Index("MONTUEWEDTHUFRISATSUN", m[1])/3 + 1
		up = up[len(m[0]):]
	}
	var y, mo, d int
	var m []string
	if m = isoDate.FindStringSubmatch(up); m != nil {
		y, mo, d = atoi(m[1]), atoi(m[2]), atoi(m[3])
	} else if m = numDate.FindStringSubmatch(up); m != nil {
		d, mo, y = atoi(m[1]), atoi(m[2]), atoi(m[3])
		if mdy {
			d, mo = mo, d
		}
	} else if m = dayMonth.FindStringSubmatch(up); m != nil && monthOf(m[2]) > 0 {
		d, mo, y = atoi(m[1]), monthOf(m[2]), atoi(m[3])
	} else if m = monthDay.FindStringSubmatch(up); m != nil && monthOf(m[1]) > 0 {
		d, mo, y = atoi(m[2]), monthOf(m[1]), atoi(m[3])
	} else if m = dayNum.FindStringSubmatch(up); m != nil && st.weekday == 0 {
		st.Day, st.DaySet = atoi(m[2]), true
		if m[1] == "-" {
			st.Day = -st.Day
		}
		return st, strings.TrimSpace(up[len(m[0]):]), nil
	} else {
		return st, strings.TrimSpace(up), nil
	}
	if y < 100 {
		y += 2000
	}
	st.Clock, st.Dated, st.weekday = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true, 0
	if st.Clock.Day() != d || mo < 1 || mo > 12 {
		return st, "", fmt.Errorf("%q is not a date", strings.TrimSpace(m[0]))
	}
	return st, strings.TrimSpace(up[len(m[0]):]), nil
}

// monthOf is 1 for JAN … 12 for DEC, 0 for anything else.
func monthOf(s string) int {
	if i := strings.Index(months, s); len(s) == 3 && i%3 == 0 {
		return i/3 + 1
	}
	return 0
}

// onDate puts a time of day on a dated day's date.
func onDate(day Time, clock time.Time) time.Time {
	if !day.Dated {
		return clock
	}
	y, m, d := day.Clock.Date()
	return time.Date(y, m, d, clock.Hour(), clock.Minute(), clock.Second(), 0, time.UTC)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// readTime reads one time cell; u says what a bare number is, mdy that
// 03/04/2027 is March 4.
func readTime(c sheet.Cell, u timeUnit, mdy bool) (Time, error) {
	s, excel := cellText(c, u)
	if excel && u >= unitOffset {
		return Time{Offset: time.Duration(math.Round(c.Num*86400)) * time.Second, Relative: true}, nil // 0:15 in a T+ column
	} else if excel {
		return excelTime(c.Num)
	}
	up := strings.ToUpper(s)
	if up == "STARTEX" {
		return Time{Relative: true}, nil
	}
	if m := relTime.FindStringSubmatch(up); m != nil {
		v := strings.ToLower(minWords.ReplaceAllString(m[2], "m"))
		if st, ok := hours(v, m[1] == "H" || u == unitHours); ok {
			return st, nil
		}
		d, err := scenario.ParseOffset(v)
		if err != nil || strings.Contains(v, ".") {
			return Time{}, fmt.Errorf("time %q is not an offset; write T+00:15 or +15", s)
		}
		return Time{Offset: d, Relative: true}, nil
	}
	if m := dtg.FindStringSubmatch(strings.ReplaceAll(up, " ", "")); m != nil && m[4]+m[5] != "" {
		if up = "D" + m[1] + " " + m[2] + m[3] + m[4]; m[5] != "" { // 210912Z: the 21st at 09:12
			up = m[1] + " " + m[5] + " " + m[6] + " " + m[2] + m[3] + m[4] // 210912ZAUG11
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Time{Clock: t, Dated: true}, nil
	}
	pre, rest, err := readPrefix(up, mdy)
	if err != nil {
		return Time{}, fmt.Errorf("time %q: %v", s, err)
	}
	prefixed := pre.Dated || pre.DaySet || pre.weekday > 0
	if prefixed && rest == "" {
		if pre.Dated {
			return pre, nil // a date alone, as Excel shows a date cell: midnight
		}
		return Time{}, fmt.Errorf("time %q names a day but no time of day; write it as %s 09:00", s, s)
	}
	if prefixed {
		u = unitClock // Tuesday 1400, D1 0900
	}
	rest = ampm.ReplaceAllString(rest, "${1}M")
	m := window.FindStringSubmatch(rest)
	if m != nil && u < unitOffset {
		_, errA := readClock(m[1], unitClock, s)
		b, errB := readClock(m[2], unitClock, s)
		if pm, err := readClock(m[1]+" PM", unitClock, s); err == nil && errB == nil && strings.HasSuffix(m[2], "PM") && !pm.Clock.After(b.Clock) {
			m[1], errA = m[1]+" PM", nil // 1:00-2:00 PM
		}
		if errA == nil && errB == nil {
			rest, u = m[1], unitClock
		} else {
			m = nil
		}
	} else {
		m = nil
	}
	st, err := readClock(rest, u, s)
	if err == nil && m != nil {
		st.once, st.note = "window", fmt.Sprintf("%s is a time window; the inject is at its start, %s (as are the column's other windows)", s, st.Clock.Format("15:04"))
	}
	if err == nil && !st.Relative && prefixed {
		st.Clock, st.Dated, st.Day, st.DaySet, st.weekday = onDate(pre, st.Clock), pre.Dated, pre.Day, pre.DaySet, pre.weekday
	}
	return st, err
}

// hours reads 2 or 1.5 as a number of hours, when in says it is one.
func hours(s string, in bool) (Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	return Time{Offset: time.Duration(f * float64(time.Hour)).Round(time.Second), Relative: true}, in && err == nil && f >= 0 && f < 1000
}

// readClock reads a time of day (or, with no clock unit, an offset) from
// s; orig is the cell as written, for messages.
func readClock(s string, u timeUnit, orig string) (Time, error) {
	s = ampm.ReplaceAllString(s, "${1}M")
	if st, ok := hours(s, u == unitHours); ok {
		return st, nil
	}
	if d, err := scenario.ParseOffset(strings.ToLower(s)); err == nil && u >= unitOffset {
		return Time{Offset: d, Relative: true}, nil // 00:15 in a T+ column
	}
	s = strings.TrimSuffix(s, ".") // 0700 HRS.
	var st Time
	if m := frenchTime.FindStringSubmatch(s); m != nil {
		s = m[1] + ":" + cmp.Or(m[2], "00") // 9h30, 15h, as many European sheets write a time of day
	}
	if m := zoneWord.FindStringSubmatch(s); m != nil {
		s, u, st.zone = s[:len(s)-len(m[0])], unitClock, m[1] // 9:00 AM EST, 0900 UTC
	}
	if m := zoned.FindStringSubmatch(s); m != nil {
		s, u = m[1], unitClock // 0700L, 07:00Z, 0700 hrs
		if len(m[2]) == 1 && m[2] != "H" {
			st.zone = m[2]
		}
	}
	if bareNum.MatchString(s) {
		n := atoi(s)
		switch {
		case u != unitClock:
			return Time{Offset: time.Duration(n) * time.Minute, Relative: true}, nil
		case n > 2359 || n%100 > 59:
			return Time{}, fmt.Errorf("time %q is not a clock time (hhmm, like 0930); check it", orig)
		}
		if st.Clock = time.Date(0, 1, 1, n/100, n%100, 0, 0, time.UTC); len(s) <= 2 {
			st.note = fmt.Sprintf("%s is read as %s (hhmm, like the column's other times); write %04d to be sure", orig, st.Clock.Format("15:04"), n)
		}
		return st, nil
	}
	if m := dotClock.FindStringSubmatch(s); m != nil && atoi(m[2]) < 60 {
		if h := atoi(m[1]); m[3] == "" {
			st.once, st.note = "dot", fmt.Sprintf("%s is read as %02d:%s, and so the column's other h.mm times; write %02d:%s to be sure (as hours, %s would be %02d:%02d)", orig, h, m[2], h, m[2], orig, h, atoi(m[2])*60/100)
		}
		s = m[1] + ":" + m[2] + " " + m[3]
	}
	s = strings.TrimSpace(s)
	for _, layout := range []string{"15:04", "15:04:05", "3:04 PM", "3:04PM", "3:04:05 PM", "3 PM", "3PM"} {
		if t, err := time.Parse(layout, s); err == nil {
			st.Clock = t
			return st, nil
		}
	}
	if d, err := scenario.ParseOffset(strings.ToLower(minWords.ReplaceAllString(strings.ReplaceAll(s, " ", ""), "M"))); err == nil && u != unitClock && strings.Trim(s, "0123456789") != "" {
		return Time{Offset: d, Relative: true}, nil // 1h05m, 90m, 90 min
	}
	hint := "write hh:mm like 09:15, or T+00:15"
	if f, err := strconv.ParseFloat(orig, 64); err == nil && f >= 0 && f < 24 {
		h, m := int(f), int(math.Round((f-math.Floor(f))*60))
		hint = fmt.Sprintf("write %02d:%02d", h, m)
	}
	return Time{}, fmt.Errorf("time %q is not a time; %s", orig, hint)
}

// excelTime reads Excel's day numbers: a fraction of a day is a time of
// day; a larger number is a date and time (days since 30 December 1899).
func excelTime(v float64) (Time, error) {
	if v < 0 || v > 2958465 { // 31 December 9999
		return Time{}, fmt.Errorf("%v is not an Excel time or date", v)
	}
	secs := math.Round(v * 86400)
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(secs) * time.Second)
	if v < 1 {
		return Time{Clock: time.Date(0, 1, 1, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)}, nil
	}
	return Time{Clock: t, Dated: true}, nil
}
