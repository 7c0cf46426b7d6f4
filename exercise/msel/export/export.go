// Package export writes a scenario as an MSEL spreadsheet (CSV or XLSX)
// that planners can edit, with the tables that hold what a scenario has
// beyond its injects (title, teams, objectives, branches), and reads those
// tables back (Find, Read), so that an import of an export loses nothing.
package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// columns are the HSEEP column names exports write, in order.
var columns = []string{"Inject #", "Time", "From", "To", "Method", "Title", "Inject Description",
	"Expected Player Action", "Objective", "Controller Notes", "Requires"}

// rows lays the scenario out as an MSEL: a header row, then one row per
// inject. Times are offsets (T+hh:mm); recipients are team names and
// objectives "ID: text", one a line; Requires lists branch.option.
func rows(sc *scenario.Scenario) [][]string {
	out := [][]string{slices.Clone(columns)}
	for _, in := range sc.Injects {
		at := ""
		if in.At != "" {
			at = "T+" + in.At
		}
		var to []string
		for _, t := range in.To {
			if t == scenario.AllTeams {
				to = append(to, "All")
			} else if team := sc.Team(t); team != nil {
				to = append(to, teamLabel(sc, team))
			}
		}
		var objs []string
		for _, o := range in.Objectives {
			if obj := sc.Objective(o); obj != nil {
				objs = append(objs, obj.ID+": "+text.Line(obj.Text, 0))
			}
		}
		out = append(out, []string{in.ID, at, in.From, strings.Join(to, "\n"), in.Channel, in.Title, in.Body,
			in.Expected, strings.Join(objs, "\n"), in.Notes, strings.Join(in.Requires, "; ")})
	}
	return out
}

// teamLabel is how the To column names a team: by name, or by id where
// the name could be taken for another team or for all.
func teamLabel(sc *scenario.Scenario, t *scenario.Team) string {
	for _, o := range sc.Teams {
		if o.ID != t.ID && (sheet.Normalize(o.Name) == sheet.Normalize(t.Name) || sheet.Normalize(o.ID) == sheet.Normalize(t.Name)) || t.Name == "All" {
			return t.ID
		}
	}
	return t.Name
}

// settingsRows lays out what a scenario holds beyond its injects, as
// import reads it back (Read): the marker row, then a table for
// each of sectionHeads: its title row, header row and rows.
func settingsRows(sc *scenario.Scenario) [][]string {
	out := [][]string{{Marker, "Written by ttx export; ttx import reads these tables back. Edit the cells, keep the titles and headers."}}
	table := func(name string, rows ...[]string) {
		out = append(append(out, []string{}, []string{name}, heads[name]), rows...)
	}
	table("Settings", append([][]string{{"Title", sc.Title}, {"Summary", sc.Summary}, {"Start", sc.Start}, {"Duration", sc.Duration}}, overviewRows(sc)...)...)
	var rows [][]string
	for _, t := range sc.Teams {
		rows = append(rows, []string{t.ID, t.Name, t.Description})
	}
	table("Teams", rows...)
	rows = nil
	for _, o := range sc.Objectives {
		rows = append(rows, []string{o.ID, o.Text, o.Capability})
	}
	table("Objectives", rows...)
	rows = nil
	for _, b := range sc.Branches {
		rows = append(rows, []string{b.ID, b.Title, b.After})
		for i, o := range b.Options {
			if i > 0 {
				rows = append(rows, []string{b.ID, "", ""})
			}
			rows[len(rows)-1] = append(rows[len(rows)-1], o.ID, o.Label)
		}
	}
	table("Branches", rows...)
	if sc.HasEEG() {
		table("Evaluation guide", guideRows(sc)...)
	}
	if len(sc.Simulated) > 0 { // the organisations the simulation cell plays
		rows = nil
		for _, o := range sc.Simulated {
			rows = append(rows, []string{o.ID, o.Name})
		}
		table("Simulated", rows...)
	}
	return out
}

// WriteCSV writes the scenario as an MSEL in CSV (UTF-8 with a byte-order
// mark, CRLF), as spreadsheet programs open it, followed by a blank row
// and the settings tables (settingsRows). Each cell goes through
// text.Cell: control characters are escaped, and a cell that a spreadsheet
// would take for a formula gets a leading quote (ReadCSV takes it off).
func WriteCSV(w io.Writer, sc *scenario.Scenario) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	all := append(append(rows(sc), []string{}), settingsRows(sc)...)
	for _, row := range all {
		for i, v := range row {
			row[i] = text.Cell(v)
		}
	}
	if err := cw.WriteAll(all); err != nil {
		return err
	}
	return cw.Error()
}

// WriteXLSX writes the scenario as an MSEL workbook: the MSEL sheet with a
// bold frozen header and wrapped text, and a Scenario sheet with the
// settings tables (settingsRows), their titles and headers bold.
func WriteXLSX(w io.Writer, sc *scenario.Scenario) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "MSEL"); err != nil {
		return err
	}
	if _, err := f.NewSheet("Scenario"); err != nil {
		return err
	}
	// Column widths, in the order of columns.
	msel := []float64{10, 10, 24, 28, 12, 36, 60, 40, 30, 30, 18}
	if err := writeSheet(f, "MSEL", rows(sc), msel, func(r int, _ []string) bool { return r == 0 }); err != nil {
		return err
	}
	f.SetPanes("MSEL", &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	set := settingsRows(sc)
	heading := func(r int, row []string) bool { return r == 0 || len(row) == 1 || r > 0 && len(set[r-1]) == 1 }
	if err := writeSheet(f, "Scenario", set, []float64{16, 44, 50, 14, 44}, heading); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write the workbook: %w", err)
	}
	return nil
}

// writeSheet fills a sheet with text cells, wrapped, in columns of the
// given widths; rows that bold says are headings are bold.
func writeSheet(f *excelize.File, sheet string, rows [][]string, widths []float64, bold func(int, []string) bool) error {
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	strong, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	for r, row := range rows {
		for c, v := range row {
			// A string cell is never a formula in XLSX; only control
			// characters need escaping.
			if err := f.SetCellStr(sheet, cellName(c, r), text.Escape(v)); err != nil {
				return err
			}
		}
		style := wrap
		if bold(r, row) {
			style = strong
		}
		f.SetCellStyle(sheet, cellName(0, r), cellName(len(widths)-1, r), style)
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, wd)
	}
	return nil
}

// cellName names the cell at col, row (from 0) as Excel does: A1.
func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return n
}
