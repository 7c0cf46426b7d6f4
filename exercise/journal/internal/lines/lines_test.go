package lines

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"

	"ttx/exercise/event"
)

// TestReaderMatchesLineByLine: what the reader hands out on every core is
// what reading the file one line at a time gives: each line's bytes, its
// event, its hash and the prev it carries, in order, across many blocks
// and a torn tail.
func TestReaderMatchesLineByLine(t *testing.T) {
	var file bytes.Buffer
	var want [][]byte
	at := event.Event{}.At
	prev := ""
	for i := range 20000 {
		e, err := event.New(event.DecisionRecorded, "facilitator:ana", at, 0, map[string]string{"team": "fire", "text": fmt.Sprintf("decision %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		e.Seq, e.Prev = int64(i), prev
		line, err := event.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(line)
		prev = hex.EncodeToString(sum[:])
		want = append(want, line)
		file.Write(line)
		file.WriteByte('\n')
	}
	file.WriteString(`{"v":1,"seq":20000,"torn`)
	for _, w := range []Want{Chain, Events} {
		r := NewReader(bytes.NewReader(file.Bytes()), w, 1<<20)
		n := 0
		for {
			line, p, torn, eof, err := r.Line()
			if err != nil {
				t.Fatal(err)
			}
			if eof {
				if string(torn) != `{"v":1,"seq":20000,"torn` {
					t.Errorf("torn tail %q", torn)
				}
				break
			}
			sum := sha256.Sum256(want[n])
			if !bytes.Equal(line, want[n]) || p.Err != nil || p.Ev.Seq != int64(n) || string(p.Hash[:]) != hex.EncodeToString(sum[:]) {
				t.Fatalf("want %d: line %d differs: %q %v", w, n+1, line, p.Err)
			}
			if n > 0 {
				prevSum := sha256.Sum256(want[n-1])
				var h [64]byte
				hex.Encode(h[:], prevSum[:])
				if !p.PrevIs(&h) {
					t.Fatalf("line %d does not carry the hash of the line before", n+1)
				}
			}
			n++
		}
		r.Close()
		if n != len(want) {
			t.Errorf("want %d: %d lines handed out of %d", w, n, len(want))
		}
	}
}
