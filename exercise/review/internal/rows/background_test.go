package rows

import (
	"strings"
	"testing"
)

// TestSpillWrittenBehindReadsBackInOrder: rows and words put faster than
// one buffer can hold are written on the writer's goroutine, in order:
// after many buffers' worth, each row reads back with its own words,
// and putting more after reading back (a second writer) keeps the order.
func TestSpillWrittenBehindReadsBackInOrder(t *testing.T) {
	var rs Rows
	if !rs.Spill() {
		t.Skip("no temporary files here")
	}
	defer rs.Close()
	text := strings.Repeat("hold the east gate ", 40) // about 760 bytes: a buffer every 1,400 rows
	put := func(from, to int) {
		for i := from; i < to; i++ {
			rs.Put(Row{Seq: int64(i)}, 0, "police", "I1", "", "Officer", text+string(rune('a'+i%26)), "p:x", "")
		}
	}
	check := func(n int) {
		i := 0
		for d := range rs.All() {
			s, err := rs.Said(d)
			if err != nil || d.Seq != int64(i) || s.Text != text+string(rune('a'+i%26)) || s.Who != "Officer" {
				t.Fatalf("row %d reads back as seq %d %q (%v)", i, d.Seq, s.Text[len(s.Text)-5:], err)
			}
			i++
		}
		if i != n || rs.Err() != nil {
			t.Fatalf("%d rows read back of %d (%v)", i, n, rs.Err())
		}
	}
	put(0, 5000)
	check(5000)
	put(5000, 9000)
	check(9000)
}

// TestSpillWriteFailureIsReported: a write the writer goroutine fails is
// reported by Err, never lost with the rows it held.
func TestSpillWriteFailureIsReported(t *testing.T) {
	var rs Rows
	if !rs.Spill() {
		t.Skip("no temporary files here")
	}
	defer rs.Close()
	rs.spill.words.Close() // as a disk that fails under the writer
	for i := range 5000 {
		rs.Put(Row{Seq: int64(i)}, 0, "police", "I1", "", "Officer", strings.Repeat("x", 500), "p:x", "")
	}
	if rs.Err() == nil {
		t.Error("the words file could not be written, and Err says nothing")
	}
}
