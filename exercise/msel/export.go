package msel

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// exportFields are the columns exports write, in order.
var exportFields = []string{FieldID, FieldAt, FieldFrom, FieldTo, FieldChannel, FieldTitle, FieldBody, FieldExpected, FieldObjectives, FieldNotes}

// exportHeaders are the HSEEP column names exports write.
var exportHeaders = map[string]string{
	FieldID: "Inject #", FieldAt: "Time", FieldFrom: "From", FieldTo: "To", FieldChannel: "Method",
	FieldTitle: "Title", FieldBody: "Inject Description", FieldExpected: "Expected Player Action",
	FieldObjectives: "Objective", FieldNotes: "Controller Notes",
}

// rows lays the scenario out as an MSEL: a header row, then one row per
// inject. Times are offsets (T+hh:mm); recipients are team names;
// objectives are "ID: text". Branch requirements have no MSEL column and
// are not written.
func rows(sc *scenario.Scenario) [][]string {
	head := make([]string, len(exportFields))
	for i, f := range exportFields {
		head[i] = exportHeaders[f]
	}
	out := [][]string{head}
	for _, in := range sc.Injects {
		at := ""
		if d, ok := in.Offset(); ok {
			at = "T+" + scenario.FormatOffset(d)
		}
		var to []string
		for _, t := range in.To {
			if t == scenario.AllTeams {
				to = append(to, "All")
			} else if team := sc.Team(t); team != nil {
				to = append(to, team.Name)
			}
		}
		var objs []string
		for _, o := range in.Objectives {
			if obj := sc.Objective(o); obj != nil {
				objs = append(objs, obj.ID+": "+obj.Text)
			}
		}
		vals := map[string]string{FieldID: in.ID, FieldAt: at, FieldFrom: in.From, FieldTo: strings.Join(to, "; "),
			FieldChannel: in.Channel, FieldTitle: in.Title, FieldBody: in.Body, FieldExpected: in.Expected,
			FieldObjectives: strings.Join(objs, "; "), FieldNotes: in.Notes}
		row := make([]string, len(exportFields))
		for i, f := range exportFields {
			row[i] = vals[f]
		}
		out = append(out, row)
	}
	return out
}

// WriteCSV writes the scenario as an MSEL in CSV (UTF-8 with a byte-order
// mark, CRLF), as spreadsheet programs open it. Each cell goes through
// text.Cell: control characters are escaped, and a cell that a spreadsheet
// would take for a formula gets a leading quote (ReadCSV takes it off).
func WriteCSV(w io.Writer, sc *scenario.Scenario) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	all := rows(sc)
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

// WriteXLSX writes the scenario as an MSEL workbook: one sheet, a bold
// frozen header, wrapped text.
func WriteXLSX(w io.Writer, sc *scenario.Scenario) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "MSEL"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	widths := map[string]float64{FieldID: 10, FieldAt: 10, FieldFrom: 24, FieldTo: 28, FieldChannel: 12, FieldTitle: 36,
		FieldBody: 60, FieldExpected: 40, FieldObjectives: 30, FieldNotes: 30}
	for r, row := range rows(sc) {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			// A string cell is never a formula in XLSX; only control
			// characters need escaping.
			if err := f.SetCellStr(sheet, cell, text.Escape(v)); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(exportFields), len(sc.Injects)+1)
	f.SetCellStyle(sheet, "A1", last, wrap)
	endHead, _ := excelize.CoordinatesToCellName(len(exportFields), 1)
	f.SetCellStyle(sheet, "A1", endHead, bold)
	for i, fl := range exportFields {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, widths[fl])
	}
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write the workbook: %w", err)
	}
	return nil
}
