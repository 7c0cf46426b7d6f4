package main

import (
	"io"
	"time"

	"github.com/spf13/cobra"

	"ttx/cmd/ttx/internal/memory"
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
			memory.SessionGC() // it keeps what a resumed session keeps
			// The replay opens on the first events while the rest of the
			// file is read, checked and folded behind it.
			updates := review.OpenInBackground(args[0], 250*time.Millisecond, review.WithFinal(final))
			u := <-updates
			for !u.Done && u.Log.Final.Scenario == nil {
				u = <-updates
			}
			if u.Err != nil {
				return u.Err
			}
			l := u.Log
			if l.Final.Scenario == nil {
				return errNotSession(args[0], l)
			}
			opts := replay.Options{ViewOptions: theme.ViewOptions{MarkdownStyle: terminalStyle()}, Follow: !noFollow}
			if !u.Done {
				opts.Updates = updates
			}
			m := replay.New(l, opts)
			_, err := newProgram(cmd, stdout, m).Run()
			return err
		},
	}
	cmd.Flags().BoolVar(&noFollow, "no-follow", false, "do not read lines appended while the replay is open")
	cmd.Flags().StringVar(&final, "final", "", finalUsage)
	return cmd
}
