// Command ttx runs tabletop exercises from the terminal: a facilitator's
// console over a scenario's timed injects, with every decision journaled
// to a tamper-evident session file.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"ttx/exercise/text"
)

// version is the program version, written into every session file.
var version = "0.1.0"

// exitError carries an exit code for a failure already reported.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func main() {
	os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
}

// execute runs the command line and returns the exit code.
//
// Messages on stderr, and everything the commands without a full-screen
// view print on stdout, quote what files hold (a session file's break, a
// scenario's problems, an inject's title), so both go through
// text.Writer: a control character or escape sequence from a file is
// printed as \u001b and the like, never obeyed by the terminal. The
// full-screen views write their own escape sequences and get stdout as it
// is; what they show was escaped where it was read.
func execute(args []string, stdout, stderr io.Writer) int {
	errw, outw := text.NewWriter(stderr), text.NewWriter(stdout)
	defer errw.Flush()
	defer outw.Flush()
	stderr = errw
	root := newRoot(stdout, outw, stderr)
	root.SetArgs(args)
	err := root.Execute()
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintln(stderr, "ttx:", err)
		return 2
	}
}

// newRoot builds the command tree: screen is stdout for the full-screen
// views, printed the escaped stdout for the commands that print.
func newRoot(screen, printed, stderr io.Writer) *cobra.Command {
	runOpts := &runOptions{}
	root := &cobra.Command{
		Use:   "ttx [SCENARIO]",
		Short: "Run tabletop exercises from the terminal",
		Long: `ttx runs a tabletop exercise: the facilitator steps through a scenario's
timed injects, records the decisions said in the room, and every change is
journaled to a hash-chained session file for the after-action review.

With no command, ttx runs the bundled default scenario (same as ttx run).`,
		Args:          cobra.MaximumNArgs(1),
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConsole(cmd, args, runOpts, screen, stderr)
		},
	}
	addRunFlags(root, runOpts)
	root.SetOut(printed)
	root.SetErr(stderr)
	root.AddCommand(newRunCmd(screen, stderr), newScenariosCmd(printed), newValidateCmd(printed, stderr), newVerifyCmd(printed, stderr),
		newReportCmd(printed, stderr), newReplayCmd(screen, stderr), newServeCmd(screen, stderr),
		newImportCmd(printed, stderr), newExportCmd(printed, stderr), newRehearseCmd(printed, stderr))
	return root
}
