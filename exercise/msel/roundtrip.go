package msel

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"ttx/exercise/msel/export"
	"ttx/exercise/msel/internal/clock"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// settings is what a ttx export's tables hold (export.Read), with their
// problems placed on the sheet they are on.
type settings struct {
	*export.Settings
	t            *sheet.Table
	own          bool // the tables have a sheet of their own
	probs, warns Problems
}

// readSettings reads the tables below the marker row of t.
func readSettings(t *sheet.Table, from int, own bool) *settings {
	s := &settings{Settings: export.Read(t, from), t: t, own: own}
	for _, n := range s.Notes {
		s.problem(n.Warn, n.Row, n.Col, "%s", n.Msg)
	}
	return s
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

// splitBook takes a ttx export's Scenario sheet out of b, into opts.
func splitBook(b *sheet.Book, opts Options) (*sheet.Book, Options) {
	for i, t := range b.Sheets {
		if r := export.Find(t); r >= 0 && len(b.Sheets) > 1 && sheet.Blank(slices.Concat(t.Rows[:r]...)) {
			opts.settings = readSettings(t, r, true)
			return &sheet.Book{File: b.File, Sheets: slices.Delete(slices.Clone(b.Sheets), i, i+1)}, opts
		}
	}
	return b, opts
}

// withSettings cuts a CSV export's tables off the MSEL, and lets them give
// the title and start that the options do not.
func withSettings(t *sheet.Table, opts Options) (*sheet.Table, Options) {
	if r := export.Find(t); opts.settings == nil && r > 0 {
		opts.settings = readSettings(t, r, false)
		t = &sheet.Table{File: t.File, Sheet: t.Sheet, Rows: t.Rows[:r]}
	}
	if s := opts.settings; s != nil {
		// The file's name is only the title ttx import gives a sheet that
		// names none.
		if title := text.Line(s.Values["title"], 0); title != "" && opts.Title == "" {
			opts.Title = title
		}
		if v := strings.TrimSpace(s.Values["start"]); opts.Start == "" && v != "" {
			st, _, err := clock.Start(v)
			switch {
			case err != nil:
				s.problem(false, s.RowOf["start"], 1, "%v", err)
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
	if _, ok := s.Values["summary"]; ok {
		sc.Summary = text.Clean(s.Values["summary"], 0)
	}
	if d := strings.TrimSpace(s.Values["duration"]); d != "" {
		sc.Duration = d
	}
	for i := range sc.Injects {
		in, cell := &sc.Injects[i], func(f string) string { return im.cellText(i, f) }
		if id := strings.TrimSpace(cell(FieldID)); export.ValidID(id) {
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
	if rows, ok := s.Lists["Teams"]; ok {
		all := im.mapIDs(sc, FieldTo, rows)
		sc.Teams = nil
		for _, e := range all {
			sc.Teams = append(sc.Teams, scenario.Team{ID: e[0], Name: text.Line(e[1], 0), Description: text.Clean(e[2], 0)})
		}
	}
	if rows, ok := s.Lists["Objectives"]; ok {
		all := im.mapIDs(sc, FieldObjectives, rows)
		sc.Objectives = nil
		for _, e := range all {
			sc.Objectives = append(sc.Objectives, scenario.Objective{ID: e[0], Text: text.Clean(e[1], 0), Capability: text.Line(e[2], 0)})
		}
	}
	if _, ok := s.Lists["Branches"]; ok {
		sc.Branches = s.Branches
	}
	sc.Overview = s.Overview
	for i := range sc.Objectives {
		sc.Objectives[i].Targets = s.Guide[sc.Objectives[i].ID]
	}
	for _, e := range s.Lists["Simulated"] {
		sc.Simulated = append(sc.Simulated, scenario.Organisation{ID: e[0], Name: text.Line(e[1], 0)})
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
			i = slices.IndexFunc(table, func(e [3]string) bool {
				return sheet.Normalize(e[1]) == sheet.Normalize(p) || sheet.Normalize(e[0]) == sheet.Normalize(p)
			})
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
