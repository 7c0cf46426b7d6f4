package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"ttx/exercise/clock"
	"ttx/exercise/rehearse"
)

func newRehearseCmd(stdout, stderr io.Writer) *cobra.Command {
	var speed float64
	var branches []string
	var sessionPath string
	cmd := &cobra.Command{
		Use:   "rehearse NAME|FILE",
		Short: "Run a scenario with no one at the table, to see its flow in a minute",
		Long: `Run the scenario on its own: each inject is printed as it falls due, each branch
point is answered with its first option (or --branch ID=OPTION), and a summary
per team ends it. Nothing is written unless --session asks for the file.`,
		Example: `  ttx rehearse london
  ttx rehearse london --speed 0 --branch network=close --branch stratford=verify`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sc, source, probs, err := loadScenario(args[0])
			if err != nil {
				return err
			}
			if probs.HasErrors() {
				fmt.Fprintln(stderr, probs.Errors())
				return exitError{1}
			}
			choices := map[string]string{}
			for _, b := range branches {
				id, opt, ok := strings.Cut(b, "=")
				if !ok {
					return fmt.Errorf("--branch %q: write BRANCH=OPTION, e.g. --branch network=close", b)
				}
				choices[strings.TrimSpace(id)] = strings.TrimSpace(opt)
			}
			if err := rehearse.CheckChoices(sc, choices); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "Rehearsing %s (%s, %d injects) at %s\n\n", sc.Title, source, len(sc.Injects), speedLabel(speed))
			res, err := rehearse.Run(sc, source, rehearse.Options{Speed: speed, Branches: choices, Path: sessionPath, Out: stdout})
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "\nEnded at %s: %d released", clock.Format(res.End), res.Released)
			if n := len(res.OffBranch); n > 0 {
				fmt.Fprintf(stdout, ", %d on options not chosen (%s)", n, strings.Join(res.OffBranch, ", "))
			}
			if n := len(res.Contingency); n > 0 {
				fmt.Fprintf(stdout, ", %d contingency injects for the facilitator to release by hand (%s)", n, strings.Join(res.Contingency, ", "))
			}
			fmt.Fprintln(stdout, ".")
			fmt.Fprintln(stdout)
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "TEAM\tINJECTS\tFIRST\tLAST\tOBJECTIVES")
			for _, t := range res.Teams {
				if t.NothingBefore {
					fmt.Fprintf(tw, "%s\t0\t-\t-\t(receives nothing on these branches)\n", t.Team.Name)
					continue
				}
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", t.Team.Name, t.Injects, clock.Format(t.First), clock.Format(t.Last), strings.Join(t.Objectives, ", "))
			}
			tw.Flush()
			if sessionPath != "" {
				fmt.Fprintf(stdout, "\nSession file: %s (review it with ttx replay or ttx report)\n", sessionPath)
			}
			return nil
		},
	}
	cmd.Flags().Float64Var(&speed, "speed", 600, "exercise seconds per second (0: as fast as possible)")
	cmd.Flags().StringArrayVar(&branches, "branch", nil, "answer a branch point: `ID=OPTION` (repeatable)")
	cmd.Flags().StringVar(&sessionPath, "session", "", "keep the rehearsal's session file at `FILE`")
	return cmd
}

func speedLabel(s float64) string {
	if s <= 0 {
		return "full speed"
	}
	return clock.FormatSpeed(s)
}
