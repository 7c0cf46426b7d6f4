package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"ttx/exercise/clock"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/injects"
)

func newScenariosCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "scenarios",
		Short: "List the bundled scenarios",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tTITLE\tINJECTS\tDURATION\tTEAMS")
			for _, name := range injects.Names() {
				sc, probs := injects.Load(name)
				if sc == nil {
					fmt.Fprintf(tw, "%s\t(invalid: %d problems)\t\t\t\n", name, len(probs))
					continue
				}
				label := name
				if name == injects.Default {
					label += " (default)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\n", label, sc.Title, len(sc.Injects), scenario.FormatOffset(sc.DurationValue()), len(sc.Teams))
			}
			tw.Flush()
			fmt.Fprintln(stdout, "\nRun one with: ttx run NAME")
			return nil
		},
	}
}

func newValidateCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files and list every problem as file:line:col",
		Long: `Check scenario files (or bundled scenario names). Every problem is listed at
once as file:line:col: message, saying what to write instead. Exits 1 if any
file has errors; warnings alone do not fail.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			failed := 0
			for _, arg := range args {
				sc, source, probs, err := loadScenario(arg)
				if err != nil {
					fmt.Fprintf(stderr, "%s: %v\n", arg, err)
					failed++
					continue
				}
				if len(probs) > 0 {
					fmt.Fprintln(stdout, probs)
				}
				if sc == nil {
					fmt.Fprintf(stdout, "%s: %d error(s)\n", source, len(probs.Errors()))
					failed++
					continue
				}
				fmt.Fprintf(stdout, "%s: valid · %d injects · %d teams · %d objectives · %d branch points · %s\n",
					source, len(sc.Injects), len(sc.Teams), len(sc.Objectives), len(sc.Branches), scenario.FormatOffset(sc.DurationValue()))
			}
			if failed > 0 {
				return exitError{1}
			}
			return nil
		},
	}
}

// verifyResult is `ttx verify --json` output.
type verifyResult struct {
	File      string    `json:"file"`
	Intact    bool      `json:"intact"`
	Events    int64     `json:"events"`
	First     time.Time `json:"first,omitzero"`
	Last      time.Time `json:"last,omitzero"`
	FirstT    int64     `json:"first_t_ms"`
	LastT     int64     `json:"last_t_ms"`
	Sealed    bool      `json:"sealed"`
	FinalHash string    `json:"final_hash,omitempty"`
	BadLine   int       `json:"bad_line,omitempty"`
	Problem   string    `json:"problem,omitempty"`
	TornAt    int64     `json:"torn_offset,omitempty"`
	TornBytes int64     `json:"torn_bytes,omitempty"`
}

func newVerifyCmd(stdout, stderr io.Writer) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "verify FILE",
		Short: "Check a session file's hash chain and name the first altered line",
		Long: `Check a session file line by line: the sequence numbers and the SHA-256 hash
chain. Exits 0 with a one-line summary and the final hash if the file is as
ttx wrote it; exits 1 naming the first line that was changed, removed or
inserted.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := args[0]
			f, err := os.Open(path)
			if err != nil {
				return fmt.Errorf("cannot open the session file: %w", err)
			}
			defer f.Close()
			rep, err := journal.Scan(f, nil)
			if err != nil {
				return err
			}
			res := verifyResult{File: path, Intact: rep.Break == nil && rep.Events > 0, Events: rep.Events,
				First: rep.First, Last: rep.Last, FirstT: rep.FirstT.Milliseconds(), LastT: rep.LastT.Milliseconds(),
				Sealed: rep.Sealed, FinalHash: rep.Head}
			if rep.Break != nil {
				res.BadLine, res.Problem = rep.Break.Line, rep.Break.Msg
				if rep.Break.Line == 1 && rep.Events == 0 {
					res.Problem += " (is this a ttx session file?)"
				}
			} else if rep.Events == 0 {
				res.Problem = "no complete event: not a ttx session file"
			}
			if rep.Torn != nil {
				res.TornAt, res.TornBytes = rep.Torn.Offset, rep.Torn.Size
			}
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(res); err != nil {
					return err
				}
			} else {
				printVerify(stdout, res)
			}
			if !res.Intact {
				return exitError{1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

func printVerify(w io.Writer, r verifyResult) {
	if !r.Intact {
		if r.BadLine > 0 {
			fmt.Fprintf(w, "%s: NOT INTACT: line %d: %s\n", r.File, r.BadLine, r.Problem)
			if r.BadLine > 1 {
				fmt.Fprintf(w, "  lines 1 to %d are intact (%d events)\n", r.BadLine-1, r.Events)
			}
		} else {
			fmt.Fprintf(w, "%s: NOT INTACT: %s\n", r.File, r.Problem)
		}
		return
	}
	state, hash := "sealed (closed cleanly)", "final hash"
	if !r.Sealed {
		state, hash = "not sealed (no session.closed: still running, stopped without closing, or cut short: compare with the final hash written down)", "last line's hash"
	}
	fmt.Fprintf(w, "%s: intact · %d events · %s to %s UTC · %s to %s · %s · %s %s\n",
		r.File, r.Events, r.First.UTC().Format("2006-01-02 15:04:05"), r.Last.UTC().Format("15:04:05"),
		clock.Format(time.Duration(r.FirstT)*time.Millisecond), clock.Format(time.Duration(r.LastT)*time.Millisecond), state, hash, r.FinalHash)
	if r.TornBytes > 0 {
		fmt.Fprintf(w, "  ends in a torn line at byte %d (%d bytes, never acknowledged); `ttx run --resume` moves it aside\n", r.TornAt, r.TornBytes)
	}
}
