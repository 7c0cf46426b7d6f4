package event

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// marshalJSON is how lines were written before AppendLine: the reference
// AppendLine must match byte for byte.
func marshalJSON(e Event) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	data := e.Data
	if len(data) == 0 {
		data = json.RawMessage("{}")
	}
	enc.Encode(wire{V: e.V, Seq: e.Seq, At: e.At.UTC().Format(TimeFormat), T: e.T.Milliseconds(), Type: e.Type, By: e.By, Data: data, Prev: e.Prev})
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func FuzzLine(f *testing.F) {
	f.Add("decision.recorded", "participant:Zoë Łódź", "Cordon <50m> & \"close\"\nthe road\t\u2028\x01\xff", int64(7), int64(5120), "ab12")
	f.Add("x", "", "", int64(0), int64(-1), "")
	f.Add("a\\b", "c\"d", "{}", int64(1<<40), int64(0), "zz")
	f.Add("inject.released", "facilitator:ana", "x", int64(3), int64(60000), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
	// A prev whose escape makes it 64 bytes in the line, as a hash is.
	f.Add("x", "", "", int64(1), int64(0), strings.Repeat("a", 62)+`"`)
	f.Add("x", "", "", int64(1), int64(0), strings.Repeat("a", 62)+`\`)
	f.Fuzz(func(t *testing.T, typ, by, text string, seq, ms int64, prev string) {
		e, err := New(typ, by, time.UnixMilli(1_790_000_000_000), time.Duration(ms)*time.Millisecond, map[string]string{"text": text})
		if err != nil {
			t.Skip()
		}
		e.Seq, e.Prev = seq, prev
		fast, ref := AppendLine(nil, e), marshalJSON(e)
		if !bytes.Equal(fast, ref) {
			t.Fatalf("AppendLine differs from encoding/json:\n%s\n%s", fast, ref)
		}
		if typ == "" {
			return
		}
		got, err := Unmarshal(fast)
		if err != nil {
			t.Fatalf("a written line does not read back: %v\n%s", err, fast)
		}
		want, err := unmarshalJSON(fast)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the fast reader and encoding/json disagree:\n%+v\n%+v", got, want)
		}
		shared, err := UnmarshalShared(fast, names)
		if shared.Prev == "" {
			// Left in the line for the chain check: it must be there.
			if p, ok := PrevIn(fast); ok {
				shared.Prev = string(p)
			}
		}
		if err != nil || !reflect.DeepEqual(shared.Bare(), want) {
			t.Fatalf("the shared reader disagrees: %v\n%+v\n%+v", err, shared, want)
		}
	})
}

// names is shared by every line FuzzLine reads, as a reader shares it.
var names = &Names{}

// TestSharedReadingDecodesDecisionsAhead: a decision read with
// UnmarshalShared carries its payload decoded, equal to what Decode reads
// from the bytes, and Bare drops it.
func TestSharedReadingDecodesDecisionsAhead(t *testing.T) {
	said := Said{Team: "police", Who: "Zoë", Text: "Hold\nthe \"line\"", Inject: "D-01", Kind: "action"}
	e, _ := New(DecisionRecorded, "participant:Ana", time.UnixMilli(1_790_000_000_123), 5*time.Second, said)
	line := AppendLine(nil, e)
	n := &Names{}
	a, err := UnmarshalShared(line, n)
	if err != nil || a.said == nil || *a.said != said {
		t.Fatalf("decision read with shared names: %+v %v", a.said, err)
	}
	var d Said
	if err := a.Decode(&d); err != nil || d != said {
		t.Fatalf("Decode of a decoded-ahead event: %+v %v", d, err)
	}
	b, _ := UnmarshalShared(line, n)
	if unsafe.StringData(a.By) != unsafe.StringData(b.By) || unsafe.StringData(a.said.Team) != unsafe.StringData(b.said.Team) {
		t.Error("a name read twice with the same Names was not shared")
	}
	if a.said.Text != b.said.Text || &a.Data[0] == &b.Data[0] {
		t.Error("two events share one payload copy")
	}
	if a.Bare().said != nil {
		t.Error("Bare kept the decoded payload")
	}
	// For a fold, the decoded payload is not copied raw as well, and the
	// fold reads the same decision; an event it cannot decode ahead keeps
	// its bytes.
	f, err := UnmarshalShared(line, &Names{Fold: true})
	if err != nil || f.Data != nil {
		t.Fatalf("a decision read for a fold kept its raw payload: %q %v", f.Data, err)
	}
	if d, err := saidOf(f); err != nil || d != said {
		t.Fatalf("the fold's copy of a decision read for it: %+v %v", d, err)
	}
	note, _ := New(NoteRecorded, "facilitator:ana", time.UnixMilli(1_790_000_000_123), 0, Note{Text: "x"})
	if g, _ := UnmarshalShared(AppendLine(nil, note), &Names{Fold: true}); string(g.Data) != `{"text":"x"}` {
		t.Fatalf("a note read for a fold lost its payload: %q", g.Data)
	}
}

func TestHandEditedLinesStillRead(t *testing.T) {
	for _, line := range []string{
		`{ "v": 1, "seq": 3, "at": "2026-11-24T09:00:05.120Z", "t": 5120, "type": "note.recorded", "by": "facilitator:ana", "data": {"text": "x"}, "prev": "ab" }`,
		`{"seq":3,"v":1,"at":"2026-11-24T09:00:05.120Z","t":5120,"type":"note.recorded","by":"facilitator:ana","data":{"text":"x"},"prev":"ab"}`,
		`{"v":1,"seq":3,"at":"2026-11-24T09:00:05.12Z","t":5120,"type":"note.recorded","by":"facilitator:ana","data":{"text":"x"},"prev":"ab"}`,
	} {
		e, err := Unmarshal([]byte(line))
		if err != nil || e.Seq != 3 || e.Type != "note.recorded" || !strings.Contains(string(e.Data), `"x"`) {
			t.Errorf("%s: %+v %v", line, e, err)
		}
	}
}

func TestWrittenLinesTakeTheFastPath(t *testing.T) {
	e, _ := New(DecisionRecorded, "participant:Ana", time.UnixMilli(1_790_000_000_123), 5*time.Second, Said{Team: "police", Text: "x"})
	for _, prev := range []string{"", strings.Repeat("ab", 32)} {
		e.Seq, e.Prev = 4, prev
		line := AppendLine(nil, e)
		got, _, ok := parseLine(line, true, true, nil)
		if !ok {
			t.Fatalf("a line as ttx writes it (prev %q) missed the fast path:\n%s", prev, line)
		}
		if got.Prev != prev || got.Seq != 4 || string(got.Data) != string(e.Data) || !got.At.Equal(e.At) {
			t.Errorf("fast path read %+v", got)
		}
	}
}
