package rows

import (
	"errors"
	"os"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// TestRowIsSmallAndPointerFree: a fold-only report holds a row
// per decision, a million of them: each stays at 72 bytes with nothing in
// it for the garbage collector to follow.
func TestRowIsSmallAndPointerFree(t *testing.T) {
	if n := unsafe.Sizeof(Row{}); n > 72 {
		t.Errorf("a Row is %d bytes, want at most 72", n)
	}
	typ := reflect.TypeFor[Row]()
	for i := range typ.NumField() {
		switch f := typ.Field(i); f.Type.Kind() {
		case reflect.Pointer, reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan, reflect.Struct:
			t.Errorf("Row.%s is a %s: rows hold no pointers", f.Name, f.Type)
		}
	}
}

// TestStagesPastWhatARowNumbers: a crafted file with 300 invented stage
// ids: past the 254th, decisions read as "one of too many", never as
// another decision's stage (they read as the 255th).
func TestStagesPastWhatARowNumbers(t *testing.T) {
	var rs Rows
	rows := make([]*Row, 300)
	for i := range rows {
		rows[i] = rs.Add(Row{Seq: int64(i)}, InLog, 0, "police", "", "stage-"+strconv.Itoa(i))
	}
	if got := rs.Stage(rows[10]); got != "stage-10" {
		t.Errorf("decision 10's stage is %q", got)
	}
	for _, i := range []int{260, 299} {
		if got := rs.Stage(rows[i]); got != OtherStage {
			t.Errorf("decision %d's stage is %q, want %q", i, got, OtherStage)
		}
	}
}

// TestSpilledRowsReadBackAsPut: rows spilled to the temporary files read
// back as they were put, words and all, with corrections and release
// times applied; out of said order, BySaid sorts them; a pass inside
// another reads the same; a name longer than a row measures points to
// the session file instead.
func TestSpilledRowsReadBackAsPut(t *testing.T) {
	var rs Rows
	if !rs.Spill() {
		t.Skip("no temporary file can be made here")
	}
	defer rs.Close()
	n := batchRows + 10
	long := strings.Repeat("x", maxName+1)
	for i := range n {
		who := "Officer " + strconv.Itoa(i)
		if i == 7 {
			who = long
		}
		said := time.Duration(n-i) * time.Second // said in the reverse order
		rs.Put(Row{Seq: int64(10 + i), T: time.Duration(i) * time.Second, SaidT: said, Action: i%2 == 0}, int64(1000+i), "police", "L-01", "", who, "text "+strconv.Itoa(i), "facilitator:ana", "")
	}
	rs.Mark(12, MarkStruck)
	rs.Mark(13, MarkAmended)
	rs.Released("L-01", 0)
	i := 0
	for d := range rs.All() {
		if d.Seq != int64(10+i) || d.Action != (i%2 == 0) || d.Struck != (d.Seq == 12) || d.Amended != (d.Seq == 13) {
			t.Fatalf("row %d read back as %+v", i, d)
		}
		if d.HasAfter == d.Struck || d.HasAfter && d.AfterRelease != d.SaidT {
			t.Errorf("row %d: after release %v (%v), struck %v", i, d.AfterRelease, d.HasAfter, d.Struck)
		}
		if where, loc := d.Loc(); i == 7 {
			if where != InFile || loc != 1007 {
				t.Errorf("the row with a name too long for it points to %d %d, want the file at 1007", where, loc)
			}
		} else if s, err := rs.Said(d); err != nil || s.Who != "Officer "+strconv.Itoa(i) || s.Text != "text "+strconv.Itoa(i) || s.By != "facilitator:ana" {
			t.Errorf("row %d's words read back as %+v, %v", i, s, err)
		}
		if i == 3 {
			inner := 0
			for range rs.All() {
				inner++
			}
			if inner != n {
				t.Errorf("a pass inside another read %d rows, want %d", inner, n)
			}
		}
		i++
	}
	if i != n || rs.Err() != nil {
		t.Errorf("read back %d rows of %d, err %v", i, n, rs.Err())
	}
	var last time.Duration
	k := 0
	for d := range rs.BySaid() {
		if d.SaidT < last {
			t.Fatalf("BySaid: row %d said at %v after %v", k, d.SaidT, last)
		}
		last = d.SaidT
		k++
	}
	if k != n {
		t.Errorf("BySaid yields %d rows of %d", k, n)
	}
}

// TestSpillOnAFullDiskSaysSoBeforeReading: the words file on a full disk
// (/dev/full refuses every write): Flush, called once the rows are put,
// reports it, before a report is built from rows that were not kept.
func TestSpillOnAFullDiskSaysSoBeforeReading(t *testing.T) {
	var rs Rows
	if !rs.Spill() {
		t.Skip("no temporary file can be made here")
	}
	defer rs.Close()
	full, err := os.OpenFile("/dev/full", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	rs.spill.words.Close()
	rs.spill.words = full
	rs.spill.ww.f = full
	for i := range 5000 {
		rs.Put(Row{Seq: int64(i)}, 0, "police", "L-01", "", "Officer", "text "+strconv.Itoa(i), "facilitator:ana", "")
	}
	if err := rs.Flush(); err == nil || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Flush after writing to a full disk returns %v, want no space left", err)
	}
	if rs.Err() == nil {
		t.Errorf("Err after a failed flush is nil")
	}
}
