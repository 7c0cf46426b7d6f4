package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"ttx/exercise/scenario"
	"ttx/injects"
)

// TestExportThenImportGivesTheScenarioBack: ttx export, then ttx import of
// what it wrote, then loading the YAML the import wrote, gives every
// bundled scenario back as it was, through CSV and XLSX alike.
func TestExportThenImportGivesTheScenarioBack(t *testing.T) {
	for _, name := range injects.Names() {
		for _, ext := range []string{".csv", ".xlsx"} {
			dir := t.TempDir()
			sheet, yaml := filepath.Join(dir, "msel"+ext), filepath.Join(dir, "back.yaml")
			if code, _, errOut := run(t, "export", name, "-o", sheet); code != 0 {
				t.Fatalf("export %s: %s", name, errOut)
			}
			if code, _, errOut := run(t, "import", sheet, "-o", yaml); code != 0 {
				t.Fatalf("import %s%s: %s", name, ext, errOut)
			}
			back, probs := scenario.Load(yaml)
			want, _ := injects.Load(name)
			want.Roster = nil
			scenario.Validate(want, nil)
			if probs.HasErrors() || !reflect.DeepEqual(back, want) {
				t.Errorf("%s through %s: %s\ntitle %q, teams %v", name, ext, probs, back.Title, back.Teams)
			}
		}
	}
}

// TestExportNeverReplacesAFile: a planner's hand-edited msel.xlsx is
// not overwritten by ttx export, as ttx import never overwrites its -o;
// an explicit --title is the title even when it is the file's name.
func TestExportNeverReplacesAFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "msel.csv")
	if err := os.WriteFile(out, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "export", "demo", "-o", out)
	if data, _ := os.ReadFile(out); code == 0 || string(data) != "precious\n" || !strings.Contains(errOut, "already exists") {
		t.Errorf("exit %d, %q; the file now holds %q", code, errOut, data)
	}
	sheet := filepath.Join(dir, "b.csv")
	if err := os.WriteFile(sheet, []byte("Exercise Storm\nInject #,Time,To,Description\n1,09:00,Police,Crowd\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, errOut := run(t, "import", sheet, "--no-tui", "--title", "b"); code != 0 || !strings.Contains(stdout, "title: b\n") {
		t.Errorf("--title b: exit %d\n%s\n%s", code, stdout, errOut)
	}
}

// TestWroteLineCountsInWords: "1 inject, 1 team", not "1 injects".
func TestWroteLineCountsInWords(t *testing.T) {
	dir := t.TempDir()
	sheet := filepath.Join(dir, "one.csv")
	if err := os.WriteFile(sheet, []byte("Inject #,Time,To,Description\n1,09:00,Police,Crowd\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "import", sheet, "--no-tui", "-o", filepath.Join(dir, "one.yaml")); code != 0 || !strings.Contains(errOut, `"one", 1 inject, 1 team, 0 objectives`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
