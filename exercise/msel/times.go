package msel

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"ttx/exercise/scenario"
)

// A time cell is read with its whole column in view: the header may name
// the unit (T+min, Offset (hours), Time (0600-1800)), and the column's
// values decide whether a bare 0700 is a clock time or a number of minutes.

const months = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC"

var (
	frenchTime = regexp.MustCompile(`^([01]?\d|2[0-3])H([0-5]\d)$`)
	// relTime is an offset from the start: T+00:15, +15, STARTEX+0:15,
	// E+15, or H+2 and H+02:30 in hours.
	relTime = regexp.MustCompile(`^(T|STARTEX|E|H|)\s*\+\s*(.+)$`)
	// bareNum is a number alone (0700, 930, 15), or with a zone letter or
	// "hrs", which make it a clock time (0700L, 0700Z, 0700 hrs).
	bareNum   = regexp.MustCompile(`^(\d{1,4})\s*(HOURS|HRS?|H|[A-LN-Z])?$`) // 90M is minutes
	zoneClock = regexp.MustCompile(`^(\d{1,2}:\d\d(?::\d\d)?)\s*(HOURS|HRS?|H|[A-Z])$`)
	dotClock  = regexp.MustCompile(`^(\d{1,2})\.(\d\d)\s*([AP]M)?$`)
	minWords  = regexp.MustCompile(`\s*MIN(UTE)?S?$`)
	// dtg is a date-time group, DDHHMM[zone]MONYY: 210912ZAUG11.
	dtg      = regexp.MustCompile(`^(\d\d)(\d\d)(\d\d)([A-Z])?(` + strings.Join(splitMonths(), "|") + `)(\d{4}|\d\d)$`)
	shortDTG = regexp.MustCompile(`^(\d\d)(\d\d)(\d\d)([A-Z])$`)
	isoDate  = regexp.MustCompile(`^(\d{4})-(\d\d?)-(\d\d?)(?:[T\s]+|$)`)
	numDate  = regexp.MustCompile(`^(\d\d?)[/.-](\d\d?)[/.-](\d{4}|\d\d)(?:[\s,]+|$)`)
	// named dates: 12 Mar 2027, 12-MAR-27, 12MAR2027; Mar 12, 2027.
	dayMonth = regexp.MustCompile(`^(\d\d?)[\s-]?([A-Z]{3})[A-Z]*\.?[\s-]?(\d{4}|\d\d)(?:[\s,]+|$)`)
	monthDay = regexp.MustCompile(`^([A-Z]{3})[A-Z]*\.?\s+(\d\d?),?\s+(\d{4})(?:[\s,]+|$)`)
	// dayNum is a day of the exercise: Day 2, D+1, D1, J+1 (jour), D-1.
	dayNum  = regexp.MustCompile(`^(?:DAY|JOUR|D|J)\s*([+-]?)\s*(\d\d?)(?:[\s,:]+|$)`)
	weekday = regexp.MustCompile(`^(MON|TUE|WED|THU|FRI|SAT|SUN)[A-Z]*\.?(?:[\s,]+|$)`)
	ampm    = regexp.MustCompile(`([AP])\.M\.?`)
	amPM    = regexp.MustCompile(`\d\s*[AP]\.?M\b`)
)

func splitMonths() []string {
	var out []string
	for i := 0; i < len(months); i += 3 {
		out = append(out, months[i:i+3])
	}
	return out
}

// sheetTime is a time as the sheet wrote it: an offset from the start, or
// a clock time, dated or on a day of the exercise.
type sheetTime struct {
	offset   time.Duration
	relative bool
	clock    time.Time
	dated    bool
	day      int  // day of the exercise (from the first day seen)
	daySet   bool // day counts: Day 2, D+1, a weekday
	weekday  int  // 1 for Monday … 7, while the column is read
	zone     string
	note     string // a warning: how ttx read a time it is not sure of
	inject   int
	row      int
}

// timeUnit is what a bare number in a time column means.
type timeUnit int

const (
	unitAuto    timeUnit = iota // decided by the column's values
	unitMinutes                 // T+min: 15 is T+00:15
	unitHours                   // Offset (hours): 2 is T+02:00
	unitClock                   // Time (0600-1800): 0930 is 09:30
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
		for _, w := range words {
			for _, x := range ws {
				if w == x {
					return true
				}
			}
		}
		return false
	}
	for _, w := range words {
		if n, err := strconv.Atoi(w); err == nil && len(w) == 4 && n <= 2359 && n%100 < 60 {
			return unitClock // Time (0600-1800)
		}
	}
	switch {
	case has("min", "mins", "minute", "minutes"):
		return unitMinutes
	case has("hour", "hours") || strings.HasPrefix(strings.ToUpper(strings.TrimSpace(h)), "H+") ||
		has("h", "hr", "hrs") && has("offset", "elapsed", "t", "plus"):
		return unitHours
	case has("hhmm", "24h", "24hr", "clock", "local", "zulu", "dtg", "real"):
		return unitClock
	}
	return unitAuto
}

// cellText is a cell's text as ttx reads a time from it; excel is set for
// a number cell that holds an Excel time or date, not a bare number.
func cellText(c Cell, u timeUnit) (s string, excel bool) {
	s = strings.TrimSpace(c.Text)
	if !c.IsNum {
		return s, false
	}
	written := !strings.ContainsAny(s, ":/-")
	if whole := c.Num == math.Trunc(c.Num) && c.Num >= 0 && c.Num <= 2359; written && (whole || u == unitMinutes || u == unitHours) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			s = strconv.FormatFloat(c.Num, 'f', -1, 64) // 1100, not 1,100
		}
		return s, false
	}
	return s, true
}

// columnUnit decides what the column's bare numbers are: clock times
// (hhmm) when every one is a valid hhmm and some have three or four
// digits; minutes otherwise.
func columnUnit(header string, cells []Cell) (timeUnit, []timeNote) {
	u := headerUnit(header)
	if u != unitAuto {
		return u, nil
	}
	long, invalid, first, lead := 0, 0, -1, -1
	for i, c := range cells {
		s, excel := cellText(c, u)
		m := bareNum.FindStringSubmatch(strings.ToUpper(s))
		if excel || m == nil || m[2] != "" {
			continue
		}
		switch n := atoi(m[1]); {
		case n > 2359 || n%100 > 59:
			invalid++
			if first < 0 {
				first = i
			}
		case len(m[1]) == 4 && m[1][0] == '0' && lead < 0:
			lead = i
			fallthrough
		case len(m[1]) >= 3:
			long++
		}
	}
	switch {
	case long > 0 && long >= 5*invalid:
		return unitClock, nil // a few typos among many clock times: the typos are errors
	case lead >= 0:
		s, _ := cellText(cells[lead], u)
		b, _ := cellText(cells[first], u)
		return unitAuto, []timeNote{{i: lead, msg: fmt.Sprintf("%s is read as %s minutes, since the column also has %s, which is no clock time; write %s:%s, or name the column T+min", s, strings.TrimLeft(s, "0"), b, s[:2], s[2:])}}
	}
	return unitAuto, nil
}

// dateOrder decides whether the column's 03/04/2027 is 3 April (day
// first, as most of the world writes) or March 4: a part over 12 settles
// it; otherwise AM/PM times suggest month first, and ttx says so.
func dateOrder(cols ...[]Cell) (mdy bool, notes []timeNote) {
	dayFirst, monthFirst, ambiguous, us := false, false, -1, false
	for k, col := range cols {
		for i, c := range col {
			up := strings.ToUpper(strings.TrimSpace(c.Text))
			us = us || amPM.MatchString(up)
			up = strings.TrimSpace(up[len(weekday.FindString(up)):])
			m := numDate.FindStringSubmatch(up)
			if m == nil || c.IsNum {
				continue
			}
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			dayFirst, monthFirst = dayFirst || a > 12, monthFirst || b > 12
			if a <= 12 && b <= 12 && ambiguous < 0 {
				ambiguous = i
				notes = []timeNote{{i: i, date: k == 1, msg: strings.TrimSpace(m[0])}}
			}
		}
	}
	if dayFirst || monthFirst || ambiguous < 0 {
		return monthFirst && !dayFirst, nil
	}
	order := "day first (day/month)"
	if us {
		order = "month first (month/day, as with AM/PM times)"
	}
	notes[0].msg = fmt.Sprintf("%s could be day/month or month/day; read %s; write the date as 2027-03-04 to be sure", notes[0].msg, order)
	return us, notes
}

// parseColumnTimes reads a time column and its date column (dates may be
// nil): the header and every cell are looked at before a bare number is
// given a meaning. Blank cells give no time (a contingency inject); the
// notes are the problems and warnings, placed at their cells.
func parseColumnTimes(header string, cells, dates []Cell) ([]sheetTime, []timeNote) {
	u, notes := columnUnit(header, cells)
	mdy, more := dateOrder(cells, dates)
	notes = append(notes, more...)
	var times []sheetTime
	var day sheetTime
	haveDay, haveFirst, firstDay, firstWeekday, zone := false, false, 0, 0, ""
	for i, c := range cells {
		if i < len(dates) && (strings.TrimSpace(dates[i].Text) != "" || dates[i].IsNum) {
			d, err := readDay(dates[i], mdy)
			if err != nil {
				notes = append(notes, timeNote{i: i, date: true, msg: err.Error() + "; the day is not used"})
			} else {
				day, haveDay = d, true // it holds for the rows below until the next
			}
		}
		if strings.TrimSpace(c.Text) == "" && !c.IsNum {
			continue
		}
		st, err := readTime(c, u, mdy)
		if err != nil {
			notes = append(notes, timeNote{i: i, err: true, msg: err.Error()})
			continue
		}
		if haveDay && !st.relative && !st.dated && !st.daySet && st.weekday == 0 {
			if day.dated {
				y, m, d := day.clock.Date()
				st.clock = time.Date(y, m, d, st.clock.Hour(), st.clock.Minute(), st.clock.Second(), 0, time.UTC)
				st.dated = true
			} else {
				st.day, st.daySet, st.weekday = day.day, day.daySet, day.weekday
			}
		}
		switch {
		case st.weekday > 0:
			if firstWeekday == 0 {
				firstWeekday = st.weekday
			}
			st.day, st.daySet = (st.weekday-firstWeekday+7)%7, true
		case st.daySet:
			if !haveFirst {
				firstDay, haveFirst = st.day, true
			}
			st.day -= firstDay
		}
		if st.zone != "" && zone == "" {
			zone = st.zone
		} else if st.zone != "" && st.zone != zone {
			st.note = fmt.Sprintf("the column mixes time zones (%s and %s); ttx reads each as written, without converting", zone, st.zone)
			zone = st.zone
		}
		if st.note != "" {
			notes = append(notes, timeNote{i: i, msg: st.note})
		}
		st.inject = i
		times = append(times, st)
	}
	return times, notes
}

// readDay reads a cell of a date column: a date, Day 2, D+1, J+1 or a
// weekday.
func readDay(c Cell, mdy bool) (sheetTime, error) {
	if c.IsNum && c.Num >= 1 {
		return excelTime(math.Trunc(c.Num))
	}
	s := strings.TrimSpace(c.Text)
	st, rest, err := readPrefix(strings.ToUpper(s), mdy)
	if err == nil && (rest != "" || !st.dated && !st.daySet && st.weekday == 0) {
		err = fmt.Errorf("%q is not a day or a date; write Day 2, D+1, Monday or 2027-03-12", s)
	}
	return st, err
}

// readPrefix reads the date or day a time may begin with, and returns
// what follows it.
func readPrefix(up string, mdy bool) (st sheetTime, rest string, err error) {
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
		st.day, st.daySet = atoi(m[2]), true
		if m[1] == "-" {
			st.day = -st.day
		}
		return st, strings.TrimSpace(up[len(m[0]):]), nil
	} else {
		return st, strings.TrimSpace(up), nil
	}
	if y < 100 {
		y += 2000
	}
	st.clock, st.dated, st.weekday = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true, 0
	if st.clock.Day() != d || mo < 1 || mo > 12 {
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

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// readTime reads one time cell; u says what a bare number is, mdy that
// 03/04/2027 is March 4.
func readTime(c Cell, u timeUnit, mdy bool) (sheetTime, error) {
	s, excel := cellText(c, u)
	if excel {
		return excelTime(c.Num)
	}
	up := strings.ToUpper(s)
	if m := relTime.FindStringSubmatch(up); m != nil {
		v := strings.ToLower(minWords.ReplaceAllString(m[2], "m"))
		if f, err := strconv.ParseFloat(v, 64); err == nil && (m[1] == "H" || u == unitHours) && f >= 0 {
			return sheetTime{offset: time.Duration(f * float64(time.Hour)).Round(time.Second), relative: true}, nil
		}
		d, err := scenario.ParseOffset(v)
		if err != nil || strings.Contains(v, ".") {
			return sheetTime{}, fmt.Errorf("time %q is not an offset; write T+00:15 or +15", s)
		}
		return sheetTime{offset: d, relative: true}, nil
	}
	if m := dtg.FindStringSubmatch(strings.ReplaceAll(up, " ", "")); m != nil {
		y, mo, d := atoi(m[6]), monthOf(m[5]), atoi(m[1])
		if y < 100 {
			y += 2000
		}
		t := time.Date(y, time.Month(mo), d, atoi(m[2]), atoi(m[3]), 0, 0, time.UTC)
		if t.Day() != d || atoi(m[2]) > 23 || atoi(m[3]) > 59 {
			return sheetTime{}, fmt.Errorf("time %q is not a date-time group; write DDHHMM, zone, month, year: 210912ZAUG11", s)
		}
		return sheetTime{clock: t, dated: true, zone: m[4]}, nil
	}
	if m := shortDTG.FindStringSubmatch(up); m != nil && atoi(m[1]) >= 1 && atoi(m[1]) <= 31 {
		st, err := readClock(m[2]+m[3]+m[4], unitClock, s)
		st.day, st.daySet = atoi(m[1]), true // 210912Z: the 21st at 09:12
		return st, err
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return sheetTime{clock: t, dated: true}, nil
	}
	pre, rest, err := readPrefix(up, mdy)
	if err != nil {
		return sheetTime{}, fmt.Errorf("time %q: %v", s, err)
	}
	prefixed := pre.dated || pre.daySet || pre.weekday > 0
	if prefixed && rest == "" {
		if pre.dated {
			return pre, nil // a date alone, as Excel shows a date cell: midnight
		}
		return sheetTime{}, fmt.Errorf("time %q names a day but no time of day; write it as %s 09:00", s, s)
	}
	if prefixed {
		u = unitClock // Tuesday 1400, D1 0900
	}
	st, err := readClock(rest, u, s)
	if err == nil && !st.relative && prefixed {
		y, m, d := pre.clock.Date()
		if pre.dated {
			st.clock = time.Date(y, m, d, st.clock.Hour(), st.clock.Minute(), st.clock.Second(), 0, time.UTC)
		}
		st.dated, st.day, st.daySet, st.weekday = pre.dated, pre.day, pre.daySet, pre.weekday
	}
	return st, err
}

// readClock reads a time of day (or, with no clock unit, an offset) from
// s; orig is the cell as written, for messages.
func readClock(s string, u timeUnit, orig string) (sheetTime, error) {
	s = ampm.ReplaceAllString(s, "${1}M")
	if f, err := strconv.ParseFloat(s, 64); err == nil && u == unitHours && f >= 0 {
		return sheetTime{offset: time.Duration(f * float64(time.Hour)).Round(time.Second), relative: true}, nil
	}
	if m := bareNum.FindStringSubmatch(s); m != nil {
		n := atoi(m[1])
		switch {
		case m[2] == "" && u == unitHours:
			return sheetTime{offset: time.Duration(n) * time.Hour, relative: true}, nil
		case m[2] == "" && u != unitClock:
			return sheetTime{offset: time.Duration(n) * time.Minute, relative: true}, nil
		case n > 2359 || n%100 > 59:
			return sheetTime{}, fmt.Errorf("time %q is not a clock time (hhmm, like 0930); check it", orig)
		}
		st := sheetTime{clock: time.Date(0, 1, 1, n/100, n%100, 0, 0, time.UTC)}
		if len(m[2]) == 1 && m[2] != "H" {
			st.zone = m[2]
		}
		if len(m[1]) <= 2 {
			st.note = fmt.Sprintf("%s is read as %s (hhmm, like the column's other times); write %04d to be sure", orig, st.clock.Format("15:04"), n)
		}
		return st, nil
	}
	zone := ""
	if m := zoneClock.FindStringSubmatch(s); m != nil {
		s = m[1]
		if len(m[2]) == 1 && m[2] != "H" {
			zone = m[2]
		}
	}
	note := ""
	if m := dotClock.FindStringSubmatch(s); m != nil && atoi(m[2]) < 60 {
		if h := atoi(m[1]); m[3] == "" {
			note = fmt.Sprintf("%s is read as %02d:%s; write %02d:%s to be sure (as hours, %s would be %02d:%02d)", orig, h, m[2], h, m[2], orig, h, atoi(m[2])*60/100)
		}
		s = m[1] + ":" + m[2] + " " + m[3]
	}
	s = strings.TrimSpace(s)
	if m := frenchTime.FindStringSubmatch(s); m != nil {
		s = m[1] + ":" + m[2] // 9h30, as many European sheets write a time of day
	}
	for _, layout := range []string{"15:04", "15:04:05", "3:04 PM", "3:04PM", "3:04:05 PM", "3 PM", "3PM"} {
		if t, err := time.Parse(layout, s); err == nil {
			return sheetTime{clock: t, zone: zone, note: note}, nil
		}
	}
	if d, err := scenario.ParseOffset(strings.ToLower(minWords.ReplaceAllString(strings.ReplaceAll(s, " ", ""), "M"))); err == nil && u != unitClock {
		return sheetTime{offset: d, relative: true}, nil // 1h05m, 90m, 90 min
	}
	hint := "write hh:mm like 09:15, or T+00:15"
	if f, err := strconv.ParseFloat(orig, 64); err == nil && f >= 0 && f < 24 {
		h, m := int(f), int(math.Round((f-math.Floor(f))*60))
		hint = fmt.Sprintf("write %02d:%02d", h, m)
	}
	return sheetTime{}, fmt.Errorf("time %q is not a time; %s", orig, hint)
}

// excelTime reads Excel's day numbers: a fraction of a day is a time of
// day; a larger number is a date and time (days since 30 December 1899).
func excelTime(v float64) (sheetTime, error) {
	if v < 0 || v > 2958465 { // 31 December 9999
		return sheetTime{}, fmt.Errorf("%v is not an Excel time or date", v)
	}
	secs := math.Round(v * 86400)
	t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(secs) * time.Second)
	if v < 1 {
		return sheetTime{clock: time.Date(0, 1, 1, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)}, nil
	}
	return sheetTime{clock: t, dated: true}, nil
}

// parseSheetTime reads one time cell on its own, as a column of one.
func parseSheetTime(c Cell) (sheetTime, error) {
	times, notes := parseColumnTimes("", []Cell{c}, nil)
	for _, n := range notes {
		if n.err {
			return sheetTime{}, fmt.Errorf("%s", n.msg)
		}
	}
	if len(times) == 0 {
		return sheetTime{}, fmt.Errorf("no time")
	}
	return times[0], nil
}

func parseStartOption(s string) (time.Time, bool, error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	st, err := readTime(Cell{Text: s}, unitClock, false)
	if err != nil || st.relative || st.daySet || st.weekday > 0 {
		return time.Time{}, false, fmt.Errorf("%q is not a start time; write 09:00 or 2027-03-12 09:00", s)
	}
	return st.clock, true, nil
}

// readTimes reads the at column (and the date column) of every inject,
// with the column's header in view, and places what it finds.
func (im *importer) readTimes(hdr int, cells, dates []Cell) []sheetTime {
	header := ""
	if c := im.col[FieldAt]; c >= 0 && c < len(im.t.Rows[hdr]) {
		header = im.t.Rows[hdr][c].Text
	}
	times, notes := parseColumnTimes(header, cells, dates)
	for _, n := range notes {
		row, col := im.rowOf[n.i], im.col[FieldAt]
		if n.date {
			col = im.col[FieldDate]
		}
		if n.err {
			im.problem(row, col, "%s", n.msg)
		} else {
			im.timeWarn(row, col, "%s", n.msg)
		}
	}
	for i := range times {
		times[i].row = im.rowOf[times[i].inject]
	}
	return times
}

func (im *importer) timeWarn(row, col int, format string, args ...any) {
	im.res.Warnings = append(im.res.Warnings, Problem{Where: im.t.Where(row, col), Row: row, Col: col, Msg: "warning: " + fmt.Sprintf(format, args...)})
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
			if !st.dated && start.Year() > 1 {
				// a dated start with undated times: on the start's day
				t = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC).Add(t.Sub(day0))
			}
			if prevSet && !st.dated && !st.daySet && t.Before(prev.Add(-12*time.Hour)) {
				shift += 24 * time.Hour // the exercise went past midnight
				t = t.Add(24 * time.Hour)
				im.timeWarn(st.row, col, "%s comes after %s: taken as the next day (T+%s)", t.Format("15:04"), prev.Format("15:04"), scenario.FormatOffset(t.Sub(start)))
			}
			off = t.Sub(start)
			if off < 0 {
				im.problem(st.row, col, "%s is before the exercise starts (%s); check the time or --start", t.Format("15:04"), start.Format("15:04"))
				continue
			}
			if prevSet && t.Before(prev) {
				im.timeWarn(st.row, col, "%s is earlier than %s in the row above: out of order (taken as T+%s); check the time", t.Format("15:04"), prev.Format("15:04"), scenario.FormatOffset(off))
			}
			prev, prevSet = t, true
		}
		sc.Injects[st.inject].At = scenario.FormatOffset(off)
		last = max(last, off)
	}
	if im.opts.Start != "" && sc.Start == "" {
		if sc.Start = start.Format("15:04"); start.Year() > 1 {
			sc.Start = start.Format("2006-01-02 15:04") // --start 0600 is 06:00
		}
	}
	// The exercise lasts until a quarter of an hour after the last inject.
	d := (last/(15*time.Minute) + 1) * 15 * time.Minute
	sc.Duration = scenario.FormatOffset(d)
}
