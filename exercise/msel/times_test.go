package msel

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ttx/exercise/msel/sheet"
)

// timeSheet is a small MSEL whose time column has the header h and the
// cells given; "0900|Day 2" puts "Day 2" in a Date column beside it.
func timeSheet(h string, cells []string) [][]string {
	dated := false
	for _, c := range cells {
		dated = dated || strings.Contains(c, "|")
	}
	head := []string{"Inject #", h, "To", "Description"}
	if dated {
		head = append(head, "Date")
	}
	rows := [][]string{head}
	for i, c := range cells {
		at, day, _ := strings.Cut(c, "|")
		row := []string{fmt.Sprint(i + 1), at, "Police", fmt.Sprintf("Event %d", i+1)}
		if dated {
			row = append(row, day)
		}
		rows = append(rows, row)
	}
	return rows
}

// summary is what a planner checks of an import's times: "start
// duration | each inject's time" ("-" for none), or "error", with every
// time warning and problem.
func summary(res Result) (got string, msgs []string) {
	for _, p := range append(res.Problems, res.Warnings...) {
		if !strings.Contains(p.Msg, "nothing is due") && !strings.Contains(p.Msg, "both reach") && !strings.Contains(p.Msg, "expected player") {
			msgs = append(msgs, p.String())
		}
	}
	sc := res.Scenario
	if sc == nil {
		return "error", msgs
	}
	var ats []string
	for _, in := range sc.Injects {
		ats = append(ats, map[bool]string{true: in.At, false: "-"}[in.At != ""])
	}
	return fmt.Sprintf("%s %s | %s", sc.Start, sc.Duration, strings.Join(ats, " ")), msgs
}

func TestTimePatterns(t *testing.T) {
	tests := []struct {
		name, header string
		cells        []string
		want         string // start duration | ats
		msg          string // a warning or problem that must be there; "" for none
	}{
		// military clock times, decided by the column
		{"hhmm", "Time", []string{"0700", "0930", "1715"}, "07:00 10:30 | 00:00 02:30 10:15", ""},
		{"hhmm three digits", "Time", []string{"700", "930", "1100"}, "07:00 04:15 | 00:00 02:30 04:00", ""},
		{"hhmm local", "Time", []string{"0700L", "0930L"}, "07:00 02:45 | 00:00 02:30", ""},
		{"hhmm zulu", "Time", []string{"0700Z", "0715Z"}, "07:00 00:30 | 00:00 00:15", ""},
		{"hhmm hrs", "Time", []string{"0700 hrs", "0930 hrs"}, "07:00 02:45 | 00:00 02:30", ""},
		{"hhmm hrs joined", "Time", []string{"0700hrs", "0745HRS"}, "07:00 01:00 | 00:00 00:45", ""},
		{"hhmm hours", "EVENT TIME", []string{"0700 hours", "0800 hours"}, "07:00 01:15 | 00:00 01:00", ""},
		{"hh:mm local", "Time", []string{"07:00L", "09:30L"}, "07:00 02:45 | 00:00 02:30", ""},
		{"hh:mm zulu", "Time", []string{"07:00Z", "07:10Z"}, "07:00 00:15 | 00:00 00:10", ""},
		{"zone names", "Time", []string{"9:00 AM EST", "0930 EST", "10:00 (EST)"}, "09:00 01:15 | 00:00 00:30 01:00", ""},
		{"zone names mixed", "Time", []string{"09:00 UTC", "09:30 GMT"}, "09:00 00:45 | 00:00 00:30", "mixes time zones (UTC and GMT)"},
		{"zones mixed", "Time", []string{"0700L", "0800Z"}, "07:00 01:15 | 00:00 01:00", "mixes time zones (L and Z)"},
		{"one bare number hhmm", "Time", []string{"0700"}, "07:00 00:15 | 00:00", ""},
		{"short among hhmm", "Time", []string{"2330", "2345", "15"}, "23:30 01:00 | 00:00 00:15 00:45", "15 is read as 00:15"},
		{"typo among hhmm", "Time", []string{"0700", "0715", "0730", "0745", "0800", "0790"}, "error", `time "0790" is not a clock time`},
		{"typo among few hhmm", "Time", []string{"0700", "0800", "0975"}, "error", `time "0975" is not a clock time`},
		{"minutes small", "Time", []string{"5", "10", "15", "90"}, " 01:45 | 00:05 00:10 00:15 01:30", ""},
		{"minutes past an hour", "Time", []string{"0", "15", "30", "45", "60", "90", "120"}, " 02:15 | 00:00 00:15 00:30 00:45 01:00 01:30 02:00", ""},
		{"minutes with a leading zero", "Time", []string{"0700", "75", "90"}, " 11:45 | 11:40 01:15 01:30", "0700 is read as 700 minutes (T+11:40), since 75 is no clock time"},
		{"minutes beyond hhmm", "Time", []string{"2400"}, " 40:15 | 40:00", "2400 is read as 2400 minutes (T+40:00)"},
		{"header T+min", "T+min", []string{"15", "30", "120"}, " 02:15 | 00:15 00:30 02:00", ""},
		{"header T+min hhmm-like", "T+min", []string{"100", "130"}, " 02:15 | 01:40 02:10", ""},
		{"header Time (min)", "Time (min)", []string{"0", "45"}, " 01:00 | 00:00 00:45", ""},
		{"header Offset (hours)", "Offset (hours)", []string{"1", "2", "1.5"}, " 02:15 | 01:00 02:00 01:30", ""},
		{"header Offset (hrs)", "Offset (hrs)", []string{"0", "3"}, " 03:15 | 00:00 03:00", ""},
		{"header 0600-1800", "Time (0600-1800)", []string{"600", "0930", "1800"}, "06:00 12:15 | 00:00 03:30 12:00", ""},
		{"header 0600-1800 short", "Time (0600-1800)", []string{"0600", "45"}, "error", "00:45 is before the exercise starts"},
		{"header Real Time", "Real Time", []string{"15", "30"}, "00:15 00:30 | 00:00 00:15", "15 is read as 00:15"},
		// date-time groups
		{"DTG", "INJECT DTG", []string{"210912AUG2011", "211030AUG2011"}, "2011-08-21 09:12 01:30 | 00:00 01:18", ""},
		{"DTG zone letter", "DTG", []string{"210912ZAUG11", "220800ZAUG11"}, "2011-08-21 09:12 23:00 | 00:00 22:48", ""},
		{"DTG with spaces", "Time", []string{"21 0912Z AUG 11", "21 1000Z AUG 11"}, "2011-08-21 09:12 01:00 | 00:00 00:48", ""},
		{"DTG no such day", "Time", []string{"310912ZSEP11"}, "error", `time "310912ZSEP11": "31 SEP 11" is not a date`},
		{"DTG day and time", "DTG", []string{"210912Z", "211000Z", "220800Z"}, "09:12 23:00 | 00:00 00:48 22:48", ""},
		// weekdays: days count from the first weekday
		{"weekday AM", "Time", []string{"Monday 9:30 AM", "Monday 11:00 AM", "Tuesday 9:00 AM"}, "09:30 23:45 | 00:00 01:30 23:30", ""},
		{"weekday short", "Time", []string{"Mon 09:30", "Tue 09:30"}, "09:30 24:15 | 00:00 24:00", ""},
		{"weekday hhmm", "Time", []string{"Tuesday 1400", "Wednesday 0900"}, "14:00 19:15 | 00:00 19:00", ""},
		{"weekday past midnight", "Time", []string{"Fri 23:00", "Sat 01:00"}, "23:00 02:15 | 00:00 02:00", ""},
		{"weekday wraps the week", "Time", []string{"Sunday 10:00", "Monday 10:00"}, "10:00 24:15 | 00:00 24:00", ""},
		{"weekday comma", "Time", []string{"Thurs, 08:00", "Thurs, 8:15 PM"}, "08:00 12:30 | 00:00 12:15", ""},
		// a date or day in a column of its own, carried down
		{"date column", "Time", []string{"09:00|2027-03-12", "10:00|", "09:00|2027-03-13"}, "2027-03-12 09:00 24:15 | 00:00 01:00 24:00", ""},
		{"date column past midnight", "Time", []string{"2330|12/03/2027", "0015|", "0900|13/03/2027"}, "2027-03-12 23:30 09:45 | 00:00 00:45 09:30", "00:15 comes after 23:30: taken as the next day"},
		{"day column past midnight", "Time", []string{"2330|Day 1", "0015|", "0100|"}, "23:30 01:45 | 00:00 00:45 01:30", "00:15 comes after 23:30: taken as the next day"},
		{"weekday column past midnight", "Time", []string{"23:30|Sunday", "00:15|"}, "23:30 01:00 | 00:00 00:45", "taken as the next day"},
		{"day column", "Time", []string{"0900|Day 1", "1400|Day 1", "0900|Day 2"}, "09:00 24:15 | 00:00 05:00 24:00", ""},
		{"D+ column", "Time", []string{"09:00|D+1", "09:00|D+2"}, "09:00 24:15 | 00:00 24:00", ""},
		{"weekday column", "Time", []string{"09:00|Monday", "11:00|", "09:00|Tuesday"}, "09:00 24:15 | 00:00 02:00 24:00", ""},
		{"date column day first", "Time", []string{"09:00|12/03/2027", "09:00|13/03/2027"}, "2027-03-12 09:00 24:15 | 00:00 24:00", ""},
		{"date column month first", "Time", []string{"9:00 AM|03/12/2027", "9:00 AM|03/13/2027"}, "2027-03-12 09:00 24:15 | 00:00 24:00", ""},
		{"date column ambiguous", "Time", []string{"09:00|03/04/2027", "10:00|03/04/2027"}, "2027-04-03 09:00 01:15 | 00:00 01:00", "03/04/2027 could be day/month or month/day; read day first"},
		{"date column ambiguous US", "Time", []string{"9:00 AM|03/04/2027", "10:00 AM|03/04/2027"}, "2027-03-04 09:00 01:15 | 00:00 01:00", "read month first"},
		{"date column named month", "Time", []string{"09:00|12 Mar 2027", "09:00|13-MAR-27"}, "2027-03-12 09:00 24:15 | 00:00 24:00", ""},
		{"date column US named month", "Time", []string{"09:00|March 12, 2027", "08:00|March 13, 2027"}, "2027-03-12 09:00 23:15 | 00:00 23:00", ""},
		{"date column not a date", "Time", []string{"09:00|soon", "09:30|"}, "09:00 00:45 | 00:00 00:30", `"soon" is not a day or a date`},
		{"date column with weekday and date", "Time", []string{"09:00|Fri 12 Mar 2027", "09:00|Sat 13 Mar 2027"}, "2027-03-12 09:00 24:15 | 00:00 24:00", ""},
		// relative days in the time cell
		{"D+ day", "Time", []string{"D+1 09:00", "D+1 10:00", "D+2 09:00"}, "09:00 24:15 | 00:00 01:00 24:00", ""},
		{"D day hhmm", "Time", []string{"D1 0900", "D2 0900"}, "09:00 24:15 | 00:00 24:00", ""},
		{"Day n", "Time", []string{"Day 2 14:00", "Day 2 15:00", "Day 3 09:00"}, "14:00 19:15 | 00:00 01:00 19:00", ""},
		{"jour", "Time", []string{"J+1 09:00", "J+2 08:00"}, "09:00 23:15 | 00:00 23:00", ""},
		{"Day across midnight", "Time", []string{"Day 1 23:00", "Day 2 00:30"}, "23:00 01:45 | 00:00 01:30", ""},
		{"Day without a time", "Time", []string{"Day 1 09:00", "Day 2"}, "error", "names a day but no time of day"},
		{"Day going back", "Time", []string{"Day 1 09:00", "Day 1 08:00"}, "error", "08:00 is before the exercise starts (09:00)"},
		// offsets from the start
		{"H+ hours", "Time", []string{"H+0", "H+2", "H+02:30"}, " 02:45 | 00:00 02:00 02:30", ""},
		{"H+ decimal hours", "Time", []string{"H+1.5"}, " 01:45 | 01:30", ""},
		{"STARTEX+", "Time", []string{"STARTEX+0:15", "STARTEX + 1:00"}, " 01:15 | 00:15 01:00", ""},
		{"E+ minutes", "Time", []string{"E+15", "E+30"}, " 00:45 | 00:15 00:30", ""},
		{"T+ forms", "Time", []string{"T+00:15", "T+1:30", "+15", "T+15 min"}, " 01:45 | 00:15 01:30 00:15 00:15", ""},
		{"STARTEX", "Time", []string{"STARTEX", "STARTEX+0:15"}, " 00:30 | 00:00 00:15", ""},
		{"T+ column hh:mm", "T+", []string{"00:00", "00:15", "1:30"}, " 01:45 | 00:00 00:15 01:30", ""},
		{"Elapsed column", "Elapsed", []string{"0:05", "10", "1h"}, " 01:15 | 00:05 00:10 01:00", ""},
		{"T+min column hh:mm", "T+min", []string{"15", "1:30"}, " 01:45 | 00:15 01:30", ""},
		{"trailing dot", "Time", []string{"0700 HRS.", "0800 hrs."}, "07:00 01:15 | 00:00 01:00", ""},
		{"T+ in hours column", "Offset (hours)", []string{"T+2"}, " 02:15 | 02:00", ""},
		{"durations", "Time", []string{"1h05m", "90m", "100 min"}, " 01:45 | 01:05 01:30 01:40", ""},
		{"offset too far", "Time", []string{"T+99999999999"}, "error", "is more than 999 hours from the start"},
		{"T+ not an offset", "Time", []string{"T+soon"}, "error", `time "T+soon" is not an offset`},
		// dots
		{"dotted time", "Time", []string{"9.30", "10.15"}, "09:30 01:00 | 00:00 00:45", "9.30 is read as 09:30, and so the column's other h.mm times; write 09:30 to be sure (as hours, 9.30 would be 09:18)"},
		{"dotted past midnight under a date", "Time", []string{"23.30|12/03/2027", "00.15|"}, "2027-03-12 23:30 01:00 | 00:00 00:45", "00:15 comes after 23:30: taken as the next day"},
		{"dotted column warned once", "Time", []string{"07.00", "07.30", "08.15"}, "07:00 01:30 | 00:00 00:30 01:15", "07.00 is read as 07:00"},
		{"decimal hours", "Time", []string{"9.75"}, "error", `time "9.75" is not a time; write 09:45`},
		{"dotted am pm", "Time", []string{"9.30am", "10.15 PM"}, "09:30 13:00 | 00:00 12:45", ""},
		{"a.m.", "Time", []string{"9:30 a.m.", "11:00 a.m."}, "09:30 01:45 | 00:00 01:30", ""},
		// windows: the inject is at the start
		{"windows hhmm", "Time", []string{"0900-0930", "1000 - 1030"}, "09:00 01:15 | 00:00 01:00", "0900-0930 is a time window; the inject is at its start, 09:00"},
		{"windows PM", "Time", []string{"11:00-11:30 AM", "1:00-2:00 PM", "12:00 to 1:00 p.m."}, "11:00 02:15 | 00:00 02:00 01:00", "out of order"},
		{"not a window", "Time", []string{"0900-soon"}, "error", `time "0900-soon" is not a time`},
		// midnight and order
		{"midnight", "Time", []string{"23:50", "00:10"}, "23:50 00:30 | 00:00 00:20", "00:10 comes after 23:50: taken as the next day (T+00:20)"},
		{"midnight hhmm", "Time", []string{"2330", "0015", "0100"}, "23:30 01:45 | 00:00 00:45 01:30", "taken as the next day"},
		{"out of order", "Time", []string{"09:00", "09:30", "09:10"}, "09:00 00:45 | 00:00 00:30 00:10", "09:10 is earlier than 09:30 in the row above: out of order"},
		{"before the start", "Time", []string{"09:00", "08:00"}, "error", "08:00 is before the exercise starts (09:00)"},
		{"a date after none", "Time", []string{"09:00", "2027-03-12 10:00"}, "error", "2027-03-12 10:00 has a date, but the start (09:00) has none"},
		{"contingency", "Time", []string{"09:00", ""}, "09:00 00:15 | 00:00 -", ""},
		// dated times and the forms that already worked
		{"dated multi-day", "Time", []string{"2027-03-12 09:00", "2027-03-14 09:00"}, "2027-03-12 09:00 48:15 | 00:00 48:00", ""},
		{"dated day first", "Time", []string{"12/03/2027 09:15", "13/03/2027 09:15"}, "2027-03-12 09:15 24:15 | 00:00 24:00", ""},
		{"dated month first", "Time", []string{"3/12/2027 9:15 AM", "3/13/2027 9:15 AM"}, "2027-03-12 09:15 24:15 | 00:00 24:00", ""},
		{"dated RFC 3339", "Time", []string{"2027-03-12T09:15:00Z", "2027-03-12T09:45:00Z"}, "2027-03-12 09:15 00:45 | 00:00 00:30", ""},
		{"dated named", "Time", []string{"Monday, 12 March 2027 09:00", "12 Mar 2027 0930"}, "2027-03-12 09:00 00:45 | 00:00 00:30", ""},
		{"12-hour", "Time", []string{"9:15 AM", "9:15 pm", "10 PM"}, "09:15 13:00 | 00:00 12:00 12:45", ""},
		{"French", "Time", []string{"9h30", "14H05"}, "09:30 04:45 | 00:00 04:35", ""},
		{"seconds", "Time", []string{"00:15:00", "00:20:30"}, "00:15 00:15 | 00:00 00:05:30", ""},
		{"words", "Time", []string{"soon"}, "error", `time "soon" is not a time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := sheet.ReadCSV("msel.csv", csvOf(timeSheet(tt.header, tt.cells), ","))
			if err != nil {
				t.Fatal(err)
			}
			got, msgs := summary(Import(tab, Options{Map: map[string]string{sheet.Normalize(tt.header): FieldAt}}))
			if got != tt.want {
				t.Errorf("%q read as %q, want %q\n%s", tt.cells, got, tt.want, strings.Join(msgs, "\n"))
			}
			all := strings.Join(msgs, "\n")
			if tt.msg == "" && all != "" {
				t.Errorf("unexpected messages:\n%s", all)
			}
			if !strings.Contains(all, tt.msg) {
				t.Errorf("messages lack %q:\n%s", tt.msg, all)
			}
		})
	}
}

// TestTimesNotedAtTheirCells: a warning names the cell it is about, a
// date column's at the date column.
func TestTimesNotedAtTheirCells(t *testing.T) {
	tab, _ := sheet.ReadCSV("msel.csv", csvOf(timeSheet("Time", []string{"09:00|D+1", "09:30|", "09:10|tomorrow"}), ","))
	res := Import(tab, Options{})
	_, msgs := summary(res)
	want := []string{"msel.csv:R4:C2: warning: 09:10 is earlier than 09:30 in the row above", `msel.csv:R4:C5: warning: "tomorrow" is not a day or a date`}
	for _, w := range want {
		if !strings.Contains(strings.Join(msgs, "\n"), w) {
			t.Errorf("no %q in\n%s", w, strings.Join(msgs, "\n"))
		}
	}
}

func TestStartOptionTakesHHMM(t *testing.T) {
	tab, _ := sheet.ReadCSV("msel.csv", csvOf(timeSheet("Time", []string{"0700", "0930"}), ","))
	if got, msgs := summary(Import(tab, Options{Start: "0600"})); got != "06:00 03:45 | 01:00 03:30" {
		t.Errorf("--start 0600: %s %s", got, msgs)
	}
	// A dated --start with undated times: each is on the start's day, not
	// a day later than the one before.
	tab, _ = sheet.ReadCSV("msel.csv", csvOf(timeSheet("Time", []string{"09:00", "09:05", "09:10"}), ","))
	if got, msgs := summary(Import(tab, Options{Start: "2027-03-12 09:00"})); got != "2027-03-12 09:00 00:15 | 00:00 00:05 00:10" {
		t.Errorf("dated --start: %s %s", got, msgs)
	}
}

// TestWholeSheetsWithMilitaryTimes imports a CSV and an XLSX of a
// two-day exercise: military times, numeric cells 0700 and 1100, Excel
// time fractions and dates, and a Date column.
func TestWholeSheetsWithMilitaryTimes(t *testing.T) {
	var cells []string
	for d, day := range []string{"2027-03-12", "2027-03-13"} {
		for i, at := range []string{"0700", "0930", "1100", "1715"} {
			c := at
			if i == 0 {
				c += "|" + day
			}
			if d == 1 && i == 3 {
				c = "" // a contingency inject
			}
			cells = append(cells, c)
		}
	}
	want := "2027-03-12 07:00 28:15 | 00:00 02:30 04:00 10:15 24:00 26:30 28:00 -"
	tab, _ := sheet.ReadCSV("msel.csv", csvOf(timeSheet("Time", cells), ","))
	if got, msgs := summary(Import(tab, Options{})); got != want || len(msgs) > 0 {
		t.Errorf("CSV: %s, want %s\n%s", got, want, strings.Join(msgs, "\n"))
	}

	// The XLSX: numeric cells 700 and 1100, an Excel fraction for 09:30
	// and 17:15, an Excel date for each day.
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range timeSheet("Time", cells) {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			switch {
			case r > 0 && c == 1 && (v == "0700" || v == "1100"):
				f.SetCellInt("Sheet1", cell, int64(must(strconv.Atoi(v))))
			case r > 0 && c == 1 && v == "0930":
				f.SetCellFloat("Sheet1", cell, 9.5/24, -1, 64)
			case r > 0 && c == 1 && v == "1715":
				f.SetCellFloat("Sheet1", cell, 17.25/24, -1, 64)
			case r > 0 && c == 4 && v != "":
				f.SetCellInt("Sheet1", cell, map[string]int64{"2027-03-12": 46458, "2027-03-13": 46459}[v])
			default:
				f.SetCellStr("Sheet1", cell, v)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "msel.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	xt, err := sheet.ReadFile(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if !xt.Rows[1][1].IsNum || xt.Rows[3][1].Num != 1100 {
		t.Fatalf("the sheet's 1100 is not a number cell: %+v", xt.Rows[3][1])
	}
	if got, msgs := summary(Import(xt, Options{})); got != want || len(msgs) > 0 {
		t.Errorf("XLSX: %s, want %s\n%s", got, want, strings.Join(msgs, "\n"))
	}
}

// TestNumericHHMMCells: a whole number 0..2359 in an XLSX time column is
// hhmm, not an Excel day number in 1903.
func TestNumericHHMMCells(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Inject #", "Time", "To", "Description"})
	for i, n := range []int{700, 930, 1100, 2330, 15} {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{i + 1, n, "Police", "Event"})
	}
	path := filepath.Join(t.TempDir(), "n.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	tab, err := sheet.ReadFile(path, "")
	if err != nil {
		t.Fatal(err)
	}
	got, msgs := summary(Import(tab, Options{}))
	if want := "07:00 17:30 | 00:00 02:30 04:00 16:30 17:15"; got != want {
		t.Errorf("numeric hhmm: %s, want %s\n%s", got, want, strings.Join(msgs, "\n"))
	}
	if all := strings.Join(msgs, "\n"); !strings.Contains(all, "15 is read as 00:15") || !strings.Contains(all, "taken as the next day") {
		t.Errorf("the 15 after 2330 is not reported:\n%s", all)
	}
}

// TestColumnNotesOnce: a column of 07.00 times or of windows gets one
// warning, not one a row.
func TestColumnNotesOnce(t *testing.T) {
	for _, cells := range [][]string{{"07.00", "07.30", "08.15"}, {"0900-0930", "1000-1030", "1100-1130"}} {
		tab, _ := sheet.ReadCSV("msel.csv", csvOf(timeSheet("Time", cells), ","))
		if _, msgs := summary(Import(tab, Options{})); len(msgs) != 1 {
			t.Errorf("%q: %d warnings, want 1:\n%s", cells, len(msgs), strings.Join(msgs, "\n"))
		}
	}
}

// TestExcelDurationsInOffsetColumn: an Excel time cell under a T+ header
// is an offset from the start, not a time of day.
func TestExcelDurationsInOffsetColumn(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Inject #", "Elapsed (T+)", "To", "Description"})
	for i, v := range []float64{0.25 / 24, 1.5 / 24, 25.0 / 24} {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &[]any{i + 1, v, "Police", "Event"})
	}
	path := filepath.Join(t.TempDir(), "t.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	tab, err := sheet.ReadFile(path, "")
	if err != nil {
		t.Fatal(err)
	}
	got, msgs := summary(Import(tab, Options{Map: map[string]string{"elapsedt": FieldAt}}))
	if want := " 25:15 | 00:15 01:30 25:00"; got != want {
		t.Errorf("Excel durations: %s, want %s\n%s", got, want, strings.Join(msgs, "\n"))
	}
}

// TestLongSheetsOfEachTimeStyle imports four 40-row sheets, one per way
// planners write times, and checks every inject's time against the
// clock the planner meant.
func TestLongSheetsOfEachTimeStyle(t *testing.T) {
	base := time.Date(2027, 9, 13, 18, 0, 0, 0, time.UTC) // a Monday, 18:00
	styles := []struct {
		name, header string
		cell         func(t time.Time, i int) string
		start        string
	}{
		// the date written once a day, hhmm, past midnight under it
		{"hurricane", "Time", func(t time.Time, i int) string {
			c := t.Format("1504")
			if i == 0 || t.Hour() >= 6 && t.Add(-50*time.Minute).Hour() < 6 { // 06:00 on a new day
				c += "|" + t.Format("02/01/2006")
			}
			return c
		}, "2027-09-13 18:00"},
		{"DTG", "INJECT DTG", func(t time.Time, i int) string { return strings.ToUpper(t.Format("021504ZJan06")) }, "2027-09-13 18:00"},
		{"weekday", "Time", func(t time.Time, i int) string { return t.Format("Monday 3:04 PM") }, "18:00"},
		{"exercise day", "Time", func(t time.Time, i int) string {
			return fmt.Sprintf("D+%d %s", t.YearDay()-base.YearDay(), t.Format("15:04"))
		}, "18:00"},
	}
	for _, st := range styles {
		t.Run(st.name, func(t *testing.T) {
			var cells, want []string
			for i := range 40 {
				at := base.Add(time.Duration(i) * 50 * time.Minute) // 18:00 to 02:30 two days on
				if st.name == "hurricane" && at.Hour() < 6 && at.Day() > base.Day()+1 {
					continue
				}
				cells = append(cells, st.cell(at, len(cells)))
				want = append(want, scenarioOffset(at.Sub(base)))
			}
			tab, _ := sheet.ReadCSV("msel.csv", csvOf(timeSheet(st.header, cells), ","))
			res := Import(tab, Options{Map: map[string]string{sheet.Normalize(st.header): FieldAt}})
			got, msgs := summary(res)
			if res.Scenario == nil {
				t.Fatalf("no scenario:\n%s", strings.Join(msgs, "\n"))
			}
			if w := st.start + " " + res.Scenario.Duration + " | " + strings.Join(want, " "); got != w {
				t.Errorf("got  %s\nwant %s\n%s", got, w, strings.Join(msgs, "\n"))
			}
			for _, m := range msgs { // only the crossings of midnight are warned
				if !strings.Contains(m, "taken as the next day") {
					t.Errorf("unexpected: %s", m)
				}
			}
		})
	}
}

func scenarioOffset(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestAmbiguousDatesReadCloseTogether: 06/01 and 06/02 are 1 and 2 June
// or 6 January and 6 February. An exercise runs over days, not a month,
// so the reading that keeps the dates together wins, with a warning;
// read day first, the second day's injects landed 737 hours in.
func TestAmbiguousDatesReadCloseTogether(t *testing.T) {
	for _, c := range []struct {
		cells []string
		want  string
	}{
		{[]string{"0800|06/01/2027", "2300|06/01/2027", "0100|06/02/2027"}, "2027-06-01 08:00 17:15 | 00:00 15:00 17:00"},
		{[]string{"0800|01/06/2027", "0100|02/06/2027", "0200|03/06/2027"}, "2027-06-01 08:00 42:15 | 00:00 17:00 42:00"},
		{[]string{"0800|01/06/2027", "0900|13/06/2027"}, "2027-06-01 08:00 289:15 | 00:00 289:00"}, // 13 says day first
	} {
		tab, _ := sheet.ReadCSV("msel.csv", csvOf(timeSheet("Time", c.cells), ","))
		got, msgs := summary(Import(tab, Options{}))
		if got != c.want {
			t.Errorf("%q: %s, want %s\n%s", c.cells, got, c.want, strings.Join(msgs, "\n"))
		}
		if ambiguous := !strings.Contains(c.cells[len(c.cells)-1], "13/"); ambiguous != strings.Contains(strings.Join(msgs, "\n"), "could be day/month or month/day") {
			t.Errorf("%q: warned %v, want %v:\n%s", c.cells, !ambiguous, ambiguous, strings.Join(msgs, "\n"))
		}
	}
}
