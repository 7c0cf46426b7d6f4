package wire

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// marshalJSON is how lines were written before Append: the reference
// Append must match byte for byte.
func marshalJSON(e Line) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	data := e.Data
	if len(data) == 0 {
		data = json.RawMessage("{}")
	}
	enc.Encode(JSON{V: e.V, Seq: e.Seq, At: e.At.UTC().Format(TimeFormat), T: e.T.Milliseconds(), Type: e.Type, By: e.By, Data: data, Prev: e.Prev})
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// newLine is a line as the journal writes one: its payload compact JSON
// with HTML left unescaped, its times in milliseconds.
func newLine(t testing.TB, typ, by string, ms int64, data any) Line {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		t.Fatal(err)
	}
	return Line{V: 1, At: time.UnixMilli(1_790_000_000_000).UTC(), T: time.Duration(ms) * time.Millisecond,
		Type: typ, By: by, Data: bytes.TrimSuffix(buf.Bytes(), []byte("\n"))}
}

func FuzzLine(f *testing.F) {
	f.Add("decision.recorded", "participant:Zoë Łódź", "Cordon <50m> & \"close\"\nthe road\t\u2028\x01\xff", int64(7), int64(5120), "ab12")
	f.Add("x", "", "", int64(0), int64(-1), "")
	f.Add("a\\b", "c\"d", "{}", int64(1<<40), int64(0), "zz")
	f.Add("inject.released", "facilitator:ana", "x", int64(3), int64(60000), "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
	// A prev whose escape makes it 64 bytes in the line, as a hash is.
	f.Add("x", "", "", int64(1), int64(0), strings.Repeat("a", 62)+`"`)
	f.Add("x", "", "", int64(1), int64(0), strings.Repeat("a", 62)+`\`)
	names := &Names{} // shared by every line, as a reader shares it
	f.Fuzz(func(t *testing.T, typ, by, text string, seq, ms int64, prev string) {
		e := newLine(t, typ, by, ms, map[string]string{"text": text})
		e.Seq, e.Prev = seq, prev
		fast, ref := Append(nil, e), marshalJSON(e)
		if !bytes.Equal(fast, ref) {
			t.Fatalf("Append differs from encoding/json:\n%s\n%s", fast, ref)
		}
		if typ == "" { // not an event: both refuse it
			if _, ok := Parse(fast, true, true, nil); ok {
				t.Fatalf("the line codec read a line with no type:\n%s", fast)
			}
			if _, err := ParseJSON(fast); err == nil {
				t.Fatalf("encoding/json's path read a line with no type:\n%s", fast)
			}
			return
		}
		want, err := ParseJSON(fast)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := Parse(fast, true, true, nil)
		if !ok {
			return // left to encoding/json
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("the line codec and encoding/json disagree:\n%+v\n%+v", got, want)
		}
		shared, ok := Parse(fast, true, false, names)
		if p, found := PrevIn(fast); !ok || !found || shared.Prev != "" {
			t.Fatalf("a line read without its prev: %v %v %q", ok, found, shared.Prev)
		} else {
			shared.Prev = string(p)
		}
		if !reflect.DeepEqual(shared, want) {
			t.Fatalf("the shared reader disagrees:\n%+v\n%+v", shared, want)
		}
	})
}

// TestNamesShareRepeatedStrings: a name read twice with one Names is one
// string, while each line's payload is a copy of its own.
func TestNamesShareRepeatedStrings(t *testing.T) {
	line := Append(nil, newLine(t, "decision.recorded", "participant:Ana", 5000, map[string]string{"team": "police", "text": "Hold"}))
	n := &Names{}
	a, okA := Parse(line, true, false, n)
	b, okB := Parse(line, true, false, n)
	if !okA || !okB {
		t.Fatalf("a written line missed the line codec:\n%s", line)
	}
	if unsafe.StringData(a.By) != unsafe.StringData(b.By) || unsafe.StringData(a.Type) != unsafe.StringData(b.Type) {
		t.Error("a name read twice with the same Names was not shared")
	}
	if string(a.Data) != string(b.Data) || &a.Data[0] == &b.Data[0] {
		t.Error("two lines share one payload copy")
	}
	if h, ok := Parse(line, false, false, n); !ok || h.Data != nil {
		t.Errorf("a header read kept the payload: %q", h.Data)
	}
}

func TestWrittenLinesTakeTheFastPath(t *testing.T) {
	e := newLine(t, "decision.recorded", "participant:Ana", 5000, map[string]string{"team": "police", "text": "x"})
	for _, prev := range []string{"", strings.Repeat("ab", 32)} {
		e.Seq, e.Prev = 4, prev
		line := Append(nil, e)
		got, ok := Parse(line, true, true, nil)
		if !ok {
			t.Fatalf("a line as ttx writes it (prev %q) missed the fast path:\n%s", prev, line)
		}
		if got.Prev != prev || got.Seq != 4 || string(got.Data) != string(e.Data) || !got.At.Equal(e.At) {
			t.Errorf("fast path read %+v", got)
		}
	}
}

// FuzzChain holds ParseChain to Parse: the same lines accepted, the same
// fields read, the same prev found.
func FuzzChain(f *testing.F) {
	line := Append(nil, newLine(f, "decision.recorded", "participant:Zoë", 5000, map[string]string{"text": "x"}))
	f.Add(line)
	e := newLine(f, "session.opened", "facilitator:ana", 0, map[string]string{})
	e.Prev = strings.Repeat("ab", 32)
	f.Add(Append(nil, e))
	for _, stamp := range []string{"2024-02-29T23:59:59.999Z", "2023-02-29T00:00:00.000Z", "2026-04-31T00:00:00.000Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2026-1/-01T00:00:00.000Z", "2026-11-24T24:00:00.000Z"} {
		f.Add(bytes.Replace(line, []byte(e.At.Format(TimeFormat)), []byte(stamp), 1))
	}
	f.Add([]byte(`{"v":1,"seq":0,"at":"2026-11-24T09:00:00.000Z","t":0,"type":"a\u0001","by":"x","data":{},"prev":""}`))
	f.Add([]byte(`{"v":0,"seq":-1,"at":"2026-11-24T09:00:00.000Z","t":-5,"type":"é","by":"\xff","data":{},"prev":""}`))
	names := &Names{}
	f.Fuzz(func(t *testing.T, line []byte) {
		want, okWant := Parse(line, false, false, names)
		got, prev, ok := ParseChain(line, names)
		if ok != okWant {
			t.Fatalf("Parse says %v, ParseChain %v:\n%q", okWant, ok, line)
		}
		if !ok {
			return
		}
		wantPrev, _ := PrevIn(line)
		want.By = ""
		if !reflect.DeepEqual(got, want) || !bytes.Equal(prev, wantPrev) {
			t.Fatalf("ParseChain read\n%+v %q\nParse\n%+v %q", got, prev, want, wantPrev)
		}
	})
}

// TestStampFastIsParseStamp: every day of the month's edges, in leap and
// common years and centuries, read the same by both.
func TestStampFastIsParseStamp(t *testing.T) {
	for _, y := range []int{0, 1, 4, 99, 100, 400, 1600, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 9999} {
		for mo := 0; mo <= 13; mo++ {
			for d := 0; d <= 32; d++ {
				s := fmt.Sprintf("%04d-%02d-%02dT23:59:58.123Z", y, mo, d)
				want, okWant := parseStamp([]byte(s))
				got, ok := stampFast([]byte(s))
				if ok != okWant || got != want {
					t.Fatalf("%s: parseStamp %v %v, stampFast %v %v", s, want, okWant, got, ok)
				}
			}
		}
	}
}

// TestHexIsEncodingHex: HexInto writes what encoding/hex does, and HexIs
// takes exactly that, not upper case, not one digit off.
func TestHexIsEncodingHex(t *testing.T) {
	for i := range 2000 {
		sum := sha256.Sum256([]byte(strconv.Itoa(i)))
		want := hex.EncodeToString(sum[:])
		var got [64]byte
		if HexInto(&got, &sum); string(got[:]) != want {
			t.Fatalf("HexInto %s, want %s", got, want)
		}
		if !HexIs([]byte(want), &sum) || HexIs([]byte(strings.ToUpper(want)), &sum) && strings.ToUpper(want) != want {
			t.Fatalf("HexIs wrong on %s", want)
		}
		for j := range 64 {
			b := []byte(want)
			b[j] ^= 1
			if HexIs(b, &sum) {
				t.Fatalf("HexIs took %s for %s", b, want)
			}
		}
	}
}

// TestDigitsIsCutInt: the integers of a line read eight digits at a time
// are those cutInt reads one at a time, and refused where it refuses.
func TestDigitsIsCutInt(t *testing.T) {
	var cases []string
	for _, n := range []string{"0", "7", "00", "01", "-0", "-", "", "12345678", "123456789", "9999999999", "123456789012345678", "1234567890123456789", "-123456789012345678", "99999999999999999999"} {
		cases = append(cases, n, n+",", n+`,"type":"x"`, n+"x,")
	}
	for i := int64(1); i < 1e18; i = i*7 + 3 {
		cases = append(cases, strconv.FormatInt(i, 10)+`,"at":`, "-"+strconv.FormatInt(i, 10)+`,"at":`)
	}
	for _, c := range cases {
		want, wrest, wok := cutInt([]byte(c), ",")
		got, rest, ok := digits([]byte(c))
		if ok && (len(rest) == 0 || rest[0] != ',') {
			ok = false
		}
		if ok != wok || ok && (got != want || string(rest[1:]) != string(wrest)) {
			t.Errorf("%q: cutInt %d %v, digits %d %v", c, want, wok, got, ok)
		}
	}
}

// TestLinksExpectTheNextSeq: reading lines one after another, with the
// seq after the last one taken by comparison, reads every seq as a line
// alone reads it: counting on past 9, 99 and 999, going back, jumping.
func TestLinksExpectTheNextSeq(t *testing.T) {
	var c Links
	for _, seq := range []int64{0, 1, 2, 8, 9, 10, 11, 98, 99, 100, 101, 999, 1000, 1000, 7, 8, -1, 0, 1, 1e17, 1e17 + 1, 12} {
		line := Append(nil, Line{V: 1, Seq: seq, Type: "x", Data: []byte("{}")})
		want, okWant := ParseLink(line)
		var got Link
		ok := c.Parse(line, &got)
		if ok != okWant || got.Seq != want.Seq || got.Seq != seq {
			t.Fatalf("seq %d: read %d %v, alone %d %v", seq, got.Seq, ok, want.Seq, okWant)
		}
	}
}

// FuzzLinks holds Links, which reads a file's lines one after another
// and takes what repeats from the line before, to ParseLink of each line
// alone.
func FuzzLinks(f *testing.F) {
	var file []byte
	for i := range 12 {
		e := newLine(f, "decision.recorded", "participant:Zoë", int64(i)*999, map[string]string{"text": "x"})
		e.Seq = int64(i + 8)
		file = append(append(file, Append(nil, e)...), '\n')
	}
	f.Add(file)
	f.Add(bytes.ReplaceAll(file, []byte(`"by":"participant:Zoë"`), []byte(`"by":"participant:Zo\"`)))
	f.Add(bytes.ReplaceAll(file, []byte(`decision.recorded`), []byte(`decision.recordedd`)))
	f.Fuzz(func(t *testing.T, file []byte) {
		var c Links
		for _, line := range bytes.Split(file, []byte("\n")) {
			want, okWant := ParseLink(line)
			var got Link
			ok := c.Parse(line, &got)
			if ok != okWant || ok && !reflect.DeepEqual(got, want) {
				t.Fatalf("%q: read after the lines before %+v %v, alone %+v %v", line, got, ok, want, okWant)
			}
		}
	})
}
