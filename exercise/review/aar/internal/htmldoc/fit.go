package htmldoc

import (
	"strings"
	"unicode/utf8"

	"ttx/exercise/review/aar/internal/section"
)

// The printed width a table's columns share, in points (A4's width less
// the page margins; Letter's is wider), and the type the HTML sets a
// table in: 8.5 pt, 7.5 pt in a wide table and 6.5 pt in a wider one. A
// character takes charEm of the type's size: a digit of a wide
// sans-serif face (DejaVu Sans).
const (
	printWidthPt = 516
	typePt       = 8.5
	wideTypePt   = 7.5
	widerTypePt  = 6.5
	charEm       = 0.64
	cellPadPt    = 7   // a cell's padding and border
	longestWord  = 14  // a longer word may be broken to fit
	textRunes    = 40  // beyond this a cell's length does not widen its column
	boldWidth    = 1.2 // a heading's bold character, to a cell's
)

// Shares are the parts of the table's width its cols columns take, adding
// up to 1: Widths' shares when the table gives them, else shares of what
// the columns hold. Either way each column gets at least the width of its
// longest word (up to longestWord characters), so that a time or an id is
// not broken in the middle; when the words cannot all fit, the columns
// share the width by their longest words. A column is no wider than its
// longest cell needs (a column empty in every row only as wide as its
// heading), what it would have had going to the others.
//
// A heading's words are kept whole too: browsers do not all hyphenate
// (headless Chromium on Linux printed "Metropolitan" as "Metrop" over
// "olitan"), so no writer counts on it.
func Shares(t *section.Table, cols int) []float64 { return SharesIn(t, cols, printWidthPt, 0, 0) }

// SharesIn are Shares on a printed width of widthPt points, in a type of
// sizePt points (0: the HTML's, by the number of columns), with cells
// padded by padPt points in all (0: the HTML's). Word and LibreOffice do
// not hyphenate either: they broke "Answered" into "Answere" and "d".
func SharesIn(t *section.Table, cols int, widthPt, sizePt, padPt float64) []float64 {
	if padPt == 0 {
		padPt = cellPadPt
	}
	longest := make([]int, cols)
	length := make([]int, cols)
	filled := make([]bool, cols)    // a row has text in the column
	cellLength := make([]int, cols) // the longest cell's length
	headWord := make([]int, cols)   // the heading's longest word
	// see counts a cell's characters. A heading's longest word counts
	// for less: a browser hyphenates a long heading word (the page is in
	// English), where a time or an id in a cell must stay whole.
	see := func(i int, s string, head bool) {
		for _, f := range strings.Fields(s) {
			n := utf8.RuneCountInString(f)
			if head {
				headWord[i] = max(headWord[i], min(n, longestWord))
				n = (n*3 + 3) / 4
			}
			longest[i] = max(longest[i], min(n, longestWord))
		}
		length[i] = max(length[i], min(utf8.RuneCountInString(s), textRunes))
		if !head {
			filled[i] = filled[i] || strings.TrimSpace(s) != ""
			cellLength[i] = max(cellLength[i], min(utf8.RuneCountInString(s), textRunes))
		}
	}
	for i, h := range t.Head {
		see(i, h, true)
	}
	for _, r := range t.Rows {
		for i, c := range r {
			var b strings.Builder
			for _, s := range c {
				b.WriteString(s.Text)
			}
			see(i, b.String(), false)
		}
	}
	weights := make([]float64, cols)
	given := len(t.Widths) == cols
	someFilled := false // a table of blank rows is for filling in
	for _, f := range filled {
		someFilled = someFilled || f
	}
	for i := range weights {
		switch {
		case given && t.Widths[i] > 0:
			weights[i] = float64(t.Widths[i])
		case given:
			weights[i] = 1
		default:
			weights[i] = float64(max(length[i], longest[i], 3))
		}
		if someFilled && !filled[i] {
			weights[i] = 1e-3 // empty in every row: as wide as its heading
		}
	}
	shares := normal(weights)
	if sizePt == 0 {
		switch {
		case cols >= widerColumns:
			sizePt = widerTypePt
		case cols >= wideColumns:
			sizePt = wideTypePt
		default:
			sizePt = typePt
		}
	}
	char := sizePt * charEm
	floor := make([]float64, cols)
	need := 0.0
	for i := range floor {
		// Its longest word whole, and its heading's in bold.
		floor[i] = max(float64(longest[i])*char, boldWidth*float64(headWord[i])*char) + padPt
		if someFilled && !filled[i] {
			// Only its heading to show.
			floor[i] = boldWidth*float64(headWord[i])*char + padPt
		}
		floor[i] /= widthPt
		need += floor[i]
	}
	if need >= 1 {
		return normal(floor) // the words cannot all fit: share by them
	}
	// A column needs no more than its longest cell on one line, or its
	// heading's longest word whole (when the table has text at all): ceil. When every column's cells fit on one
	// line, the proportions stand.
	ceil := make([]float64, cols)
	total := 0.0
	for i := range ceil {
		need := max(float64(cellLength[i]), boldWidth*float64(headWord[i]))
		ceil[i] = max(floor[i], (need*char+padPt)/widthPt)
		total += ceil[i]
	}
	if !someFilled || total <= 1 {
		for i := range ceil {
			ceil[i] = 2 // no ceiling
		}
	}
	// Hold the columns below their floor at it and those above their
	// ceiling at that, and share what is left among the others in their
	// proportions, until every column is within its bounds.
	held := make([]float64, cols) // 0: not held
	for {
		left, rest := 1.0, 0.0
		for i := range shares {
			if held[i] > 0 {
				left -= held[i]
			} else {
				rest += weights[i]
			}
		}
		if rest == 0 {
			return fitHeld(held, floor)
		}
		changed := false
		for i := range shares {
			if held[i] > 0 {
				shares[i] = held[i]
				continue
			}
			shares[i] = left * weights[i] / rest
			switch {
			case shares[i] < floor[i]:
				held[i], changed = floor[i], true
			case shares[i] > ceil[i]:
				held[i], changed = ceil[i], true
			}
		}
		if !changed {
			return shares
		}
	}
}

// fitHeld are the shares when every column is held at its floor or its
// ceiling: scaled up to fill the width, or, when they overflow it, the
// columns above their floor give up the excess in proportion to what
// they have above it, so that no column falls below its longest word.
func fitHeld(held, floor []float64) []float64 {
	total, slack := 0.0, 0.0
	for i := range held {
		total += held[i]
		slack += held[i] - floor[i]
	}
	if total <= 1 || slack <= total-1 {
		return normal(held)
	}
	out := make([]float64, len(held))
	for i := range held {
		out[i] = held[i] - (total-1)*(held[i]-floor[i])/slack
	}
	return out
}

// normal is weights scaled to add up to 1.
func normal(weights []float64) []float64 {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	out := make([]float64, len(weights))
	for i, w := range weights {
		out[i] = w / total
	}
	return out
}
