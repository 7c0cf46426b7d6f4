package main

import (
	"io"

	"github.com/spf13/cobra"

	"ttx/cmd/ttx/internal/importmap"
	"ttx/exercise/msel"
	"ttx/exercise/msel/sheet"
	"ttx/ui/mapping"
)

// interactive reports whether the mapping screen may open. Tests
// replace it.
var interactive = importmap.Terminal

// showMapping runs the mapping screen full-screen on the terminal. Tests
// replace it.
var showMapping = func(cmd *cobra.Command, screen io.Writer, m *mapping.Model) error {
	_, err := newProgram(cmd, screen, m).Run()
	return err
}

// importMapped is importmap.Import in cmd's terminal.
func importMapped(cmd *cobra.Command, stdout, stderr io.Writer, book *sheet.Book, opts *msel.Options, f importmap.Flags, out, file string) (msel.Result, error) {
	ui := importmap.UI{In: cmd.InOrStdin(), Interactive: interactive, Style: func() { terminalStyle() },
		Show: func(screen io.Writer, m *mapping.Model) error { return showMapping(cmd, screen, m) }}
	res, err := importmap.Import(ui, stdout, stderr, book, opts, f, out, file)
	if err == importmap.ErrNotSaved {
		err = exitError{1}
	}
	return res, err
}
