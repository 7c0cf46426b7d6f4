package clock

import (
	"testing"

	"ttx/exercise/msel/sheet"
)

// TestTimeForms reads single cells in the forms planners write.
func TestTimeForms(t *testing.T) {
	for in, want := range map[string]string{"09:15": "clock 09:15", "9:15 AM": "clock 09:15", "9:15 pm": "clock 21:15", "T+00:15": "+15m0s",
		"+15": "+15m0s", "00:15:00": "clock 00:15", "9h30": "clock 09:30", "14H05": "clock 14:05", "2027-03-12 09:15": "dated 09:15", "12/03/2027 09:15": "dated 09:15", "1h05m": "+1h5m0s"} {
		st, err := Parse(sheet.Cell{Text: in})
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		got := "+" + st.Offset.String()
		switch {
		case st.Dated:
			got = "dated " + st.Clock.Format("15:04")
		case !st.Relative:
			got = "clock " + st.Clock.Format("15:04")
		}
		if got != want {
			t.Errorf("%q read as %s, want %s", in, got, want)
		}
	}
	st, _ := Parse(sheet.Cell{IsNum: true, Num: 0.3854166667}) // 09:15
	if st.Relative || st.Clock.Format("15:04") != "09:15" {
		t.Errorf("Excel time cell read as %+v", st)
	}
}

func TestHeaderUnit(t *testing.T) {
	for h, want := range map[string]timeUnit{"T+min": unitMinutes, "Time (min)": unitMinutes, "Minutes": unitMinutes,
		"Offset (hours)": unitHours, "H+": unitHours, "Elapsed (h)": unitHours, "Time (0600-1800)": unitClock,
		"Time (hhmm)": unitClock, "Local Time": unitClock, "Real Time": unitClock, "INJECT DTG": unitClock,
		"T+": unitOffset, "Offset": unitOffset, "Elapsed Time": unitOffset, "Exercise Time (T+)": unitOffset,
		"Time": unitAuto, "Time (hrs)": unitAuto, "Scenario Time": unitAuto, "": unitAuto} {
		if got := headerUnit(h); got != want {
			t.Errorf("headerUnit(%q) = %d, want %d", h, got, want)
		}
	}
}

// FuzzTimeColumn: no header, cell or day makes the time reader panic,
// and every cell gives a time or a note.
func FuzzTimeColumn(f *testing.F) {
	for _, s := range []string{"0700", "210912ZAUG11", "Monday 9:30 AM", "D+1 09:00", "9.30", "H+02:30", "03/04/2027 9:00 AM", "2400"} {
		f.Add("Time", s, "0930", "Day 2")
	}
	f.Add("T+min", "15", "1.5", "12 Mar 2027")
	f.Fuzz(func(t *testing.T, header, a, b, day string) {
		cells := []sheet.Cell{{Text: a}, {Text: b}, {Text: a, IsNum: true, Num: float64(len(b))}}
		times, notes := Column(header, cells, []sheet.Cell{{Text: day}})
		for _, n := range notes {
			if n.I < 0 || n.I >= len(cells) || n.Msg == "" {
				t.Fatalf("note %+v", n)
			}
		}
		if len(times) > len(cells) {
			t.Fatalf("%d times from %d cells", len(times), len(cells))
		}
	})
}
