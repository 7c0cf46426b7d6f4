package msel

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ttx/exercise/msel/export"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/injects"
)

// everyField is a scenario that puts every field a scenario holds through
// the spreadsheet: multi-line text, commas, quotes, formulas, unicode,
// empty optional fields, ids in odd but valid forms, team names with the
// characters recipients are split on, a team named like "all", a
// contingency inject, offsets in non-canonical forms, and branches with
// requirements.
const everyField = `title: 'Exercise "Zoë", =1+1; part 2'
simulated:
  - {id: media, name: 'BBC London, "live"'}
  - {id: cobr, name: '=COBR'}
summary: |
  - a bullet, with commas; and "quotes"
    an indented line
  =SUM(A1:A9) and @mention

  Après la pluie, 東京 and ✓.
start: "2027-03-12 09:00"
duration: 2h30m
overview:
  dates: 12–13 March 2027
  scope: "Tabletop, two sites;\nthree hours"
  mission_areas: [Response, Recovery]
  core_capabilities: ["Operational coordination", "=Public information"]
  threat: Flooding
  sponsor: London Resilience
  organisations: [Met, "LFB, and LAS"]
  poc: "Sam Evans\nsam@example.org"
  handling: OFFICIAL-SENSITIVE
teams:
  - {id: met, name: Metropolitan Police, description: "Line one\nLine two, with \"quotes\""}
  - {id: pr_comm, name: PR/Comm}
  - {id: a1, name: "Police, Fire; Rescue and Others"}
  - {id: X-y-, name: Everyone, description: "=1+1"}
  - {id: "007", name: "Zoë's Team & Co"}
  - {id: pr2, name: PR/Comm, description: another team of the same name}
  - {id: allteam, name: All}
objectives:
  - {id: obj-1, text: "Share what is known;\nthen act", capability: "JESIP: communicate"}
  - id: COORD
    text: "=1+1"
    targets:
      - id: T1
        text: "Within 30 minutes, a joint meeting;\nrecorded"
        tasks:
          - {id: T1-1, text: "=Agree the RVP"}
          - {id: T1-2, text: Name a single point of contact}
      - {id: T2, text: Brief the press}
  - {id: O_3, text: 'Commas, "quotes", and: colons', capability: "@ops"}
branches:
  - id: evac
    title: Evacuate, or hold?
    after: I-2
    options:
      - {id: full, label: "Full evacuation, to street level"}
      - {id: hold, label: "=HOLD()"}
  - id: b_2
    title: "Tell the press?"
    options:
      - {id: "yes", label: "Yes"}
      - {id: "no", label: "No; not yet"}
      - {id: "3", label: "Say \"no comment\""}
injects:
  - id: "001"
    at: "00:00"
    title: '=HYPERLINK("http://x","y")'
    from: "=SUM(A1)"
    to: [all]
    channel: radio
    body: "- send crews\n- close the road, now\n\n  indented \"quoted\" line\nZoë 東京"
    expected: "+1"
    objectives: [obj-1, COORD]
    notes: "line one\nline two"
  - id: I-2
    at: "00:05:30"
    title: A title that is long enough to be cut by a careless reader, and then goes on and on, past eighty characters, past two hundred characters even, because planners write whole sentences where a title should be, and nothing in ttx may shorten what they wrote.
    from: "@ops"
    to: [met, pr_comm]
    objectives: [O_3]
  - id: I_3
    at: 1h05m
    title: Police, Fire; Rescue and Others only
    to: [a1, X-y-]
    channel: a channel name longer than eighty characters, because some sheets write the whole delivery method out
    requires: [evac.full, b_2.yes]
  - id: Z-
    title: Contingency, released by hand
    to: ["007", met, pr2, allteam]
    requires: [evac.hold]
    body: "Only if asked."
  - id: x
    at: "02:00"
    title: Last
    to: [all, met]
    requires: [b_2.no]
`

// loadEveryField parses everyField.
func loadEveryField(t *testing.T) *scenario.Scenario {
	t.Helper()
	sc, probs := scenario.Parse("every.yaml", []byte(everyField))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return sc
}

// exportImport writes sc in format to a file, reads it back as ttx import
// does and returns the result.
func exportImport(t *testing.T, sc *scenario.Scenario, format string) Result {
	t.Helper()
	var b bytes.Buffer
	write := export.WriteCSV
	if format == "xlsx" {
		write = export.WriteXLSX
	}
	if err := write(&b, sc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "export."+format)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	book, err := sheet.ReadBook(path)
	if err != nil {
		t.Fatal(err)
	}
	return ImportBook(book, Options{})
}

// firstDiff names the first exported field where a and b differ, or "".
func firstDiff(path string, a, b reflect.Value) string {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + ": one is nil"
			}
			return ""
		}
		return firstDiff(path, a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if f := a.Type().Field(i); f.IsExported() {
				if d := firstDiff(path+"."+f.Name, a.Field(i), b.Field(i)); d != "" {
					return d
				}
			}
		}
		return ""
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return fmt.Sprintf("%s: %#v, want %#v", path, b.Interface(), a.Interface())
		}
		for i := range min(a.Len(), b.Len()) {
			if d := firstDiff(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d elements, want %d", path, b.Len(), a.Len())
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s: %q, want %q", path, fmt.Sprint(b.Interface()), fmt.Sprint(a.Interface()))
	}
	return ""
}

// checkRoundTrip exports sc in both formats, imports each and wants the
// scenario back equal in every field but the roster, with the same advice.
func checkRoundTrip(t *testing.T, sc *scenario.Scenario) {
	t.Helper()
	sc.Roster = nil
	var advice []string
	for _, p := range scenario.Validate(sc, nil) {
		advice = append(advice, "warning: "+p.Msg)
	}
	for _, format := range []string{"csv", "xlsx"} {
		res := exportImport(t, sc, format)
		if res.Scenario == nil {
			t.Fatalf("%s: re-import failed:\n%s", format, res.Problems)
		}
		if d := firstDiff("scenario", reflect.ValueOf(sc), reflect.ValueOf(res.Scenario)); d != "" || !reflect.DeepEqual(sc, res.Scenario) {
			t.Errorf("%s round trip changed the scenario: %s", format, d)
		}
		var got []string
		for _, w := range res.Warnings {
			got = append(got, w.Msg)
		}
		slices.Sort(got)
		slices.Sort(advice)
		if !slices.Equal(got, advice) {
			t.Errorf("%s: the import warns\n%s\nbut the scenario itself\n%s", format, strings.Join(got, "\n"), strings.Join(advice, "\n"))
		}
	}
}

// TestRoundTripBundledScenarios: every bundled scenario, exported to CSV
// and to XLSX and imported back, is the scenario it was.
func TestRoundTripBundledScenarios(t *testing.T) {
	for _, name := range injects.Names() {
		t.Run(name, func(t *testing.T) {
			sc, probs := injects.Load(name)
			if probs.HasErrors() {
				t.Fatal(probs)
			}
			checkRoundTrip(t, sc)
		})
	}
}

// TestRoundTripEveryField: every field of a scenario crafted to be hard
// survives export and import.
func TestRoundTripEveryField(t *testing.T) {
	checkRoundTrip(t, loadEveryField(t))
	// And the least a scenario can hold: no start, summary, objectives or
	// branches, an inject with no optional field.
	least, probs := scenario.Parse("least.yaml", []byte("title: T\nduration: 1h\nteams: [{id: a, name: A}]\ninjects: [{id: I, title: One, to: all}]\n"))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	checkRoundTrip(t, least)
}

// TestExportedXLSXHasAScenarioSheet: a planner opening the workbook sees the
// MSEL first, with a Requires column, and the settings and tables on a
// second sheet; nothing is a formula.
func TestExportedXLSXHasAScenarioSheet(t *testing.T) {
	sc := loadEveryField(t)
	var b bytes.Buffer
	if err := export.WriteXLSX(&b, sc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"MSEL", "Scenario"}) {
		t.Fatalf("sheets %v", got)
	}
	head, _ := f.GetRows("MSEL")
	if !slices.Contains(head[0], "Requires") || head[3][slices.Index(head[0], "Requires")] != "evac.full; b_2.yes" {
		t.Errorf("MSEL header %v, row 3 %v", head[0], head[3])
	}
	rows, _ := f.GetRows("Scenario")
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"Title|" + sc.Title, "Teams\nID|Name|Description\nmet|Metropolitan Police|Line one\nLine two",
		"Objectives\nID|Text|Capability\nobj-1|", "Branches\nBranch|Question|After inject|Option|Label\nevac|Evacuate, or hold?|I-2|full|"} {
		if !strings.Contains(all, want) {
			t.Errorf("the Scenario sheet lacks %q:\n%s", want, all)
		}
	}
	for _, name := range []string{"MSEL", "Scenario"} {
		rows, _ := f.GetRows(name)
		for r, row := range rows {
			for c := range row {
				if formula, _ := f.GetCellFormula(name, cellName(c, r)); formula != "" {
					t.Errorf("%s!%s is a formula: %s", name, cellName(c, r), formula)
				}
			}
		}
	}
}

// exportedRows exports the bundled scenario name as CSV and returns its
// rows, to edit as a planner would.
func exportedRows(t *testing.T, name string) [][]string {
	t.Helper()
	sc, _ := injects.Load(name)
	var b bytes.Buffer
	if err := export.WriteCSV(&b, sc); err != nil {
		t.Fatal(err)
	}
	tab, err := sheet.ReadCSV("london.csv", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	for _, r := range tab.Rows {
		var row []string
		for _, c := range r {
			row = append(row, c.Text)
		}
		rows = append(rows, row)
	}
	return rows
}

// rowWith returns the index of the first row whose first cell is first.
func rowWith(t *testing.T, rows [][]string, first string) int {
	t.Helper()
	for i, r := range rows {
		if len(r) > 0 && r[0] == first {
			return i
		}
	}
	t.Fatalf("no row begins %q", first)
	return -1
}

func importRows(t *testing.T, rows [][]string) Result {
	t.Helper()
	tab, err := sheet.ReadCSV("london.csv", csvOf(rows, ","))
	if err != nil {
		t.Fatal(err)
	}
	return ImportBook(&sheet.Book{File: "london.csv", Sheets: []*sheet.Table{tab}}, Options{})
}

// TestEditedExportImportsSensibly: a planner edits an exported sheet; a
// new team name on a new row becomes a new team, with a warning; a team
// taken out of the Teams table while rows still send to it is named; ids
// and names in a To cell both work; a broken table is a problem at its
// cell, never a quiet loss.
func TestEditedExportImportsSensibly(t *testing.T) {
	t.Run("new row to a new team", func(t *testing.T) {
		rows := exportedRows(t, "london")
		end := rowWith(t, rows, "ttx scenario") - 1
		row := slices.Clone(rows[1])
		row[0], row[1], row[3], row[8], row[10] = "L-99", "13:10", "Coast Guard\nmet; lfb", "COLOCATE\nOBJ-9: Keep a log", "" // start 12:30
		rows = slices.Insert(rows, end, row)
		res := importRows(t, rows)
		if res.Scenario == nil {
			t.Fatal(res.Problems)
		}
		in := res.Scenario.Inject("L-99")
		if in == nil || in.At != "00:40" || !slices.Equal(in.To, scenario.Recipients{"coast-guard", "met", "lfb"}) || res.Scenario.Team("coast-guard").Name != "Coast Guard" {
			t.Fatalf("the new row: %+v", in)
		}
		if !slices.Equal(in.Objectives, []string{"COLOCATE", "OBJ-9"}) || res.Scenario.Objective("OBJ-9").Text != "Keep a log" {
			t.Errorf("the new row's objectives: %v", in.Objectives)
		}
		if w := res.Warnings.String(); !strings.Contains(w, fmt.Sprintf(`london.csv:R%d:C4: warning: team "Coast Guard" (row %d) is not in the Teams table: imported as a new team "coast-guard"`, end+1, end+1)) ||
			!strings.Contains(w, fmt.Sprintf(`london.csv:R%d:C9: warning: objective "Keep a log" (row %d) is not in the Objectives table: imported as a new objective "OBJ-9"`, end+1, end+1)) {
			t.Errorf("no warning for the new team:\n%s", w)
		}
	})
	t.Run("team taken out of the Teams table", func(t *testing.T) {
		rows := exportedRows(t, "london")
		lfb := rowWith(t, rows, "lfb")
		rows = slices.Delete(rows, lfb, lfb+1)
		res := importRows(t, rows)
		if w := res.Warnings.String(); !strings.Contains(w, `warning: team "London Fire Brigade" (row 5, 7, 11,`) || !strings.Contains(w, `imported as a new team "london-fire-brigade"; add it to that table`) {
			t.Errorf("the missing team is not named:\n%s", w)
		}
	})
	t.Run("option taken out of the Branches table", func(t *testing.T) {
		rows := exportedRows(t, "london")
		verify := rowWith(t, rows, "stratford") + 1
		rows = slices.Delete(rows, verify, verify+1)
		res := importRows(t, rows)
		want := `london.csv:R14:C11: branch "stratford" has no option "verify"; its options are plato`
		if res.Scenario != nil || !strings.Contains(res.Problems.String(), want) {
			t.Errorf("want %s, got:\n%s", want, res.Problems)
		}
	})
	t.Run("start as a spreadsheet shows it", func(t *testing.T) {
		for typed, want := range map[string]string{"9:00": "9:00", "9:00 AM": "09:00", "12/03/2027 09:00": "2027-03-12 09:00", "13:05:30": "13:05:30"} {
			rows := exportedRows(t, "london")
			rows[rowWith(t, rows, "Start")][1] = typed
			if res := importRows(t, rows); res.Scenario == nil || res.Scenario.Start != want {
				t.Errorf("start typed %q: %+v %s", typed, res.Scenario, res.Problems)
			}
		}
	})
	t.Run("broken tables", func(t *testing.T) {
		rows := exportedRows(t, "london")
		rows[rowWith(t, rows, "btp")][0] = "b t p"
		rows[rowWith(t, rows, "las")][0] = "met"
		obj := rowWith(t, rows, "Objectives") + 1
		rows[obj][1] = "Words"
		start := rowWith(t, rows, "Start")
		rows[start][1] = "noon"
		rows = slices.Insert(rows, start, []string{"Colour", "blue"})
		res := importRows(t, rows)
		for _, want := range []string{
			fmt.Sprintf(`london.csv:R%d:C1: team id "b t p" must be letters, digits, - or _`, rowWith(t, rows, "b t p")+1),
			fmt.Sprintf(`london.csv:R%d:C1: team id "met" is used again (first at row %d)`, rowWith(t, rows, "Teams")+6, rowWith(t, rows, "Teams")+3),
			fmt.Sprintf(`london.csv:R%d:C2: the Objectives table's columns are ID, Text, Capability`, obj+2),
			fmt.Sprintf(`london.csv:R%d:C2: "noon" is not a start time`, start+2),
		} {
			if !strings.Contains(res.Problems.String(), want) {
				t.Errorf("problems lack %s:\n%s", want, res.Problems)
			}
		}
		if w := res.Warnings.String(); !strings.Contains(w, `setting "Colour" is not one ttx reads`) {
			t.Errorf("the unknown setting is not reported: %s", w)
		}
	})
}

// TestCSVExportTablesFollowTheMSEL: in a CSV the tables come after the
// MSEL, below a blank row and the marker row, and none is taken for an
// inject; the same file without them imports as a planner's MSEL.
func TestCSVExportTablesFollowTheMSEL(t *testing.T) {
	sc, _ := injects.Load("demo")
	var b bytes.Buffer
	export.WriteCSV(&b, sc)
	want := "welfare.,\r\n\r\nttx scenario,\"Written by ttx export; ttx import reads these tables back. Edit the cells, keep the titles and headers.\"\r\n\r\nSettings\r\nSetting,Value\r\nTitle,Demo: smoke at Riverside station\r\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("the CSV lacks %q:\n%s", want, b.String())
	}
	rows := exportedRows(t, "demo")
	m := rowWith(t, rows, "ttx scenario")
	res := importRows(t, rows)
	if res.Scenario == nil || len(res.Scenario.Injects) != m-1 {
		t.Fatalf("%d injects from %d MSEL rows: %s", len(res.Scenario.Injects), m-1, res.Problems)
	}
	// Without the tables, no requirement can be met: the column is not
	// read, and the import says so.
	if res := importRows(t, rows[:m]); res.Scenario == nil || slices.ContainsFunc(res.Scenario.Injects, func(in scenario.Inject) bool { return in.Requires != nil }) ||
		!strings.Contains(res.Warnings.String(), `london.csv:R5:C11: warning: the requires column names branch options, but the sheet has no Branches table`) {
		t.Errorf("requires without branches: %s %s", res.Problems, res.Warnings)
	}
	for i := range rows[:m] {
		rows[i] = rows[i][:10]
	}
	// A planner's own rows that only look like the marker are injects.
	rows = slices.Insert(rows[:m], 5, []string{"ttx scenario", "T+00:09", "", "All", "", "Shown to every team"})
	plain := importRows(t, rows)
	if plain.Scenario == nil || len(plain.Scenario.Injects) != m {
		t.Fatalf("want %d injects: %+v %s", m, plain.Scenario, plain.Problems)
	}
	if plain.Scenario == nil || plain.Scenario.Title != "london" || plain.Scenario.Team("station-operator") == nil {
		t.Errorf("the MSEL alone: %+v %s", plain.Scenario, plain.Problems)
	}
}

// TestEditedXLSXExport: a planner edits the workbook in a spreadsheet
// program: renames the Scenario sheet, adds a row to the MSEL, types a
// bad team id. The tables are still found, the new row is an inject, and
// the bad id is a problem on the sheet where it is.
func TestEditedXLSXExport(t *testing.T) {
	sc, _ := injects.Load("demo")
	var b bytes.Buffer
	if err := export.WriteXLSX(&b, sc); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	f.SetSheetName("Scenario", "Exercise setup")
	for c, v := range []string{"D-99", "T+00:09", "Control", "Police\nStation operator", "phone", "Late call"} {
		f.SetCellStr("MSEL", cellName(c, len(sc.Injects)+1), v)
	}
	path := filepath.Join(t.TempDir(), "export.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	book, err := sheet.ReadBook(path)
	if err != nil {
		t.Fatal(err)
	}
	res := ImportBook(book, Options{})
	if res.Scenario == nil || res.Scenario.Title != sc.Title || len(res.Scenario.Injects) != len(sc.Injects)+1 {
		t.Fatalf("%+v\n%s", res.Scenario, res.Problems)
	}
	if in := res.Scenario.Inject("D-99"); in.At != "00:09" || !slices.Equal(in.To, scenario.Recipients{"police", "transport"}) {
		t.Errorf("the new row: %+v", in)
	}
	rows, _ := f.GetRows("Exercise setup")
	teams := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "police" })
	f.SetCellStr("Exercise setup", cellName(0, teams), "police.1")
	f.SaveAs(path)
	book, _ = sheet.ReadBook(path)
	res = ImportBook(book, Options{})
	want := fmt.Sprintf(`export.xlsx:Exercise setup:R%d:C1: team id "police.1" must be letters, digits, - or _`, teams+1)
	if res.Scenario != nil || !strings.Contains(res.Problems.String(), want) || res.Problems[0].Row != -1 {
		t.Errorf("want %s (not placed on the MSEL), got %+v", want, res.Problems)
	}
}

// FuzzImportExport feeds mutations of an exported CSV, tables and all, to
// the importer: it must never panic, and returns a scenario or problems,
// never both, never neither.
func FuzzImportExport(f *testing.F) {
	for _, name := range []string{"demo", "london"} {
		sc, _ := injects.Load(name)
		var b bytes.Buffer
		export.WriteCSV(&b, sc)
		f.Add(b.Bytes())
	}
	f.Add([]byte("Inject #,Time,To\n1,T+1,Police\nttx scenario\nTeams\nID,Name\n,\nBranches\nBranch,Question,After inject,Option,Label\n,,,x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := sheet.ReadCSV("fuzz.csv", data)
		if err != nil {
			return
		}
		res := ImportBook(&sheet.Book{File: "fuzz.csv", Sheets: []*sheet.Table{tab}}, Options{})
		if (res.Scenario == nil) == (len(res.Problems) == 0) {
			t.Fatalf("scenario %v with %d problems", res.Scenario != nil, len(res.Problems))
		}
	})
}

// cellName names the cell at col, row (from 0): A1.
func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return n
}
