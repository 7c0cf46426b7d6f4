package msel

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"ttx/exercise/msel/internal/clock"
	"ttx/exercise/msel/internal/names"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// Options tune an import.
type Options struct {
	// Map overrides header recognition (normalised header -> field).
	Map map[string]string
	// Start is the exercise's start as a time of day or date and time;
	// clock times in the sheet count from it. Empty: the first inject.
	Start string
	// Title names the scenario; empty: an export's Settings title, else
	// the sheet's own heading, else the file's name.
	Title string
	// Sheet picks the sheet of a workbook: its name, "all" for every
	// sheet that holds injects, or empty for the first that does.
	Sheet string
	// To is the recipient for injects whose sheet names none (no
	// recipient column, or a blank cell).
	To string

	settings *settings // a ttx export's own tables (roundtrip.go)
}

// Problem is one thing wrong with the sheet, at a cell.
type Problem struct {
	Where string // file:sheet:R14:C3
	Msg   string
	// Row and Col place the problem on the sheet (from 0), -1 where it
	// belongs to no row or column.
	Row, Col int
}

func (p Problem) String() string { return p.Where + ": " + p.Msg }

// Problems is every problem found.
type Problems []Problem

func (ps Problems) String() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Mapping says what became of each column.
type Mapping struct {
	Sheet  string // the sheet's name ("" for CSV)
	Column int
	Header string
	Field  string // "" for ignored
	Why    string // why a column was ignored
	// How says how the field was recognised: by name, by its words, by
	// its content, or by --map. Sure is false where ttx guessed: the words
	// only hint, or point two ways, or two columns were filled alike.
	How  string
	Sure bool
}

// Result is an import: the scenario (nil when there are problems), how
// columns were mapped, and the problems.
type Result struct {
	Scenario *scenario.Scenario
	// Draft is the scenario as read, problems and all, for a preview of
	// what the import would give; nil when no header row was found.
	Draft *scenario.Scenario
	// Rows are the sheet rows (from 0) Draft's injects were read from.
	Rows     []int
	Columns  []Mapping
	Problems Problems
	// Warnings are the scenario's own advice (as ttx validate gives it)
	// and what ttx was unsure of, placed on the sheet.
	Warnings Problems
	// Skipped are the rows below the header that are not injects (blank,
	// legend, banner, the header again, marked omitted), each with why.
	Skipped Problems
	// Sheets says, for a workbook, which sheets were read and why the
	// others were not.
	Sheets    Problems
	toDefault bool
}

// Certain reports whether the mapping needs no one's check: every mapped
// column was recognised surely (by name, by unambiguous words, by its
// content or by --map), no filled column lacks a header, and there are a
// time column, a recipient column (or --to) and a title or description
// column.
func (r Result) Certain() bool {
	has := map[string]bool{}
	for _, m := range r.Columns {
		if m.Field != "" && !m.Sure || m.Field == "" && m.Header == "" {
			return false
		}
		has[m.Field] = true
	}
	return has[FieldAt] && (has[FieldTo] || r.toDefault) && (has[FieldBody] || has[FieldTitle])
}

// read imports one sheet: nil when it has no header row or no columns
// to make injects of.
func (im *importer) read() *scenario.Scenario {
	im.t, im.opts = withSettings(im.t, im.opts)
	im.hdr, _ = im.findHeader()
	if im.hdr < 0 && !im.letters() {
		im.problem(-1, -1, "no header row found: the first rows name no MSEL column (Inject #, Time, From, To, Method, Description …); add one, or name the columns with --map (by letter for a sheet with no header: --map 'A=id,B=at,C=to,D=body')")
		return nil
	}
	im.mapColumns()
	if im.col[FieldAt] < 0 && im.col[FieldBody] < 0 && im.col[FieldTitle] < 0 {
		im.problem(max(im.hdr, 0), -1, "no time, title or description column; name them with --map 'Column=at,Other=body'")
		return nil
	}
	sc := im.build()
	im.applySettings(sc)
	return sc
}

type importer struct {
	t     *sheet.Table
	opts  Options
	res   *Result
	hdr   int            // the header row; -1 for a sheet mapped by letter
	col   map[string]int // field -> column, -1 when absent
	rowOf []int          // inject index -> table row
	objs  map[string]int // objective id -> the row that first named it
	// day is the exercise day a "DAY 2" banner above the row being read
	// started (0: none), for rows that write no date of their own.
	day int
}

func (im *importer) problem(row, col int, format string, args ...any) {
	im.res.Problems = append(im.res.Problems, Problem{Where: im.t.Where(max(row, 0), max(col, 0)), Row: row, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (im *importer) warn(row, col int, format string, args ...any) {
	im.res.Warnings = append(im.res.Warnings, Problem{Where: im.t.Where(max(row, 0), max(col, 0)), Row: row, Col: col, Msg: "warning: " + fmt.Sprintf(format, args...)})
}

func (im *importer) cell(row []sheet.Cell, field string) sheet.Cell {
	c := im.col[field]
	if c < 0 || c >= len(row) {
		return sheet.Cell{}
	}
	cell := row[c]
	cell.Text = strings.TrimSpace(strings.ReplaceAll(cell.Text, "\r\n", "\n"))
	return cell
}

// text is a cell's text, "" for a placeholder such as ---, N/A or TBD.
func (im *importer) text(row []sheet.Cell, field string) string {
	if s := im.cell(row, field).Text; !names.Placeholder(s) {
		return s
	}
	return ""
}

// marking is a protective marking or handling line above a table, never
// its title.
var marking = regexp.MustCompile(`(?i)^\W*((un)?classified|draft)\W*$|^\W*(un)?classified\b|\b(fouo|for official use|for exercise use|exercise exercise exercise|official[- ]sensitive|tlp:)`)

// mselWords is how a title says what the sheet is: "Exercise Riverside –
// MSEL v3" is titled "Exercise Riverside".
var mselWords = regexp.MustCompile(`(?i)(\s*[-–—:|,]\s*|\s+)(master scenario events? list|msel)\b.*$|\s+v(ersion)?\s*\d+(\.\d+)*$`)

// titleRow is the sheet's own title: the first row above the header that
// holds one text alone (or one text merged across the row), as planners
// head an MSEL, less the words that say it is an MSEL. Empty when there
// is none.
func (im *importer) titleRow() string {
	for r := 0; r < im.hdr; r++ {
		var only string
		for _, c := range im.t.Rows[r] {
			if v := strings.TrimSpace(c.Text); v != "" && v != only {
				if only != "" {
					only = "\x00"
					break
				}
				only = v
			}
		}
		t := strings.TrimSpace(mselWords.ReplaceAllString(text.Line(only, 200), ""))
		if only != "\x00" && len([]rune(t)) >= 3 && !marking.MatchString(only) && !banner.MatchString(t) { // "DAY 1" heads a day
			return t
		}
	}
	return ""
}

// build makes the scenario from the rows below the header.
func (im *importer) build() *scenario.Scenario {
	sc := &scenario.Scenario{Title: im.opts.Title}
	if stem := strings.TrimSuffix(im.t.File, filepathExt(im.t.File)); sc.Title == "" {
		sc.Title = cmp.Or(im.titleRow(), stem)
	}
	ids := map[string]int{}
	im.objs = map[string]int{}
	var atCells, dateCells []sheet.Cell
	firstDay, dayOne := -1, 0  // the first inject under a "DAY 2" banner, and the day before it
	whole := map[string]bool{} // team names the sheet writes on their own
	last := im.hdr
	for r := im.hdr + 1; r < len(im.t.Rows); r++ {
		for _, part := range names.Split(im.cell(im.t.Rows[r], FieldTo).Text) {
			whole[sheet.Normalize(part)] = true
		}
		if !sheet.Blank(im.t.Rows[r]) {
			last = r
		}
	}
	start, startSet, err := clock.Start(im.opts.Start)
	if err != nil {
		im.problem(im.hdr, 0, "--start %v", err)
	}
	if im.col[FieldTo] < 0 && im.opts.To == "" {
		im.problem(im.hdr, -1, "no recipient column (To, Send To, Player(s) …): name it with --map 'Column=to', or send every inject to one team with --to TEAM (or --to all)")
	}
	im.res.toDefault = im.res.toDefault || im.opts.To != ""
	defaulted, prev := 0, -1 // prev: the last row of the last inject
	legend := false
	for r := im.hdr + 1; r <= last; r++ {
		row := im.t.Rows[r]
		if f := im.more(row); f != "" && prev == r-1 && im.runsOn(&sc.Injects[len(sc.Injects)-1], f, im.cell(row, f).Text) {
			// Text run on into the row below, as a sheet made from a
			// document writes it.
			in := &sc.Injects[len(sc.Injects)-1]
			p := map[string]*string{FieldBody: &in.Body, FieldExpected: &in.Expected, FieldNotes: &in.Notes}[f]
			*p = strings.TrimSpace(*p + "\n" + text.Clean(im.cell(row, f).Text, 0))
			prev = r
			im.warn(r, im.col[f], "only this cell: read as more of the row above's %s", f)
			continue
		}
		if im.skip(r, &legend) {
			continue
		}
		in := scenario.Inject{}
		in.ID = names.ID(im.text(row, FieldID))
		in.ID = strings.Trim(in.ID, "-")
		if in.ID == "" {
			in.ID = fmt.Sprintf("INJ-%03d", len(sc.Injects)+1)
		}
		if first, dup := ids[in.ID]; dup {
			im.problem(r, max(im.col[FieldID], 0), "inject number %q is used again (first at row %d); give each inject its own number", in.ID, first+1)
		}
		ids[in.ID] = r
		in.From = text.Line(im.text(row, FieldFrom), 200)
		in.Channel = text.Line(im.text(row, FieldChannel), 80)
		in.Body = text.Clean(im.cell(row, FieldBody).Text, 0)
		in.Expected = text.Clean(im.cell(row, FieldExpected).Text, 0)
		in.Notes = text.Clean(im.cell(row, FieldNotes).Text, 0)
		in.Title = text.Line(im.cell(row, FieldTitle).Text, 200)
		if in.Title == "" {
			first, _, _ := strings.Cut(in.Body, "\n")
			in.Title = text.Line(first, 0)
			if r := []rune(in.Title); len(r) > 80 {
				in.Title = string(r[:79]) + "…"
			}
		}
		if in.Title == "" {
			in.Title = "Inject " + in.ID
		}
		to := im.cell(row, FieldTo).Text
		in.To = names.AddTeams(sc, to, whole)
		if w := names.Partly(to, whole); w != "" {
			im.warn(r, im.col[FieldTo], "%s", w)
		}
		if len(in.To) == 0 && im.opts.To != "" {
			in.To = names.AddTeams(sc, im.opts.To, nil)
			defaulted++
		} else if len(in.To) == 0 && im.col[FieldTo] >= 0 {
			named := ""
			if to != "" {
				named = fmt.Sprintf(" (%q names no team)", to)
			}
			im.problem(r, im.col[FieldTo], "no recipient%s; write the team or teams it goes to, or all, or give a default with --to TEAM", named)
		}
		items := names.ObjectiveItems(im.cell(row, FieldObjectives).Text)
		if im.col[FieldObjectives] < 0 {
			items = names.NotesObjectives(in.Notes)
		}
		for _, item := range items {
			if id := im.objective(sc, r, item); id != "" && !slices.Contains(in.Objectives, id) {
				in.Objectives = append(in.Objectives, id)
			}
		}
		tc := im.cell(row, FieldAt)
		if !tc.IsNum && later.MatchString(tc.Text) {
			im.warn(r, im.col[FieldAt], "time %q: a contingency inject, released by hand", tc.Text)
			tc = sheet.Cell{}
		}
		dc := im.cell(row, FieldDate)
		if dc.Text == "" && !dc.IsNum && im.day > 0 {
			dc = sheet.Cell{Text: fmt.Sprintf("Day %d", im.day)}
			if firstDay < 0 {
				firstDay, dayOne = len(dateCells), im.day-1
			}
		}
		atCells, dateCells = append(atCells, tc), append(dateCells, dc)
		sc.Injects = append(sc.Injects, in)
		im.rowOf, prev = append(im.rowOf, r), r
	}
	if len(sc.Injects) == 0 {
		im.problem(im.hdr, 0, "no injects below the header row")
		return sc
	}
	switch {
	case im.col[FieldTo] < 0 && im.opts.To != "":
		im.warn(im.hdr, -1, "no recipient column: every inject goes to %q (--to)", im.opts.To)
	case defaulted > 0:
		im.warn(im.hdr, im.col[FieldTo], "%d inject(s) name no recipient and go to %q (--to)", defaulted, im.opts.To)
	}
	if im.col[FieldAt] < 0 {
		im.warn(im.hdr, -1, "NO TIME COLUMN: all %d injects are contingency injects, released by hand; if a column holds their times, name it with --map 'Column=at'", len(sc.Injects))
	}
	for i := range max(firstDay, 0) {
		// The injects above the first "DAY 2" banner are on the day before.
		if dateCells[i].Text == "" && !dateCells[i].IsNum && dayOne > 0 {
			dateCells[i] = sheet.Cell{Text: fmt.Sprintf("Day %d", dayOne)}
		}
	}
	im.resolveTimes(sc, im.readTimes(im.hdr, atCells, dateCells), start, startSet)
	return sc
}

func filepathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}
