package msel

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

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
	// Title names the scenario; empty: taken from the file name.
	Title string
	// Sheet picks the sheet of a workbook: its name, "all" for every
	// sheet that holds injects, or empty for the first that does.
	Sheet string
	// To is the recipient for injects whose sheet names none (no
	// recipient column, or a blank cell).
	To string
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
	Draft    *scenario.Scenario
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
// content or by --map), and there are a time column, a recipient column
// (or --to) and a title or description column.
func (r Result) Certain() bool {
	has := map[string]bool{}
	for _, m := range r.Columns {
		if m.Field != "" && !m.Sure {
			return false
		}
		has[m.Field] = true
	}
	return has[FieldAt] && (has[FieldTo] || r.toDefault) && (has[FieldBody] || has[FieldTitle])
}

// read imports one sheet: nil when it has no header row or no columns
// to make injects of.
func (im *importer) read() *scenario.Scenario {
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
	return im.build()
}

// letters reports whether --map names columns by letter.
func (im *importer) letters() bool {
	return slices.ContainsFunc(slices.Collect(maps.Keys(im.opts.Map)), func(k string) bool { return strings.HasPrefix(k, letterKey) })
}

type importer struct {
	t     *Table
	opts  Options
	res   *Result
	hdr   int            // the header row; -1 for a sheet mapped by letter
	col   map[string]int // field -> column, -1 when absent
	rowOf []int          // inject index -> table row
	objs  map[string]int // objective id -> the row that first named it
}

func (im *importer) problem(row, col int, format string, args ...any) {
	im.res.Problems = append(im.res.Problems, Problem{Where: im.t.Where(max(row, 0), max(col, 0)), Row: row, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (im *importer) warn(row, col int, format string, args ...any) {
	im.res.Warnings = append(im.res.Warnings, Problem{Where: im.t.Where(max(row, 0), max(col, 0)), Row: row, Col: col, Msg: "warning: " + fmt.Sprintf(format, args...)})
}

// field recognises a header: by --map, by its name, or by its words; a
// header whose words point both to a time and to something else is
// settled by column c's cells (c < 0: not at all).
func (im *importer) field(h string, c int) (field string, sure bool, how string) {
	n := Normalize(h)
	if f, ok := im.opts.Map[n]; ok {
		return f, true, "by --map"
	}
	if f := headers[n]; f != "" {
		return f, true, "by name"
	}
	if len([]rune(h)) > 80 {
		return "", false, ""
	}
	f, sure, tie := byWords(h)
	if f == "" {
		return "", false, ""
	}
	how = "by its words"
	if !sure {
		how = "by its words, a guess"
	}
	if len(tie) > 1 && tie[0] == FieldAt && c >= 0 {
		times, all := 0, 0
		for r := im.hdr + 1; r < len(im.t.Rows); r++ {
			if c < len(im.t.Rows[r]) && strings.TrimSpace(im.t.Rows[r][c].Text) != "" {
				all++
				if timeLike(im.t.Rows[r][c]) {
					times++
				}
			}
		}
		if f = tie[1]; times*5 >= all*4 && all > 0 {
			f = FieldAt
		}
		return f, all > 0 && (times*5 >= all*4 || times*5 <= all), fmt.Sprintf("by its content: %d of %d cells are times", times, all)
	}
	return f, sure, how
}

// numbers reports whether column c's filled cells all look like inject
// numbers ("12", "INJ-04", "Inject 3").
func numbers(rows [][]Cell, c int) bool {
	n := 0
	for _, row := range rows {
		if s := strings.TrimSpace(cellText(row, c)); s != "" {
			if !inject.MatchString(s) {
				return false
			}
			n++
		}
	}
	return n > 0
}

var inject = regexp.MustCompile(`^[A-Za-z]{0,8}[ #.-]*\d{1,4}[A-Za-z]?$`)

func cellText(row []Cell, c int) string {
	if c < len(row) {
		return row[c].Text
	}
	return ""
}

// timeLike reports whether a cell reads as a time (not a bare count).
func timeLike(c Cell) bool {
	s := strings.TrimSpace(c.Text)
	_, err := parseSheetTime(c)
	return err == nil && strings.ContainsAny(s, "0123456789") && (len(s) > 2 || strings.ContainsAny(s, ":+hH"))
}

// findHeader returns the row among the top forty that names the most
// fields (two at least), and how many; -1 when none does.
func (im *importer) findHeader() (int, int) {
	best, most := -1, 1
	for r := 0; r < len(im.t.Rows) && r < 40; r++ {
		seen := map[string]bool{}
		for _, c := range im.t.Rows[r] {
			if f, sure, _ := im.field(c.Text, -1); sure && f != FieldIgnore {
				seen[f] = true
			}
		}
		if len(seen) > most {
			best, most = r, len(seen)
		}
	}
	return best, most
}

func (im *importer) mapColumns() {
	im.col = map[string]int{}
	for _, f := range Fields {
		im.col[f] = -1
	}
	var hdr []Cell
	if im.hdr >= 0 {
		hdr = im.t.Rows[im.hdr]
	}
	width, letters := len(hdr), im.letters()
	for _, row := range im.t.Rows {
		width = max(width, min(len(row), len(hdr)+50)) // a column may have no header
	}
	// filled counts a column's filled cells, and their letters.
	filled := func(c int) (n, chars int) {
		for _, row := range im.t.Rows[im.hdr+1:] {
			if c < len(row) && strings.TrimSpace(row[c].Text) != "" {
				n, chars = n+1, chars+len(row[c].Text)
			}
		}
		return n, chars
	}
	var cols []Mapping
	win := map[string]int{} // field -> index in cols
	for c := 0; c < width; c++ {
		m := Mapping{Sheet: im.t.Sheet, Column: c}
		if c < len(hdr) {
			m.Header = strings.TrimSpace(hdr[c].Text)
		}
		letter := ""
		if letters || m.Header == "" {
			letter, _ = excelize.ColumnNumberToName(c + 1)
		}
		if f, ok := im.opts.Map[letterKey+letter]; ok && letters {
			m.Field, m.Sure, m.How = f, true, "by --map "+letter
		} else if m.Header == "" {
			if n, _ := filled(c); n > 0 && im.hdr >= 0 {
				m.Why = fmt.Sprintf("no header over its %d filled cells (name it with --map %s=field)", n, letter)
				cols = append(cols, m)
			}
			continue
		} else {
			m.Field, m.Sure, m.How = im.field(m.Header, c)
		}
		switch m.Field {
		case FieldIgnore:
			m.Field, m.How, m.Why = "", "", "ignored by --map"
		case "":
			m.Why = "not an MSEL column ttx knows (name it with --map)"
		}
		cols = append(cols, m)
	}
	// Two columns for one field: --map's wins, then a filled one, then a
	// sure one, then the one with more filled cells (for the description,
	// then more text); equally filled, the first, and that is a guess.
	rank := func(m Mapping) int {
		n, chars := filled(m.Column)
		if m.Field != FieldBody {
			chars = 0
		}
		if strings.HasPrefix(m.How, "by --map") {
			n |= 1 << 30
		}
		if m.Sure {
			n |= 1 << 28
		}
		return (n|min(n, 1)<<29)<<20 | min(chars, 1<<20-1)
	}
	for i := range cols {
		f := cols[i].Field
		w, dup := win[f]
		if f == "" || !dup {
			win[f] = i
			continue
		}
		keep, drop := w, i
		if rank(cols[i]) > rank(cols[w]) {
			keep, drop, win[f] = i, w, i
		} else if n, _ := filled(cols[i].Column); rank(cols[i])>>20 == rank(cols[w])>>20 && n > 0 {
			cols[w].Sure = false
		}
		nk, _ := filled(cols[keep].Column)
		nd, _ := filled(cols[drop].Column)
		cols[drop].Why = fmt.Sprintf("%q is the %s column: it has %d filled cells, this one %d (choose with --map)", cols[keep].Header, f, nk, nd)
		cols[drop].Field, cols[drop].How = "", ""
		if _, ok := win[FieldID]; f == FieldBody && !ok && numbers(im.t.Rows[im.hdr+1:], cols[drop].Column) {
			cols[drop].Field, cols[drop].How, cols[drop].Sure, cols[drop].Why, win[FieldID] = FieldID, "by its content: inject numbers", true, "", drop
		}
	}
	for f, i := range win {
		if f != "" {
			im.col[f] = cols[i].Column
		}
	}
	im.res.Columns = append(im.res.Columns, cols...)
}

func (im *importer) cell(row []Cell, field string) Cell {
	c := im.col[field]
	if c < 0 || c >= len(row) {
		return Cell{}
	}
	cell := row[c]
	cell.Text = strings.TrimSpace(strings.ReplaceAll(cell.Text, "\r\n", "\n"))
	return cell
}

// text is a cell's text, "" for a placeholder such as ---, N/A or TBD.
func (im *importer) text(row []Cell, field string) string {
	if s := im.cell(row, field).Text; !placeholder[Normalize(s)] {
		return s
	}
	return ""
}

var idClean = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// build makes the scenario from the rows below the header.
func (im *importer) build() *scenario.Scenario {
	sc := &scenario.Scenario{Title: im.opts.Title}
	if sc.Title == "" {
		sc.Title = strings.TrimSuffix(im.t.File, filepathExt(im.t.File))
	}
	ids := map[string]int{}
	im.objs = map[string]int{}
	var times []sheetTime
	whole := map[string]bool{} // team names the sheet writes on their own
	last := im.hdr
	for r := im.hdr + 1; r < len(im.t.Rows); r++ {
		for _, part := range hardSplit.Split(im.cell(im.t.Rows[r], FieldTo).Text, -1) {
			whole[Normalize(part)] = true
		}
		if !blank(im.t.Rows[r]) {
			last = r
		}
	}
	start, startSet, err := parseStartOption(im.opts.Start)
	if err != nil {
		im.problem(im.hdr, 0, "--start %v", err)
	}
	if im.col[FieldTo] < 0 && im.opts.To == "" {
		im.problem(im.hdr, -1, "no recipient column (To, Send To, Player(s) …): name it with --map 'Column=to', or send every inject to one team with --to TEAM (or --to all)")
	}
	im.res.toDefault = im.res.toDefault || im.opts.To != ""
	defaulted := 0
	legend := false
	for r := im.hdr + 1; r <= last; r++ {
		row := im.t.Rows[r]
		if im.skip(r, &legend) {
			continue
		}
		in := scenario.Inject{}
		in.ID = idClean.ReplaceAllString(im.text(row, FieldID), "-")
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
		in.To = addTeams(sc, to, whole)
		if len(in.To) == 0 && im.opts.To != "" {
			in.To = addTeams(sc, im.opts.To, nil)
			defaulted++
		} else if len(in.To) == 0 && im.col[FieldTo] >= 0 {
			named := ""
			if to != "" {
				named = fmt.Sprintf(" (%q names no team)", to)
			}
			im.problem(r, im.col[FieldTo], "no recipient%s; write the team or teams it goes to, or all, or give a default with --to TEAM", named)
		}
		items := objectiveItems(im.cell(row, FieldObjectives).Text)
		if im.col[FieldObjectives] < 0 {
			items = notesObjectives(in.Notes)
		}
		for _, item := range items {
			if id := im.objective(sc, r, item); id != "" && !slices.Contains(in.Objectives, id) {
				in.Objectives = append(in.Objectives, id)
			}
		}
		tc := im.cell(row, FieldAt)
		if !tc.IsNum && later.MatchString(tc.Text) {
			im.warn(r, im.col[FieldAt], "time %q: a contingency inject, released by hand", tc.Text)
		} else if tc.Text != "" || tc.IsNum {
			st, err := parseSheetTime(tc)
			if err != nil {
				im.problem(r, im.col[FieldAt], "%v", err)
			} else {
				st.inject = len(sc.Injects)
				st.row = r
				times = append(times, st)
			}
		}
		sc.Injects = append(sc.Injects, in)
		im.rowOf = append(im.rowOf, r)
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
	im.resolveTimes(sc, times, start, startSet)
	return sc
}

func blank(row []Cell) bool {
	for _, c := range row {
		if strings.TrimSpace(c.Text) != "" {
			return false
		}
	}
	return true
}

func filepathExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}
