package mapping

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"ttx/exercise/msel/sheet"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// open starts the screen on a sheet in testdata at w×h.
func open(t *testing.T, name string, w, h int) *teatest.TestModel {
	t.Helper()
	b, err := sheet.ReadBook(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	m := New(b, Options{Output: "storm.yaml", MapFile: "storm.map.yaml"})
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
}

func waitFor(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func final(t *testing.T, tm *teatest.TestModel) *Model {
	t.Helper()
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
}

func press(k tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: k} }

// fieldsOf lists each column's field, "" for ignored.
func fieldsOf(m *Model) []string {
	var out []string
	for _, c := range m.cols {
		out = append(out, c.field)
	}
	return out
}

// checkSize fails when a view is not exactly w×h.
func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("the view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("line %d is %d cells wide, more than %d", i+1, lipgloss.Width(l), w)
		}
	}
}

// TestOpensOnTheColumnTtxLeftOut: on a sheet whose headers ttx knows only
// in part, the screen lists every column with a sample of its cells and
// its field, opens on the first column left out that has cells in it,
// and shows the problems under the rows they are on.
func TestOpensOnTheColumnTtxLeftOut(t *testing.T) {
	tm := open(t, "storm.csv", 80, 24)
	waitFor(t, tm, "Who for")
	tm.Type("q")
	m := final(t, tm)
	if m.Saved() {
		t.Error("q saved")
	}
	if got := m.selected().header; got != "Who for" {
		t.Errorf("opened on %q, want the first column left out, Who for", got)
	}
	if want := []string{"id", "at", "from", "", "", "", ""}; !slices.Equal(fieldsOf(m), want) {
		t.Errorf("fields %q, want %q", fieldsOf(m), want)
	}
	view := m.View()
	for _, want := range []string{"▸D   Who for", "│ Police; Fire", "no recipient column", "✗ 1 problem"} {
		if !strings.Contains(view, want) {
			t.Errorf("the view lacks %q", want)
		}
	}
	checkSize(t, view, 80, 24)
	golden.RequireEqual(t, []byte(view))
}

// TestChoosingAFieldChangesThePreview: giving Who for the to field from
// the field list, and cycling Heads-up with → to title and Blurb with ←
// to body, fills the preview's To and Title at once and clears the
// problems; the fields cycled past on the way (id, at, from) are back on
// their own columns when the cycle moves on.
func TestChoosingAFieldChangesThePreview(t *testing.T) {
	tm := open(t, "storm.csv", 100, 30)
	waitFor(t, tm, "Who for")
	tm.Send(press(tea.KeyEnter))
	waitFor(t, tm, "Field for D")
	for range 4 { // from ignore, round to id, at, from, to
		tm.Send(press(tea.KeyDown))
	}
	tm.Send(press(tea.KeyEnter))
	waitFor(t, tm, "→ to")
	tm.Send(press(tea.KeyDown))
	for range 6 { // ignore, round to id, at, from, to, channel, title
		tm.Send(press(tea.KeyRight))
	}
	waitFor(t, tm, "E “Heads-up” → title")
	tm.Type("j")
	tm.Send(press(tea.KeyLeft)) // ignore, back to status
	tm.Type("hhhhh")            // date, requires, notes, objectives, expected
	tm.Send(press(tea.KeyLeft)) // body
	waitFor(t, tm, "F “Blurb” → body")
	tm.Type("q")
	waitFor(t, tm, "Quit and lose 3 changes?")
	tm.Type("q")
	m := final(t, tm)
	if want := []string{"id", "at", "from", "to", "title", "body", ""}; !slices.Equal(fieldsOf(m), want) {
		t.Errorf("fields %q, want %q", fieldsOf(m), want)
	}
	opts := m.Options()
	for k, want := range map[string]string{"whofor": "to", "headsup": "title", "blurb": "body"} {
		if opts.Map[k] != want {
			t.Errorf("Options.Map[%q] = %q, want %q", k, opts.Map[k], want)
		}
	}
	res := m.Result()
	if len(res.Problems) != 0 || res.Scenario == nil {
		t.Fatalf("problems left: %v", res.Problems)
	}
	if in := res.Scenario.Injects[1]; !slices.Equal(in.To, []string{"police", "fire"}) || in.Title != "Flooding" || in.Body != "River levels rising at the quay." {
		t.Errorf("inject 2 is %+v", in)
	}
	view := m.View()
	for _, want := range []string{"Police, Fire", "Flooding", "✓ ready to save"} {
		if !strings.Contains(view, want) {
			t.Errorf("the preview lacks %q", want)
		}
	}
	checkSize(t, view, 100, 30)
	golden.RequireEqual(t, []byte(view))
}

// TestSaveWithProblemsAsksFirst: saving while the sheet has problems says
// that only the mapping would be written, and saves on the second press.
func TestSaveWithProblemsAsksFirst(t *testing.T) {
	tm := open(t, "storm.csv", 100, 30)
	waitFor(t, tm, "Who for")
	tm.Send(press(tea.KeyCtrlS))
	waitFor(t, tm, "saving now writes the mapping only")
	tm.Type("w")
	if m := final(t, tm); !m.Saved() {
		t.Error("the second save did not save")
	}
}

// TestUndoGoesBackToTtxsReading: u gives a column back the field ttx read
// from its header, and the column that lost a field to it gets it back.
func TestUndoGoesBackToTtxsReading(t *testing.T) {
	tm := open(t, "storm.csv", 100, 30)
	waitFor(t, tm, "Who for")
	tm.Type("k")
	tm.Type("l")
	tm.Type("l") // Originator: from → to → channel
	tm.Type("ggl")
	waitFor(t, tm, "A “No.” → at; B “Time” was the at column, now ignored")
	tm.Type("u")
	waitFor(t, tm, "as ttx reads it: id")
	tm.Type("qq")
	m := final(t, tm)
	if want := []string{"id", "at", "channel", "", "", "", ""}; !slices.Equal(fieldsOf(m), want) {
		t.Errorf("fields %q, want %q", fieldsOf(m), want)
	}
}

// TestHostileCellsNeverReachTheTerminal: a header and cells holding
// escape sequences and controls are drawn as \u001b and the like.
func TestHostileCellsNeverReachTheTerminal(t *testing.T) {
	dir := t.TempDir()
	csv := "No.,Time,Who for\x1b]0;pwned\x07,Blurb\n1,09:00,Police\x1b[2J,Hello \u009b31m world\n2,09:10,Fire,\u202egnp.exe\n"
	if err := os.WriteFile(filepath.Join(dir, "bad.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := sheet.ReadBook(filepath.Join(dir, "bad.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(b, Options{})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	views := []string{m.View()}
	for _, k := range []tea.KeyMsg{press(tea.KeyDown), press(tea.KeyEnter), press(tea.KeyEsc), press(tea.KeyRight), press(tea.KeyDown)} {
		m.Update(k)
		views = append(views, m.View())
	}
	for i, v := range views {
		if strings.ContainsAny(v, "\x1b\x07\u009b\u202e") {
			t.Errorf("view %d lets a control through:\n%q", i, v)
		}
	}
	if !strings.Contains(strings.Join(views, ""), `Who for\u001b]0;pwned\u0007`) {
		t.Errorf("the header is not shown escaped:\n%s", views[0])
	}
}

// TestTooSmall: below 60×16 the screen says so, and still quits.
func TestTooSmall(t *testing.T) {
	tm := open(t, "storm.csv", 50, 12)
	waitFor(t, tm, "Terminal too small")
	tm.Type("q")
	view := final(t, tm).View()
	checkSize(t, view, 50, 12)
	golden.RequireEqual(t, []byte(view))
}

// TestNamingTheColumnsOfASheetTtxCannotRead: on a sheet where ttx finds
// no header row, the screen offers the row under the title, shows each
// field as the planner names it (before two are named and the import can
// read the sheet), and the injects once they are.
func TestNamingTheColumnsOfASheetTtxCannotRead(t *testing.T) {
	b, err := sheet.ReadBook(filepath.Join("testdata", "wann.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(b, Options{})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(m.View(), "no header row found") {
		t.Fatalf("the sheet's problem is not shown:\n%s", m.View())
	}
	for _, k := range []tea.KeyMsg{press(tea.KeyEnter), press(tea.KeyDown), press(tea.KeyDown), press(tea.KeyEnter)} {
		m.Update(k) // the field list: ignore, round to id, at
	}
	if want := []string{"at", "", ""}; !slices.Equal(fieldsOf(m), want) {
		t.Errorf("with one column named, fields %q, want %q", fieldsOf(m), want)
	}
	m.Update(press(tea.KeyDown))
	for range 4 { // ignore, round to id, at, from, to
		m.Update(press(tea.KeyRight))
	}
	if want := []string{"at", "to", ""}; !slices.Equal(fieldsOf(m), want) {
		t.Errorf("fields %q, want %q", fieldsOf(m), want)
	}
	if m.injects() != 2 || !strings.Contains(m.View(), "Feuerwehr") {
		t.Errorf("%d injects, want 2:\n%s", m.injects(), m.View())
	}
}

// TestTabScrollsThePreview: tab gives the keyboard to the preview, whose
// keys then scroll it and are the ones the help line shows; the column
// selected stays.
func TestTabScrollsThePreview(t *testing.T) {
	b, err := sheet.ReadBook(filepath.Join("testdata", "storm.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(b, Options{})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(press(tea.KeyTab))
	for range 5 {
		m.Update(press(tea.KeyDown))
	}
	view := m.View()
	if got := m.selected().header; got != "Who for" {
		t.Errorf("down in the preview moved the column to %q", got)
	}
	if strings.Contains(view, "top, more below") || !strings.Contains(view, "↓/j down") {
		t.Errorf("the preview did not scroll, or the help does not say how:\n%s", view)
	}
}

// TestFieldList: enter opens the list of fields, each with what it is,
// on the column's own; esc closes it and changes nothing.
func TestFieldList(t *testing.T) {
	b, err := sheet.ReadBook(filepath.Join("testdata", "storm.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(b, Options{})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(press(tea.KeyEnter))
	m.Update(press(tea.KeyUp)) // from ignore to status
	view := m.View()
	m.Update(press(tea.KeyEsc))
	if want := []string{"id", "at", "from", "", "", "", ""}; !slices.Equal(fieldsOf(m), want) || m.picking {
		t.Errorf("esc changed the fields to %q", fieldsOf(m))
	}
	checkSize(t, view, 80, 24)
	golden.RequireEqual(t, []byte(view))
}

// TestQuitAsksWhenThereAreChanges: q with changes made asks first; any
// other key goes on mapping, and q twice quits, saving nothing.
func TestQuitAsksWhenThereAreChanges(t *testing.T) {
	b, err := sheet.ReadBook(filepath.Join("testdata", "storm.csv"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(b, Options{})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(press(tea.KeyRight))
	q := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}}
	if _, cmd := m.Update(q); cmd != nil || !strings.Contains(m.View(), "Quit and lose 1 change?") {
		t.Fatalf("q with a change made quit, or did not ask:\n%s", m.View())
	}
	m.Update(press(tea.KeyDown))
	if _, cmd := m.Update(q); cmd != nil {
		t.Fatal("q after another key quit without asking again")
	}
	if _, cmd := m.Update(q); cmd == nil || m.Saved() {
		t.Fatal("q twice did not quit, or saved")
	}
}

// book makes a workbook of sheets, each given as CSV lines.
func book(sheets map[string][]string, order ...string) *sheet.Book {
	b := &sheet.Book{File: "days.xlsx"}
	for _, name := range order {
		t := &sheet.Table{File: "days.xlsx", Sheet: name}
		for _, line := range sheets[name] {
			var row []sheet.Cell
			for _, c := range strings.Split(line, ",") {
				row = append(row, sheet.Cell{Text: c})
			}
			t.Rows = append(t.Rows, row)
		}
		b.Sheets = append(b.Sheets, t)
	}
	return b
}

// TestNextSheetKeepsTheChoices: in a workbook of one sheet a day, s shows
// the next sheet with the columns named as on the first, and the
// options then import that sheet.
func TestNextSheetKeepsTheChoices(t *testing.T) {
	b := book(map[string][]string{
		"Day 1": {"No.,Time,Who for", "1,09:00,Police", "2,09:30,Fire"},
		"Day 2": {"No.,Time,Who for", "1,09:00,Fire", "2,10:00,Police", "3,11:00,All"},
	}, "Day 1", "Day 2")
	m := New(b, Options{})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(m.View(), "Day 1 (sheet 1 of 2") {
		t.Fatalf("the header does not name the sheet:\n%s", m.View())
	}
	m.Update(press(tea.KeyEnter))
	for range 4 { // ignore, round to id, at, from, to
		m.Update(press(tea.KeyDown))
	}
	m.Update(press(tea.KeyEnter))
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'s'}})
	if m.Options().Sheet != "Day 2" || m.injects() != 3 || len(m.Result().Problems) != 0 {
		t.Fatalf("sheet %q, %d injects, problems %v", m.Options().Sheet, m.injects(), m.Result().Problems)
	}
	if want := []string{"id", "at", "to"}; !slices.Equal(fieldsOf(m), want) || !strings.Contains(m.View(), "Day 2 (sheet 2 of 2") {
		t.Errorf("fields %q on Day 2:\n%s", fieldsOf(m), m.View())
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'s'}})
	if m.Options().Sheet != "Day 1" {
		t.Errorf("s from the last sheet went to %q, not the first", m.Options().Sheet)
	}
}

// TestClockAt: the preview gives an inject's time as the sheet writes it,
// the day after when it runs past midnight.
func TestClockAt(t *testing.T) {
	for _, c := range []struct{ start, at, want string }{
		{"09:00", "00:15", "09:15"},
		{"22:30", "02:00", "00:30+1"},
		{"2027-03-12 09:00", "25:00", "10:00+1"},
		{"", "00:15", "00:15"},
		{"09:00", "", "—"},
	} {
		if got := clockAt(c.start, c.at); got != c.want {
			t.Errorf("clockAt(%q, %q) = %q, want %q", c.start, c.at, got, c.want)
		}
	}
}
