package main

import (
	"path/filepath"
	"reflect"
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
