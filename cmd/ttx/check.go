package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"ttx/cmd/ttx/internal/verify"
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
				fmt.Fprintf(stdout, "%s: valid · %s · %s · %s · %s · %s\n",
					source, plural(len(sc.Injects), "inject"), plural(len(sc.Teams), "team"), plural(len(sc.Objectives), "objective"),
					plural(len(sc.Branches), "branch point"), scenario.FormatOffset(sc.DurationValue()))
			}
			if failed > 0 {
				return exitError{1}
			}
			return nil
		},
	}
}

func newVerifyCmd(stdout, stderr io.Writer) *cobra.Command {
	var asJSON bool
	var final string
	cmd := &cobra.Command{
		Use:   "verify FILE [REPLICA...]",
		Short: "Check a session file's hash chain and name the first altered line",
		Long: `Check a session file line by line: the sequence numbers and the SHA-256 hash
chain. Exits 0 with a one-line summary and the final hash if the file is as
ttx wrote it; exits 1 naming the first line that was changed, removed or
inserted. With --final, also checks that the file ends in the final hash
written down when the session closed (and, where two lines claim one place,
says which branch ends in it).

With several files (the copies of one session on the nodes of a cluster),
checks each and says whether they are byte-identical, or the first line
where they differ.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				intact, err := verify.Replicas(stdout, args, asJSON)
				if err == nil && !intact {
					err = exitError{1}
				}
				return err
			}
			res, err := verify.Check(args[0], final)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(res); err != nil {
					return err
				}
			} else {
				verify.Print(stdout, res)
			}
			if !res.Intact {
				return exitError{1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	cmd.Flags().StringVar(&final, "final", "", "the final `HASH` written down when the session closed: check that the file ends in it")
	return cmd
}

// plural writes "1 inject", "2 injects".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
