package journal

import (
	"bytes"
	"os"
	"testing"

	"ttx/exercise/event"
)

// FuzzScan feeds arbitrary bytes to the session file reader: it must never
// panic, and what it reports must hold together.
func FuzzScan(f *testing.F) {
	valid, _ := os.ReadFile("testdata/seed.jsonl")
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte("{}\n"))
	f.Add([]byte(`{"v":1,"seq":0,"at":"2026-11-24T09:00:00.000Z","t":0,"type":"session.opened","by":"x","data":{},"prev":""}` + "\n"))
	f.Add([]byte("\x00\x00\n\xff"))
	// A fork (line 3 forged with its prev kept, before the genuine one),
	// a tail of non-events, and a seal without its newline.
	if lines := bytes.SplitAfter(valid, []byte("\n")); len(lines) > 3 {
		forged := bytes.Replace(lines[2], []byte(`"t":`), []byte(`"t": `), 1)
		f.Add(bytes.Join(append(append(append([][]byte{}, lines[:2]...), forged), lines[2:]...), nil))
	}
	f.Add(append(bytes.Clone(valid), "\n\ngarbage\n{\"v\":1"...))
	f.Add(bytes.TrimSuffix(valid, []byte("\n")))
	f.Add(append(bytes.Clone(valid), `{"v":2,"seq":5}`+"\n"...))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		rep, err := Scan(bytes.NewReader(data), func(event.Event) error { n++; return nil })
		if err != nil {
			return // only I/O errors, and a reader over bytes has none but a huge line
		}
		runsAgree(t, "fuzz", data) // verify's reading, however cut into blocks, and the full one
		// At a fork, the first branch was handed over before the second
		// showed it is not the record.
		if int64(n) != rep.Events && (rep.Fork == nil || int64(n) < rep.Events) {
			t.Fatalf("%d events handed over, %d counted", n, rep.Events)
		}
		if tl := rep.Tail; tl != nil && (rep.Break == nil || tl.Offset != rep.Size || tl.Offset+tl.Size != int64(len(data))) {
			t.Fatalf("tail %+v does not run from the intact %d bytes to the end (%d bytes)", tl, rep.Size, len(data))
		}
		if rep.Size > int64(len(data)) {
			t.Fatalf("intact size %d beyond the %d bytes read", rep.Size, len(data))
		}
		if rep.Torn != nil && rep.Torn.Offset+rep.Torn.Size != int64(len(data)) {
			t.Fatalf("torn tail %+v does not end the data (%d bytes)", rep.Torn, len(data))
		}
		if rep.Break == nil && rep.Torn == nil && rep.Newer == nil && rep.Size != int64(len(data)) {
			t.Fatalf("an intact file of %d bytes with only %d accounted for", len(data), rep.Size)
		}
	})
}
