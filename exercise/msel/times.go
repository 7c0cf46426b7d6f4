package msel

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"ttx/exercise/scenario"
)

// frenchTime is a time of day written 9h30 or 14H05.
var frenchTime = regexp.MustCompile(`^([01]?\d|2[0-3])H([0-5]\d)$`)

// sheetTime is a time as the sheet wrote it: an offset from the start, or
// a clock time (with or without a date).
type sheetTime struct {
	offset   time.Duration
	relative bool
	clock    time.Time
	dated    bool
	inject   int
	row      int
}

// resolveTimes turns clock times into offsets from the start (given, or
// the first inject's), crossing midnight where the times do.
func (im *importer) resolveTimes(sc *scenario.Scenario, times []sheetTime, start time.Time, startSet bool) {
	var prev time.Time
	var dayShift, last time.Duration
	for _, st := range times {
		off := st.offset
		if !st.relative {
			t := st.clock
			if !st.dated {
				t = t.Add(dayShift)
				if !prev.IsZero() && t.Before(prev.Add(-12*time.Hour)) {
					dayShift += 24 * time.Hour // the exercise went past midnight
					t = t.Add(24 * time.Hour)
				}
			}
			if !startSet {
				start, startSet = t, true
				if st.dated {
					sc.Start = t.Format("2006-01-02 15:04")
				} else {
					sc.Start = t.Format("15:04")
				}
			}
			if !st.dated && start.Year() > 1 {
				// a dated --start with undated times: same day as the start
				t = time.Date(start.Year(), start.Month(), start.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC).Add(dayShift)
			}
			prev = t
			off = t.Sub(start)
			if off < 0 {
				im.problem(st.row, im.col[FieldAt], "%s is before the exercise starts (%s); check the time or --start", t.Format("15:04"), start.Format("15:04"))
				continue
			}
		}
		sc.Injects[st.inject].At = scenario.FormatOffset(off)
		last = max(last, off)
	}
	if im.opts.Start != "" && sc.Start == "" {
		sc.Start = im.opts.Start
	}
	// The exercise lasts until a quarter of an hour after the last inject.
	d := (last/(15*time.Minute) + 1) * 15 * time.Minute
	sc.Duration = scenario.FormatOffset(d)
}

// parseSheetTime reads a time cell as spreadsheets write them.
func parseSheetTime(c Cell) (sheetTime, error) {
	if c.IsNum {
		return excelTime(c.Num)
	}
	s := strings.TrimSpace(c.Text)
	if strings.HasPrefix(s, "T+") || strings.HasPrefix(s, "t+") || strings.HasPrefix(s, "+") {
		d, err := scenario.ParseOffset(strings.TrimPrefix(strings.TrimPrefix(s, "t"), "T"))
		if err != nil {
			return sheetTime{}, fmt.Errorf("time %q is not an offset; write T+00:15 or +15", s)
		}
		return sheetTime{offset: d, relative: true}, nil
	}
	upper := strings.ToUpper(strings.ReplaceAll(s, ".", ""))
	if m := frenchTime.FindStringSubmatch(upper); m != nil {
		upper = m[1] + ":" + m[2] // 9h30, as many European sheets write a time of day
	}
	for _, layout := range []string{"15:04", "15:04:05", "3:04 PM", "3:04PM", "3:04:05 PM", "3 PM", "3PM"} {
		if t, err := time.Parse(layout, upper); err == nil {
			return sheetTime{clock: t}, nil
		}
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02T15:04:05", time.RFC3339,
		"02/01/2006 15:04", "02/01/2006 15:04:05", "2/1/2006 15:04", "02/01/2006 3:04 PM", "1/2/2006 3:04 PM", "1/2/06 15:04"} {
		if t, err := time.Parse(layout, upper); err == nil {
			return sheetTime{clock: t, dated: true}, nil
		}
	}
	if d, err := scenario.ParseOffset(s); err == nil && !strings.Contains(s, ".") {
		return sheetTime{offset: d, relative: true}, nil // 1h05m, 90m, a bare number of minutes
	}
	hint := "write hh:mm like 09:15, or T+00:15"
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 24 {
		h, m := int(f), int(math.Round((f-math.Floor(f))*60))
		hint = fmt.Sprintf("write %02d:%02d", h, m)
	}
	return sheetTime{}, fmt.Errorf("time %q is not a time; %s", s, hint)
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

func parseStartOption(s string) (time.Time, bool, error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	st, err := parseSheetTime(Cell{Text: s})
	if err != nil || st.relative {
		return time.Time{}, false, fmt.Errorf("%q is not a start time; write 09:00 or 2027-03-12 09:00", s)
	}
	return st.clock, true, nil
}
