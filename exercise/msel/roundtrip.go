package msel

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"ttx/exercise/msel/internal/clock"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// A ttx export keeps what a scenario holds beyond its injects in tables
// that begin at a marker row (markerName in the first cell): in an XLSX on
// a sheet of their own, in a CSV below the MSEL. Each table is a title row
// (a key of sectionHeads), a header row with those columns, and its rows.
const markerName = "ttx scenario"

// sectionHeads are the tables and their columns, in order.
var sectionHeads = map[string][]string{
	"Settings": {"Setting", "Value"}, "Teams": {"ID", "Name", "Description"}, "Objectives": {"ID", "Text", "Capability"},
	"Branches": {"Branch", "Question", "After inject", "Option", "Label"},
}

var validID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// settings is what a ttx export's tables hold, as read back.
type settings struct {
	t            *sheet.Table
	own          bool                   // the tables have a sheet of their own
	vals         map[string]string      // title, summary, start, duration
	rowOf        map[string]int         // setting -> its row
	tables       map[string][][3]string // Teams, Objectives: id, name or text, description or capability
	branches     []scenario.Branch
	probs, warns Problems
}

func (s *settings) problem(warn bool, r, c int, format string, args ...any) {
	p := Problem{Where: s.t.Where(r, c), Row: r, Col: c, Msg: fmt.Sprintf(format, args...)}
	if s.own { // not on the sheet a preview shows
		p.Row, p.Col = -1, -1
	}
	if warn {
		p.Msg = "warning: " + p.Msg
		s.warns = append(s.warns, p)
	} else {
		s.probs = append(s.probs, p)
	}
}

// markerRow returns the row of t that begins a ttx export's tables (the
// marker, then a table's title row), or -1.
func markerRow(t *sheet.Table) int {
	for r, row := range t.Rows {
		if len(row) == 0 || strings.TrimSpace(row[0].Text) != markerName {
			continue
		}
		if n := slices.IndexFunc(t.Rows[r+1:], func(row []sheet.Cell) bool { return !blank(row) }); n >= 0 && sectionHeads[strings.TrimSpace(t.Rows[r+1+n][0].Text)] != nil {
			return r
		}
	}
	return -1
}

// splitBook takes a ttx export's Scenario sheet out of b, into opts.
func splitBook(b *sheet.Book, opts Options) (*sheet.Book, Options) {
	for i, t := range b.Sheets {
		if r := markerRow(t); r >= 0 && len(b.Sheets) > 1 && blank(slices.Concat(t.Rows[:r]...)) {
			opts.settings = readSettings(t, r, true)
			return &sheet.Book{File: b.File, Sheets: slices.Delete(slices.Clone(b.Sheets), i, i+1)}, opts
		}
	}
	return b, opts
}

// withSettings cuts a CSV export's tables off the MSEL, and lets them give
// the title and start that the options do not.
func withSettings(t *sheet.Table, opts Options) (*sheet.Table, Options) {
	if r := markerRow(t); opts.settings == nil && r > 0 {
		opts.settings = readSettings(t, r, false)
		t = &sheet.Table{File: t.File, Sheet: t.Sheet, Rows: t.Rows[:r]}
	}
	if s := opts.settings; s != nil {
		// The file's name is only the title ttx import gives a sheet that
		// names none.
		if title := text.Line(s.vals["title"], 0); title != "" && (opts.Title == "" || opts.Title == strings.TrimSuffix(t.File, filepath.Ext(t.File))) {
			opts.Title = title
		}
		if v := strings.TrimSpace(s.vals["start"]); opts.Start == "" && v != "" {
			st, _, err := clock.Start(v)
			switch {
			case err != nil:
				s.problem(false, s.rowOf["start"], 1, "%v", err)
			case !validStart(v):
				// as a spreadsheet shows it (9:00 AM): as a scenario writes it
				if v = st.Format("15:04"); st.Year() > 1 {
					v = st.Format("2006-01-02 15:04")
				}
				fallthrough
			default:
				opts.Start = v
			}
		}
	}
	return t, opts
}

// readSettings reads the tables below the marker row of t.
func readSettings(t *sheet.Table, from int, own bool) *settings {
	s := &settings{t: t, own: own, vals: map[string]string{}, rowOf: map[string]int{}, tables: map[string][][3]string{}}
	section, head := "", false
	seen := map[string]int{}
	for r := from + 1; r < len(t.Rows); r++ {
		row := t.Rows[r]
		v := func(c int) string {
			if c < len(row) {
				return row[c].Text
			}
			return ""
		}
		switch id := strings.TrimSpace(v(0)); {
		case blank(row):
		case sectionHeads[id] != nil && blank(row[1:]):
			section, head = id, true
			if _, ok := s.tables[id]; !ok {
				s.tables[id] = nil // present, even with no rows
			}
		case section == "!": // under a table whose header row is wrong
		case section == "":
			s.problem(false, r, 0, "this row is under no table; write it in the Settings, Teams, Objectives or Branches table")
		case head:
			head = false
			for c, h := range sectionHeads[section] {
				if Normalize(v(c)) != Normalize(h) {
					s.problem(false, r, c, "the %s table's columns are %s; keep that header row as ttx export wrote it", section, strings.Join(sectionHeads[section], ", "))
					section = "!"
					break
				}
			}
		case section == "Settings":
			if k := Normalize(id); slices.Contains([]string{"title", "summary", "start", "duration"}, k) {
				s.vals[k], s.rowOf[k] = v(1), r
			} else {
				s.problem(true, r, 0, "setting %q is not one ttx reads (Title, Summary, Start, Duration); ignored", id)
			}
		default:
			what := map[string]string{"Teams": "team", "Objectives": "objective", "Branches": "branch"}[section]
			if id == "" && section == "Branches" && len(s.branches) > 0 {
				id = s.branches[len(s.branches)-1].ID // the branch above
			} else if first, dup := seen[section+id]; dup && section != "Branches" {
				s.problem(false, r, 0, "%s id %q is used again (first at row %d); give each its own", what, id, first+1)
			} else if !validID.MatchString(id) {
				s.problem(false, r, 0, "%s id %q must be letters, digits, - or _ (no spaces or dots), and is needed", what, id)
			}
			seen[section+id] = r
			if section != "Branches" {
				s.tables[section] = append(s.tables[section], [3]string{id, v(1), v(2)})
				continue
			}
			n := slices.IndexFunc(s.branches, func(b scenario.Branch) bool { return b.ID == id })
			if n < 0 {
				s.branches, n = append(s.branches, scenario.Branch{ID: id}), len(s.branches)
			}
			b := &s.branches[n]
			if b.Title == "" && b.After == "" {
				b.Title, b.After = text.Line(v(1), 0), strings.TrimSpace(v(2))
			}
			if opt := strings.TrimSpace(v(3)); opt != "" || strings.TrimSpace(v(4)) != "" {
				b.Options = append(b.Options, scenario.Option{ID: opt, Label: text.Line(v(4), 0)})
			}
		}
	}
	return s
}

// applySettings reads the Requires column and, for a ttx export, gives
// the scenario its tables: summary and duration; teams, objectives and
// branches by id, the MSEL's names mapped back to them; and each inject's
// cells as written, which the import of a planner's sheet would tidy.
func (im *importer) applySettings(sc *scenario.Scenario) {
	s := im.opts.settings
	if sc == nil {
		return
	}
	for i := range sc.Injects {
		reqs := strings.FieldsFunc(im.cellText(i, FieldRequires), func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) })
		if len(reqs) > 0 && s == nil {
			// Without a Branches table no requirement can be met.
			r, c := im.rowOf[i], im.col[FieldRequires]
			im.res.Warnings = append(im.res.Warnings, Problem{Where: im.t.Where(r, c), Row: r, Col: c,
				Msg: "warning: the requires column names branch options, but the sheet has no Branches table (as a ttx export has); the column is not read: add branches: and requires: to the YAML"})
			break
		} else if len(reqs) > 0 {
			sc.Injects[i].Requires = reqs
		}
	}
	if s == nil {
		return
	}
	im.res.Problems, im.res.Warnings = append(im.res.Problems, s.probs...), append(im.res.Warnings, s.warns...)
	if _, ok := s.vals["summary"]; ok {
		sc.Summary = text.Clean(s.vals["summary"], 0)
	}
	if d := strings.TrimSpace(s.vals["duration"]); d != "" {
		sc.Duration = d
	}
	for i := range sc.Injects {
		in, cell := &sc.Injects[i], func(f string) string { return im.cellText(i, f) }
		if id := strings.TrimSpace(cell(FieldID)); validID.MatchString(id) {
			in.ID = id
		}
		if v := text.Line(cell(FieldTitle), 0); v != "" {
			in.Title = v
		}
		in.From, in.Channel = text.Line(cell(FieldFrom), 0), text.Line(cell(FieldChannel), 0)
		in.Body, in.Expected, in.Notes = text.Clean(cell(FieldBody), 0), text.Clean(cell(FieldExpected), 0), text.Clean(cell(FieldNotes), 0)
		// An offset keeps the form it was written in (1h05m).
		at := strings.TrimPrefix(strings.TrimSpace(cell(FieldAt)), "T+")
		if d, err := scenario.ParseOffset(at); err == nil && in.At != "" {
			if e, err := scenario.ParseOffset(in.At); err == nil && d == e {
				in.At = at
			}
		}
	}
	if rows, ok := s.tables["Teams"]; ok {
		all := im.mapIDs(sc, FieldTo, rows)
		sc.Teams = nil
		for _, e := range all {
			sc.Teams = append(sc.Teams, scenario.Team{ID: e[0], Name: text.Line(e[1], 0), Description: text.Clean(e[2], 0)})
		}
	}
	if rows, ok := s.tables["Objectives"]; ok {
		all := im.mapIDs(sc, FieldObjectives, rows)
		sc.Objectives = nil
		for _, e := range all {
			sc.Objectives = append(sc.Objectives, scenario.Objective{ID: e[0], Text: text.Clean(e[1], 0), Capability: text.Line(e[2], 0)})
		}
	}
	if _, ok := s.tables["Branches"]; ok {
		sc.Branches = s.branches
	}
}

// mapIDs gives each inject the recipients (field to) or objectives of an
// export's table, as its cell names them, one a line: by name, id or
// "ID: text". Where a cell names one the table lacks, the import's own
// reading of it is mapped to the table where it can be, and the rest are
// added to the table, each with a warning. It returns the table.
func (im *importer) mapIDs(sc *scenario.Scenario, field string, table [][3]string) [][3]string {
	look := func(p string) (string, bool) {
		if field == FieldTo && (p == "All" || p == scenario.AllTeams) {
			return scenario.AllTeams, true
		}
		id, _, _ := strings.Cut(p, ":")
		i := slices.IndexFunc(table, func(e [3]string) bool { return text.Line(e[1], 0) == p || e[0] == p || e[0] == strings.TrimSpace(id) })
		if i < 0 {
			i = slices.IndexFunc(table, func(e [3]string) bool { return Normalize(e[1]) == Normalize(p) || Normalize(e[0]) == Normalize(p) })
		}
		if i < 0 {
			return "", false
		}
		return table[i][0], true
	}
	name := func(id string) string { // as the import read it
		for _, t := range sc.Teams {
			if t.ID == id && field == FieldTo {
				return t.Name
			}
		}
		for _, o := range sc.Objectives {
			if o.ID == id && field != FieldTo {
				return o.Text
			}
		}
		return id
	}
	known, rows := len(table), map[string][]int{} // new id -> the rows that name it
	for i := range sc.Injects {
		list := &sc.Injects[i].Objectives
		if field == FieldTo {
			list = (*[]string)(&sc.Injects[i].To)
		}
		ids, ok := cellIDs(im.cellText(i, field), look)
		for _, id := range *list {
			if ok {
				break
			}
			nid, found := look(name(id))
			if !found {
				nid, found = look(id)
			}
			if id == scenario.AllTeams && field == FieldTo {
				nid, found = id, true
			}
			if !found { // a name the table lacks
				nid, table = id, append(table, [3]string{id, name(id)})
			}
			if !slices.Contains(ids, nid) {
				ids = append(ids, nid)
			}
		}
		for _, id := range ids {
			if slices.IndexFunc(table, func(e [3]string) bool { return e[0] == id }) >= known {
				rows[id] = append(rows[id], im.rowOf[i]+1)
			}
		}
		*list = ids
	}
	what, c := map[string]string{FieldTo: "team", FieldObjectives: "objective"}[field], max(im.col[field], 0)
	for _, e := range table[known:] {
		r := rows[e[0]]
		im.res.Warnings = append(im.res.Warnings, Problem{Where: im.t.Where(r[0]-1, c), Row: r[0] - 1, Col: c, Msg: fmt.Sprintf(
			"warning: %s %q (row %s) is not in the %ss table: imported as a new %s %q; add it to that table to give it an id of your own",
			what, e[1], strings.Trim(strings.Join(strings.Fields(fmt.Sprint(r)), ", "), "[]"), strings.ToUpper(what[:1])+what[1:], what, e[0])})
	}
	return table
}

// cellText is the text of inject i's cell in field, as written.
func (im *importer) cellText(i int, field string) string {
	if c, row := im.col[field], im.t.Rows[im.rowOf[i]]; c >= 0 && c < len(row) {
		return row[c].Text
	}
	return ""
}

// cellIDs reads a cell of names or ids, one a line, each of which look
// must know.
func cellIDs(cell string, look func(string) (string, bool)) (ids []string, ok bool) {
	for _, line := range strings.Split(cell, "\n") {
		if line = text.Line(line, 0); line == "" {
			continue
		}
		id, ok := look(line)
		if !ok {
			return nil, false
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, len(ids) > 0
}

func validStart(s string) bool {
	_, _, err := scenario.ParseStart(s)
	return err == nil
}
