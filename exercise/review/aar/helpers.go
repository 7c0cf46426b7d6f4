package aar

import (
	"time"

	"ttx/exercise/review"
	"ttx/exercise/review/aar/internal/section"
)

// The words the writers share; package section has them, as the parts of
// the neutral document use them too.

// improvementRows is how many blank rows the improvement plan starts with.
const improvementRows = section.ImprovementRows

// Ratings are the HSEEP performance ratings, in order.
var Ratings = section.Ratings

func sched(in review.InjectRow) string                     { return section.Sched(in) }
func injectOutcome(in review.InjectRow) string             { return section.InjectOutcome(in) }
func ratingSummary(m map[string]int) string                { return section.RatingSummary(m) }
func ratingLegend() string                                 { return section.RatingLegend() }
func minutes(d time.Duration) string                       { return section.Minutes(d) }
func hm(d time.Duration) string                            { return section.HM(d) }
func yesNo(b bool) string                                  { return section.YesNo(b) }
func orNone(s string) string                               { return section.OrNone(s) }
func byName(by string) string                              { return section.ByName(by) }
func responseCell(in review.InjectRow, team string) string { return section.ResponseCell(in, team) }

func minutesOrDash(d time.Duration, ok bool) string {
	if !ok {
		return "-"
	}
	return minutes(d)
}

// teamNameOr is a team's name, or its id.
func teamNameOr(r *review.Report, id string) string { return r.TeamName(id) }

// after is a decision's time after its inject's release: ", +4m 05s".
func after(d *review.DecisionRow) string {
	if !d.HasAfter {
		return ""
	}
	return ", +" + minutes(d.AfterRelease)
}
