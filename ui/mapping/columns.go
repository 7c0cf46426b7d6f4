package mapping

import (
	"github.com/xuri/excelize/v2"
	"regexp"
	"slices"
	"strings"

	"ttx/exercise/msel"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/text"
)

// samples is how many of a column's cells the screen shows.
const samples = 3

// column is one column of the sheet as the screen shows it.
type column struct {
	index   int    // from 0
	letter  string // A, B … AA
	header  string // as the sheet writes it, escaped
	key     string // its key in Options.Map
	field   string // "" when ignored
	why     string // why it is ignored
	samples []string
	filled  bool // some cell below the header is not blank
}

// fieldName is the column's field, "ignore" when it has none.
func (c column) fieldName() string {
	if c.field == "" {
		return msel.FieldIgnore
	}
	return c.field
}

// fields are the choices a column cycles through, ignore last.
var fields = append(append([]string{}, msel.Fields...), msel.FieldIgnore)

// fieldHelp says in a few words what each field is.
var fieldHelp = map[string]string{
	msel.FieldID: "the inject's number", msel.FieldAt: "when it is delivered",
	msel.FieldFrom: "who sends it", msel.FieldTo: "the team(s) it goes to",
	msel.FieldChannel: "how: phone, email …", msel.FieldTitle: "its short title",
	msel.FieldBody: "what it says", msel.FieldExpected: "what players should do",
	msel.FieldObjectives: "objectives it tests", msel.FieldNotes: "controller notes",
	msel.FieldRequires: "branch options it needs", msel.FieldDate: "the day, beside a time",
	msel.FieldStatus: "omitted / cancelled rows", msel.FieldIgnore: "not imported",
}

// Letter names a column as a spreadsheet does: 0 is A, 26 is AA.
func Letter(c int) string {
	l, _ := excelize.ColumnNumberToName(c + 1)
	return l
}

// sheetOf is the sheet res was read from: the one opts names, else the
// first whose header row res's columns match (the first of several, with
// --sheet all), else the first.
func sheetOf(b *sheet.Book, opts msel.Options, res msel.Result) *sheet.Table {
	if t := b.Sheet(opts.Sheet); t != nil {
		return t
	}
	if len(b.Sheets) == 0 {
		return &sheet.Table{File: b.File}
	}
	for _, t := range b.Sheets {
		if len(res.Columns) > 0 && matches(t, res) >= 0 {
			return t
		}
	}
	return b.Sheets[0]
}

// matches returns the row of t whose cells are res's column headers, or
// -1.
func matches(t *sheet.Table, res msel.Result) int {
	for r := 0; r < len(t.Rows) && r < 20 && len(res.Columns) > 0; r++ {
		all := true
		for _, c := range res.Columns {
			if c.Column >= len(t.Rows[r]) || strings.TrimSpace(t.Rows[r][c.Column].Text) != c.Header {
				all = false
			}
		}
		if all {
			return r
		}
	}
	return -1
}

// headerRow is the row res took its columns from, or, when it found none,
// the top row with the most cells filled in (a title above the table has
// one): the planner names its columns.
// It is noHeader for a sheet that has none: ttx read it by its column
// letters, or its fullest top row holds data (a time, a number).
func headerRow(t *sheet.Table, res msel.Result) int {
	if r := matches(t, res); r >= 0 {
		return r
	}
	if len(res.Columns) > 0 {
		if !slices.ContainsFunc(res.Columns, func(c msel.Mapping) bool { return c.Header != "" }) {
			return noHeader
		}
		return -1
	}
	best, most := -1, 0
	for r := 0; r < len(t.Rows) && r < 20; r++ {
		filled := 0
		for _, c := range t.Rows[r] {
			if strings.TrimSpace(c.Text) != "" {
				filled++
			}
		}
		if filled > most {
			best, most = r, filled
		}
	}
	if best >= 0 && slices.ContainsFunc(t.Rows[best], func(c sheet.Cell) bool { return c.IsNum || dataLike.MatchString(strings.TrimSpace(c.Text)) }) {
		return noHeader
	}
	return best
}

// noHeader is headerRow's answer for a sheet with no header row.
const noHeader = -2

// dataLike is a cell no header holds: a number or a time (1, 09:00, 0930).
var dataLike = regexp.MustCompile(`^[0-9][0-9:.,/+ -]*$`)

// columnsOf lists the sheet's named columns, with what res made of each;
// before res found a header row, with the field named for each in
// fields, which is what it will be once it does.
func columnsOf(t *sheet.Table, res msel.Result, fields map[string]string) []column {
	hdr := headerRow(t, res)
	if hdr == noHeader {
		return letteredColumns(t, res, fields)
	}
	if hdr < 0 {
		return nil
	}
	made := map[int]msel.Mapping{}
	for _, c := range res.Columns {
		made[c.Column] = c
	}
	var cols []column
	for i, cell := range t.Rows[hdr] {
		h := strings.TrimSpace(cell.Text)
		if h == "" {
			continue
		}
		m, ok := made[i]
		if f := fields[sheet.Normalize(h)]; !ok && len(res.Columns) == 0 && f != "" && f != msel.FieldIgnore {
			m.Field = f
		} else if !ok {
			m.Why = "not an MSEL column ttx knows"
		}
		c := column{index: i, letter: Letter(i), header: show(h), key: sheet.Normalize(h), field: m.Field, why: show(onScreen(m.Why))}
		for r := hdr + 1; r < len(t.Rows); r++ {
			if i < len(t.Rows[r]) {
				if s := show(t.Rows[r][i].Text); s != "" {
					c.filled = true
					if len(c.samples) < samples {
						c.samples = append(c.samples, s)
					}
				}
			}
		}
		cols = append(cols, c)
	}
	return cols
}

// letteredColumns lists the columns of a sheet with no header row by
// their letters, every row a sample; a field chosen for one is kept by
// its letter (msel.MapKey), as --map 'A=id' names it.
func letteredColumns(t *sheet.Table, res msel.Result, fields map[string]string) []column {
	made := map[int]msel.Mapping{}
	for _, c := range res.Columns {
		made[c.Column] = c
	}
	width := 0
	for _, row := range t.Rows {
		width = max(width, len(row))
	}
	var cols []column
	for i := range width {
		l := Letter(i)
		m, ok := made[i]
		if f := fields[msel.MapKey(l)]; !ok && f != "" && f != msel.FieldIgnore {
			m.Field = f
		} else if !ok {
			m.Why = "a column with no header: choose its field"
		}
		c := column{index: i, letter: l, header: "", key: msel.MapKey(l), field: m.Field, why: show(onScreen(m.Why))}
		for _, row := range t.Rows {
			if i < len(row) {
				if s := show(row[i].Text); s != "" {
					c.filled = true
					if len(c.samples) < samples {
						c.samples = append(c.samples, s)
					}
				}
			}
		}
		if c.filled {
			cols = append(cols, c)
		}
	}
	return cols
}

// onScreen drops from why a column was left out the advice to use
// --map, which the screen itself does instead.
func onScreen(why string) string {
	if i := strings.LastIndex(why, " ("); i > 0 && strings.HasSuffix(why, ")") && strings.Contains(why[i:], "--map") {
		return why[:i]
	}
	return why
}

// show makes text from the sheet one line that is safe to draw: a cell
// is hostile until shown otherwise, and an escape sequence in it is
// drawn as \u001b, never sent to the terminal.
func show(s string) string {
	return text.Escape(strings.Join(strings.Fields(s), " "))
}
