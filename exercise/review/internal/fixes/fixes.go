// Package fixes decides which of a session file's corrections
// (decision.amended, decision.struck) the report applies: those the
// session would have taken. Any other (a file written by hand, or by a
// tool that does not check) becomes an anomaly that says why.
package fixes

import (
	"fmt"
	"strings"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// Targets returns the seqs of the entries the corrections name.
func Targets(fs []event.Fix) map[int64]bool {
	of := make(map[int64]bool, len(fs))
	for _, f := range fs {
		of[f.Of] = true
	}
	return of
}

// Authors adds to author who recorded each request, note or observation
// in lists that of names.
func Authors(author map[int64]string, of map[int64]bool, lists ...[]event.Entry) {
	for _, list := range lists {
		for _, e := range list {
			if of[e.Seq] {
				author[e.Seq] = e.By
			}
		}
	}
}

// Accept sorts the corrections fs, in journal order, into those the
// session would have taken (by the entry they correct, and as a list)
// and, for the rest, an anomaly each saying why it is not applied. A
// correction is taken only if it points at an entry recorded before it
// (author gives who recorded each), its author is the entry's or a
// facilitator, and the entry was not struck out before it.
func Accept(fs []event.Fix, author map[int64]string) (by map[int64][]event.Fix, taken []event.Fix, refused []string) {
	by = make(map[int64][]event.Fix, len(author))
	for _, f := range fs {
		if why := refuse(f, author, by[f.Of]); why != "" {
			kind := event.DecisionAmended
			if f.Struck {
				kind = event.DecisionStruck
			}
			refused = append(refused, fmt.Sprintf("event %d (%s) by %s corrects seq %d, %s: the correction is not applied", f.Seq, kind, f.By, f.Of, why))
			continue
		}
		by[f.Of] = append(by[f.Of], f)
		taken = append(taken, f)
	}
	return by, taken, refused
}

// refuse says why the session would not have taken correction f ("" if
// it would), given who recorded each entry and the corrections of its
// entry taken so far.
func refuse(f event.Fix, author map[int64]string, before []event.Fix) string {
	by, ok := author[f.Of]
	switch {
	case !ok:
		return "which records no decision, request, note or observation"
	case f.Of >= f.Seq:
		return "which comes after it in the file"
	case f.By != by && !strings.HasPrefix(f.By, scenario.RoleFacilitator+":"):
		return "recorded by " + by + ": only its author or a facilitator corrects an entry"
	}
	for _, g := range before {
		if g.Struck {
			return fmt.Sprintf("which was struck through by event %d before it", g.Seq)
		}
	}
	return ""
}
