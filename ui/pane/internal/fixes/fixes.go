// Package fixes draws the corrections of an entry (decision.amended,
// decision.struck) as the feed and the inject detail show them: the
// original struck through and words that say so, for a terminal that draws
// no strikethrough.
package fixes

import (
	"fmt"
	"strings"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/ui/internal/draw"
	"ttx/ui/theme"
)

// Word is what an entry's head says of its corrections: struck out, or
// amended (and how often).
func Word(fixes []event.Fix, struck *event.Fix) string {
	if struck != nil {
		return "struck out"
	}
	if n := amendments(fixes); n > 1 {
		return fmt.Sprintf("amended %d times", n)
	}
	return "amended"
}

// amendments counts the amendments among fixes.
func amendments(fixes []event.Fix) int {
	n := 0
	for _, f := range fixes {
		if !f.Struck {
			n++
		}
	}
	return n
}

// Lines are the lines under an entry's words, w cells wide: a decision's
// rationale and Joint Decision Model stage as corrected (now, of e and
// its fixes, event.Corrected), and for a corrected entry its original
// words struck through and who corrected it, when and why. The words say
// what the strikethrough shows, for a terminal without it.
func Lines(st *theme.Styles, e, now event.Entry, fixes []event.Fix, struck *event.Fix, w int) []string {
	var out []string
	line := func(style func(...string) string, label, text string) {
		first, _, _ := strings.Cut(text, "\n")
		out = append(out, "  "+st.Dim.Render(label)+style(draw.Truncate(first, max(w-2-len(label), 1))))
	}
	plain := func(s ...string) string { return strings.Join(s, "") }
	words := plain
	if struck != nil {
		words = st.Struck.Render
	}
	if amendments(fixes) > 0 && now.Text != e.Text {
		line(st.Struck.Render, "was: ", e.Text)
	}
	if now.Rationale != "" {
		line(words, "why: ", now.Rationale)
	}
	if now.Stage != "" {
		line(words, "stage: ", event.StageLabel(now.Stage))
	}
	if amendments(fixes) > 0 && now.Rationale != e.Rationale && e.Rationale != "" {
		line(st.Struck.Render, "why was: ", e.Rationale)
	}
	if n := amendments(fixes); n > 0 {
		var last *event.Fix
		for i := range fixes {
			if !fixes[i].Struck {
				last = &fixes[i]
			}
		}
		what := "amended"
		if n > 1 {
			what = fmt.Sprintf("amended %d times, last", n)
		}
		out = append(out, st.Dim.Render(draw.Truncate("  ✎ "+what+" by "+byRole(last.By)+" at "+clock.Format(last.T)+": "+oneLine(last.Reason), w)))
	}
	if struck != nil {
		out = append(out, st.Dim.Render(draw.Truncate("  ✗ struck out by "+byRole(struck.By)+" at "+clock.Format(struck.T)+": "+oneLine(struck.Reason), w)))
	}
	return out
}

// oneLine is s with its line breaks as spaces.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// byRole turns "participant:Ana Ruiz" into "Ana Ruiz (participant)": a
// corrector's role says whether they corrected their own entry or, as a
// controller, someone else's (a participant may share a controller's
// name).
func byRole(by string) string {
	if role, name, ok := strings.Cut(by, ":"); ok {
		return name + " (" + role + ")"
	}
	return by
}
