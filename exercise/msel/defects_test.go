package msel

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"ttx/exercise/msel/sheet"
)

// TestNamedDefects holds the defects planners met on their first import,
// using only what an import always returned (Draft, Columns, Problems).
func TestNamedDefects(t *testing.T) {
	read := func(t *testing.T, rows [][]string, opts Options) Result {
		t.Helper()
		tab, err := sheet.ReadCSV("msel.csv", csvOf(rows, ","))
		if err != nil {
			t.Fatal(err)
		}
		return Import(tab, opts)
	}
	teams := func(res Result) (names []string) {
		if res.Draft != nil {
			for _, tm := range res.Draft.Teams {
				names = append(names, tm.Name)
			}
		}
		return names
	}
	t.Run("--- and N/A are not teams", func(t *testing.T) {
		rows := [][]string{{"Inject #", "Time", "To", "Description"}, {"1", "09:00", "Police", "a"}, {"2", "09:05", "---", "b"}, {"3", "09:10", "N/A", "c"}}
		res := read(t, rows, Options{})
		if got := strings.Join(teams(res), "|"); got != "Police" || res.Scenario != nil || !strings.Contains(res.Problems.String(), "R3:C3: no recipient") {
			t.Errorf("teams %q, problems:\n%s", got, res.Problems)
		}
		if res := read(t, rows, Options{To: "Police"}); res.Scenario == nil || len(res.Scenario.Teams) != 1 || res.Scenario.Injects[2].To[0] != "police" {
			t.Errorf("with --to: %s", res.Problems)
		}
	})
	t.Run("30 objectives stay 30", func(t *testing.T) {
		res := read(t, guardSheet().rows, Options{})
		if res.Draft == nil || len(res.Draft.Objectives) != 30 || res.Draft.Objectives[0].ID != "OBJ-1" || res.Draft.Objectives[0].Text != objTexts[0]+" 0" {
			t.Errorf("objectives: %+v", res.Draft)
		}
	})
	t.Run("30 objectives under HSEEP headers stay 30", func(t *testing.T) {
		rows := [][]string{{"Inject #", "Time", "To", "Description", "Objective"}}
		for i := range 30 {
			rows = append(rows, []string{fmt.Sprint(i + 1), clockAt("09:00", i), "Police", "x", fmt.Sprintf("Objective %d: %s (%d)", i+1, objTexts[i%10], i)})
		}
		rows = append(rows, []string{"", "", "", "", ""}, []string{"Legend"}, []string{"Red = cancelled"}, []string{"Green = delivered"})
		res := read(t, rows, Options{})
		if res.Scenario == nil || len(res.Scenario.Objectives) != 30 || res.Scenario.Objectives[29].ID != "OBJ-30" || res.Scenario.Objectives[29].Text != objTexts[9]+" (29)" {
			t.Fatalf("objectives: %+v\n%s", res.Draft.Objectives, res.Problems)
		}
		if len(res.Scenario.Injects) != 30 {
			t.Errorf("the legend became injects: %d", len(res.Scenario.Injects))
		}
	})
	t.Run("Objective: text is no id", func(t *testing.T) {
		rows := [][]string{{"Inject #", "Time", "To", "Description", "Objective"}}
		for i := range 30 {
			rows = append(rows, []string{fmt.Sprint(i + 1), clockAt("09:00", i), "Police", "x", fmt.Sprintf("Objective: %s, part %d", objTexts[i%10], i)})
		}
		if res := read(t, rows, Options{}); res.Scenario == nil || len(res.Scenario.Objectives) != 30 || res.Scenario.Objectives[3].Text != objTexts[3]+", part 3" {
			t.Errorf("objectives: %+v", res.Draft.Objectives)
		}
	})
	t.Run("Sent To: and SEND TO (RECIPIENT PLAYERS) are the recipients", func(t *testing.T) {
		for _, h := range []string{"Sent To:", "SEND TO (RECIPIENT PLAYERS)"} {
			res := read(t, [][]string{{"Inject #", "Time", h, "Description"}, {"1", "09:00", "Police", "a"}}, Options{})
			if res.Scenario == nil || res.Scenario.Injects[0].To[0] != "police" {
				t.Errorf("%s: %+v %s", h, res.Columns, res.Problems)
			}
		}
	})
	t.Run("legends and banners are not injects", func(t *testing.T) {
		res := read(t, guardSheet().rows, Options{})
		if res.Draft == nil || len(res.Draft.Injects) != 38 {
			t.Fatalf("draft %+v", res.Draft)
		}
		for _, in := range res.Draft.Injects {
			if s := in.Title + in.ID; strings.Contains(s, "Legend") || strings.Contains(s, "cancelled") || strings.Contains(s, "LUNCH") || strings.Contains(s, "STARTEX") {
				t.Errorf("inject %s %q", in.ID, in.Title)
			}
		}
		if res.Scenario == nil {
			t.Errorf("problems:\n%s", res.Problems)
		}
	})
	t.Run("PR/Comm is one team", func(t *testing.T) {
		res := read(t, [][]string{{"#", "Time", "Player(s)", "Details"}, {"1", "09:00", "PR/Comm", "a"}, {"2", "09:05", "Police", "b"}}, Options{})
		if got := fmt.Sprint(teams(res)); got != "[PR/Comm Police]" {
			t.Errorf("teams %s", got)
		}
	})
}

var objTexts = []string{"Maintain controlled media access", "Open the emergency operations centre", "Activate mutual aid", "Evacuate the stadium",
	"Issue a public warning", "Coordinate shelter", "Restore power to the hospital", "Track casualties", "Brief elected officials", "Request state resources"}

// guardSheet is a National Guard style MSEL: HSEEP-like headers written
// their own way, a title above the header, banners, a lunch break, a
// repeated header, omitted and cancelled injects, and a colour key below.
func guardSheet() page {
	hdr := []string{"MSEL #", "EVENT TIME", "SEND FROM (Simulated)", "SEND TO (RECIPIENT PLAYERS)", "INJECT MODE", "EVENT DESCRIPTION", "EXPECTED OUTCOMES", "Objective", "NOTES/REMARKS", "Status"}
	banner := func(s string) []string {
		row := make([]string, len(hdr))
		for i := range row {
			row[i] = s
		}
		return row
	}
	rows := [][]string{{"Exercise Vigilant Guard 2027 – Master Scenario Events List"}, {"FOR OFFICIAL USE ONLY"}, hdr, banner("STARTEX")}
	to := []string{"State EOC", "County EOC", "PR/Comm", "National Guard JOC", "All Participants", "All Players"}
	for i := range 40 {
		status := "Ready"
		switch i {
		case 35:
			status = "Omitted / Not Injected"
		case 38:
			status = "Cancelled"
		}
		k := i % 30
		rows = append(rows, []string{fmt.Sprintf("%03d", i+1), clockAt("08:00", 5*i), "SimCell", to[i%len(to)], []string{"Phone", "Email"}[i%2],
			fmt.Sprintf("Report %d from the field.", i+1), "Acknowledge and task a unit.",
			fmt.Sprintf("Objective %d: %s %d", k+1, objTexts[k%10], k), "", status})
		switch i {
		case 9:
			rows = append(rows, make([]string, len(hdr)))
		case 19:
			rows = append(rows, []string{"", "", "", "", "", "LUNCH", "", "", "", ""})
		case 29:
			rows = append(rows, hdr)
		}
	}
	return page{"MSEL", append(rows, banner("ENDEX"), make([]string, len(hdr)), []string{"Legend"}, []string{"Red = cancelled"}, []string{"Green = delivered"}, []string{"Contingency", "Yellow"})}
}

func clockAt(base string, minutes int) string {
	t, _ := time.Parse("15:04", base)
	return t.Add(time.Duration(minutes) * time.Minute).Format("15:04")
}

// page is one sheet of a test workbook.
type page struct {
	name string
	rows [][]string
}
