package msel

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
)

// bookOf writes pages to an XLSX workbook. A row whose cells all hold one
// text is written as a merged cell, as planners make banner rows.
func bookOf(t *testing.T, pages ...page) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, p := range pages {
		if i == 0 {
			f.SetSheetName("Sheet1", p.name)
		} else {
			f.NewSheet(p.name)
		}
		for r, row := range p.rows {
			for c, v := range row {
				if c > 0 && v == row[0] && v != "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				f.SetCellStr(p.name, cell, v)
			}
			if len(row) > 1 && slices.IndexFunc(row, func(v string) bool { return v != row[0] }) < 0 && row[0] != "" {
				a, _ := excelize.CoordinatesToCellName(1, r+1)
				z, _ := excelize.CoordinatesToCellName(len(row), r+1)
				f.MergeCell(p.name, a, z)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "msel.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// bothWays runs check on the first page read as CSV (a banner row keeps
// its text in its first cell only, as spreadsheet programs save merged
// cells) and on the workbook read as XLSX.
func bothWays(t *testing.T, opts Options, check func(t *testing.T, res Result), pages ...page) {
	t.Helper()
	rows := make([][]string, len(pages[0].rows))
	for r, row := range pages[0].rows {
		rows[r] = slices.Clone(row)
		for c := 1; c < len(row); c++ {
			if slices.IndexFunc(row, func(v string) bool { return v != row[0] }) < 0 {
				rows[r][c] = ""
			}
		}
	}
	tab, err := sheet.ReadCSV("msel.csv", csvOf(rows, ","))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("csv", func(t *testing.T) { check(t, Import(tab, opts)) })
	book, err := sheet.ReadBook(bookOf(t, pages...))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("xlsx", func(t *testing.T) { check(t, ImportBook(book, opts)) })
}

func mustImport(t *testing.T, res Result) *scenario.Scenario {
	t.Helper()
	if len(res.Problems) > 0 || res.Scenario == nil {
		t.Fatalf("problems:\n%s", res.Problems)
	}
	return res.Scenario
}

func wantSkipped(t *testing.T, res Result, want ...string) {
	t.Helper()
	got := res.Skipped.String()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("skipped rows lack %q:\n%s", w, got)
		}
	}
}

func mapped(res Result, header string) Mapping {
	for _, m := range res.Columns {
		if m.Header == header {
			return m
		}
	}
	return Mapping{}
}

// TestHeadersByMeaning: the headers of published MSELs map to their
// fields with no --map, and ttx says how sure it is.
func TestHeadersByMeaning(t *testing.T) {
	for field, hs := range map[string][]string{
		FieldTo:       {"SEND TO (RECIPIENT PLAYERS)", "Sent To:", "Target", "Player(s)", "SEND TO", "Recipient Agency"},
		FieldAt:       {"EVENT TIME", "ScheduledTime", "Time (0600-1800)", "T+min", "INJECT DTG", "Real Time", "Date/Time"},
		FieldBody:     {"EVENT DESCRIPTION", "DESCRIPTION/SCRIPT", "Event Summary", "Script", "Details"},
		FieldFrom:     {"SEND FROM (Simulated)", "SENT FROM", "Originator"},
		FieldChannel:  {"INJECT MODE", "Method of Delivery"},
		FieldExpected: {"EXPECTED OUTCOMES", "Expected Reaction to Inject", "ExpectedOutcomes", "Expected Player Action / Response (what evaluators look for)"},
		FieldNotes:    {"NOTES/REMARKS", "Comments/Notes"},
		FieldStatus:   {"Status"},
		FieldDate:     {"Date", "Exercise Day"},
		FieldRequires: {"Requires"},
		FieldID:       {"Event Number", "MSEL Ref", "Inject #"},
	} {
		for _, h := range hs {
			if f, sure, how := (&importer{}).field(h, -1); f != field || !sure {
				t.Errorf("%q → %q (sure %v, %s), want %s", h, f, sure, how, field)
			}
		}
	}
	for _, h := range []string{"Player Response", "Agency"} {
		if f, sure, _ := (&importer{}).field(h, -1); f == "" || sure {
			t.Errorf("%q → %q sure %v: a guess should be marked unsure", h, f, sure)
		}
	}
	for _, h := range []string{"Responsible Controller", "Inject Type", "Location"} {
		if f, _, _ := (&importer{}).field(h, -1); f != "" {
			t.Errorf("%q was mapped to %s", h, f)
		}
	}
}

// TestGuardSheetImportsAsIs: headers by their words, 30 distinct
// objectives kept apart, every row that is not an inject skipped and
// reported, nothing to --map.
func TestGuardSheetImportsAsIs(t *testing.T) {
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		if len(sc.Injects) != 38 {
			t.Errorf("%d injects, want 38 (40 less the omitted and the cancelled)", len(sc.Injects))
		}
		if len(sc.Objectives) != 30 || sc.Objective("OBJ-7") == nil || sc.Objective("OBJ-7").Text != "Restore power to the hospital 6" {
			t.Errorf("%d objectives, OBJ-7 %+v", len(sc.Objectives), sc.Objective("OBJ-7"))
		}
		var teams []string
		for _, tm := range sc.Teams {
			teams = append(teams, tm.ID)
		}
		if want := []string{"state-eoc", "county-eoc", "pr-comm", "national-guard-joc"}; !slices.Equal(teams, want) {
			t.Errorf("teams %v, want %v", teams, want)
		}
		if sc.Injects[4].To[0] != scenario.AllTeams || sc.Injects[5].To[0] != scenario.AllTeams {
			t.Errorf("All Participants / All Players → %v %v", sc.Injects[4].To, sc.Injects[5].To)
		}
		if sc.Injects[0].Channel != "Phone" || sc.Injects[0].From != "SimCell" || sc.Injects[0].Expected == "" {
			t.Errorf("first inject %+v", sc.Injects[0])
		}
		wantSkipped(t, res, `R4:C1: banner "STARTEX"`, "R15:C1: blank row, skipped", `R26:C1: banner "LUNCH", skipped`,
			"R37:C1: the header row again, skipped", `R43:C1: marked "Omitted / Not Injected", skipped`, `R46:C1: marked "Cancelled"`,
			`R48:C1: banner "ENDEX"`, "R49:C1: blank row", `R50:C1: legend "Legend"`, `R51:C1: legend "Red = cancelled"`, `R53:C1: legend "Contingency Yellow"`)
		if len(res.Skipped) != 12 {
			t.Errorf("%d rows skipped, want 12:\n%s", len(res.Skipped), res.Skipped)
		}
		if !res.Certain() {
			t.Errorf("the mapping should be certain: %+v", res.Columns)
		}
	}, guardSheet())
}

// stadiumSheet has objectives written in Notes, PR/Comm as one team and
// Police/Fire as two (both also appear alone).
func stadiumSheet() page {
	rows := [][]string{{"Inject No.", "ScheduledTime", "SENT FROM", "Sent To:", "Method of Delivery", "DESCRIPTION/SCRIPT", "Expected Reaction to Inject", "Comments/Notes"}}
	to := []string{"Stadium Ops", "Police", "Fire", "Police/Fire", "PR/Comm", "All Agencies"}
	for i := range 36 {
		notes := "Keep the script to hand."
		if i%3 == 0 {
			notes = fmt.Sprintf("Obj %d: %s\nCall the duty officer first.", i%4+1, objTexts[i%4])
		}
		rows = append(rows, []string{fmt.Sprintf("S-%02d", i+1), clockAt("13:30", 3*i), "Control", to[i%len(to)], "Radio",
			fmt.Sprintf("Crowd report %d at gate %d.", i+1, i%5), "Confirm and deploy stewards.", notes})
	}
	return page{"Stadium", rows}
}

func TestStadiumSheetRecipientsAndObjectivesInNotes(t *testing.T) {
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		if len(sc.Injects) != 36 || len(sc.Teams) != 4 || sc.Team("pr-comm") == nil || sc.Team("pr-comm").Name != "PR/Comm" {
			t.Fatalf("%d injects, teams %+v", len(sc.Injects), sc.Teams)
		}
		if got := sc.Injects[3].To; !slices.Equal(got, []string{"police", "fire"}) {
			t.Errorf("Police/Fire → %v", got)
		}
		if len(sc.Objectives) != 4 || sc.Objective("OBJ-2") == nil || sc.Objective("OBJ-2").Text != objTexts[1] {
			t.Errorf("objectives from notes: %+v", sc.Objectives)
		}
		if !slices.Equal(sc.Injects[3].Objectives, []string{"OBJ-4"}) || !strings.HasPrefix(sc.Injects[3].Notes, "Obj 4") {
			t.Errorf("inject 4: objectives %v, notes %q", sc.Injects[3].Objectives, sc.Injects[3].Notes)
		}
		if d, _ := sc.Injects[10].Offset(); d != 30*time.Minute {
			t.Errorf("inject 11 at %v", d)
		}
	}, stadiumSheet())
}

// cyberSheet: offsets in minutes, a Delivery column of Email/Phone (the
// channel), and two description columns of which one is nearly empty.
func cyberSheet() page {
	rows := [][]string{{"ID", "T+min", "Originator", "Target", "Delivery", "Details", "Script", "ExpectedOutcomes"}}
	for i := range 30 {
		details := ""
		if i == 4 {
			details = "see the annex"
		}
		rows = append(rows, []string{fmt.Sprintf("C%d", i+1), fmt.Sprint(5 * i), "Red Team", []string{"SOC", "IT Ops", "Legal", "Exec Team"}[i%4],
			[]string{"Email", "Phone", "Chat"}[i%3], details, fmt.Sprintf("Alert %d: unusual traffic from host %d.", i+1, 40+i), "Triage within 15 minutes."})
	}
	return page{"Cyber", rows}
}

func TestCyberSheetDeliveryByContentAndTheFilledColumnWins(t *testing.T) {
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		if len(sc.Injects) != 30 || sc.Injects[1].Channel != "Phone" || sc.Injects[6].At != "00:30" {
			t.Errorf("%d injects, second %+v", len(sc.Injects), sc.Injects[1])
		}
		if m := mapped(res, "Delivery"); m.Field != FieldChannel || !m.Sure || !strings.Contains(m.How, "0 of 30 cells are times") {
			t.Errorf("Delivery → %+v", m)
		}
		if m := mapped(res, "Details"); m.Field != "" || !strings.Contains(m.Why, `"Script" is the body column: it has 30 filled cells, this one 1`) {
			t.Errorf("Details → %+v", m)
		}
		if sc.Injects[4].Body != "Alert 5: unusual traffic from host 44." {
			t.Errorf("body from the emptier column: %q", sc.Injects[4].Body)
		}
	}, cyberSheet())
	// A Delivery column of times is the time column.
	tab, _ := sheet.ReadCSV("d.csv", csvOf([][]string{{"#", "Delivery", "Player(s)", "Details"}, {"1", "09:00", "Police", "x"}, {"2", "09:10", "Fire", "y"}}, ","))
	res := Import(tab, Options{})
	if sc := mustImport(t, res); sc.Injects[1].At != "00:10" || mapped(res, "Delivery").Field != FieldAt {
		t.Errorf("Delivery of times: %+v", res.Columns)
	}
}

// TestPlaceholdersAreNotTeams: ---, N/A, TBD and blank name no team;
// they take --to's team, or are a problem that names --to.
func TestPlaceholdersAreNotTeams(t *testing.T) {
	rows := [][]string{{"Inject #", "Real Time", "Player(s)", "Event Summary", "Objective"}}
	to := []string{"EOC", "---", "N/A", "TBD", "", "Shelter Team", "All Teams", "Everyone", "None", "-"}
	for i := range 25 {
		obj := fmt.Sprintf("Objective %d: %s", i%3+1, objTexts[i%3])
		if i == 20 {
			obj = "Objective 1: Something else entirely"
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), clockAt("09:00", 10*i), to[i%len(to)], fmt.Sprintf("Storm update %d", i+1), obj})
	}
	rows[23][0], rows[24][0], rows[25][4] = "TBD", "TBD", "N/A" // placeholders as numbers and objectives
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		if res.Scenario != nil {
			t.Fatal("placeholders were taken for teams")
		}
		if got := res.Problems.String(); !strings.Contains(got, `R3:C3: no recipient ("---" names no team)`) || !strings.Contains(got, "--to") || strings.Count(got, "no recipient") != 16 {
			t.Errorf("problems:\n%s", got)
		}
	}, page{"Hurricane", rows})
	bothWays(t, Options{To: "EOC"}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		var teams []string
		for _, tm := range sc.Teams {
			teams = append(teams, tm.ID)
		}
		if !slices.Equal(teams, []string{"eoc", "shelter-team"}) || !slices.Equal(sc.Injects[2].To, []string{"eoc"}) || sc.Injects[6].To[0] != scenario.AllTeams {
			t.Errorf("teams %v, inject 3 to %v", teams, sc.Injects[2].To)
		}
		w := res.Warnings.String()
		if !strings.Contains(w, `16 inject(s) name no recipient and go to "EOC" (--to)`) || !strings.Contains(w, `objective OBJ-1 is "Something else entirely" here but "Maintain controlled media access" at row 2`) {
			t.Errorf("warnings:\n%s", w)
		}
		if len(sc.Objectives) != 3 || sc.Injects[23].ID != "INJ-024" || len(sc.Injects[24].Objectives) != 0 {
			t.Errorf("objectives %+v", sc.Objectives)
		}
	}, page{"Hurricane", rows})
}

// TestNoTimeOrRecipientColumn: no time column is a loud warning; no
// recipient column needs --to, and says so.
func TestNoTimeOrRecipientColumn(t *testing.T) {
	rows := [][]string{{"#", "Player(s)", "Details"}}
	for i := range 12 {
		rows = append(rows, []string{fmt.Sprint(i + 1), "Police", fmt.Sprintf("Contingency %d", i+1)})
	}
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		if len(sc.Injects) != 12 || !sc.Injects[11].Contingency() || !strings.Contains(res.Warnings.String(), "NO TIME COLUMN: all 12 injects are contingency injects") || res.Certain() {
			t.Errorf("%d injects; warnings %s; certain %v", len(sc.Injects), res.Warnings, res.Certain())
		}
	}, page{"Spare", rows})
	rows = [][]string{{"Time", "Description"}}
	for i := range 10 {
		rows = append(rows, []string{clockAt("10:00", i), fmt.Sprintf("Update %d", i)})
	}
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		if res.Scenario != nil || !strings.Contains(res.Problems.String(), "no recipient column (To, Send To, Player(s) …): name it with --map 'Column=to', or send every inject to one team with --to TEAM") {
			t.Errorf("problems: %s", res.Problems)
		}
	}, page{"NoTo", rows})
	bothWays(t, Options{To: "Incident Command"}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		if len(sc.Injects) != 10 || sc.Injects[9].To[0] != "incident-command" || !strings.Contains(res.Warnings.String(), `no recipient column: every inject goes to "Incident Command" (--to)`) {
			t.Errorf("%+v %s", sc.Injects[9], res.Warnings)
		}
	}, page{"NoTo", rows})
}

// TestHeaderlessSheetByColumnLetter: --map by letter reads a sheet with
// no header row at all.
func TestHeaderlessSheetByColumnLetter(t *testing.T) {
	var rows [][]string
	for i := range 10 {
		rows = append(rows, []string{fmt.Sprintf("H%d", i), clockAt("09:00", 2*i), "Police", fmt.Sprintf("Event %d", i)})
	}
	tab, _ := sheet.ReadCSV("h.csv", csvOf(rows, ","))
	if res := Import(tab, Options{}); res.Scenario != nil || !strings.Contains(res.Problems.String(), "--map 'A=id,B=at,C=to,D=body'") {
		t.Errorf("no header: %s", res.Problems)
	}
	m, err := ParseMap("A=id,B=at,C=to,D=body")
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := ParseMap("ID=id,To=to,C=to"); m["id"] != FieldID || m["to"] != FieldTo || m[letterKey+"C"] != FieldTo {
		t.Errorf("ID and To are headers, C a column: %v", m)
	}
	bothWays(t, Options{Map: m}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		if len(sc.Injects) != 10 || sc.Injects[0].ID != "H0" || sc.Injects[9].At != "00:18" || !res.Certain() {
			t.Errorf("%d injects, last %+v, columns %+v", len(sc.Injects), sc.Injects[9], res.Columns)
		}
	}, page{"Data", rows})
}

// TestSheetsOneOrAll: the first sheet that holds an MSEL is read (cover
// sheets passed over), a named one, or all of them merged with the sheet
// recorded.
func TestSheetsOneOrAll(t *testing.T) {
	cover := page{"Cover", [][]string{{"Exercise Name:", "Harbour Storm"}, {"Date:", "12 March 2027"}, {"Time:", "08:30"}, {"Read the instructions on the next sheet before the exercise."}}}
	agency := func(name, at string) page {
		rows := [][]string{{"Inject #", "Time", "To", "Description"}}
		for i := range 10 {
			rows = append(rows, []string{fmt.Sprintf("%03d", i+1), clockAt(at, 6*i), name, fmt.Sprintf("%s call %d", name, i+1)})
		}
		return page{name, rows}
	}
	objectives := page{"Objectives", [][]string{{"Objective #", "Objective", "Core Capability", "Notes"}, {"1", "Warn the public", "Public Information", ""}}}
	book, err := sheet.ReadBook(bookOf(t, cover, objectives, agency("Police", "09:00"), agency("Fire", "08:30")))
	if err != nil {
		t.Fatal(err)
	}
	res := ImportBook(book, Options{})
	if sc := mustImport(t, res); len(sc.Injects) != 10 || sc.Teams[0].ID != "police" {
		t.Errorf("default sheet: %+v", sc.Teams)
	}
	if got := res.Sheets.String(); !strings.Contains(got, "msel.xlsx:Cover: not read: it holds no MSEL") || !strings.Contains(got, "msel.xlsx:Objectives: not read: it holds no MSEL") || !strings.Contains(got, "msel.xlsx:Police: read") || !strings.Contains(got, `msel.xlsx:Fire: not read: --sheet "Fire" reads it`) {
		t.Errorf("sheets:\n%s", got)
	}
	if sc := mustImport(t, ImportBook(book, Options{Sheet: "fire"})); sc.Teams[0].ID != "fire" {
		t.Errorf("--sheet fire read %+v", sc.Teams)
	}
	res = ImportBook(book, Options{Sheet: "all"})
	sc := mustImport(t, res)
	if len(sc.Injects) != 20 || len(sc.Teams) != 2 || sc.Start != "08:30" || sc.Injects[0].At != "00:30" || sc.Injects[10].ID != "Fire-001" || sc.Injects[10].At != "00:00" {
		t.Errorf("all: %d injects, start %s, first %+v, eleventh %+v", len(sc.Injects), sc.Start, sc.Injects[0], sc.Injects[10])
	}
	if sc.Injects[0].Notes != "Sheet: Police" || !strings.Contains(res.Warnings.String(), `msel.xlsx:Fire:R2:C1: warning: inject number "001" is also on an earlier sheet; here it is "Fire-001"`) {
		t.Errorf("notes %q, warnings %s", sc.Injects[0].Notes, res.Warnings)
	}
	small := page{"Log", [][]string{{"Time", "Description"}, {"09:00", "Power cut"}, {"09:20", "Phones down"}}}
	thin, err := sheet.ReadBook(bookOf(t, cover, small))
	if err != nil {
		t.Fatal(err)
	}
	if sc := mustImport(t, ImportBook(thin, Options{To: "EOC"})); len(sc.Injects) != 2 || sc.Injects[1].At != "00:20" {
		t.Errorf("a two-column MSEL after a cover: %+v", sc.Injects)
	}
	days, err := sheet.ReadBook(bookOf(t, agency("Day 1", "09:00"), agency("Day 2", "09:00")))
	if err != nil {
		t.Fatal(err)
	}
	if res := ImportBook(days, Options{Sheet: "all"}); !strings.Contains(res.Warnings.String(), `msel.xlsx:Day 2:R1:C2: warning: sheet "Day 2" starts at T+00:00, before the earlier sheets end: if it is another day`) {
		t.Errorf("day sheets on one clock, warnings:\n%s", res.Warnings)
	}
	if res := ImportBook(book, Options{Sheet: "Ambulance"}); !strings.Contains(res.Problems.String(), `no sheet "Ambulance"; its sheets are "Cover", "Objectives", "Police", "Fire", or all`) {
		t.Errorf("%s", res.Problems)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRowsThatAreNotInjects: notes on the columns, headings, numbered
// empty rows and phase banners are skipped and said; a time of TBD is a
// contingency inject; injects that merely look like banners stay.
func TestRowsThatAreNotInjects(t *testing.T) {
	rows := [][]string{{"No.", "Time", "From", "To", "Inject", "Notes"}, {"(number)", "(hh:mm)", "(sender)", "(agency)", "(what is said)", ""},
		{"Phase 1: Notification"}, {"Monday 15 March"}}
	for i := range 20 {
		rows = append(rows, []string{fmt.Sprint(i + 1), clockAt("07:00", 7*i), "Red Team", "Depot", fmt.Sprintf("Update %d", i+1), ""})
	}
	rows[10][4] = "Break-in at the depot"
	rows[11][1] = "TBD"
	rows = append(rows, []string{"", "", "", "", "Controllers: check that every player has a radio before the next phase begins.", ""},
		[]string{"21", "", "", "", "", ""}, []string{"22", "", "", "", "", ""})
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		if len(sc.Injects) != 20 || sc.Injects[6].Title != "Break-in at the depot" || !sc.Injects[7].Contingency() || sc.Injects[0].From != "Red Team" {
			t.Errorf("%d injects: %+v", len(sc.Injects), sc.Injects[6:8])
		}
		wantSkipped(t, res, `R2:C1: notes on the columns "(number) (hh:mm) (sender) (agency) (wha…", skipped`, `R3:C1: banner "Phase 1: Notification"`,
			`R4:C1: warning: only "Monday 15 March", read as a heading or a note, skipped; give it a time or a recipient if it is an inject`,
			`R25:C1: warning: only "Controllers: check that every player ha…", read as a heading`,
			"R26:C1: nothing to deliver", "R27:C1: nothing to deliver")
		if w := res.Warnings.String(); !strings.Contains(w, `R12:C2: warning: time "TBD": a contingency inject, released by hand`) || !strings.Contains(w, "Monday 15 March") {
			t.Errorf("warnings:\n%s", w)
		}
	}, page{"Rows", rows})
}

// TestHeaderBelowInstructions: a sheet that opens with a page of
// instructions still finds its header row.
func TestHeaderBelowInstructions(t *testing.T) {
	var rows [][]string
	for i := range 25 {
		rows = append(rows, []string{fmt.Sprintf("%d. Read this before the exercise: controllers deliver each inject at its time.", i+1)})
	}
	rows = append(rows, []string{"Inject #", "Time", "To", "Description"}, []string{"1", "09:00", "Police", "Call"}, []string{"2", "09:30", "Police", "Fax"})
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		if sc := mustImport(t, res); len(sc.Injects) != 2 || sc.Injects[1].At != "00:30" {
			t.Errorf("%+v", sc.Injects)
		}
	}, page{"Long", rows})
}

// TestInjectColumnOfNumbersAndAHeaderlessColumn: an "Inject" column of
// numbers beside a Description is the inject number, and a filled column
// with no header is listed, not dropped unsaid.
func TestInjectColumnOfNumbersAndAHeaderlessColumn(t *testing.T) {
	rows := [][]string{{"Inject", "Time", "To", "Description", ""}}
	for i := range 12 {
		rows = append(rows, []string{fmt.Sprintf("Inject %d", i+1), clockAt("10:00", 5*i), "EOC", fmt.Sprintf("The river rises %d cm at the weir.", 10*i), "x"})
	}
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		if sc.Injects[2].ID != "Inject-3" || !strings.HasPrefix(sc.Injects[2].Body, "The river rises 20 cm") {
			t.Errorf("inject 3: %+v", sc.Injects[2])
		}
		if m := mapped(res, "Inject"); m.Field != FieldID || m.How != "by its content: inject numbers" || res.Certain() {
			t.Errorf("Inject → %+v; certain %v", m, res.Certain())
		}
		if m := mapped(res, ""); m.Column != 4 || m.Why != "no header over its 12 filled cells (name it with --map E=field)" {
			t.Errorf("the column with no header: %+v", m)
		}
	}, page{"River", rows})
}

// TestTextRunOnIntoTheRowBelow: a description cut mid-sentence, and
// notes or expected actions, that go on in the row below are read as one
// cell, with a warning; a capitalised line under a description is not
// taken into what players see.
func TestTextRunOnIntoTheRowBelow(t *testing.T) {
	rows := [][]string{{"#", "Time", "To", "Description", "Expected Action", "Notes"},
		{"1", "09:00", "Police", "The north gate is closed,", "Reroute the crowd.", "Gate 4 key is with"},
		{"", "", "", "and the south gate is jammed.", "", ""},
		{"", "", "", "", "", "the duty steward."},
		{"", "", "", "", "Call the fire service.", ""},
		{"2", "09:10", "Police", "Smoke in the east stand.", "", ""},
		{"", "", "", "Controllers: hold the next inject until the police respond.", "", ""}}
	bothWays(t, Options{}, func(t *testing.T, res Result) {
		sc := mustImport(t, res)
		in := sc.Injects[0]
		if in.Body != "The north gate is closed,\nand the south gate is jammed." || in.Notes != "Gate 4 key is with\nthe duty steward." || in.Expected != "Reroute the crowd.\nCall the fire service." {
			t.Errorf("run-on text: %+v", in)
		}
		if sc.Injects[1].Body != "Smoke in the east stand." || !strings.Contains(res.Skipped.String(), `R7:C1: warning: only "Controllers: hold the next inject until…"`) {
			t.Errorf("a note became a description: %q\n%s", sc.Injects[1].Body, res.Skipped)
		}
		if w := res.Warnings.String(); !strings.Contains(w, "R3:C4: warning: only this cell: read as more of the row above's body") || strings.Count(w, "read as more of the row above") != 3 {
			t.Errorf("warnings:\n%s", w)
		}
	}, page{"RunOn", rows})
}
