package msel

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"ttx/exercise/msel/internal/clock"
	"ttx/exercise/msel/sheet"
)

// letters reports whether --map names columns by letter.
func (im *importer) letters() bool {
	return slices.ContainsFunc(slices.Collect(maps.Keys(im.opts.Map)), func(k string) bool { return strings.HasPrefix(k, letterKey) })
}

// field recognises a header: by --map, by its name, or by its words; a
// header whose words point both to a time and to something else is
// settled by column c's cells (c < 0: not at all).
func (im *importer) field(h string, c int) (field string, sure bool, how string) {
	n := sheet.Normalize(h)
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
func numbers(rows [][]sheet.Cell, c int) bool {
	n := 0
	for _, row := range rows {
		if s := strings.TrimSpace(textAt(row, c)); s != "" {
			if !inject.MatchString(s) {
				return false
			}
			n++
		}
	}
	return n > 0
}

var inject = regexp.MustCompile(`^[A-Za-z]{0,8}[ #.-]*\d{1,4}[A-Za-z]?$`)

func textAt(row []sheet.Cell, c int) string {
	if c < len(row) {
		return row[c].Text
	}
	return ""
}

// timeLike reports whether a cell reads as a time (not a bare count).
func timeLike(c sheet.Cell) bool {
	s := strings.TrimSpace(c.Text)
	_, err := clock.Parse(c)
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
	var hdr []sheet.Cell
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
				im.warn(im.hdr, c, "column %s: %d filled cells with no header are not imported; name it with --map %s=field", letter, n, letter)
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
		if nd > 0 {
			im.warn(im.hdr, cols[drop].Column, "%q: %d filled cells are not imported, since %q is the %s column; choose with --map", cols[drop].Header, nd, cols[keep].Header, f)
		}
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
	for k := range im.opts.Map { // a --map name no column answers is a typo
		if !slices.ContainsFunc(cols, func(m Mapping) bool {
			l, _ := excelize.ColumnNumberToName(m.Column + 1)
			return k == sheet.Normalize(m.Header) || k == letterKey+l
		}) {
			im.warn(max(im.hdr, 0), -1, "--map %s: no column of this sheet is %s; check its spelling", strings.TrimPrefix(k, letterKey), strings.TrimPrefix(k, letterKey))
		}
	}
}
