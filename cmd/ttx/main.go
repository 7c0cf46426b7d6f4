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
func execute(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
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

func newRoot(stdout, stderr io.Writer) *cobra.Command {
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
			return runConsole(cmd, args, runOpts, stdout, stderr)
		},
	}
	addRunFlags(root, runOpts)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newRunCmd(stdout, stderr), newScenariosCmd(stdout), newValidateCmd(stdout, stderr), newVerifyCmd(stdout, stderr),
		newReportCmd(stdout, stderr), newReplayCmd(stdout, stderr), newServeCmd(stdout, stderr),
		newImportCmd(stdout, stderr), newExportCmd(stdout, stderr), newRehearseCmd(stdout, stderr))
	return root
}
