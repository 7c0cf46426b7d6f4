package msel

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

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
	Column int
	Header string
	Field  string // "" for ignored
	Why    string // why a column was ignored
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
	// Warnings are the scenario's own advice (as ttx validate gives it),
	// placed on the sheet.
	Warnings Problems
}

// ImportBook turns the chosen sheet (or sheets) of a workbook into a
// scenario.
func ImportBook(b *Book, opts Options) Result {
	t := b.Sheets[0]
	if opts.Sheet != "" {
		if t = b.Sheet(opts.Sheet); t == nil {
			names := make([]string, len(b.Sheets))
			for i, s := range b.Sheets {
				names[i] = fmt.Sprintf("%q", s.Sheet)
			}
			return Result{Problems: Problems{{Where: b.File, Row: -1, Col: -1, Msg: fmt.Sprintf("no sheet %q; its sheets are %s", opts.Sheet, strings.Join(names, ", "))}}}
		}
	}
	return Import(t, opts)
}

// Import turns a table into a scenario.
func Import(t *Table, opts Options) Result {
	var res Result
	im := &importer{t: t, opts: opts, res: &res}
	hdr := im.findHeader()
	if hdr < 0 {
		res.Problems = append(res.Problems, Problem{Where: t.Where(0, 0), Row: -1, Col: -1, Msg: "no header row found: the first rows name no MSEL column (Inject #, Time, From, To, Method, Description …); add one, or name the columns with --map"})
		return res
	}
	im.mapColumns(hdr)
	if im.col[FieldAt] < 0 && im.col[FieldBody] < 0 && im.col[FieldTitle] < 0 {
		res.Problems = append(res.Problems, Problem{Where: t.Where(hdr, 0), Row: hdr, Col: -1, Msg: "no time, title or description column; name them with --map 'Column=at,Other=body'"})
		return res
	}
	sc := im.build(hdr)
	res.Draft, res.Rows = sc, im.rowOf
	if len(res.Problems) > 0 {
		return res
	}
	probs := scenario.Validate(sc, func(path ...any) (int, int) {
		if len(path) >= 2 {
			if i, ok := path[1].(int); ok && path[0] == "injects" && i < len(im.rowOf) {
				col := 0
				if len(path) >= 3 {
					if f, ok := path[2].(string); ok && im.col[f] >= 0 {
						col = im.col[f]
					}
				}
				return im.rowOf[i] + 1, col + 1
			}
		}
		return hdr + 1, 1
	})
	for _, p := range probs {
		if p.Severity == scenario.Error {
			res.Problems = append(res.Problems, Problem{Where: t.Where(p.Line-1, p.Col-1), Row: p.Line - 1, Col: p.Col - 1, Msg: p.Msg})
		} else {
			res.Warnings = append(res.Warnings, Problem{Where: t.Where(p.Line-1, p.Col-1), Row: p.Line - 1, Col: p.Col - 1, Msg: "warning: " + p.Msg})
		}
	}
	if len(res.Problems) == 0 {
		res.Scenario = sc
	}
	return res
}

type importer struct {
	t     *Table
	opts  Options
	res   *Result
	col   map[string]int // field -> column, -1 when absent
	rowOf []int          // inject index -> table row
}

func (im *importer) problem(row, col int, format string, args ...any) {
	im.res.Problems = append(im.res.Problems, Problem{Where: im.t.Where(row, col), Row: row, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (im *importer) field(h string) string {
	n := Normalize(h)
	if f, ok := im.opts.Map[n]; ok {
		return f
	}
	return headers[n]
}

// findHeader returns the first of the top rows that names at least two
// known columns.
func (im *importer) findHeader() int {
	for r := 0; r < len(im.t.Rows) && r < 20; r++ {
		known := 0
		for _, c := range im.t.Rows[r] {
			if f := im.field(c.Text); f != "" && f != FieldIgnore {
				known++
			}
		}
		if known >= 2 {
			return r
		}
	}
	return -1
}

func (im *importer) mapColumns(hdr int) {
	im.col = map[string]int{}
	for _, f := range Fields {
		im.col[f] = -1
	}
	for c, cell := range im.t.Rows[hdr] {
		h := strings.TrimSpace(cell.Text)
		m := Mapping{Column: c, Header: h}
		switch f := im.field(h); {
		case h == "":
			continue
		case f == "" || f == FieldIgnore:
			m.Why = "not an MSEL column ttx knows (name it with --map)"
			if f == FieldIgnore {
				m.Why = "ignored by --map"
			}
		case im.col[f] >= 0:
			m.Why = fmt.Sprintf("%q is already the %s column (choose with --map)", strings.TrimSpace(im.t.Rows[hdr][im.col[f]].Text), f)
		default:
			im.col[f], m.Field = c, f
		}
		im.res.Columns = append(im.res.Columns, m)
	}
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

var (
	idClean   = regexp.MustCompile(`[^A-Za-z0-9_-]+`)
	teamSplit = regexp.MustCompile(`\s*[,;/\n]\s*`)
	andSplit  = regexp.MustCompile(`\s+(?:and|&)\s+`)
	objSplit  = regexp.MustCompile(`\s*[;\n]\s*`)
	objCode   = regexp.MustCompile(`^([A-Za-z]{0,6}[- ]?\d{1,3}[a-z]?)(?:\s*[:–—-]\s*(.+))?$`)
	objNamed  = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9_-]{0,23}):\s+(.+)$`)
)

// recipients splits a To cell: on commas, semicolons, slashes and new
// lines, and on "and" only where each side is a team the sheet names on
// its own elsewhere ("Police and Fire" splits; "Fire and Rescue" does not).
func recipients(cell string, whole map[string]bool) []string {
	var out []string
	for _, part := range teamSplit.Split(cell, -1) {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		pieces := andSplit.Split(part, -1)
		split := len(pieces) > 1
		for _, p := range pieces {
			if !whole[Normalize(p)] {
				split = false
			}
		}
		if split {
			out = append(out, pieces...)
		} else {
			out = append(out, part)
		}
	}
	return out
}

// objectiveItems splits an Objective cell on semicolons and new lines, and
// on commas only between objective codes ("OBJ-1, OBJ-3", "1, 3"), since
// an objective's text may have commas of its own.
func objectiveItems(cell string) []string {
	var out []string
	for _, part := range objSplit.Split(cell, -1) {
		commas := strings.Split(part, ",")
		codes := len(commas) > 1
		for _, c := range commas {
			if !objCode.MatchString(strings.TrimSpace(c)) {
				codes = false
			}
		}
		if codes {
			out = append(out, commas...)
		} else {
			out = append(out, part)
		}
	}
	return out
}

// build makes the scenario from the rows below the header.
func (im *importer) build(hdr int) *scenario.Scenario {
	sc := &scenario.Scenario{Title: im.opts.Title}
	if sc.Title == "" {
		sc.Title = strings.TrimSuffix(im.t.File, filepathExt(im.t.File))
	}
	teams := map[string]int{}
	objectives := map[string]int{}
	ids := map[string]int{}
	var times []sheetTime
	whole := map[string]bool{} // team names the sheet writes on their own
	for r := hdr + 1; r < len(im.t.Rows); r++ {
		for _, part := range teamSplit.Split(im.cell(im.t.Rows[r], FieldTo).Text, -1) {
			whole[Normalize(part)] = true
		}
	}
	start, startSet, err := parseStartOption(im.opts.Start)
	if err != nil {
		im.problem(hdr, 0, "--start %v", err)
	}
	for r := hdr + 1; r < len(im.t.Rows); r++ {
		row := im.t.Rows[r]
		if blank(row) {
			continue // spacer rows
		}
		in := scenario.Inject{}
		in.ID = idClean.ReplaceAllString(im.cell(row, FieldID).Text, "-")
		in.ID = strings.Trim(in.ID, "-")
		if in.ID == "" {
			in.ID = fmt.Sprintf("INJ-%03d", len(sc.Injects)+1)
		}
		if first, dup := ids[in.ID]; dup {
			im.problem(r, max(im.col[FieldID], 0), "inject number %q is used again (first at row %d); give each inject its own number", in.ID, first+1)
		}
		ids[in.ID] = r
		in.From = text.Line(im.cell(row, FieldFrom).Text, 200)
		in.Channel = text.Line(im.cell(row, FieldChannel).Text, 80)
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
		for _, name := range recipients(im.cell(row, FieldTo).Text, whole) {
			name = text.Line(name, 80)
			switch {
			case name == "":
				continue
			case slices.Contains([]string{"all", "allplayers", "everyone", "allteams", "allagencies"}, Normalize(name)):
				in.To = append(in.To, scenario.AllTeams)
				continue
			}
			id := slug(name)
			if _, ok := teams[id]; !ok {
				teams[id] = len(sc.Teams)
				sc.Teams = append(sc.Teams, scenario.Team{ID: id, Name: name})
			}
			if !slices.Contains(in.To, id) {
				in.To = append(in.To, id)
			}
		}
		if len(in.To) == 0 && im.col[FieldTo] >= 0 {
			im.problem(r, im.col[FieldTo], "no recipient; write the team or teams it goes to, or all")
		}
		for _, item := range objectiveItems(im.cell(row, FieldObjectives).Text) {
			if item = text.Line(item, 0); item == "" {
				continue
			}
			id, label := objectiveID(item, len(sc.Objectives)+1)
			if _, ok := objectives[id]; !ok {
				objectives[id] = len(sc.Objectives)
				sc.Objectives = append(sc.Objectives, scenario.Objective{ID: id, Text: label})
			}
			if !slices.Contains(in.Objectives, id) {
				in.Objectives = append(in.Objectives, id)
			}
		}
		tc := im.cell(row, FieldAt)
		if tc.Text != "" || tc.IsNum {
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
		im.problem(hdr, 0, "no injects below the header row")
		return sc
	}
	im.resolveTimes(sc, times, start, startSet)
	return sc
}

// objectiveID reads "OBJ-1: Communicate" or "Obj 2" as an id and text;
// other text gets the next OBJ-n.
func objectiveID(item string, n int) (id, label string) {
	if m := objNamed.FindStringSubmatch(item); m != nil && !objCode.MatchString(m[1]) {
		return m[1], m[2] // "COMMUNICATE: Agencies pass clear …", as ttx exports them
	}
	if m := objCode.FindStringSubmatch(item); m != nil {
		id = strings.ToUpper(idClean.ReplaceAllString(m[1], "-"))
		if m[2] != "" {
			return id, m[2]
		}
		return id, item
	}
	return slug(item), item
}

// slug makes an id from a name: "Metropolitan Police" -> "metropolitan-police".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if r := []rune(s); len(r) > 40 {
		s = strings.Trim(string(r[:40]), "-")
	}
	if s == "" {
		s = "x"
	}
	return s
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
