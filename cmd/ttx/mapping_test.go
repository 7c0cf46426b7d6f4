package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/creack/pty"
	"github.com/spf13/cobra"

	"ttx/ui/mapping"
)

// stormSheet is an MSEL whose recipient, title and text columns ttx does
// not know by name.
const stormSheet = `Harbour Storm — MSEL v2,,,,,,
No.,Time,Originator,Who for,Heads-up,Blurb,Colour
1,09:00,SimCell,Police,Storm warning,The Met Office issues an amber warning for the coast.,red
2,09:15,Met Office,Police; Fire,Flooding,River levels rising at the quay.,amber
3,09:30,Harbour Master,Harbour,Ship adrift,A cargo ship breaks its moorings in the gale.,
4,09:45,SimCell,All,Press call,A journalist calls the control room.,green
`

func writeSheet(t *testing.T, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, "storm.csv")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// onScreen makes the import believe it runs in a terminal and hands the
// mapping screen to drive (nil: the screen must not open).
func onScreen(t *testing.T, drive func(m *mapping.Model)) {
	t.Helper()
	oldI, oldS := interactive, showMapping
	t.Cleanup(func() { interactive, showMapping = oldI, oldS })
	interactive = func(io.Reader, io.Writer) bool { return true }
	showMapping = func(_ *cobra.Command, _ io.Writer, m *mapping.Model) error {
		if drive == nil {
			t.Fatal("the mapping screen opened")
		}
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		drive(m)
		return nil
	}
}

// keys sends each key to the screen.
func keys(m *mapping.Model, ks ...tea.KeyMsg) {
	for _, k := range ks {
		m.Update(k)
	}
}

var (
	down  = tea.KeyMsg{Type: tea.KeyDown}
	right = tea.KeyMsg{Type: tea.KeyRight}
	left  = tea.KeyMsg{Type: tea.KeyLeft}
	enter = tea.KeyMsg{Type: tea.KeyEnter}
	save  = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'w'}}
)

// TestMappingSavedOnceServesTheNextSheet: on the screen, the planner
// gives Who for, Heads-up and Blurb their fields and saves; the scenario
// and the mapping file are written. The organisation's next sheet, laid
// out the same, imports with --map-file without the screen opening, to
// the same scenario.
func TestMappingSavedOnceServesTheNextSheet(t *testing.T) {
	dir := t.TempDir()
	sheet := writeSheet(t, dir, stormSheet)
	out, mf := filepath.Join(dir, "storm.yaml"), filepath.Join(dir, "org.map.yaml")
	onScreen(t, func(m *mapping.Model) {
		keys(m, enter, down, down, down, down, enter)           // Who for: to
		keys(m, down, right, right, right, right, right, right) // Heads-up: title
		keys(m, down, left, left, left, left, left, left, left) // Blurb: body
		keys(m, save)
	})
	if code, _, errOut := run(t, "import", sheet, "-o", out, "--map-file", mf); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	saved, err := os.ReadFile(mf)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Who for": to`, `"Heads-up": title`, `"Blurb": body`, `"Colour": ignore`, `"No.": id`} {
		if !strings.Contains(string(saved), want) {
			t.Errorf("the mapping file lacks %s:\n%s", want, saved)
		}
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first), "title: Flooding") || !strings.Contains(string(first), "- fire") {
		t.Errorf("the scenario is not as mapped:\n%s", first)
	}

	next := t.TempDir()
	sheet2 := writeSheet(t, next, stormSheet)
	out2 := filepath.Join(next, "storm.yaml")
	onScreen(t, nil)
	if code, _, errOut := run(t, "import", sheet2, "-o", out2, "--map-file", mf); code != 0 {
		t.Fatalf("the next sheet: exit %d: %s", code, errOut)
	}
	second, _ := os.ReadFile(out2)
	if string(second) != string(first) {
		t.Errorf("the next sheet gave\n%s\nwant\n%s", second, first)
	}
}

// TestMappingScreenQuitWritesNothing: q on the screen writes neither the
// scenario nor the mapping file, and says so.
func TestMappingScreenQuitWritesNothing(t *testing.T) {
	dir := t.TempDir()
	sheet := writeSheet(t, dir, stormSheet)
	out, mf := filepath.Join(dir, "storm.yaml"), filepath.Join(dir, "org.map.yaml")
	onScreen(t, func(m *mapping.Model) { keys(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}}) })
	code, _, errOut := run(t, "import", sheet, "-o", out, "--map-file", mf)
	if code != 1 || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	for _, p := range []string{out, mf} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}

// TestMappingScreenNeverOpensOutsideATerminal: with output to a pipe (as
// in CI), or with --no-tui, an unsure mapping gets today's flags-only
// import: the columns and problems listed, nothing written.
func TestMappingScreenNeverOpensOutsideATerminal(t *testing.T) {
	dir := t.TempDir()
	sheet := writeSheet(t, dir, stormSheet)
	code, stdout, errOut := run(t, "import", sheet, "-o", filepath.Join(dir, "x.yaml"))
	if code != 1 || !strings.Contains(errOut, `"Who for"`) || !strings.Contains(errOut, "no recipient column") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, errOut)
	}
	onScreen(t, nil)
	if code, _, errOut := run(t, "import", sheet, "--no-tui", "--map", "Who for=to,Heads-up=title,Blurb=body,Colour=ignore"); code != 0 {
		t.Errorf("--no-tui: exit %d: %s", code, errOut)
	}
}

// TestInteractiveOnlyOnATerminal: the screen may open when input and
// output are both a terminal, never for a pipe, a file or a buffer.
func TestInteractiveOnlyOnATerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skip("no pty:", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	r, w, _ := os.Pipe()
	defer r.Close()
	defer w.Close()
	var sb strings.Builder
	for _, c := range []struct {
		in   io.Reader
		out  io.Writer
		want bool
	}{{tty, tty, true}, {tty, w, false}, {r, tty, false}, {tty, &sb, false}, {strings.NewReader(""), tty, false}} {
		if got := interactive(c.in, c.out); got != c.want {
			t.Errorf("interactive(%T, %T) = %v, want %v", c.in, c.out, got, c.want)
		}
	}
}

// TestMappingFileErrorsStopTheImport: a mapping file with a mistake is an
// error naming its line, before anything is read or written.
func TestMappingFileErrorsStopTheImport(t *testing.T) {
	dir := t.TempDir()
	sheet := writeSheet(t, dir, stormSheet)
	mf := filepath.Join(dir, "org.map.yaml")
	os.WriteFile(mf, []byte("columns:\n  Who for: tto\n"), 0o644)
	code, _, errOut := run(t, "import", sheet, "--map-file", mf)
	if code != 2 || !strings.Contains(errOut, "org.map.yaml:2: field \"tto\"") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// TestNoScreenWhenTheMappingIsCertain: in a terminal, a sheet whose every
// column ttx knows imports as it always has, with no screen; one column
// ttx does not know, or a missing recipient column, opens it, unless
// --map or --to decided it.
func TestNoScreenWhenTheMappingIsCertain(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("Inject #,Time,To,Description\n1,09:00,Police,Shots\n2,09:45,Fire,Smoke\n"), 0o644)
	onScreen(t, nil)
	if code, _, errOut := run(t, "import", good, "-o", filepath.Join(dir, "good.yaml")); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, c := range []struct {
		sheet string
		args  []string
		opens bool
	}{
		{"Inject #,Time,To,Description,Colour\n1,09:00,Police,Shots,red\n", nil, true},
		{"Inject #,Time,To,Description,Colour\n1,09:00,Police,Shots,red\n", []string{"--map", "Colour=ignore"}, false},
		{"Inject #,Time,Description\n1,09:00,Shots\n", nil, true},
	} {
		opened := false
		onScreen(t, func(m *mapping.Model) { opened = true })
		path := filepath.Join(t.TempDir(), "s.csv")
		os.WriteFile(path, []byte(c.sheet), 0o644)
		run(t, append([]string{"import", path}, c.args...)...)
		if opened != c.opens {
			t.Errorf("%q %q: the screen opened: %v, want %v", c.sheet, c.args, opened, c.opens)
		}
	}
}

// TestMappingScreenNotOpenedOverAnExistingFile: when -o names a file that
// exists, the import says so before the screen opens, so no mapping work
// is lost to it.
func TestMappingScreenNotOpenedOverAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	sheet := writeSheet(t, dir, stormSheet)
	out := filepath.Join(dir, "storm.yaml")
	os.WriteFile(out, []byte("keep me"), 0o644)
	onScreen(t, nil)
	code, _, errOut := run(t, "import", sheet, "-o", out)
	if code != 2 || !strings.Contains(errOut, "already exists") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(out); string(b) != "keep me" {
		t.Errorf("the file was changed: %q", b)
	}
}

// TestNoMappingFileForAnImportThatCannotBeWritten: with -o already
// there, the import is refused and no new mapping file is left behind.
func TestNoMappingFileForAnImportThatCannotBeWritten(t *testing.T) {
	dir := t.TempDir()
	sheet := writeSheet(t, dir, stormSheet)
	out, mf := filepath.Join(dir, "storm.yaml"), filepath.Join(dir, "org.map.yaml")
	if err := os.WriteFile(out, []byte("kept\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "import", sheet, "--no-tui", "--map", "Who for=to,Heads-up=title,Blurb=body,Colour=ignore", "-o", out, "--map-file", mf)
	if code == 0 || !strings.Contains(errOut, "already exists") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(mf); err == nil {
		t.Errorf("%s was written for an import that was refused", mf)
	}
}
