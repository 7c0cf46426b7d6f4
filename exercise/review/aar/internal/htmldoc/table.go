package htmldoc

import (
	"strconv"
	"strings"

	"ttx/exercise/review/aar/internal/section"
)

// blankRows is how many rows a table to fill in (no rows, no Empty) gets
// to write in.
const blankRows = 3

// From wideColumns columns a table prints in a smaller type, and from
// widerColumns smaller still, so that every column stays on the page.
// A table of more than splitColumns columns whose last columns are
// figures (a column per team) is split into tables that each repeat the
// first columns and take at most splitData of the others.
const (
	wideColumns  = 6
	widerColumns = 10
	splitColumns = 8
	splitData    = 5
)

// Table writes a table with its head in a <thead>, which a browser
// repeats on every printed page the table runs onto. Its columns take
// their shares of the page (Shares); a table of many columns is set
// smaller, or split. A row is never split across pages, a table may be.
// A table whose headings are all empty is a list of items and values:
// no head, the first column as row headings.
func Table(w Writer, t *section.Table) {
	if t.Empty != "" && !hasRows(t) {
		w.WriteString(`<p class="empty">` + lines(t.Empty) + "</p>\n")
		return
	}
	cols := len(t.Head)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	keys := 0
	for keys < cols && !(keys < len(t.Right) && t.Right[keys]) {
		keys++
	}
	if cols <= splitColumns || keys == 0 || keys >= cols-1 {
		table(w, t, identity(cols))
		return
	}
	data := cols - keys
	parts := (data + splitData - 1) / splitData
	for i := range parts {
		lo, hi := keys+i*data/parts, keys+(i+1)*data/parts
		pick := identity(keys)
		for c := lo; c < hi; c++ {
			pick = append(pick, c)
		}
		w.WriteString(`<p class="split">Part ` + strconv.Itoa(i+1) + " of " + strconv.Itoa(parts) + " of the table: " +
			Esc(head(t, lo)) + " to " + Esc(head(t, hi-1)) + ".</p>\n")
		table(w, t, pick)
	}
}

// table writes the columns pick of t (by index, in order).
func table(w Writer, t *section.Table, pick []int) {
	cols := len(pick)
	sub := &section.Table{Rows: sample(t, pick)}
	for _, c := range pick {
		sub.Head = append(sub.Head, head(t, c))
		if len(t.Widths) == len(t.Head) && c < len(t.Widths) {
			sub.Widths = append(sub.Widths, t.Widths[c])
		}
	}
	if len(sub.Widths) != cols {
		sub.Widths = nil
	}
	headless := strings.Join(sub.Head, "") == ""
	w.WriteString(`<table class="doc`)
	switch {
	case headless:
		w.WriteString(` items`)
	case cols >= widerColumns:
		w.WriteString(` wide wider`)
	case cols >= wideColumns:
		w.WriteString(` wide`)
	}
	w.WriteString(`"><colgroup>`)
	for _, share := range Shares(sub, cols) {
		w.WriteString(`<col style="width:` + strconv.FormatFloat(100*share, 'f', 1, 64) + `%">`)
	}
	w.WriteString("</colgroup>")
	right := func(c int) bool { return c < len(t.Right) && t.Right[c] }
	if !headless {
		w.WriteString("<thead><tr>")
		for _, c := range pick {
			w.WriteString(`<th scope="col"`)
			if right(c) {
				w.WriteString(` class="num"`)
			}
			w.WriteString(">" + lines(head(t, c)) + "</th>")
		}
		w.WriteString("</tr></thead>")
	}
	w.WriteString("\n<tbody>\n")
	write := func(w Writer, r []section.Cell) { writeRow(w, r, pick, right, headless) }
	var any bool
	if t.More != nil {
		any = writeRows(w, t.All(), write)
	} else {
		for _, r := range t.Rows {
			any = true
			write(w, r)
		}
	}
	if !any {
		for range blankRows {
			writeRow(w, nil, pick, right, headless)
		}
	}
	w.WriteString("</tbody></table>\n")
}

func writeRow(w Writer, r []section.Cell, pick []int, right func(int) bool, headless bool) {
	w.WriteString("<tr")
	if blank(r) {
		w.WriteString(` class="blank"`)
	}
	w.WriteString(">")
	for i, c := range pick {
		cell, end := "<td", "</td>"
		if headless && i == 0 {
			cell, end = `<th scope="row"`, "</th>"
		}
		w.WriteString(cell)
		if right(c) {
			w.WriteString(` class="num"`)
		}
		w.WriteString(">")
		if c < len(r) {
			Spans(w, r[c])
		}
		w.WriteString(end)
	}
	w.WriteString("</tr>\n")
}

// sampleRows is how many of a table's rows its column widths are worked
// out from: enough to see what the columns hold, without reading the
// whole of a long session's timeline twice.
const sampleRows = 200

// sample is the first sampleRows rows of t, the columns pick of each.
func sample(t *section.Table, pick []int) [][]section.Cell {
	var out [][]section.Cell
	for r := range t.All() {
		row := make([]section.Cell, len(pick))
		for i, c := range pick {
			if c < len(r) {
				row[i] = r[c]
			}
		}
		out = append(out, row)
		if len(out) == sampleRows {
			break
		}
	}
	return out
}

func hasRows(t *section.Table) bool {
	for range t.All() {
		return true
	}
	return false
}

func head(t *section.Table, c int) string {
	if c < len(t.Head) {
		return t.Head[c]
	}
	return ""
}

func identity(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
