// Package outfile writes what ttx makes to standard output or to a file
// that is there whole or not at all.
package outfile

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
)

// Write writes with write to standard output, or to the file out
// (unless "" or "-"): to a temporary file beside it, renamed to out once
// it is complete, so that a report that fails midway never leaves a short
// file under that name (nor replaces an earlier one).
func Write(stdout io.Writer, out string, write func(io.Writer) error) error {
	if out == "" || out == "-" {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), out)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
