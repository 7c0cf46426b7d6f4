package msel

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"ttx/exercise/msel/internal/names"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
)

// daySheet is a sheet named for a day of the exercise.
var daySheet = regexp.MustCompile(`(?i)\bday\s*\d|^d\s*\+\s*\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday`)

// ImportBook turns the chosen sheet (or sheets) of a workbook into a
// scenario: Options.Sheet names one, "all" reads every sheet that holds
// an MSEL into one scenario, and "" the first that holds one (cover and
// instruction sheets are passed over).
func ImportBook(b *sheet.Book, opts Options) Result {
	b, opts = splitBook(b, opts)
	named := b.Sheet(opts.Sheet)
	if i := slices.IndexFunc(b.Sheets, func(t *sheet.Table) bool { return strings.EqualFold(t.Sheet, opts.Sheet) }); named == nil && i >= 0 {
		named = b.Sheets[i]
	}
	all := named == nil && strings.EqualFold(opts.Sheet, "all")
	if opts.Sheet != "" && named == nil && !all {
		names := make([]string, len(b.Sheets))
		for i, s := range b.Sheets {
			names[i] = fmt.Sprintf("%q", s.Sheet)
		}
		return Result{Problems: Problems{{Where: b.File, Row: -1, Col: -1, Msg: fmt.Sprintf("no sheet %q; its sheets are %s, or all", opts.Sheet, strings.Join(names, ", "))}}}
	}
	// A sheet holds an MSEL when its header names three columns, one of
	// them a time, recipient, title or description, with rows below; if
	// none does, two columns, one a recipient, title or description.
	kinds := make([]int, len(b.Sheets))
	for i, t := range b.Sheets {
		im, n := &importer{t: t, opts: opts, res: &Result{}}, 0
		if im.hdr, n = im.findHeader(); n >= 2 && im.hdr < len(t.Rows)-1 {
			im.mapColumns()
			if key := max(im.col[FieldTo], im.col[FieldBody], im.col[FieldTitle]); n >= 3 && max(key, im.col[FieldAt]) >= 0 {
				kinds[i] = 2
			} else if key >= 0 {
				kinds[i] = 1
			}
		}
	}
	best := slices.Max(append(kinds, 0))
	var use []*sheet.Table
	var sheets Problems
	for i, t := range b.Sheets {
		why := "read"
		switch {
		case named != nil && t != named:
			why = "not read: --sheet names another"
		case named == nil && (kinds[i] < best || best == 0 && i > 0):
			why = "not read: it holds no MSEL (no header row naming a time, recipient or description, with rows below)"
		case named == nil && !all && len(use) > 0:
			why = fmt.Sprintf("not read: --sheet %q reads it, --sheet all reads every sheet", t.Sheet)
		default:
			use = append(use, t)
		}
		sheets = append(sheets, Problem{Where: b.File + ":" + t.Sheet, Row: -1, Col: -1, Msg: why})
	}
	res := importTables(use, opts)
	if len(b.Sheets) > 1 || opts.Sheet != "" {
		res.Sheets = sheets
	}
	return res
}

// Import turns a table into a scenario.
func Import(t *sheet.Table, opts Options) Result { return importTables([]*sheet.Table{t}, opts) }

// placed is where an inject came from.
type placed struct {
	im  *importer
	row int
}

func importTables(ts []*sheet.Table, opts Options) Result {
	var res Result
	if len(ts) == 0 {
		return Result{Problems: Problems{{Where: "(no file)", Row: -1, Col: -1, Msg: "the workbook has no sheets"}}}
	}
	if len(ts) > 1 && opts.Start == "" {
		// Sheets share one clock: it starts at the earliest sheet's start.
		alone := opts
		for _, t := range ts {
			if d := Import(t, alone).Draft; d != nil && d.Start != "" && (opts.Start == "" || len(d.Start) == len(opts.Start) && d.Start < opts.Start) {
				opts.Start = d.Start
			}
		}
	}
	var sc *scenario.Scenario
	var from []placed // inject index -> where it came from
	var first *importer
	for _, t := range ts {
		im := &importer{t: t, opts: opts, res: &res}
		part := im.read()
		if part == nil {
			continue
		}
		if len(ts) > 1 {
			for i := range part.Injects {
				part.Injects[i].Notes = strings.TrimSpace(part.Injects[i].Notes + "\nSheet: " + t.Sheet)
			}
		}
		if sc == nil {
			sc, first = part, im
		} else {
			im.merge(sc, part)
		}
		for _, r := range im.rowOf {
			from = append(from, placed{im, r})
			res.Rows = append(res.Rows, r)
		}
	}
	res.Draft = sc
	if sc == nil || len(res.Problems) > 0 {
		return res
	}
	// The locator numbers each place it is asked for; the problem's line
	// is that number.
	var at []Problem
	probs := scenario.Validate(sc, func(path ...any) (int, int) {
		p := Problem{Row: first.hdr, Col: 0, Where: first.t.Where(max(first.hdr, 0), 0)}
		if len(path) >= 2 {
			if i, ok := path[1].(int); ok && path[0] == "injects" && i < len(from) {
				im := from[i].im
				p.Row = from[i].row
				if len(path) >= 3 {
					if f, ok := path[2].(string); ok && im.col[f] >= 0 {
						p.Col = im.col[f]
					}
				}
				p.Where = im.t.Where(p.Row, p.Col)
			}
		}
		at = append(at, p)
		return len(at), 0
	})
	for _, pr := range probs {
		p := Problem{Where: first.t.Where(0, 0), Row: -1, Col: -1}
		if pr.Line > 0 && pr.Line <= len(at) {
			p = at[pr.Line-1]
		}
		p.Msg = pr.Msg
		if pr.Severity == scenario.Error {
			res.Problems = append(res.Problems, p)
		} else {
			p.Msg = "warning: " + p.Msg
			res.Warnings = append(res.Warnings, p)
		}
	}
	if len(res.Problems) == 0 {
		res.Scenario = sc
	}
	return res
}

// merge adds another sheet's teams, objectives and injects to sc; an
// inject number an earlier sheet already used gets this sheet's name in
// front, with a warning.
func (im *importer) merge(sc, part *scenario.Scenario) {
	n := len(sc.Injects)
	for _, t := range part.Teams {
		if !slices.ContainsFunc(sc.Teams, func(u scenario.Team) bool { return u.ID == t.ID }) {
			sc.Teams = append(sc.Teams, t)
		}
	}
	for _, o := range part.Objectives {
		i := slices.IndexFunc(sc.Objectives, func(p scenario.Objective) bool { return p.ID == o.ID })
		if i < 0 {
			sc.Objectives = append(sc.Objectives, o)
		} else if sc.Objectives[i].Text != o.Text {
			im.warn(im.objs[o.ID], im.col[FieldObjectives], "objective %s is %q on this sheet but %q on an earlier one; kept the earlier", o.ID, o.Text, sc.Objectives[i].Text)
		}
	}
	for i, in := range part.Injects {
		if slices.ContainsFunc(sc.Injects, func(j scenario.Inject) bool { return j.ID == in.ID }) {
			old := in.ID
			in.ID = strings.Trim(names.ID(im.t.Sheet), "-") + "-" + old
			im.warn(im.rowOf[i], max(im.col[FieldID], 0), "inject number %q is also on an earlier sheet; here it is %q", old, in.ID)
		}
		sc.Injects = append(sc.Injects, in)
	}
	a, _ := scenario.ParseOffset(sc.Duration)
	if b, err := scenario.ParseOffset(part.Duration); err == nil && b > a {
		sc.Duration = part.Duration
	}
	// Sheets named for days whose times overlap are most likely days
	// written as times of day only: say so rather than run them at once.
	begin, end := time.Duration(1<<62), time.Duration(-1)
	for i, in := range sc.Injects {
		if d, err := scenario.ParseOffset(in.At); err == nil && in.At != "" && i < n {
			end = max(end, d)
		} else if err == nil && in.At != "" {
			begin = min(begin, d)
		}
	}
	if daySheet.MatchString(im.t.Sheet) && begin < end {
		im.warn(im.hdr, max(im.col[FieldAt], 0), "sheet %q starts at T+%s, before the earlier sheets end: if it is another day, write the day in its times (D+1 09:00) or add a date column", im.t.Sheet, scenario.FormatOffset(begin))
	}
}
