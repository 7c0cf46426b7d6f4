package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"ttx/cmd/ttx/internal/memory"
	"ttx/cmd/ttx/internal/outfile"
	"ttx/exercise/review"
	"ttx/exercise/review/aar"
	"ttx/exercise/text"
)

func newReportCmd(stdout, stderr io.Writer) *cobra.Command {
	var format, out, table, final, paper string
	cmd := &cobra.Command{
		Use:   "report FILE",
		Short: "Write the after-action report draft from a session file",
		Long: `Write an after-action report draft (HSEEP after-action report / improvement
plan) from a session file. It opens with the integrity of the record (a file
that fails verification is reported as UNVERIFIED in its title and on every
page), then: the cover (DRAFT, handling caveat), the exercise overview, the
analysis of core capabilities (objective, capability, P/S/M/U) with each
objective's strengths and areas for improvement, the Exercise Evaluation Guide
roll-up when the scenario has one, the timeline, response times per inject and
team (from when each decision was said), requests and notes, the conduct of
the exercise with attendance, Appendix A (improvement plan), Appendix B
(participants) and the JESIP decision log (rationale, stage, corrections struck
through).

Formats: md (Markdown, for the terminal and git), html (one self-contained file
with a swimlane timeline chart; prints to PDF from a browser on A4, or US
Letter with --paper letter), docx (a Word document with headings, repeating
table headers and page numbers; A4, or --paper letter; needs -o), csv (UTF-8
for spreadsheet programs; --table decisions, injects, requests, notes,
observations, conduct, attendance, log (the decision log) or improvement).`,
		Example: `  ttx report sessions/2026-11-24T0900-london.jsonl
  ttx report session.jsonl --format html -o aar.html
  ttx report session.jsonl --format html --paper letter -o aar.html
  ttx report session.jsonl --format docx -o aar.docx
  ttx report session.jsonl --format csv -o decisions.csv
  ttx report session.jsonl --format csv --table injects -o injects.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			write, err := reportWriter(format, table, paper)
			if err != nil {
				return err
			}
			if format == "docx" && (out == "" || out == "-") {
				return fmt.Errorf("--format docx writes a Word file: give it a name with -o FILE.docx")
			}
			// A report keeps little in memory whatever the file's size (the
			// decisions are in temporary files): collect garbage as usual
			// while the heap is small, and more often only as it nears
			// memory.ReportHeap, which keeps the peak under 300 MB (see
			// memory.ReportLimit for when it does not apply).
			setLimit := func() {
				if limit, ok := memory.ReportLimit(os.Getenv("GOMEMLIMIT"), memory.CanSpill(), memory.LiveHeap()); ok {
					debug.SetMemoryLimit(limit)
				}
			}
			setLimit()
			l, err := review.Open(args[0], review.FoldOnly(), review.WithFinal(final), review.WithProgress(progress(stderr, "reading "+filepath.Base(args[0]))))
			if err != nil {
				return err
			}
			defer l.Close()
			setLimit() // again, above the heap the reading left
			if l.Final.Scenario == nil {
				return errNotSession(args[0], l)
			}
			r := review.Build(l)
			err = outfile.Write(stdout, out, func(w io.Writer) error {
				if err := write(w, r); err != nil {
					return err
				}
				if r.Err() != nil {
					// A decision read back wrongly would leave the report short:
					// never let it pass as the record.
					return fmt.Errorf("the decisions could not all be read back: %w", r.Err())
				}
				return nil
			})
			if err != nil {
				return fmt.Errorf("cannot write the report: %w", err)
			}
			if sum := r.Integrity.Summary; sum != "" {
				fmt.Fprintf(stderr, "ttx: warning: %s; the report says so\n", sum)
			}
			if out != "" && out != "-" {
				fmt.Fprintf(stderr, "Wrote %s (%s, %s)\n", out, plural(r.Counts.Injects, "inject"), plural(r.Counts.Decisions, "decision"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "md", "md, html, csv or docx")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` instead of standard output")
	cmd.Flags().StringVar(&table, "table", "decisions", "with --format csv: decisions, injects, requests, notes, observations, conduct, attendance, log, improvement or corrections")
	cmd.Flags().StringVar(&final, "final", "", finalUsage)
	cmd.Flags().StringVar(&paper, "paper", "a4", "the sheet the report prints on: a4 or letter")
	return cmd
}

// finalUsage is the help of report's and replay's --final.
const finalUsage = "the final `HASH` written down when the session closed: where two lines claim one place, follow the branch that ends in it"

func reportWriter(format, table, paper string) (func(io.Writer, *review.Report) error, error) {
	p, err := aar.ParsePaper(paper)
	if err != nil {
		return nil, err
	}
	opt := aar.Options{Paper: p}
	switch format {
	case "md", "markdown":
		return aar.WriteMarkdown, nil
	case "html":
		return opt.WriteHTML, nil
	case "docx":
		return func(w io.Writer, r *review.Report) error { return aar.WriteDOCX(w, r, string(p)) }, nil
	case "csv":
		names := make([]string, len(aar.Tables))
		for i, t := range aar.Tables {
			if t.Name == table {
				return t.Write, nil
			}
			names[i] = t.Name
		}
		return nil, fmt.Errorf("--table %q: choose %s", table, strings.Join(names, ", "))
	}
	return nil, fmt.Errorf("--format %q: choose md, html, csv or docx", format)
}

// progress returns a callback that shows how much of a long read is done
// on stderr, once it has taken more than a second.
//
// The line is redrawn with CR, so it goes to the terminal unescaped; the
// file name in it is escaped here instead.
func progress(stderr io.Writer, what string) func(read, total int64) {
	stderr, what = text.Unwrap(stderr), text.Escape(what)
	start := time.Now()
	var last time.Time
	shown, finished := false, false
	return func(read, total int64) {
		now := time.Now()
		done := total > 0 && read >= total
		switch {
		case finished || total == 0 || now.Sub(start) < time.Second:
			return
		case done:
			finished = true
			if shown {
				fmt.Fprintf(stderr, "\rttx: %s: 100%%\n", what)
			}
			return
		case now.Sub(last) < 500*time.Millisecond:
			return
		}
		last, shown = now, true
		fmt.Fprintf(stderr, "\rttx: %s: %3d%%", what, read*100/total)
	}
}

// errNotSession explains a file whose first event could not be folded.
func errNotSession(path string, l *review.Log) error {
	if l.Scan.Break != nil {
		return fmt.Errorf("%s: %v: not a readable ttx session file", path, l.Scan.Break)
	}
	return fmt.Errorf("%s: the session.opened event is not readable (%v)", path, l.Final.Anomalies)
}
