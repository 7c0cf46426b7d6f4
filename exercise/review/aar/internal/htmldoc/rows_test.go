package htmldoc

import (
	"fmt"
	"strings"
	"testing"

	"ttx/exercise/review/aar/internal/section"
)

// TestRowsInParallelSameAsInTurn: a table whose rows are made as it is
// written (a decision log) is written as HTML on several cores; the
// HTML is byte for byte that of writing its rows one after the other,
// for tables of no rows, fewer rows than a batch, and many batches.
func TestRowsInParallelSameAsInTurn(t *testing.T) {
	for _, n := range []int{0, 1, batchRows - 1, batchRows, 5*batchRows + 17} {
		rows := func(yield func([]section.Cell) bool) {
			for i := range n {
				c := []section.Cell{section.Plain(fmt.Sprint(i)), {section.Em("Action: "), section.Struck(fmt.Sprintf("<b>%d</b> & \"x\"\n", i)), section.Text("now")}}
				if !yield(c) {
					return
				}
			}
		}
		tb := &section.Table{Head: []string{"N", "What"}, More: rows}
		var inTurn, parallel strings.Builder
		write := func(w Writer, r []section.Cell) { writeRow(w, r, []int{0, 1}, func(int) bool { return false }, false) }
		for r := range tb.All() {
			write(&inTurn, r)
		}
		if any := writeRows(&parallel, tb.All(), write); any != (n > 0) {
			t.Errorf("%d rows: writeRows says there were rows: %v", n, any)
		}
		if inTurn.String() != parallel.String() {
			t.Errorf("%d rows: written in parallel, the HTML differs from the rows written in turn", n)
		}
		var whole strings.Builder
		Table(&whole, tb)
		if !strings.Contains(whole.String(), inTurn.String()) {
			t.Errorf("%d rows: the table does not hold its rows as written in turn", n)
		}
	}
}
