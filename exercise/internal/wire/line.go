// Package wire is the session file's fast line codec: the envelope of a
// line written and read by hand, flat payloads read by hand, and the
// sharing of repeated names across a long file. The journal writes and
// reads millions of lines, so this is done here rather than through
// encoding/json; both give the same bytes. Append writes exactly what
// encoding/json would (HTML left unescaped), and Parse accepts only the
// layout ttx writes, leaving anything else to encoding/json (event.Unmarshal
// is the plain path; the tests hold the two equal). The model, package
// event, reaches this only through its Marshal, Unmarshal and Decode.
package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// Line is one line of the session file, field for field as event.Event
// holds it, so that each converts to the other.
type Line struct {
	V    int
	Seq  int64
	At   time.Time
	T    time.Duration
	Type string
	By   string
	Data json.RawMessage
	Prev string
}

// TimeFormat is the layout of "at": RFC 3339, UTC, milliseconds.
const TimeFormat = "2006-01-02T15:04:05.000Z"

// JSON is the JSON shape of a line, fields in the documented order: what
// encoding/json writes and reads for one.
type JSON struct {
	V    int             `json:"v"`
	Seq  int64           `json:"seq"`
	At   string          `json:"at"`
	T    int64           `json:"t"`
	Type string          `json:"type"`
	By   string          `json:"by"`
	Data json.RawMessage `json:"data"`
	Prev string          `json:"prev"`
}

// ParseJSON reads any line encoding/json can, in any field order or
// spacing, and says why one is not an event: the plain path, which Parse
// is held to and falls back on.
func ParseJSON(line []byte) (Line, error) {
	var w JSON
	if err := json.Unmarshal(line, &w); err != nil {
		return Line{}, fmt.Errorf("not a valid event: %w", err)
	}
	if w.V < 1 {
		return Line{}, fmt.Errorf("not a valid event: missing format version \"v\"")
	}
	if w.Type == "" {
		return Line{}, fmt.Errorf("not a valid event: missing \"type\"")
	}
	at, err := time.Parse(time.RFC3339Nano, w.At)
	if err != nil {
		return Line{}, fmt.Errorf("not a valid event: \"at\" %s is not an RFC 3339 time", strconv.Quote(w.At))
	}
	return Line{V: w.V, Seq: w.Seq, At: at, T: time.Duration(w.T) * time.Millisecond,
		Type: w.Type, By: w.By, Data: w.Data, Prev: w.Prev}, nil
}

// Append appends the line as JSON (without the newline). e.Data must be
// compact JSON, as event.New and event.Unmarshal produce it.
func Append(buf []byte, e Line) []byte {
	data := e.Data
	if len(data) == 0 {
		data = []byte("{}")
	}
	buf = append(buf, `{"v":`...)
	buf = strconv.AppendInt(buf, int64(e.V), 10)
	buf = append(buf, `,"seq":`...)
	buf = strconv.AppendInt(buf, e.Seq, 10)
	buf = append(buf, `,"at":"`...)
	buf = e.At.UTC().AppendFormat(buf, TimeFormat)
	buf = append(buf, `","t":`...)
	buf = strconv.AppendInt(buf, e.T.Milliseconds(), 10)
	buf = append(buf, `,"type":`...)
	buf = appendString(buf, e.Type)
	buf = append(buf, `,"by":`...)
	buf = appendString(buf, e.By)
	buf = append(buf, `,"data":`...)
	buf = append(buf, data...)
	buf = append(buf, `,"prev":`...)
	buf = appendString(buf, e.Prev)
	return append(buf, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off.
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch b {
			case '\\', '"':
				buf = append(buf, '\\', b)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// Parse reads a line in exactly the layout Append writes, with strings
// free of escapes in type, by and prev. It reports false for anything
// else, which encoding/json then reads. keepData copies the payload;
// without it Data is nil (enough to check a file). keepPrev keeps a copy
// of prev; without it Prev is empty and PrevIn finds it in the line.
// names shares repeated strings (nil: none).
func Parse(line []byte, keepData, keepPrev bool, names *Names) (e Line, ok bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"v":`))
	if !ok {
		return e, false
	}
	var n int64
	if n, rest, ok = cutInt(rest, `,"seq":`); !ok {
		return e, false
	}
	e.V = int(n)
	if e.Seq, rest, ok = cutInt(rest, `,"at":"`); !ok || len(rest) < len(TimeFormat) {
		return e, false
	}
	if e.At, ok = parseStamp(rest[:len(TimeFormat)]); !ok {
		return e, false
	}
	if rest, ok = bytes.CutPrefix(rest[len(TimeFormat):], []byte(`","t":`)); !ok {
		return e, false
	}
	if n, rest, ok = cutInt(rest, `,"type":"`); !ok {
		return e, false
	}
	e.T = time.Duration(n) * time.Millisecond
	var raw []byte
	if raw, rest, ok = cutPlain(rest, `,"by":"`); !ok || len(raw) == 0 {
		return e, false
	}
	e.Type = names.Str(raw)
	if raw, rest, ok = cutPlain(rest, `,"data":`); !ok {
		return e, false
	}
	e.By = names.Str(raw)
	// The line ends with the previous line's hash: 64 hex digits, or
	// nothing on the first line.
	prev, ok := PrevIn(rest)
	if !ok {
		return e, false
	}
	data := rest[:len(rest)-len(`,"prev":""}`)]
	if len(prev) > 0 {
		data = rest[:len(rest)-hashSuffix]
		if keepPrev {
			e.Prev = string(prev)
		}
	}
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' {
		return e, false
	}
	if keepData {
		e.Data = names.Data(data)
	}
	return e, e.V >= 1
}

// PrevIn returns the previous line's hash as a line in ttx's own layout
// carries it (its last field), without copying it: empty on the first
// line, and false when the line does not end in a plain prev field. A
// reader that checks the chain takes prev from here rather than keep a
// copy of every hash it reads.
func PrevIn(line []byte) ([]byte, bool) {
	switch {
	case bytes.HasSuffix(line, []byte(`,"prev":""}`)):
		return line[:0], true
	case len(line) >= hashSuffix && bytes.HasSuffix(line[:len(line)-hashSuffix+len(`,"prev":`)], []byte(`,"prev":`)) &&
		line[len(line)-67] == '"' && line[len(line)-2] == '"' && line[len(line)-1] == '}':
		prev := line[len(line)-66 : len(line)-2]
		// Anything but the hash ttx wrote fails the chain check anyway;
		// only a quote or an escape would change how the line reads.
		// (Two byte searches: ContainsAny builds a set for each call.)
		if bytes.IndexByte(prev, '"') >= 0 || bytes.IndexByte(prev, '\\') >= 0 {
			return nil, false
		}
		return prev, true
	}
	return nil, false
}

// hashSuffix is the length of `,"prev":"` + 64 hex digits + `"}`.
const hashSuffix = len(`,"prev":"`) + 64 + len(`"}`)

// parseStamp reads "2006-01-02T15:04:05.000Z" by position.
func parseStamp(b []byte) (time.Time, bool) {
	if len(b) != 24 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[19] != '.' || b[23] != 'Z' {
		return time.Time{}, false
	}
	num := func(from, to int) (int, bool) {
		n := 0
		for _, c := range b[from:to] {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	sec, ok6 := num(17, 19)
	ms, ok7 := num(20, 23)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, ms*int(time.Millisecond), time.UTC)
	if t.Day() != d { // 31 April and the like
		return time.Time{}, false
	}
	return t, true
}

// cutInt reads a decimal integer followed by sep: at most 18 digits, no
// leading zero, an optional minus sign.
func cutInt(b []byte, sep string) (int64, []byte, bool) {
	i := 0
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		i++
	}
	var n int64
	digits := i
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		n = n*10 + int64(b[i]-'0')
		i++
		if i-digits > 18 {
			return 0, nil, false
		}
	}
	if i == digits || (i-digits > 1 && b[digits] == '0') || !bytes.HasPrefix(b[i:], []byte(sep)) {
		return 0, nil, false
	}
	if neg {
		n = -n
	}
	return n, b[i+len(sep):], true
}

// cutPlain reads a JSON string body with no escapes or control
// characters, ended by `"` + sep.
func cutPlain(b []byte, sep string) ([]byte, []byte, bool) {
	// The first quote must end the string: a body with a quote in it is
	// refused anyway.
	i := bytes.IndexByte(b, '"')
	if i < 0 || !bytes.HasPrefix(b[i+1:], []byte(sep)) {
		return nil, nil, false
	}
	body := b[:i]
	for _, c := range body {
		if c < 0x20 || c == '"' || c == '\\' {
			return nil, nil, false
		}
	}
	if !utf8.Valid(body) {
		return nil, nil, false
	}
	return body, b[i+1+len(sep):], true
}
