package aar

import (
	"ttx/exercise/review"
	"ttx/exercise/review/aar/internal/section"
)

// document is the report's neutral document, which every writer lays
// out: its cover and its parts.
func document(r *review.Report) section.Document {
	return section.Document{Cover: cover(r)}
}

// cover is the report's first page in the HSEEP shape: the integrity
// verdict, the marking, the exercise's name, the kind of document, the
// date and the handling caveat.
func cover(r *review.Report) section.Cover {
	return section.Cover{
		Marking:   "DRAFT",
		Handling:  handling,
		Title:     r.Title,
		Kind:      "After-Action Report/Improvement Plan",
		Dates:     r.Opened.UTC().Format("Monday 2 January 2006"),
		Integrity: r.Integrity.Verdict(),
		Intact:    r.Integrity.Intact,
		Lines:     []string{"Drafted by ttx from the session file. Sections marked “to complete” are for the evaluation team."},
	}
}
