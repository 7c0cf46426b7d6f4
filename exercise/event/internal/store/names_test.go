package store

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// heap returns the bytes the heap holds once collected.
func heap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// TestResetLetsGoOfTheNamesItNumbered: a reader that takes each entry
// as it is appended and Resets the list (the report's streaming fold)
// holds no more at the end of a file whose every decision names a
// different person than a few thousand of their names; the entries it
// was handed keep theirs.
func TestResetLetsGoOfTheNamesItNumbered(t *testing.T) {
	pad := strings.Repeat("x", 200)
	var l Entries
	var kept []Entry
	cycle := func(from, to int) {
		for i := from; i < to; i++ {
			l = l.Append(Entry{Seq: int64(i), Who: fmt.Sprintf("who %d %s", i, pad), By: fmt.Sprintf("participant:p%d", i),
				At: time.Unix(int64(i), 0).In(time.FixedZone("", i%3000)), Text: "decided"})
			if e := l.At(0); i%10_000 == 0 {
				kept = append(kept, e)
			}
			l.Reset()
		}
	}
	cycle(0, 20_000)
	before := heap()
	cycle(20_000, 120_000)
	after := heap()
	defer runtime.KeepAlive(&l) // the reader goes on with its list
	if grown := int64(after) - int64(before); grown > 4<<20 {
		t.Errorf("100,000 more Reset cycles, each with names of its own, left the heap %d KiB larger; want it flat (under 4 MiB)", grown>>10)
	}
	for _, e := range kept {
		if want := fmt.Sprintf("who %d %s", e.Seq, pad); e.Who != want || e.By != fmt.Sprintf("participant:p%d", e.Seq) {
			t.Errorf("entry %d handed out before a Reset now names %.20q", e.Seq, e.Who)
		}
		if _, off := e.At.Zone(); off != int(e.Seq)%3000 || e.At.Unix() != e.Seq {
			t.Errorf("entry %d handed out before a Reset is now at %v", e.Seq, e.At)
		}
	}
}

// TestEveryLineInAZoneOfItsOwn: a file may give each line an offset of
// its own; sixty thousand of them are numbered as quickly as one (a
// table by name and offset, not a search through the zones seen), and
// each entry reads back in its zone. Past the numbers a record has room
// for, an entry keeps its instant, in UTC.
func TestEveryLineInAZoneOfItsOwn(t *testing.T) {
	const n = 1<<16 + 100
	var l Entries
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	for i := range n {
		l = l.Append(Entry{Seq: int64(i), At: at.In(time.FixedZone(fmt.Sprintf("Z%d", i%3), i-n/2))})
	}
	for i, e := range l.All() {
		name, off := e.At.Zone()
		switch {
		case !e.At.Equal(at):
			t.Fatalf("entry %d is at %v, want %v", i, e.At, at)
		case i < 1<<16-2 && (name != fmt.Sprintf("Z%d", i%3) || off != i-n/2):
			t.Fatalf("entry %d is in %s %d, want Z%d %d", i, name, off, i%3, i-n/2)
		case i >= 1<<16-2 && e.At.Location() != time.UTC:
			t.Fatalf("entry %d, past the zones a record can number, is in %v", i, e.At.Location())
		}
	}
}

// BenchmarkAppendInZonesOfTheirOwn appends entries each in a zone of its
// own (a file giving every line its own offset, as far as a record can
// number them): each costs as much as one in a zone seen before.
func BenchmarkAppendInZonesOfTheirOwn(b *testing.B) {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	zones := make([]*time.Location, 60_000)
	for i := range zones {
		zones[i] = time.FixedZone("", i-len(zones)/2)
	}
	var l Entries
	i := 0
	for b.Loop() {
		if i == len(zones) {
			l, i = Entries{}, 0
		}
		l = l.Append(Entry{Seq: int64(i), At: at.In(zones[i])})
		i++
	}
}
