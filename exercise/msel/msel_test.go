package msel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"ttx/exercise/msel/export"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
)

var agencies = []string{"Metropolitan Police", "London Fire Brigade", "London Ambulance Service", "Transport for London", "Borough Council"}

// mselRows makes a realistic 44-inject MSEL with the headers planners use,
// multi-line cells, a blank spacer row and a contingency inject.
func mselRows() [][]string {
	rows := [][]string{
		{"Exercise Riverside – MSEL v3", "", "", "", "", "", "", "", "", "", ""},
		{"MSEL #", "Scenario Time", "Sender", "Recipient(s)", "Delivery Method", "Event", "Inject Description",
			"Expected Player Action", "Core Capability", "Controller Notes", "Status"},
	}
	for i := range 44 {
		at := time.Date(2027, 3, 12, 9, 0, 0, 0, time.UTC).Add(time.Duration(i*4) * time.Minute).Format("15:04")
		to := agencies[i%len(agencies)]
		if i%7 == 3 {
			to += "; " + agencies[(i+1)%len(agencies)] + " and " + agencies[(i+2)%len(agencies)]
		}
		if i%11 == 5 {
			to = "All"
		}
		body := fmt.Sprintf("Situation update %d from the scene.\nA second line with \"quotes\", commas; and Zoë's note.", i+1)
		cap := fmt.Sprintf("OBJ-%d: Objective number %d", i%4+1, i%4+1)
		row := []string{fmt.Sprintf("%03d", i+1), at, "SimCell " + fmt.Sprint(i%3), to, "Phone", fmt.Sprintf("Event %d", i+1), body,
			"Acknowledge and act.", cap, "", "Draft"}
		if i == 43 {
			row[1] = "" // a contingency inject
		}
		rows = append(rows, row)
		if i == 20 {
			rows = append(rows, []string{"", "", "", "", "", "", "", "", "", "", ""})
		}
	}
	return rows
}

func csvOf(rows [][]string, sep string) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// xlsxOf writes rows to a workbook, times as Excel time cells, with the
// Sender column of rows 3-5 merged.
func xlsxOf(t *testing.T, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if c == 1 && r >= 2 && v != "" {
				tt, err := time.Parse("15:04", v)
				if err == nil {
					f.SetCellFloat("Sheet1", cell, float64(tt.Hour()*60+tt.Minute())/1440, 6, 64)
					continue
				}
			}
			f.SetCellStr("Sheet1", cell, v)
		}
	}
	f.MergeCell("Sheet1", "C3", "C5")
	path := filepath.Join(t.TempDir(), "msel.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func checkImported(t *testing.T, res Result) *scenario.Scenario {
	t.Helper()
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%s", res.Problems)
	}
	sc := res.Scenario
	if len(sc.Injects) != 44 {
		t.Fatalf("%d injects, want 44", len(sc.Injects))
	}
	if len(sc.Teams) != len(agencies) || sc.Team("metropolitan-police").Name != "Metropolitan Police" {
		t.Errorf("teams = %+v", sc.Teams)
	}
	if d, ok := sc.Injects[10].Offset(); !ok || d != 40*time.Minute {
		t.Errorf("inject 11 at %v, want T+00:40", d)
	}
	if !sc.Injects[43].Contingency() {
		t.Error("the row with no time should be a contingency inject")
	}
	if got := sc.Injects[3].To; len(got) != 3 {
		t.Errorf("recipients split from '; ' and ' and ': %v", got)
	}
	if !strings.Contains(sc.Injects[0].Body, "\nA second line with \"quotes\", commas; and Zoë's note.") {
		t.Errorf("multi-line cell lost: %q", sc.Injects[0].Body)
	}
	if sc.Objective("OBJ-2") == nil || sc.Objective("OBJ-2").Text != "Objective number 2" {
		t.Errorf("objectives = %+v", sc.Objectives)
	}
	if sc.Start != "09:00" || sc.Injects[0].Title != "Event 1" || sc.Injects[0].ID != "001" {
		t.Errorf("start %q, first inject %+v", sc.Start, sc.Injects[0])
	}
	// A Status column is read (omitted rows are skipped); "Draft" rows
	// are injects.
	status := false
	for _, m := range res.Columns {
		if m.Header == "Status" && m.Field == FieldStatus {
			status = true
		}
	}
	if !status {
		t.Error("the Status column is not mapped to status")
	}
	// It runs: every inject can be released in a session.
	path := filepath.Join(t.TempDir(), "s.jsonl")
	s, err := session.Create(path, sc, "import", session.Facilitator("ana"), session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abandon()
	for _, in := range sc.Injects {
		if _, err := s.Do(session.Facilitator("ana"), session.Release{Inject: in.ID}); err != nil {
			t.Fatal(err)
		}
	}
	return sc
}

func TestImportCSVInEveryLocale(t *testing.T) {
	for _, sep := range []string{",", ";", "\t"} {
		tab, err := sheet.ReadCSV("msel.csv", csvOf(mselRows(), sep))
		if err != nil {
			t.Fatal(err)
		}
		checkImported(t, Import(tab, Options{Title: "Riverside"}))
	}
}

func TestImportXLSXWithTimeCellsAndMergedCells(t *testing.T) {
	tab, err := sheet.ReadFile(xlsxOf(t, mselRows()), "")
	if err != nil {
		t.Fatal(err)
	}
	sc := checkImported(t, Import(tab, Options{}))
	if sc.Injects[1].From != sc.Injects[0].From {
		t.Errorf("a merged cell's value was not carried down: %q vs %q", sc.Injects[1].From, sc.Injects[0].From)
	}
}

func TestMalformedSheetsNameTheCell(t *testing.T) {
	tests := []struct {
		name string
		edit func([][]string) [][]string
		want []string
	}{
		{"decimal time", func(r [][]string) [][]string { r[15][1] = "9.75"; return r }, []string{`msel.csv:R16:C2: time "9.75" is not a time; write 09:45`}},
		{"words for a time", func(r [][]string) [][]string { r[5][1] = "soon"; r[9][1] = "later"; return r },
			[]string{`msel.csv:R6:C2: time "soon"`, `msel.csv:R10:C2: time "later"`}},
		{"duplicate number", func(r [][]string) [][]string { r[7][0] = "001"; return r }, []string{`msel.csv:R8:C1: inject number "001" is used again (first at row 3)`}},
		{"no recipient", func(r [][]string) [][]string { r[4][3] = ""; return r }, []string{`msel.csv:R5:C4: no recipient`}},
		{"no header", func(r [][]string) [][]string { return r[2:] }, []string{`no header row found`}},
		{"before the start", func(r [][]string) [][]string { r[6][1] = "08:00"; return r }, []string{`msel.csv:R7:C2: 08:00 is before the exercise starts (09:00)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := sheet.ReadCSV("msel.csv", csvOf(tt.edit(mselRows()), ","))
			if err != nil {
				t.Fatal(err)
			}
			res := Import(tab, Options{})
			if res.Scenario != nil {
				t.Fatal("a scenario was returned despite problems")
			}
			got := res.Problems.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems lack %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestMapOverridesHeaders(t *testing.T) {
	rows := [][]string{{"Seq", "Clock", "Who for", "What"}, {"A1", "10:00", "Police", "Shots reported"}, {"A2", "10:05", "Fire", "Smoke"}}
	tab, _ := sheet.ReadCSV("odd.csv", csvOf(rows, ","))
	if res := Import(tab, Options{}); res.Scenario != nil {
		t.Fatal("unknown headers were accepted without --map")
	}
	m, err := ParseMap("Seq=id, Clock=at, Who for=to, What=title")
	if err != nil {
		t.Fatal(err)
	}
	res := Import(tab, Options{Map: m})
	if res.Scenario == nil || res.Scenario.Injects[1].ID != "A2" || res.Scenario.Injects[1].At != "00:05" {
		t.Fatalf("with --map: %+v %s", res.Scenario, res.Problems)
	}
	if _, err := ParseMap("Seq=number"); err == nil {
		t.Error("an unknown field in --map was accepted")
	}
}

func jsonOf(t *testing.T, sc *scenario.Scenario) string {
	t.Helper()
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRoundTripThroughCSVAndXLSX(t *testing.T) {
	tab, _ := sheet.ReadCSV("msel.csv", csvOf(mselRows(), ","))
	first := Import(tab, Options{Title: "Riverside"}).Scenario
	// again exports first in one format, imports it back and compares.
	again := func(format string, export func(io.Writer, *scenario.Scenario) error, read func(path string) (*sheet.Table, error)) {
		t.Helper()
		path := filepath.Join(t.TempDir(), "back."+format)
		out, _ := os.Create(path)
		if err := export(out, first); err != nil {
			t.Fatal(err)
		}
		out.Close()
		tab, err := read(path)
		if err != nil {
			t.Fatal(err)
		}
		back := Import(tab, Options{Title: "Riverside", Start: first.Start})
		if back.Scenario == nil {
			t.Fatalf("re-import of the %s export: %s", format, back.Problems)
		}
		if a, z := jsonOf(t, first), jsonOf(t, back.Scenario); a != z {
			t.Errorf("%s round trip changed the scenario:\n%s\n%s", format, a, z)
		}
	}
	again("csv", export.WriteCSV, func(path string) (*sheet.Table, error) { return sheet.ReadFile(path, "") })
	again("xlsx", export.WriteXLSX, func(path string) (*sheet.Table, error) { return sheet.ReadFile(path, "MSEL") })
}

// TestExportCSVNeutralisesFormulas: an inject whose text a spreadsheet
// would take for a formula is written with a leading quote, and reads
// back as it was; the XLSX keeps it as a text cell, never a formula.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	sc, probs := scenario.Parse("f.yaml", []byte(`title: Formulas
duration: 30m
teams: [{id: t1, name: Team}]
injects:
  - id: I-01
    at: "00:00"
    title: '=HYPERLINK("http://x","y")'
    from: "@SUM(A1)"
    to: [t1]
    body: "- send crews\n- close the road"
    expected: "+1"
`))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	var b bytes.Buffer
	if err := export.WriteCSV(&b, sc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"'=HYPERLINK(""http://x"",""y"")"`, "'@SUM(A1)", "'- send crews", "'+1"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the CSV has no %s:\n%s", want, b.String())
		}
	}
	tab, err := sheet.ReadCSV("back.csv", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	back := Import(tab, Options{Title: "Formulas", Start: "00:00"}).Scenario
	if back == nil || back.Injects[0].Title != sc.Injects[0].Title || back.Injects[0].Body != sc.Injects[0].Body || back.Injects[0].From != "@SUM(A1)" {
		t.Errorf("the CSV does not read back as written: %+v", back)
	}
	path := filepath.Join(t.TempDir(), "f.xlsx")
	var x bytes.Buffer
	if err := export.WriteXLSX(&x, sc); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, x.Bytes(), 0o644)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, cell := range []string{"A2", "B2", "C2", "D2", "E2", "F2", "G2", "H2"} {
		if formula, _ := f.GetCellFormula("MSEL", cell); formula != "" {
			t.Errorf("XLSX cell %s is a formula: %s", cell, formula)
		}
	}
}
