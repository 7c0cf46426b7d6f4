package export

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// A ttx export keeps what a scenario holds beyond its injects in tables
// that begin at a marker row (Marker in the first cell): in an XLSX on
// a sheet of their own, in a CSV below the MSEL. Each table is a title row
// (a key of heads), a header row with those columns, and its rows.

// Marker is the first cell of the row the tables begin at.
const Marker = "ttx scenario"

// heads are the tables and their columns, in order.
var heads = map[string][]string{
	"Settings": {"Setting", "Value"}, "Teams": {"ID", "Name", "Description"}, "Objectives": {"ID", "Text", "Capability"},
	"Branches":         {"Branch", "Question", "After inject", "Option", "Label"},
	"Evaluation guide": {"Objective", "Target", "Task", "Text"},
	"Simulated":        {"ID", "Name"},
}

var validID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// ValidID reports whether s may be the id of a team, objective, branch or
// inject in a ttx export's tables: letters, digits, - and _.
func ValidID(s string) bool { return validID.MatchString(s) }

// Settings is what a ttx export's tables hold, as read back.
type Settings struct {
	// Values are the Settings table's title, summary, start and duration;
	// RowOf is each one's row.
	Values map[string]string
	RowOf  map[string]int
	// Lists are the Teams, Objectives and Simulated tables, present when
	// the export has them, even empty: id, name or text, description or
	// capability.
	Lists    map[string][][3]string
	Branches []scenario.Branch
	// Overview is the exercise overview's rows of the Settings table (nil
	// when it has none); Guide the Evaluation guide table's capability
	// targets, by objective id.
	Overview *scenario.Overview
	Guide    map[string][]scenario.Target
	// Notes are the mistakes found in the tables, at their cells.
	Notes []Note
}

// Note is a problem (or, with Warn, a warning) at a cell of the tables.
type Note struct {
	Row, Col int
	Warn     bool
	Msg      string
}

func (s *Settings) note(warn bool, r, c int, format string, args ...any) {
	s.Notes = append(s.Notes, Note{Row: r, Col: c, Warn: warn, Msg: fmt.Sprintf(format, args...)})
}

// Find returns the row of t that begins a ttx export's tables (the
// marker, then a table's title row), or -1.
func Find(t *sheet.Table) int {
	for r, row := range t.Rows {
		if len(row) == 0 || strings.TrimSpace(row[0].Text) != Marker {
			continue
		}
		if n := slices.IndexFunc(t.Rows[r+1:], func(row []sheet.Cell) bool { return !sheet.Blank(row) }); n >= 0 && heads[strings.TrimSpace(t.Rows[r+1+n][0].Text)] != nil {
			return r
		}
	}
	return -1
}

// Read reads the tables below the marker row from of t. A mistake in
// them is a note at its cell, and the row is not read.
func Read(t *sheet.Table, from int) *Settings {
	s := &Settings{Values: map[string]string{}, RowOf: map[string]int{}, Lists: map[string][][3]string{}}
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
		case sheet.Blank(row):
		case heads[id] != nil && sheet.Blank(row[1:]):
			section, head = id, true
			if _, ok := s.Lists[id]; !ok {
				s.Lists[id] = nil // present, even with no rows
			}
		case section == "!": // under a table whose header row is wrong
		case section == "":
			s.note(false, r, 0, "this row is under no table; write it in the Settings, Teams, Objectives, Branches or Evaluation guide table")
		case head:
			head = false
			for c, h := range heads[section] {
				if sheet.Normalize(v(c)) != sheet.Normalize(h) {
					s.note(false, r, c, "the %s table's columns are %s; keep that header row as ttx export wrote it", section, strings.Join(heads[section], ", "))
					section = "!"
					break
				}
			}
		case section == "Settings":
			if k := sheet.Normalize(id); slices.Contains([]string{"title", "summary", "start", "duration"}, k) {
				s.Values[k], s.RowOf[k] = v(1), r
			} else if !s.setOverview(k, v(1)) {
				s.note(true, r, 0, "setting %q is not one ttx reads (Title, Summary, Start, Duration, or the overview's Dates … Handling); ignored", id)
			}
		case section == "Evaluation guide":
			s.guideRow(r, id, strings.TrimSpace(v(1)), strings.TrimSpace(v(2)), v(3))
		default:
			what := map[string]string{"Teams": "team", "Objectives": "objective", "Branches": "branch", "Simulated": "simulated organisation"}[section]
			if id == "" && section == "Branches" && len(s.Branches) > 0 {
				id = s.Branches[len(s.Branches)-1].ID // the branch above
			} else if first, dup := seen[section+id]; dup && section != "Branches" {
				s.note(false, r, 0, "%s id %q is used again (first at row %d); give each its own", what, id, first+1)
			} else if !ValidID(id) {
				s.note(false, r, 0, "%s id %q must be letters, digits, - or _ (no spaces or dots), and is needed", what, id)
			}
			seen[section+id] = r
			if section != "Branches" {
				s.Lists[section] = append(s.Lists[section], [3]string{id, v(1), v(2)})
				continue
			}
			n := slices.IndexFunc(s.Branches, func(b scenario.Branch) bool { return b.ID == id })
			if n < 0 {
				s.Branches, n = append(s.Branches, scenario.Branch{ID: id}), len(s.Branches)
			}
			b := &s.Branches[n]
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
