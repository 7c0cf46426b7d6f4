package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/spf13/cobra"

	"ttx/cmd/ttx/internal/importmap"
	"ttx/exercise/msel"
	"ttx/exercise/msel/export"
	"ttx/exercise/msel/sheet"
)

func newImportCmd(stdout, stderr io.Writer) *cobra.Command {
	var out, sheetName, mapping, start, title, to string
	var mf importmap.Flags
	cmd := &cobra.Command{
		Use:   "import FILE.csv|FILE.xlsx",
		Short: "Turn an MSEL spreadsheet into a scenario file",
		Long: `Read a Master Scenario Events List from a spreadsheet (CSV or XLSX) with the usual
HSEEP columns (Inject #, Time, From, To, Method, Description, Expected Action,
Objective, Notes …) and write a ttx scenario. Headers are matched by name or by
their words (Send To, Player(s), Event Time …); the import says which column
became which field, how sure it is, which it ignored, and which rows it skipped
(legends, banners, omitted injects). Every problem is listed with its sheet,
row and column, and nothing is written while there are any.`,
		Example: `  ttx import msel.xlsx -o exercise.yaml
  ttx import msel.csv --start 09:00 --map 'Seq=id,Clock=at,Who for=to'
  ttx import workbook.xlsx --sheet all --to all
  ttx import headerless.csv --map 'A=id,B=at,C=to,D=body'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := msel.ParseMap(mapping)
			if err != nil {
				return err
			}
			book, err := sheet.ReadBook(args[0])
			if err != nil {
				return err
			}
			opts := msel.Options{Map: m, Start: start, Title: title, Sheet: sheetName, To: to}
			res, err := importMapped(cmd, stdout, stderr, book, &opts, mf, out, args[0])
			if err != nil {
				return err
			}
			for _, s := range res.Sheets {
				fmt.Fprintf(stderr, "  sheet %s\n", s)
			}
			for _, c := range res.Columns {
				if c.Field != "" {
					fmt.Fprintf(stderr, "  column %-28q → %s (%s)\n", c.Header, c.Field, c.How)
				} else {
					fmt.Fprintf(stderr, "  column %-28q ignored: %s\n", c.Header, c.Why)
				}
			}
			for _, s := range res.Skipped {
				if !strings.HasPrefix(s.Msg, "warning:") { // warnings follow
					fmt.Fprintf(stderr, "  %s\n", s)
				}
			}
			if len(res.Problems) > 0 {
				fmt.Fprintln(stderr, res.Problems) // never into a scenario piped to a file
				fmt.Fprintf(stderr, "ttx: %d problem(s); nothing was written\n", len(res.Problems))
				return exitError{1}
			}
			for _, w := range res.Warnings {
				fmt.Fprintln(stderr, w.String())
			}
			data, err := yaml.MarshalWithOptions(res.Scenario, yaml.UseLiteralStyleIfMultiline(true), yaml.Indent(2), yaml.IndentSequence(true))
			if err != nil {
				return err
			}
			data = append([]byte(fmt.Sprintf("# Imported by ttx from %s. Check it with: ttx validate FILE\n", filepath.Base(args[0]))), data...)
			if out == "" || out == "-" {
				_, err = stdout.Write(data)
				return err
			}
			if err := writeNew(out, data); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "Wrote %s: %q, %s, %s, %s, %s\n", out, res.Scenario.Title, plural(len(res.Scenario.Injects), "inject"), plural(len(res.Scenario.Teams), "team"), plural(len(res.Scenario.Objectives), "objective"), res.Scenario.Duration)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the scenario to `FILE` (default: standard output)")
	cmd.Flags().StringVar(&sheetName, "sheet", "", "the XLSX sheet to read: its name, or all for every sheet that holds injects (default: the first that does)")
	cmd.Flags().StringVar(&to, "to", "", "send injects whose sheet names no recipient to `TEAM` (or all)")
	cmd.Flags().StringVar(&mapping, "map", "", "name columns: 'Column=field,...' (fields: "+strings.Join(msel.Fields, ", ")+", ignore)")
	cmd.Flags().StringVar(&start, "start", "", "the exercise's start (09:00 or 2027-03-12 09:00); default: the first inject's time")
	cmd.Flags().StringVar(&title, "title", "", "the scenario's title (default: the sheet's own heading, else the file name)")
	importmap.AddFlags(cmd, &mf)
	return cmd
}

func newExportCmd(stdout, stderr io.Writer) *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export NAME|FILE",
		Short: "Write a scenario's MSEL as a spreadsheet (CSV or XLSX)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sc, _, probs, err := loadScenario(args[0])
			if err != nil {
				return err
			}
			if probs.HasErrors() {
				fmt.Fprintln(stderr, probs.Errors())
				return exitError{1}
			}
			// Without --format, the file's ending says which: -o msel.xlsx
			// is a workbook, not CSV under a workbook's name.
			if !cmd.Flags().Changed("format") {
				switch strings.ToLower(filepath.Ext(out)) {
				case ".xlsx":
					format = "xlsx"
				case ".xls", ".ods", ".numbers":
					return fmt.Errorf("-o %s: ttx writes .xlsx or .csv; name the file msel.xlsx, and open it in any spreadsheet program", out)
				}
			} else if ext := strings.ToLower(filepath.Ext(out)); ext == ".xlsx" && format == "csv" || ext == ".csv" && format == "xlsx" {
				return fmt.Errorf("-o %s with --format %s: the file's ending says otherwise; name it for its format, or drop --format", out, format)
			}
			var b bytes.Buffer
			switch format {
			case "csv":
				err = export.WriteCSV(&b, sc)
			case "xlsx":
				if out == "" || out == "-" {
					return errors.New("an XLSX workbook needs a file: give -o msel.xlsx")
				}
				err = export.WriteXLSX(&b, sc)
			default:
				return fmt.Errorf("--format %q: choose csv or xlsx", format)
			}
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = stdout.Write(b.Bytes())
				return err
			}
			if err := writeNew(out, b.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "Wrote %s (%s)\n", out, plural(len(sc.Injects), "inject"))
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "csv", "csv or xlsx (default: as -o's ending says, else csv)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` (default: standard output, CSV only)")
	return cmd
}

// writeNew writes a file that must not exist yet: a planner's sheet or
// scenario already there is never replaced.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose another -o, or remove it first", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
