package aar

import (
	"fmt"
	"io"
	"strings"

	"ttx/exercise/review"
	"ttx/exercise/review/aar/internal/section"
	"ttx/exercise/review/aar/internal/worddoc"
	"ttx/exercise/review/aar/internal/wordml"
)

// WriteDOCX writes the after-action report draft as a Word document
// (Office Open XML), the neutral document laid out by package worddoc:
// Word headings, tables whose header row repeats on each page, page
// numbers, a cover marked DRAFT with the verdict and a handling caveat,
// the caveat (and UNVERIFIED) in every page's header. paper is "a4" (when
// empty) or "letter". The same report always makes the same bytes.
func WriteDOCX(w io.Writer, r *review.Report, paper string) error {
	if paper == "" {
		paper = "a4"
	}
	pp, ok := wordml.PageSizes[strings.ToLower(paper)]
	if !ok {
		return fmt.Errorf("paper %q: choose a4 or letter", paper)
	}
	return worddoc.Write(w, section.Build(r), pp, r.Opened)
}
