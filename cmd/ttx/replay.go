package main

import (
	"io"

	"github.com/spf13/cobra"

	"ttx/exercise/review"
	"ttx/ui/replay"
	"ttx/ui/theme"
)

func newReplayCmd(stdout, stderr io.Writer) *cobra.Command {
	var noFollow bool
	var final string
	cmd := &cobra.Command{
		Use:   "replay FILE",
		Short: "Replay a session file: scrub, filter and search, read-only",
		Long: `Open a read-only view of a session file with a time scrubber: at every instant
the MSEL, the selected inject and the decision feed are as they were then.
A file still being written is followed as it grows; a file that ended in a
crash is shown up to its last intact line.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := review.Open(args[0], review.WithFinal(final), review.WithProgress(progress(stderr, "reading "+args[0])))
			if err != nil {
				return err
			}
			if l.Final.Scenario == nil {
				return errNotSession(args[0], l)
			}
			mdStyle := terminalStyle()
			m := replay.New(l, replay.Options{ViewOptions: theme.ViewOptions{MarkdownStyle: mdStyle}, Follow: !noFollow && !l.Scan.Sealed})
			_, err = newProgram(cmd, stdout, m).Run()
			return err
		},
	}
	cmd.Flags().BoolVar(&noFollow, "no-follow", false, "do not read lines appended while the replay is open")
	cmd.Flags().StringVar(&final, "final", "", finalUsage)
	return cmd
}
