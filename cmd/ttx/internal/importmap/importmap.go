// Package importmap is ttx import's mapping flow: the mapping file read
// and applied, whether the sheet needs the mapping screen, the screen
// opened when it does, and the mapping file written whole.
package importmap

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"ttx/exercise/msel"
	"ttx/exercise/msel/mapfile"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/text"
	"ttx/ui/mapping"
)

// Flags are ttx import's flags for the mapping file and screen.
type Flags struct {
	File  string // --map-file
	NoTUI bool   // --no-tui
}

// AddFlags adds --map-file and --no-tui to cmd.
func AddFlags(cmd *cobra.Command, f *Flags) {
	cmd.Flags().StringVar(&f.File, "map-file", "", "read the columns' mapping from `FILE` (YAML) before anything; the mapping screen saves it there")
	cmd.Flags().BoolVar(&f.NoTUI, "no-tui", false, "never open the mapping screen: flags only, as in a script")
}

// Terminal reports whether the mapping screen may open: ttx import
// reads from and writes to a terminal. In a pipe, a script or CI it never
// does.
func Terminal(in io.Reader, out io.Writer) bool {
	return isTerminal(in) && isTerminal(text.Unwrap(out))
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// UI is what Import needs of the terminal it runs in.
type UI struct {
	// In is where the command reads from.
	In io.Reader
	// Interactive reports whether the mapping screen may open.
	Interactive func(in io.Reader, out io.Writer) bool
	// Style sets the terminal's colours up before the screen opens.
	Style func()
	// Show runs the mapping screen full-screen on screen.
	Show func(screen io.Writer, m *mapping.Model) error
}

// ErrNotSaved is the mapping screen closed without saving; Import has
// said so on stderr.
var ErrNotSaved = errors.New("the mapping screen was closed without saving")

// needsReview reports whether ttx is unsure how the sheet maps: a
// problem, a mapping msel is not certain of (a guessed column, a filled
// column with no header, no time, recipient or title column), or a named
// column left out that no mapping (--map, the mapping file) decided on.
func needsReview(res msel.Result, opts msel.Options) bool {
	if len(res.Problems) > 0 || !res.Certain() {
		return true
	}
	for _, c := range res.Columns {
		if _, decided := opts.Map[sheet.Normalize(c.Header)]; c.Field == "" && c.Header != "" && !decided {
			return true
		}
	}
	return false
}

// Import imports the book: with the mapping file's columns under
// opts, and through the mapping screen when ttx is unsure of the mapping
// and runs in a terminal. It writes the mapping file when the planner
// saves on the screen, or, outside it, when the file named does not exist
// yet and the import succeeds.
func Import(ui UI, stdout, stderr io.Writer, book *sheet.Book, opts *msel.Options, f Flags, out, file string) (msel.Result, error) {
	// An -o already there is refused before anything, so that neither
	// the screen's work nor a new mapping file is spent on an import
	// that cannot be written.
	if out != "" && out != "-" {
		if _, err := os.Stat(out); err == nil {
			return msel.Result{}, fmt.Errorf("%s already exists; choose another -o, or remove it first", out)
		}
	}
	exists := false
	if f.File != "" {
		mf, err := mapfile.Read(f.File)
		switch {
		case err == nil:
			mf.Apply(opts)
			exists = true
		case !errors.Is(err, os.ErrNotExist):
			return msel.Result{}, err
		}
	}
	res := msel.ImportBook(book, *opts)
	if f.NoTUI || !needsReview(res, *opts) || !ui.Interactive(ui.In, stdout) {
		if f.File != "" && !exists && len(res.Problems) == 0 {
			return res, writeMapFile(stderr, f.File, mapfile.Of(res, *opts))
		}
		return res, nil
	}
	mapPath := f.File
	if mapPath == "" {
		mapPath = strings.TrimSuffix(file, filepath.Ext(file)) + ".map.yaml"
		if _, err := os.Stat(mapPath); err == nil {
			mapPath = "" // not ours to change: --map-file names it
		}
	}
	ui.Style()
	m := mapping.New(book, mapping.Options{Import: *opts, Output: out, MapFile: mapPath})
	if err := ui.Show(text.Unwrap(stdout), m); err != nil {
		return res, fmt.Errorf("the mapping screen stopped: %v; run again with --no-tui and --map", err)
	}
	if !m.Saved() {
		fmt.Fprintln(stderr, "ttx: the mapping screen was closed without saving; nothing was written")
		return res, ErrNotSaved
	}
	*opts, res = m.Options(), m.Result()
	if mapPath == "" {
		fmt.Fprintf(stderr, "The mapping was not saved: %s.map.yaml exists; name a file with --map-file to keep it\n", strings.TrimSuffix(file, filepath.Ext(file)))
		return res, nil
	}
	return res, writeMapFile(stderr, mapPath, mapfile.Of(res, *opts))
}

// writeMapFile writes the mapping file whole or not at all: through a
// file beside it, renamed over it.
func writeMapFile(stderr io.Writer, path string, mf *mapfile.File) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(mf.Marshal()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "Wrote the mapping to %s (%d columns); the next sheet laid out the same: ttx import NEXT.xlsx --map-file %s\n", path, len(mf.Columns), path)
	return nil
}
