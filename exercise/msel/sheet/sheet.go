// Package sheet reads the spreadsheets planners keep their MSELs in (CSV
// in any locale's form, XLSX with its number cells and merged cells) into
// tables of cells, as a spreadsheet program shows them; it knows nothing
// of MSELs.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"ttx/exercise/text"
)

// Cell is one spreadsheet cell's text. Num is set for an XLSX cell that
// holds a number (Excel keeps times as fractions of a day).
type Cell struct {
	Text  string
	Num   float64
	IsNum bool
}

// Table is one sheet: rows of cells, as a spreadsheet program shows them.
type Table struct {
	File  string // the file's name, for problems
	Sheet string // "" for CSV
	Rows  [][]Cell
}

// Where names a cell as file:sheet:R14:C3 (file:R14:C3 for CSV).
func (t *Table) Where(row, col int) string {
	if t.Sheet == "" {
		return fmt.Sprintf("%s:R%d:C%d", t.File, row+1, col+1)
	}
	return fmt.Sprintf("%s:%s:R%d:C%d", t.File, t.Sheet, row+1, col+1)
}

// Book is a whole spreadsheet file: its sheets in order (one for CSV).
type Book struct {
	File   string // the file's name
	Sheets []*Table
}

// Sheet returns the sheet of that name, or nil.
func (b *Book) Sheet(name string) *Table {
	for _, t := range b.Sheets {
		if t.Sheet == name {
			return t
		}
	}
	return nil
}

// Normalize makes a header comparable: lower case, letters and digits
// only, with "#" read as "no" ("Inject #" and "Inject No." are the same).
func Normalize(h string) string {
	h = strings.ReplaceAll(strings.ToLower(h), "#", "no")
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, h)
}

// Blank reports whether a row has no text in any cell.
func Blank(row []Cell) bool {
	for _, c := range row {
		if strings.TrimSpace(c.Text) != "" {
			return false
		}
	}
	return true
}

// MaxSize caps a spreadsheet ttx reads.
const MaxSize = 32 << 20

// ReadFile reads a CSV or XLSX file, chosen by its extension; sheet picks
// an XLSX sheet (the first when empty).
func ReadFile(path, sheet string) (*Table, error) {
	b, err := ReadBook(path)
	if err != nil {
		return nil, err
	}
	if sheet == "" || len(b.Sheets) == 1 && b.Sheets[0].Sheet == "" {
		return b.Sheets[0], nil
	}
	if t := b.Sheet(sheet); t != nil {
		return t, nil
	}
	names := make([]string, len(b.Sheets))
	for i, t := range b.Sheets {
		names[i] = t.Sheet
	}
	return nil, fmt.Errorf("%s has no sheet %q; its sheets are %s", path, sheet, strings.Join(names, ", "))
}

// ReadBook reads every sheet of a CSV or XLSX file, chosen by its
// extension.
func ReadBook(path string) (*Book, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
	}
	if fi.Size() > MaxSize {
		return nil, fmt.Errorf("%s is %d MB, more than the %d MB ttx reads", path, fi.Size()>>20, MaxSize>>20)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return readXLSX(path)
	case ".csv", ".tsv", ".txt":
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		t, err := ReadCSV(filepath.Base(path), data)
		if err != nil {
			return nil, err
		}
		return &Book{File: t.File, Sheets: []*Table{t}}, nil
	case ".xls", ".ods", ".numbers":
		return nil, fmt.Errorf("%s: ttx reads .xlsx and .csv, not %s; open it in your spreadsheet program and save it as .xlsx (File → Save As → Excel Workbook)", path, filepath.Ext(path))
	}
	return nil, fmt.Errorf("%s: give a .csv or .xlsx file (save the spreadsheet in one of those formats)", path)
}

// ReadCSV reads CSV as spreadsheet programs write it in any locale: UTF-8
// with or without a byte-order mark, separated by commas, semicolons or
// tabs (whichever the first line uses most), quoted multi-line cells.
func ReadCSV(name string, data []byte) (*Table, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s is not UTF-8 text; save it as \"CSV UTF-8\"", name)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &Table{File: name}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:R%d:C%d: %v; check the quotes in that cell", name, pe.Line, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := make([]Cell, len(rec))
		for i, v := range rec {
			// A cell ttx export quoted so that it stays text ('=...)
			// reads back as it was written.
			row[i] = Cell{Text: text.Uncell(v)}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// separator picks the delimiter the first line uses most, outside quotes.
func separator(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(line) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func readXLSX(path string) (*Book, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s is not a readable XLSX workbook (%v); save it again from the spreadsheet program", path, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%s has no sheets", path)
	}
	b := &Book{File: filepath.Base(path)}
	for _, sheet := range sheets {
		t, err := readSheet(f, path, sheet)
		if err != nil {
			return nil, err
		}
		b.Sheets = append(b.Sheets, t)
	}
	return b, nil
}

func readSheet(f *excelize.File, path, sheet string) (*Table, error) {
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%s:%s: %w", path, sheet, err)
	}
	shown, err := f.GetRows(sheet)
	if err != nil {
		return nil, fmt.Errorf("%s:%s: %w", path, sheet, err)
	}
	t := &Table{File: filepath.Base(path), Sheet: sheet}
	for r, rawRow := range raw {
		row := make([]Cell, len(rawRow))
		for c, v := range rawRow {
			cell := Cell{Text: v}
			if r < len(shown) && c < len(shown[r]) {
				cell.Text = shown[r][c]
			}
			if typ, err := f.GetCellType(sheet, cellName(c, r)); err == nil && (typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset || typ == excelize.CellTypeDate) {
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					cell.Num, cell.IsNum = n, true
				}
			}
			row[c] = cell
		}
		t.Rows = append(t.Rows, row)
	}
	// A merged cell's value belongs to every cell it covers.
	merged, _ := f.GetMergeCells(sheet)
	for _, m := range merged {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r0 < 1 || r0 > len(t.Rows) || c0 < 1 || c0 > len(t.Rows[r0-1]) {
			continue
		}
		v := t.Rows[r0-1][c0-1]
		for r := r0; r <= r1 && r <= len(t.Rows); r++ {
			for c := c0; c <= c1; c++ {
				for len(t.Rows[r-1]) < c {
					t.Rows[r-1] = append(t.Rows[r-1], Cell{})
				}
				t.Rows[r-1][c-1] = v
			}
		}
	}
	return t, nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return n
}
