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
summary: |
  - a bullet, with commas; and "quotes"
    an indented line
  =SUM(A1:A9) and @mention

  Après la pluie, 東京 and ✓.
start: "2027-03-12 09:00"
duration: 2h30m
teams:
  - {id: met, name: Metropolitan Police, description: "Line one\nLine two, with \"quotes\""}
  - {id: pr_comm, name: PR/Comm}
  - {id: a1, name: "Police, Fire; Rescue and Others"}
  - {id: X-y-, name: Everyone, description: "=1+1"}
  - {id: "007", name: "Zoë's Team & Co"}
objectives:
  - {id: obj-1, text: "Share what is known;\nthen act", capability: "JESIP: communicate"}
  - {id: COORD, text: "=1+1"}
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
    to: ["007", met]
    requires: [evac.hold]
    body: "Only if asked."
  - id: x
    at: "02:00"
    title: Last
    to: [all]
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
	write := WriteCSV
	if format == "xlsx" {
		write = WriteXLSX
	}
	if err := write(&b, sc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "export."+format)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	book, err := ReadBook(path)
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
}

// TestExportedXLSXHasAScenarioSheet: a planner opening the workbook sees the
// MSEL first, with a Requires column, and the settings and tables on a
// second sheet; nothing is a formula.
func TestExportedXLSXHasAScenarioSheet(t *testing.T) {
	sc := loadEveryField(t)
	var b bytes.Buffer
	if err := WriteXLSX(&b, sc); err != nil {
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
	for _, sheet := range []string{"MSEL", "Scenario"} {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			for c := range row {
				if formula, _ := f.GetCellFormula(sheet, cellName(c, r)); formula != "" {
					t.Errorf("%s!%s is a formula: %s", sheet, cellName(c, r), formula)
				}
			}
		}
	}
}
