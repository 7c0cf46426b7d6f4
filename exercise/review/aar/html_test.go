package aar

import (
	"bufio"
	"bytes"
	"testing"

	"ttx/exercise/review/aar/internal/section"
)

// TestChartLabelsReadableOnPaper holds the swimlane chart's text to 8 pt
// once the chart is scaled to the printed page's width.
func TestChartLabelsReadableOnPaper(t *testing.T) {
	if pt := chartFont * printWidthPt / float64(chartWidth); pt < 8 {
		t.Errorf("chart text prints at %.1f pt, want 8 or more", pt)
	}
	for _, c := range []struct{ name, first, second string }{
		{"Metropolitan Police", "Metropolitan Police", ""},
		{"Borough emergency planning", "Borough emergency", "planning"},
		{"Supercalifragilisticexpialidocious", "Supercalifragilistice…", ""},
	} {
		if f, s := splitLabel(c.name); f != c.first || s != c.second {
			t.Errorf("splitLabel(%q) = %q, %q; want %q, %q", c.name, f, s, c.first, c.second)
		}
	}
}

// TestPlainCellIsSpans: a plain cell written straight out is the cell
// mdSpans builds, whatever its words hold.
func TestPlainCellIsSpans(t *testing.T) {
	for _, s := range []string{"", "\r", "\r\r\n", "plain", "a\nb", "a\r\nb\rc", "*_`[]<>#|~\\", "  lead and trail  ", "\x1b]52;c;x\a Zoë\n\n"} {
		var got bytes.Buffer
		w := bufio.NewWriter(&got)
		mdPlainCell(w, s)
		w.Flush()
		want := " |"
		if m := mdSpans([]section.Span{{Text: s}}, "<br>"); m != "" {
			want = " " + m + " |"
		}
		if got.String() != want {
			t.Errorf("%q: wrote %q, mdSpans gives %q", s, got.String(), want)
		}
	}
}
