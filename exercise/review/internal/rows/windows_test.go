package rows

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// countingReader counts the reads of a file.
type countingReader struct {
	r     io.ReaderAt
	reads int
}

func (c *countingReader) ReadAt(b []byte, off int64) (int, error) {
	c.reads++
	return c.r.ReadAt(b, off)
}

// TestBySaidReadsSpilledRowsAWindowAtATime: a decision log in said order
// over spilled rows, when that is not the saved order (forms open for
// minutes), reads the files a window at a time, not once a row: for an
// order close to the saved one (neighbours swapped) and for two seats'
// decisions interleaved (one seat's saved long after they were said).
// The rows and words read back are those put, in said order.
func TestBySaidReadsSpilledRowsAWindowAtATime(t *testing.T) {
	const n = 20000
	for name, said := range map[string]func(i int) time.Duration{
		"neighbours swapped": func(i int) time.Duration { return time.Duration(i^1) * time.Second },
		"two seats interleaved": func(i int) time.Duration {
			if i < n/2 {
				return time.Duration(2*i) * time.Second
			}
			return time.Duration(2*(i-n/2)+1) * time.Second
		},
	} {
		t.Run(name, func(t *testing.T) {
			var rs Rows
			if !rs.Spill() {
				t.Skip("no temporary file can be made here")
			}
			defer rs.Close()
			text := func(i int) string { return "text " + strconv.Itoa(i) + " " + strings.Repeat("w", 150+i%50) }
			for i := range n {
				rs.Put(Row{Seq: int64(i), SaidT: said(i)}, 0, "police", "L-01", "", "Officer "+strconv.Itoa(i%7), text(i), "facilitator:ana", "")
			}
			if err := rs.Flush(); err != nil {
				t.Fatal(err)
			}
			rows, words := &countingReader{r: rs.spill.rowsAt.r}, &countingReader{r: rs.spill.wordsAt.r}
			rs.spill.rowsAt.r, rs.spill.wordsAt.r = rows, words
			want := make([]int, n)
			for i := range want {
				want[i] = i
			}
			slices.SortStableFunc(want, func(a, b int) int { return cmp.Compare(said(a), said(b)) })
			k := 0
			for d := range rs.BySaid() {
				s, err := rs.Said(d)
				if i := want[k]; d.Seq != int64(i) || err != nil || s.Text != text(i) || s.Who != "Officer "+strconv.Itoa(i%7) {
					t.Fatalf("row %d in said order is %d %+v (%v), want %d", k, d.Seq, s, err, i)
				}
				k++
			}
			if k != n || rs.Err() != nil {
				t.Fatalf("BySaid yields %d rows of %d (%v)", k, n, rs.Err())
			}
			t.Logf("reads: rows %d, words %d", rows.reads, words.reads)
			if rows.reads > n/100 || words.reads > n/100 {
				t.Errorf("%d rows in said order read the rows file %d times and the words file %d, want at most %d each", n, rows.reads, words.reads, n/100)
			}
		})
	}
}

// BenchmarkBySaidTwoSeats lists spilled rows, and their words, in said
// order where two seats' decisions are interleaved.
func BenchmarkBySaidTwoSeats(b *testing.B) {
	const n = 200000
	var rs Rows
	if !rs.Spill() {
		b.Skip("no temporary file can be made here")
	}
	defer rs.Close()
	for i := range n {
		said := time.Duration(2*i) * time.Second
		if i >= n/2 {
			said = time.Duration(2*(i-n/2)+1) * time.Second
		}
		rs.Put(Row{Seq: int64(i), SaidT: said}, 0, "police", "L-01", "", "Officer", "Stop the trains at "+strconv.Itoa(i), "facilitator:ana", "")
	}
	b.ResetTimer()
	for b.Loop() {
		for d := range rs.BySaid() {
			if _, err := rs.Said(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/row")
}
