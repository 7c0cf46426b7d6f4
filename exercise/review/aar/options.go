package aar

import (
	"fmt"
	"io"

	"ttx/exercise/review"
)

// Paper is the sheet a report is laid out for when printed.
type Paper string

// The papers a report can be laid out for.
const (
	A4     Paper = "a4"     // 210 × 297 mm, the default
	Letter Paper = "letter" // US Letter, 8.5 × 11 in
)

// ParsePaper reads a paper name as typed after --paper: a4 or letter, in
// any case. An empty name is A4.
func ParsePaper(s string) (Paper, error) {
	switch s {
	case "", "a4", "A4":
		return A4, nil
	case "letter", "Letter", "LETTER", "us-letter":
		return Letter, nil
	}
	return "", fmt.Errorf("--paper %q: choose a4 or letter", s)
}

// Size gives the sheet's width and height in millimetres.
func (p Paper) Size() (width, height float64) {
	if p == Letter {
		return 215.9, 279.4
	}
	return 210, 297
}

// css is the paper's name in a CSS @page size.
func (p Paper) css() string {
	if p == Letter {
		return "letter"
	}
	return "A4"
}

// Options are how a report is laid out. The zero value is A4.
type Options struct {
	// Paper is the sheet the report prints on.
	Paper Paper
}

// WriteHTML writes the report as one self-contained HTML file laid out to
// print on o.Paper; see the package's WriteHTML.
func (o Options) WriteHTML(w io.Writer, r *review.Report) error {
	return writeHTML(w, r, o)
}
